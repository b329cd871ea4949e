"""GDPR-family letters' legal content, rendered from the real templates with the citations
of the real law files (``letter_citations``), in English and German (and every language of
the family for the new branches). Sources, by point:

- Erasure grounds: GDPR Art. 17(1)(a)-(f); recipients told and named: Art. 19
  (https://gdprhub.eu/index.php?title=Article_19_GDPR&oldid=25465).
- Objection: Art. 21(1) (particular situation) and Art. 21(2)-(3) (direct marketing, no
  reasons), Regulation (EU) 2016/679.
- Access: the identity of the actual recipients, CJEU 12 January 2023, C-154/21,
  Österreichische Post (https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX%3A62021CJ0154);
  first copy free, Art. 15(3); Swiss FADP Art. 25(2), 25(6)
  (https://lawbrary.ch/law/art/DSG-v2023.09-en-art-25).
- Restriction while accuracy is contested: Art. 18(1)(a).
- Swiss objection: FADP Art. 30(2)(b), 31(1)
  (https://lawbrary.ch/law/art/DSG-v2023.09-en-art-31/); the report (Anzeige) to the FDPIC,
  Art. 49 (https://dsg.ch/kapitel07/artikel49/), the civil claim, Art. 32.
"""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from rights.core.vocabulary import ERASURE_GROUNDS
from rights.delivery import Options, deliver
from rights.law import load
from rights.law.choice import complaint_citation, letter_citations
from rights.letters.context import Previous
from rights.letters.native import localise_citation, native_name
from rights.letters.render import render
from rights.paths import shipped
from tests.conftest import pdf_text
from tests.helpers.letter_data import SERVED, context

LANGS = SERVED["gdpr"]


def cite(english: str, lang: str, law_id: str = "gdpr") -> str:
    """``english`` (the law file's form) as a ``lang`` letter prints it (rights/letters/native)."""
    if lang == "en":
        return english
    law = load.load_law(shipped("jurisdictions"), law_id)
    native = native_name(law, lang)
    abbreviations = {law.short_name: native[1]} if native else {}
    return localise_citation(english, lang, abbreviations)


def _letter(law_id: str, lang: str, kind: str, **extra: object) -> str:
    law = load.load_law(shipped("jurisdictions"), law_id)
    right = "access" if kind in ("complaint", "controller-complaint") else kind
    cites = letter_citations(law, law.right_name(right))
    cites["complaint"] = complaint_citation(law)
    if kind == "controller-complaint":
        extra.setdefault("previous", Previous(ref="R-2B9Q", right="access",
                                              sent=dt.date(2026, 10, 1),
                                              due=dt.date(2026, 11, 2), company="Acme Ltd"))  # fmt: skip
    ctx = context("gdpr", lang, kind, law_id=law.id, law_name=law.name, citations=cites, **extra)
    return render(ctx).body


# --- 1. erasure names its ground; Art. 19 --------------------------------------------------


@pytest.mark.parametrize(
    ("ground", "en", "de"),
    [
        ("a", "no longer necessary for the purposes", "nicht mehr notwendig"),
        ("b", "I withdraw my consent", "Ich widerrufe meine Einwilligung"),
        ("c", "no overriding legitimate grounds", "keine vorrangigen berechtigten Gründe"),
        ("d", "the processing is therefore unlawful", "die Verarbeitung ist daher unrechtmäßig"),
        ("e", "legal obligation to erase", "Erfüllung einer rechtlichen Verpflichtung"),
        ("f", "offered to me as a child", "mir als Kind angeboten"),
    ],
)
def test_erasure_names_its_art_17_1_ground(ground, en, de):
    for lang, words in (("en", en), ("de", de)):
        body = _letter("gdpr", lang, "deletion", ground=ground)
        assert f"{words}" in body, lang
        assert f"({cite(f'Art. 17(1)({ground}) GDPR', lang)})" in body, lang
        assert f"({cite('Art. 19 GDPR', lang)})" in body, lang


