"""Letters about scores (issue 14, "Letters"): explain and contest in every family and
language, the FCRA family (file disclosure, dispute, score disclosure, reminder, complaint),
golden files per law x right x language, and the citation of each law in its letter.

Citations are the issue-14 contract's (tests/helpers/letter_data.py); where a real law file
is used (the SCHUFA letter), the contract's keys fill only what the file does not cite yet,
so the test holds before and after the law files gain the new rights.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from rights.errors import InputError, RightsError
from rights.letters.context import Previous
from rights.letters.families import family_ids, family_kinds
from rights.letters.law_facts import LetterFacts
from rights.letters.render import languages, render
from tests.helpers.letter_data import CITATIONS, FCRA_KINDS, SERVED, TODAY, agent, context
from tests.letters.test_no_english import english_lines

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
CASES = ("explain-case", "scoring-case", "insolvency-case")

# law id -> (family, its citations: the family's samples with these changes; None drops a key)
LAWS: dict[str, tuple[str, dict[str, str | None]]] = {
    "gdpr": ("gdpr", {}),
    "uk-gdpr": ("gdpr", {"explain": "Art. 15(1)(h) UK GDPR", "contest": "Art. 22C UK GDPR",
                         "automated-decision": "Arts. 22A-22D UK GDPR",
                         "restriction": "Art. 18(1)(a) UK GDPR"} | dict.fromkeys(CASES)),
    "ch-fadp": ("gdpr", {"explain": "FADP Art. 25(2)(f)", "contest": "FADP Art. 21(2)",
                         "automated-decision": "FADP Art. 21", "restriction": None}
                        | dict.fromkeys(CASES)),
    "ccpa": ("us-state", {}),
    "mn-cdpa": ("us-state", {"explain": "Minn. Stat. §325M.14 subd. 1",
                             "contest": "Minn. Stat. §325M.14 subd. 1"}),
    "lgpd": ("lgpd", {}),
    "qc-law25": ("pipeda", {"explain": "P-39.1 s.12.1", "contest": "P-39.1 s.12.1"}),
    "fcra": ("fcra", {}),
}  # fmt: skip
ADVERSE = TODAY - dt.timedelta(days=12)
FCRA_VARIANTS: dict[str, tuple[str, dict[str, Any]]] = {
    "access": ("access", {}),
    "access-free-annual": ("access", {"free_annual": True}),
    "access-adverse-action": ("access", {"adverse_action": ADVERSE}),
    "access-with-score": ("access", {"with_score": True}),
    "correction": ("correction", {"details": "Account 4417 with Acme Bank is not mine."}),
    "explain": ("explain", {}),
}


def _law_name(law_id: str, default: str) -> str:
    """The law file's English name (so the letter gets its native name), if it exists."""
    from rights.law.load import data_folder, load_law

    try:
        return load_law(data_folder(), law_id).name
    except RightsError:
        return default


def _context(law_id: str, lang: str, kind: str, **extra: Any):
    family, changes = LAWS[law_id]
    cites = {**CITATIONS[family], **changes}
    values: dict[str, Any] = {
        "facts": LetterFacts(),  # the law files' facts have their own tests; goldens stay put
        "law_id": law_id,
        "law_name": _law_name(law_id, context(family, "en").law_name),
        "citations": {k: v for k, v in cites.items() if v is not None},
    }
    return context(family, lang, kind, **(values | extra))


def _golden_cases() -> list[tuple[str, str, str]]:
    cases = []
    for law_id, (family, _) in LAWS.items():
        variants = FCRA_VARIANTS if family == "fcra" else {"explain": 0, "contest": 0}
        cases += [(law_id, lang, name) for lang in SERVED[family] for name in variants]
    return cases


