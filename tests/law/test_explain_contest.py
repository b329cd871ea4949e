"""The rights explain and contest as law data (issue 14 points 2-4, acceptance 2): which laws
grant them, citations, since dates and deadlines (law.md sections 2-4, 6.2, 6.3, 6.14, 7, 9,
10; law-fcra section 11)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rights.core.vocabulary import normalise_right
from rights.law import load as j


def deadline(cli, law_id: str, right: str, received: str):
    return cli("deadline", "--law", law_id, "--right", right, "--received", received, "--json")


@pytest.mark.parametrize(
    ("alias", "right"),
    [("explanation", "explain"), ("logic", "explain"), ("human-review", "contest"),
     ("dispute-decision", "contest")],
)  # fmt: skip
def test_aliases(alias: str, right: str) -> None:
    assert normalise_right(alias) == right


CITATIONS = {
    "gdpr": ("Art. 15(1)(h)", "Art. 22(3)"),
    "uk-gdpr": ("Art. 15(1)(h)", "Art. 22C"),
    "ch-fadp": ("FADP Art. 25(2)(f)", "FADP Art. 21(2)"),
    "lgpd": ("LGPD Art. 20 §1", "LGPD Art. 20"),
    "qc-law25": ("P-39.1 s.12.1", "P-39.1 s.12.1"),
    "ccpa": ("11 CCR §7222", "11 CCR §7221"),
    "cpa": ("Colo. SB 26-189 (2026)", "Colo. SB 26-189 (2026)"),
    "mn-cdpa": ("Minn. Stat. §325M.14 subd. 1", "Minn. Stat. §325M.14 subd. 1"),
}


@pytest.mark.parametrize("law_id", sorted(CITATIONS))
def test_explain_and_contest_citations(law_id: str) -> None:
    law = j.load_law(j.data_folder(), law_id)
    assert (law.rights["explain"].citation, law.rights["contest"].citation) == CITATIONS[law_id]


@pytest.mark.parametrize(
    ("law_id", "since"),
    [("ccpa", "2027-01-01"), ("cpa", "2027-01-01"), ("ctdpa", "2026-07-01")],
)
def test_later_rights_carry_their_since_date(law_id: str, since: str) -> None:
    law = j.load_law(j.data_folder(), law_id)
    for right in ("explain", "contest"):
        assert law.applies_from(right) == dt.date.fromisoformat(since)


def test_ccpa_explain_is_45_days_after_receipt(cli) -> None:
    """11 CCR §7222 via §7021(b): 45 calendar days [V2]; received Mon 4 Jan 2027 -> Thu
    18 Feb 2027, extendable to 90 days (Mon 5 Apr 2027)."""
    r = deadline(cli, "ccpa", "explain", "2027-01-04")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["due"] == "2027-02-18"
    assert data["extended_due"] == "2027-04-05"


def test_ccpa_explain_before_2027_says_when_it_applies(cli) -> None:
    r = deadline(cli, "ccpa", "explanation", "2026-12-01")
    assert r.code == 3
    assert "the right 'explain' under CCPA (ccpa) is not yet in force on 2026-12-01" in r.err
    assert "hint: it applies from 2027-01-01" in r.err
    assert r.out == ""


def test_ccpa_contest_stops_within_15_business_days(cli) -> None:
    """11 CCR §7221: stop within 15 business days [V2]; from Mon 4 Jan 2027, skipping
    Martin Luther King Jr. Day (18 Jan) -> Tue 26 Jan 2027."""
    data = json.loads(deadline(cli, "ccpa", "contest", "2027-01-04").out)
    assert data["due"] == "2027-01-26"


def test_gdpr_explain_is_the_article_12_3_month(cli) -> None:
    """Art. 12(3): one month, extendable by two [V]: received Mon 2 Mar 2026 -> Thu 2 Apr."""
    data = json.loads(deadline(cli, "gdpr", "logic", "2026-03-02").out)
    assert data["right"] == "explain"
    assert (data["due"], data["extended_due"]) == ("2026-04-02", "2026-06-02")
    notes = "\n".join(data["notes"])
    assert "procedure and principles actually applied" in notes
    assert "C-634/21" in notes


def test_gdpr_contest_runs_the_same_month(cli) -> None:
    data = json.loads(deadline(cli, "gdpr", "human-review", "2026-03-02").out)
    assert data["right"] == "contest" and data["due"] == "2026-04-02"


def test_ctdpa_profiling_rights_apply_from_1_july_2026(cli) -> None:
    """SB 1295: the profiling rights are in force from 1 Jul 2026 [V]; 45 days [V2]."""
    assert deadline(cli, "ctdpa", "contest", "2026-06-30").code == 3
    data = json.loads(deadline(cli, "ctdpa", "contest", "2026-07-01").out)
    assert data["due"] == "2026-08-15"


def test_cpa_deadline_is_marked_uncertain(cli) -> None:
    """SB 26-189: response deadlines await AG rulemaking [U]."""
    data = json.loads(deadline(cli, "cpa", "explain", "2027-01-04").out)
    assert any("AG rulemaking" in n for n in data["notes"])


def test_gdpr_letter_citations_for_scoring() -> None:
    law = j.load_law(j.data_folder(), "gdpr")
    cites = law.letter_citations
    assert cites["explain-case"] == "C-203/22 (Dun & Bradstreet Austria, 27 February 2025)"
    assert cites["scoring-case"] == "C-634/21 (SCHUFA, 7 December 2023)"
    assert cites["insolvency-case"] == "C-26/22 and C-64/22"
    assert cites["restriction"] == "Art. 18(1)(a) GDPR"
    assert cites["automated-decision"] == "Art. 22 GDPR"


def test_fadp_explain_cites_art_21_beside_art_25() -> None:
    law = j.load_law(j.data_folder(), "ch-fadp")
    assert law.letter_citations["automated"] == "FADP Art. 25(2)(f)"
    assert law.letter_citations["automated-decision"] == "FADP Art. 21"


def test_every_new_citation_reads_in_other_languages() -> None:
    """The gdpr and lgpd families cite in other languages: the new citations must parse."""
    from rights.law.choice import letter_citations
    from rights.letters.native import parse

    for law_id in ("gdpr", "uk-gdpr", "ch-fadp", "lgpd"):
        law = j.load_law(j.data_folder(), law_id)
        for right in ("explain", "contest"):
            cited = letter_citations(law, right)[right]
            assert parse(cited) is not None, (law_id, cited)


def test_gdpr_correction_pairs_with_restriction() -> None:
    """Accuracy disputes: restriction while the accuracy is checked, Art. 18(1)(a)."""
    law = j.load_law(j.data_folder(), "gdpr")
    assert any("Art. 18(1)(a)" in n.text for n in law.rights["correction"].notes)


def test_uk_gdpr_does_not_cite_the_eu_judgments() -> None:
    """law.md gives no basis to cite post-Brexit CJEU judgments in the UK: not cited."""
    law = j.load_law(j.data_folder(), "uk-gdpr")
    assert not {"explain-case", "scoring-case", "insolvency-case"} & set(law.letter_citations)


def test_uncertain_periods_say_why() -> None:
    """Every U period of the new rights carries its note (the model refuses one without)."""
    for law in j.load_laws(j.data_folder()):
        for name in ("explain", "contest"):
            right = law.rights.get(name)  # type: ignore[call-overload]
            if right is not None and right.response.tag == "U":
                assert right.response.uncertain