def test_erasure_asks_recipients_to_be_told_and_named():
    """Art. 19: communicate the erasure to each recipient; inform the data subject about
    those recipients on request."""
    en = _letter("gdpr", "en", "deletion", ground="d")
    assert "communicate the erasure to each recipient" in en
    assert "tell me who those recipients are (Art. 19 GDPR)" in en
    de = _letter("gdpr", "de", "deletion", ground="d")
    assert f"nennen Sie mir diese Empfänger ({cite('Art. 19 GDPR', 'de')})" in de


def test_erasure_paired_with_an_objection():
    en = _letter("uk-gdpr", "en", "deletion", ground="c", with_objection=True)
    assert "(Art. 17(1)(c) UK GDPR)" in en
    assert "particular situation (Art. 21(1) UK GDPR)" in en
    de = _letter("gdpr", "de", "deletion", ground="c", with_objection=True)
    assert f"besonderen Situation ergeben ({cite('Art. 21(1) GDPR', 'de')})" in de


def test_swiss_erasure_names_no_gdpr_ground():
    """The FADP has no list like Art. 17(1): no ground, no GDPR article in a Swiss letter."""
    body = _letter("ch-fadp", "de", "deletion")
    assert "Art. 17" not in body and "GDPR" not in body and "DSGVO" not in body


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("ground", ERASURE_GROUNDS)
def test_every_language_names_every_ground(lang, ground):
    body = _letter("gdpr", lang, "deletion", ground=ground, with_objection=True)
    assert f"({cite(f'Art. 17(1)({ground}) GDPR', lang)})" in body
    assert f"({cite('Art. 21(1) GDPR', lang)})" in body
    assert f"({cite('Art. 19 GDPR', lang)})" in body
    assert "\n\n\n" not in body


# --- 2. objection: the particular situation ------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "de"])
def test_objection_without_details_is_direct_marketing_only(lang):
    body = _letter("gdpr", lang, "objection")
    assert f"({cite('Art. 21(2) GDPR', lang)})" in body
    assert cite("Art. 21(1) GDPR", lang) not in body


def test_objection_with_details_states_the_particular_situation():
    en = _letter("gdpr", "en", "objection", details="I work in a women's shelter.")
    assert "particular situation" in en and "(Art. 21(1) GDPR)" in en
    assert "My particular situation: I work in a women's shelter." in en
    de = _letter("gdpr", "de", "objection", details="Ich arbeite in einem Frauenhaus.")
    assert "Zu meiner besonderen Situation: Ich arbeite in einem Frauenhaus." in de
    assert f"({cite('Art. 21(1) GDPR', 'de')})" in de


# --- 3. access: actual recipients, free first copy -----------------------------------------


def test_gdpr_access_asks_for_the_actual_recipients_and_says_the_copy_is_free():
    en = _letter("gdpr", "en", "access")
    assert "the identity of each actual recipient" in en
    assert "Art. 15(1)(c) GDPR" in en and "C-154/21" in en
    assert "The first copy is free of charge (Art. 15(3) GDPR)." in en
    assert "(Art. 15(1)(h) GDPR)" in en  # (a)-(h) kept
    de = _letter("gdpr", "de", "access")
    assert "Identität jedes einzelnen tatsächlichen Empfängers" in de and "C-154/21" in de
    assert f"Die erste Kopie ist unentgeltlich ({cite('Art. 15(3) GDPR', 'de')})." in de


def test_uk_and_swiss_access_state_the_free_copy_without_the_cjeu_case():
    """C-154/21 binds neither UK nor Swiss courts; the free copy: UK GDPR Art. 15(3),
    FADP Art. 25(6)."""
    uk = _letter("uk-gdpr", "en", "access")
    assert "(Art. 15(3) UK GDPR)" in uk and "C-154/21" not in uk
    ch = _letter("ch-fadp", "de", "access")
    assert f"Die erste Kopie ist unentgeltlich ({cite('FADP Art. 25(6)', 'de', 'ch-fadp')})." in ch
    assert "C-154/21" not in ch


# --- 4. restriction while the accuracy is contested ---------------------------------------