@pytest.mark.parametrize(("law_id", "lang", "name"), _golden_cases())
def test_golden_score_letter(law_id, lang, name):
    """Each law x right x language, byte for byte (RIGHTS_UPDATE_GOLDEN=1 rewrites)."""
    kind, extra = FCRA_VARIANTS[name] if law_id == "fcra" else (name, {})
    ctx = _context(law_id, lang, kind, **extra)
    letter = render(ctx)
    assert ctx.citations[kind] in letter.subject + letter.body  # the law's own provision
    path = GOLDEN / f"{law_id}-{lang}-{name}.txt"
    if os.environ.get("RIGHTS_UPDATE_GOLDEN"):
        path.write_text(letter.text, encoding="utf-8")
    assert letter.text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("law_id", "lang", "kind", "wanted"),
    [
        ("gdpr", "en", "explain", ["Art. 15(1)(h) GDPR", "Art. 22 GDPR", "C-203/22", "C-634/21"]),
        ("gdpr", "en", "contest", ["Art. 22(3) GDPR", "C-634/21", "Art. 18(1)(a) GDPR"]),
        ("uk-gdpr", "en", "explain", ["Art. 15(1)(h) UK GDPR", "Arts. 22A-22D UK GDPR"]),
        ("uk-gdpr", "en", "contest", ["Art. 22C UK GDPR"]),
        ("ch-fadp", "de", "explain", ["Art. 25 Abs. 2 Bst. f DSG", "Art. 21 DSG"]),
        ("ch-fadp", "fr", "contest", ["21"]),
        ("ccpa", "en", "explain", ["11 CCR §7222"]),
        ("ccpa", "es", "contest", ["11 CCR §7221"]),
        ("mn-cdpa", "en", "contest", ["Minn. Stat. §325M.14"]),
        ("lgpd", "pt", "explain", ["Art. 20, § 1º, da LGPD"]),
        ("lgpd", "pt", "contest", ["Art. 20 da LGPD"]),
        ("qc-law25", "fr", "explain", ["12.1"]),
        ("fcra", "en", "explain", ["§1681g(f)"]),
    ],
)
def test_the_citation_of_each_law_is_in_its_letter(law_id, lang, kind, wanted):
    body = render(_context(law_id, lang, kind)).body
    for cite in wanted:
        assert cite in body, (cite, body)


def test_the_uk_and_swiss_letters_cite_no_eu_court_case():
    """The CJEU cases are the gdpr law file's keys only: no UK or Swiss letter claims them."""
    for law_id in ("uk-gdpr", "ch-fadp"):
        for kind in ("explain", "contest"):
            body = render(_context(law_id, "en", kind)).body
            assert "C-203/22" not in body and "C-634/21" not in body
            assert "Court of Justice" not in body


def test_the_gdpr_explain_letter_asks_for_what_c_203_22_gives():
    body = render(_context("gdpr", "en", "explain")).body
    for words in ("procedure and principles actually applied", "weight each of them had",
                  "had those data been different", "A formula", "trade secret",
                  "supervisory authority or court"):  # fmt: skip
        assert words in body, words


def test_the_schufa_explain_letter_in_german_reads_as_a_german_lawyer_writes():
    """Acceptance: cites Art. 15 Abs. 1 lit. h and Art. 22 DSGVO and the procedure-and-
    principles wording; the context is built as a request builds it (the real gdpr law file,
    SCHUFA's directory record), with the contract's keys only where the file has none."""
    from rights.companies.lookup import resolve
    from rights.delivery.routing import letter_recipient
    from rights.law.choice import letter_citations
    from rights.law.load import data_folder, load_law
    from rights.letters.context import LetterContext
    from rights.paths import shipped

    law = load_law(data_folder(), "gdpr")
    (schufa,) = resolve(["schufa"], None, folder=shipped("companies"), mine=[])
    granted = "explain" if "explain" in law.rights else "access"
    cites = letter_citations(law, granted)
    for key, value in CITATIONS["gdpr"].items():
        cites.setdefault(key, value)
    ctx = LetterContext(
        ref="R-SCHU", right="explain", family=law.letters.family, law_id=law.id,
        law_name=law.name, lang="de", citations=cites, due=TODAY + dt.timedelta(days=30),
        today=TODAY, sender={"name": "Zofia Łukasiewicz", "email": "zofia@example.org"},
        recipient=letter_recipient(schufa),
    )  # fmt: skip
    letter = render(ctx)
    assert "Art. 15 Abs. 1 lit. h DSGVO" in letter.subject
    body = letter.body
    assert "Art. 15 Abs. 1 lit. h DSGVO" in body and "Art. 22 DSGVO" in body
    assert "das Verfahren und die Grundsätze" in body and "konkret angewandt" in body
    assert "C-203/22" in body and "27. Februar 2025" in body
    assert "C-634/21" in body and "7. Dezember 2023" in body
    assert "Geschäftsgeheimnisse" in body and "Datenschutz-Grundverordnung" in body
    assert english_lines(letter.text, "de") == []
    assert "GDPR" not in body and "December" not in body


