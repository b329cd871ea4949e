"""Law-file facts corrected against the statutes (issue 11, "Law files (confirmed errors)").

Each test cites the source it checks the shipped file against, and asserts the fact through
the loaded ``Law`` model, a regulator record, or ``rights laws show`` (text or ``--json``).
"""

from __future__ import annotations

import datetime as dt
import json

from rights.law import load as j

ROOT = j.data_folder()


def law(law_id: str):
    return j.load_law(ROOT, law_id)


def regulator(reg_id: str):
    (found,) = j.load_regulators(ROOT, [reg_id])
    return found


def test_cpa_opt_out_is_1306_1_a_I() -> None:
    """C.R.S. §6-1-1306(1)(a)(I) is the right to opt out; (1)(a)(II) is the authorised
    person / universal opt-out technology. Source (statute text): https://casetext.com/
    statute/colorado-revised-statutes/.../section-6-1-1306-consumer-personal-data-rights-repeal
    """
    cpa = law("cpa")
    assert cpa.rights["opt-out"].citation == "C.R.S. §6-1-1306(1)(a)(I)"
    assert any("(1)(a)(II)" in n.text and n.tag == "V" for n in cpa.rights["opt-out"].notes)
    assert any("section-6-1-1306" in s for s in cpa.sources)


def test_njdpa_rights_are_56_8_166_10_a() -> None:
    """N.J.S.A. 56:8-166.10(a)(1)-(5): confirm/access, correct, delete, portable copy, opt
    out. Source (statute text): https://self-law.org/code/nj/title-56/chapter-8/56-8-166-10
    """
    nj = law("njdpa")
    expected = {"access": 1, "correction": 2, "deletion": 3, "portability": 4, "opt-out": 5}
    for right, n in expected.items():
        assert nj.rights[right].citation == f"N.J.S.A. 56:8-166.10(a)({n})"
    assert "https://self-law.org/code/nj/title-56/chapter-8/56-8-166-10" in nj.sources


def test_lgpd_in_force_18_sep_2020_sanctions_from_1_aug_2021() -> None:
    """The LGPD took effect when Lei 14.058/2020 was published in the DOU of 18 Sep 2020;
    sanctions from August 2021. Sources: https://1oficiomontesclaros.com.br/saiba-mais-sobre-
    a-lei-geral-de-protecao-de-dados/ ; https://tecnoblog.net/368094/lgpd-lei-de-protecao-a-
    dados-pessoais-comeca-a-valer/ (both secondary: V2)."""
    lgpd = law("lgpd")
    assert lgpd.effective == dt.date(2020, 9, 18)
    assert lgpd.effective_note is not None
    assert "14.058/2020" in lgpd.effective_note.text
    assert lgpd.effective_note.tag == "V2"
    assert any("1 Aug 2021" in n.text for n in lgpd.notes)


def test_iowa_grants_the_opt_out_of_sale_only_targeted_ads_disputed() -> None:
    """Iowa Code §715D.3(1) lists confirm/access, deletion, portability and the opt-out of
    sale; targeted advertising is a disclosure duty (§715D.4). Sources:
    https://law.counselstack.com/statute/ia/715D.3 ; https://www.recordinglaw.com/us-laws/
    data-privacy-laws/iowa-data-privacy-laws/icdpa-consumer-rights/"""
    ia = law("icdpa")
    opt_out = ia.rights["opt-out"]
    assert "sale" in opt_out.summary
    assert "Opt out of the sale of personal data and of targeted" not in opt_out.summary
    disputed = [n for n in opt_out.notes if "Targeted advertising" in n.text]
    assert len(disputed) == 1
    assert disputed[0].tag == "U"
    assert disputed[0].uncertain and "disputed" in disputed[0].uncertain
    assert "§715D.4" in disputed[0].text
    assert set(ia.rights) == {"access", "deletion", "portability", "opt-out"}


def test_ccpa_note_says_a_holiday_last_day_moves() -> None:
    """CCP §12a(a)-(b): a period whose last day is a holiday (Saturdays, Sundays, CCP §135
    holidays) runs to the next day that is not a holiday; Civ. Code §10 excludes a holiday
    last day. Sources: https://casetext.com/statute/california-codes/california-code-of-civil-
    procedure/division-preliminary-provisions/section-12a-last-day-for-performing-act-holiday ;
    https://self-law.org/code/ca/government-code/6800"""
    ccpa = law("ccpa")
    assert not any("No CCPA deadline moves" in n.text for n in ccpa.notes)
    (roll,) = [n for n in ccpa.notes if "§12a" in n.text]
    assert "Civ. Code §10" in roll.text
    assert "next day that is not a holiday" in roll.text
    assert roll.tag == "V"