def test_correction_offers_restriction_while_accuracy_is_contested():
    en = _letter("gdpr", "en", "correction")
    assert "restrict their processing for the time you need to verify it" in en
    assert "(Art. 18(1)(a) GDPR)" in en
    de = _letter("gdpr", "de", "correction")
    assert "einzuschränken" in de and f"({cite('Art. 18(1)(a) GDPR', 'de')})" in de


def test_laws_show_gdpr_lists_restriction_and_art_22(cli):
    r = cli("laws", "show", "gdpr")
    assert r.code == 0, r.err
    assert "Restriction of processing" in r.out and "Art. 18" in r.out
    assert "Art. 22" in r.out and "Art. 18(1)(a)" in r.out


# --- 5. Switzerland ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "de"])
def test_swiss_objection_uses_the_fadp_test_not_art_21(lang):
    body = _letter("ch-fadp", lang, "objection", details="")
    assert cite("FADP Art. 30(2)(b)", lang, "ch-fadp") in body
    assert f"({cite('FADP Art. 31(1)', lang, 'ch-fadp')})" in body
    assert "compelling" not in body and "zwingende" not in body
    assert "Art. 21" not in body


def test_swiss_objection_words():
    en = _letter("ch-fadp", "en", "objection")
    assert "by my consent, by an overriding private or public interest or by law" in en
    de = _letter("ch-fadp", "de", "objection")
    assert "überwiegendes privates oder öffentliches Interesse oder durch Gesetz" in de
    assert "ß" not in de.split("Angaben")[0].split("\n", 2)[2]  # the Swiss paragraphs


def test_swiss_complaint_is_a_report_and_names_the_civil_claim():
    law = load.load_law(shipped("jurisdictions"), "ch-fadp")
    cites = letter_citations(law, "access")
    cites["complaint"] = complaint_citation(law)
    de = render(context("gdpr", "de", "complaint", law_id="ch-fadp", law_name=law.name,
                        citations=cites))  # fmt: skip
    assert de.subject.startswith(
        f"Anzeige gegen Example Data GmbH ({cite('FADP Art. 49', 'de', 'ch-fadp')})"
    )
    assert "erstatte ich Anzeige" in de.body
    assert f"({cite('FADP Art. 32', 'de', 'ch-fadp')})" in de.body
    assert "nicht über meine individuellen Ansprüche entscheiden" in de.body
    en = render(context("gdpr", "en", "complaint", law_id="ch-fadp", law_name=law.name,
                        citations=cites))  # fmt: skip
    assert en.subject.startswith("Report concerning Example Data GmbH")
    assert "you do not decide my individual claims" in en.body and "(FADP Art. 32)" in en.body


def test_eu_complaint_stays_a_complaint():
    body = _letter("gdpr", "de", "complaint")
    assert "reiche ich hiermit Beschwerde" in body and "Anzeige" not in body


# --- every language renders every new branch -----------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("law_id", ["gdpr", "uk-gdpr", "ch-fadp"])
def test_new_branches_render_in_every_language(lang, law_id):
    law = load.load_law(shipped("jurisdictions"), law_id)
    for kind in ("access", "deletion", "objection", "correction", "complaint"):
        if kind in ("deletion", "objection", "correction") and kind not in law.rights:
            continue
        for details in ("", "Sample."):
            body = _letter(law_id, lang, kind, details=details or (
                "wrong" if kind == "correction" else ""))  # fmt: skip
            assert "{{" not in body and "\n\n\n" not in body


# --- one PDF, read back -------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")
def test_swiss_objection_pdf_reads_back(tmp_path):
    law = load.load_law(shipped("jurisdictions"), "ch-fadp")
    cites = letter_citations(law, "objection")
    letter = render(context("gdpr", "de", "objection", law_id="ch-fadp", law_name=law.name,
                            citations=cites))  # fmt: skip
    outcome = deliver("pdf", letter, Options(out_dir=tmp_path, paper="a4",
                                             today=dt.date(2026, 11, 26)))  # fmt: skip
    (path,) = outcome.files
    text = " ".join(pdf_text(path).split())
    assert cite("FADP Art. 30(2)(b)", "de", "ch-fadp") in text
    assert f"({cite('FADP Art. 31(1)', 'de', 'ch-fadp')})" in text
    assert "widerrechtlich" in text