def test_a_dispute_letter_to_experian_information_solutions_cites_1681i():
    from rights.companies.lookup import resolve
    from rights.delivery.routing import letter_recipient
    from rights.paths import shipped

    (experian,) = resolve(["experian-information-solutions"], None, folder=shipped("companies"),
                          mine=[])  # fmt: skip
    details = "Account 4417 with Acme Bank, reported 90 days late in May 2026: I paid on time."
    letter = render(_context("fcra", "en", "correction", details=details,
                             recipient=letter_recipient(experian)))  # fmt: skip
    assert "§1681i(a)" in letter.subject
    body = letter.body
    assert details in body and "Experian" not in body.split("Dear")[0]
    for cite in ("§1681i(a)(6)", "§1681i(a)(7)", "§1681i(a)(1)(B)"):
        assert cite in body
    assert "30 days beginning on the date you receive" in body
    assert "five business days" in body and "reinvestigation" in body


def test_a_dispute_needs_its_items():
    with pytest.raises(ValidationError, match="details"):
        _context("fcra", "en", "correction", details="  ")


def test_the_fcra_access_variants_ask_for_what_the_law_gives():
    free = render(_context("fcra", "en", "access", free_annual=True)).body
    assert "free annual disclosure (15 U.S.C. §1681j(a))" in free
    assert "centralized source" in free and "within 15 days" in free
    adverse = render(_context("fcra", "en", "access", adverse_action=ADVERSE)).body
    assert "November 14, 2026" in adverse and "within 60 days" in adverse
    assert "§1681j(b)" in adverse
    plain = render(_context("fcra", "en", "access")).body
    assert "free" not in plain.split("Details that identify")[0].replace("free of", "")
    assert "§1681g(a)(2)" in plain and "§1681g(a)(3)" in plain and "§1681h(a)(1)" in plain
    assert "two years" in plain and "one year" in plain
    score = render(_context("fcra", "en", "access", with_score=True)).body
    assert "§1681g(f)" in score and "fair and reasonable fee" in score


def test_the_score_letter_does_not_claim_a_free_right():
    body = render(_context("fcra", "en", "explain")).body
    assert "fair and reasonable fee" in body
    assert "may not require you" in body  # other scores: asked for, not claimed


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"adverse_action": TODAY + dt.timedelta(days=1)}, "after the letter's date"),
        ({"right": "correction", "details": "x", "with_score": True}, "for access letters"),
        ({"right": "explain", "free_annual": True}, "for access letters"),
    ],
)
def test_bad_fcra_contexts_are_refused(extra, message):
    kind = extra.pop("right", "access")
    with pytest.raises(ValidationError, match=message):
        _context("fcra", "en", kind, **extra)


def test_the_fcra_family_writes_only_its_kinds():
    assert family_kinds("fcra") == FCRA_KINDS
    with pytest.raises(InputError) as err:
        render(_context("fcra", "en", "deletion"))
    assert err.value.message == "the fcra letters have no deletion letter"
    assert err.value.hint == "they write: access, correction, explain, reminder, complaint"


def test_every_family_has_a_template_for_each_of_its_kinds_and_no_other():
    root = Path(__file__).resolve().parents[2] / "templates"
    for family in family_ids():
        kinds = set(family_kinds(family))
        for lang in languages(family):
            files = {p.stem for p in (root / family / lang).glob("*.j2")}
            rights_there = {f for f in files if not f.startswith("_")}
            assert kinds <= rights_there, (family, lang)
            extra = rights_there - kinds - {"answer", "controller-complaint"}
            assert not extra, (family, lang, extra)


def test_the_fcra_reminder_and_complaint_name_the_earlier_dispute():
    earlier = Previous(ref="R-2B9Q", right="correction", sent=dt.date(2026, 10, 1),
                       due=dt.date(2026, 10, 31), company="Experian Information Solutions, Inc.")  # fmt: skip
    reminder = render(_context("fcra", "en", "reminder", previous=earlier)).text
    assert "my dispute of October 1, 2026" in reminder and "§1681i(a)" in reminder
    complaint = render(_context("fcra", "es", "complaint", previous=earlier)).body
    assert "disputa" in complaint and "§1681s" in complaint and "R-2B9Q" in complaint


def _foreign() -> list[tuple[str, str, str]]:
    out = []
    for law_id, (family, _) in LAWS.items():
        kinds = FCRA_KINDS if family == "fcra" else ("explain", "contest")
        out += [(law_id, lang, k) for lang in SERVED[family] if lang != "en" for k in kinds]
    return out


@pytest.mark.parametrize(("law_id", "lang", "kind"), _foreign())
def test_no_english_sentence_in_the_new_letters(law_id, lang, kind):
    extra: dict[str, Any] = {"agent": agent(), "details": "Zofia Łukasiewicz"}
    if kind in ("reminder", "complaint"):
        extra["previous"] = context("gdpr", lang, "reminder").previous
    if law_id == "fcra" and kind == "access":
        extra["with_score"] = True
    letter = render(_context(law_id, lang, kind, **extra))
    assert english_lines(letter.text, lang) == []