def test_tennessee_consumer_affairs_is_in_the_ag_office_since_30_sep_2019() -> None:
    """Tennessee: "As of September 30, 2019, the Division will be housed within the Consumer Protection
    Division of the Tennessee Attorney General's Office." Source: https://www.tn.gov/
    attorneygeneral/working-for-tennessee/consumer-affairs.html"""
    tn = regulator("tn-ag")
    assert tn.note and "30 Sep 2019" in tn.note
    assert "Department of Commerce and Insurance), per the source" not in tn.note
    assert tn.sources[0] == (
        "https://www.tn.gov/attorneygeneral/working-for-tennessee/consumer-affairs.html"
    )


def test_gdpr_restriction_right_is_art_18_with_18_1_a(cli) -> None:
    """GDPR Art. 18(1)(a): restriction while the accuracy is contested. Source (article
    text): https://privacy-web.nl/en/wetgeving/algemene-verordening-gegevensbescherming-avg-2/
    artikel-18/"""
    for law_id in ("gdpr", "uk-gdpr"):
        limit = law(law_id).rights["limit"]
        assert limit.citation == "Art. 18"
        assert any("Art. 18(1)(a)" in n.text and n.tag == "V" for n in limit.notes)
    r = cli("laws", "show", "gdpr")
    assert r.code == 0
    assert "right: limit — Art. 18" in r.out


def test_gdpr_automated_decisions_art_22_3_shown(cli) -> None:
    """GDPR Art. 22(3): at least the right to obtain human intervention, to express one's
    point of view and to contest the decision. Source: https://www.law-reg.org/gdpr-en/
    regulations/proceedings-of-the-controller-in-case-of-the-article-22-paragraph-2-points-a-c-
    application"""
    gdpr = law("gdpr")
    assert gdpr.letter_citations["automated-decision"] == "Art. 22 GDPR"
    assert gdpr.letter_citations["automated"] == "Art. 15(1)(h) GDPR"
    r = cli("laws", "show", "gdpr")
    assert "Automated decisions (Art. 22)" in r.out
    for words in ("human intervention", "point of view", "contest the decision"):
        assert words in r.out


def test_uk_automated_decisions_arts_22a_22d(cli) -> None:
    """UK GDPR Arts. 22A-22D replace Art. 22, in force 5 Feb 2026 (SI 2026/82 reg. 2).
    Sources: https://bratby.law/data-use-and-access-act-2025-commencement/ ;
    https://www.kennedyslaw.com/en/thought-leadership/article/2025/the-uk-dua-act-s-reform-
    pillars-divergence-from-the-eu-gdpr-automated-decision-making-adm"""
    uk = law("uk-gdpr")
    assert uk.letter_citations["automated-decision"] == "Arts. 22A-22D UK GDPR"
    r = cli("laws", "show", "uk-gdpr", "--json")
    notes = json.loads(r.out)["law"]["notes"]
    (adm,) = [n for n in notes if "22A-22D" in n["text"]]
    assert "5 Feb 2026" in adm["text"] and "Art. 22C" in adm["text"]
    assert adm["tag"] == "V2"


def test_pipeda_complaint_within_six_months() -> None:
    """PIPEDA s.11(3): a complaint about a refused s.8 request within six months (or longer
    if the Commissioner allows). Sources: https://proteuscyber.com/privacy-database/pipeda-11 ;
    http://laws-lois.justice.gc.ca/eng/acts/p-8.6/page-6.html"""
    pipeda = law("pipeda")
    assert pipeda.complaints is not None
    assert "six months" in pipeda.complaints.text and "s.11(3)" in pipeda.complaints.text
    assert pipeda.complaints.tag == "V"


def test_ctdpa_withdraw_consent_cites_42_520_a_6_marked_uncertain() -> None:
    """Conn. Gen. Stat. §42-520(a)(6) (controller duties: revocation of consent), as read in
    issue 11; the subsection text was not seen here, so the note is tagged U."""
    wc = law("ctdpa").rights["withdraw-consent"]
    assert wc.citation == "Conn. Gen. Stat. §42-520(a)(6)"
    assert any(n.tag == "U" and "§42-520(a)(6)" in n.text for n in wc.notes)


def test_cppa_complaint_form_and_maryland_current_site() -> None:
    """CPPA complaint form: https://cppa.ca.gov/webapplications/complaint (seen in an archived
    copy; named by https://ca.gov/departments/315). Maryland AG: pages served from
    https://www.marylandattorneygeneral.gov/ (e.g. .../Pages/IdentityTheft/breachnotices.aspx).
    """
    cppa = regulator("cppa")
    assert cppa.complaint_url == "https://cppa.ca.gov/webapplications/complaint"
    assert "https://ca.gov/departments/315" in cppa.sources
    md = regulator("md-ag")
    assert md.web == "https://www.marylandattorneygeneral.gov/"
    assert any(s.startswith("https://www.marylandattorneygeneral.gov/") for s in md.sources)