def test_letters_check_renders_the_fcra_letters_with_each_disclosure_flag(home):
    """``rights letters check`` renders an access letter once plainly and once per flag the
    law cites (free-annual, adverse-action, score); here a stand-in fcra law built from the
    ccpa file with the contract's citations (the shipped fcra file is another part's)."""
    from rights.law.load import data_folder, load_law
    from rights.letters.check import check_templates

    base = load_law(data_folder(), "ccpa")
    law = base.model_copy(update={
        "id": "fcra",
        "letters": base.letters.model_copy(update={"family": "fcra"}),
        "rights": {k: v for k, v in base.rights.items() if k in ("access", "correction")},
        "letter_citations": CITATIONS["fcra"],
    })  # fmt: skip
    results = check_templates([law], home, TODAY, everything=True)
    assert results and all(r.problem is None for r in results), results
    shown = [r.template for r in results]
    assert shown.count("fcra/en/access.j2") == 4 and shown.count("fcra/es/access.j2") == 4
    assert "fcra/en/correction.j2" in shown and "fcra/es/complaint.j2" in shown
    assert not any("deletion" in t for t in shown)


@pytest.mark.parametrize("lang", SERVED["gdpr"])
def test_an_erasure_of_a_discharged_debt_argues_c_26_22(lang):
    """Issue 14 point 4: a bureau keeping data of a discharged debt longer than the public
    insolvency register gets the erasure argument of joined cases C-26/22 and C-64/22."""
    cites = {**CITATIONS["gdpr"], "erasure-d": "Art. 17(1)(d) GDPR"}
    letter = render(context("gdpr", lang, "deletion", ground="d", discharged_debt=True,
                            citations=cites))  # fmt: skip
    assert "C-26/22" in letter.body and "C-64/22" in letter.body
    assert letter.body.count("C-26/22") == 1
    plain = render(context("gdpr", lang, "deletion", ground="d", citations=cites)).body
    assert "C-26/22" not in plain
    if lang != "en":
        assert " and " not in letter.body
        assert english_lines(letter.text, lang) == []
    path = GOLDEN / f"gdpr-{lang}-deletion-discharged-debt.txt"
    if os.environ.get("RIGHTS_UPDATE_GOLDEN"):
        path.write_text(letter.text, encoding="utf-8")
    assert letter.text == path.read_text(encoding="utf-8")


def test_the_discharged_debt_argument_needs_the_law_s_citation_and_an_erasure():
    from rights.actions.request import check_discharged_debt
    from rights.law.load import data_folder, load_law

    gdpr = load_law(data_folder(), "gdpr")
    cited = gdpr.model_copy(update={
        "letter_citations": {**gdpr.letter_citations, "insolvency-case": "C-26/22 and C-64/22"}
    })  # fmt: skip
    check_discharged_debt(cited, "deletion", True)
    check_discharged_debt(gdpr, "access", False)
    with pytest.raises(InputError, match="for erasure requests"):
        check_discharged_debt(cited, "access", True)
    uk = load_law(data_folder(), "uk-gdpr")
    with pytest.raises(InputError) as err:
        check_discharged_debt(uk, "deletion", True)
    assert "UK GDPR cites no judgment" in err.value.message
    with pytest.raises(ValidationError, match="for erasure letters"):
        context("gdpr", "en", "access", discharged_debt=True)


def test_the_swiss_contest_letter_asks_for_what_fadp_art_21_2_gives():
    """FADP Art. 21(2): the person may state their point of view and ask for a review by a
    natural person; the GDPR's "human intervention" and "contest" list is not claimed."""
    swiss = render(_context("ch-fadp", "en", "contest")).body
    assert "reviewed by a natural person" in swiss and "point of view" in swiss
    assert "human intervention" not in swiss
    eu = render(_context("gdpr", "en", "contest")).body
    assert "human intervention" in eu and "natural person" not in eu


def test_the_fcra_agent_rule_is_written_in_spanish():
    """The fcra law file's agent rule (§1681h(d)) is an English phrase of the law data; a
    Spanish letter prints it in Spanish (templates/_lang/es.json ``phrases``)."""
    from rights.letters.context import Agent

    rule = "a request made through a person the consumer authorised (15 U.S.C. §1681h(d))"
    clinic = Agent(name="Privacy Clinic Ltd", client_name="Jiří Dvořák", rule=rule)
    letter = render(_context("fcra", "es", "access", agent=clinic))
    assert "persona autorizada por el consumidor, 15 U.S.C. §1681h(d)" in letter.body
    assert english_lines(letter.text, "es") == []
