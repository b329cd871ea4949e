"""Answers to brush-offs in a language other than English keep their legal basis (issue 11,
"Letters: legal content", last bullet: "German `reply` letters drop the legal basis").

The English answer lists the law file's facts (``rights.actions.answer``); a non-English
letter cannot print that English prose, so its template names the same provisions itself,
from the law file's citations, in the letter's own citation style."""

from __future__ import annotations

import pytest

from rights.law.choice import letter_citations
from rights.law.load import data_folder, load_law
from rights.letters.render import render
from tests.helpers.letter_data import context


def _answer(lang: str, law_id: str, brush_off: str) -> str:
    law = load_law(data_folder(), law_id)
    ctx = context("gdpr", lang, "reminder", law_id=law.id, law_name=law.name,
                  citations=letter_citations(law, "access"))  # fmt: skip
    ctx = ctx.model_copy(update={"right": "answer", "answer": brush_off})
    return render(ctx).body


@pytest.mark.parametrize(
    ("law_id", "cited"), [("gdpr", "Art. 12 Abs. 6 DSGVO"), ("uk-gdpr", "Art. 12 Abs. 6 UK GDPR")]
)
@pytest.mark.parametrize("brush_off", ["id-copy", "more-info"])
def test_german_identity_answers_cite_the_identity_rule(law_id, cited, brush_off):
    """GDPR / UK GDPR Art. 12(6): only with reasonable doubts about identity may the
    controller ask for more information to confirm it (the law files' `identity` fact, the
    one the English letter prints; EUR-Lex 32016R0679 Art. 12(6); legislation.gov.uk
    eur/2016/679 Art. 12(6))."""
    body = _answer("de", law_id, brush_off)
    assert cited in body and "begründete Zweifel" in body


def test_german_web_form_answer_names_the_complaint_route():
    """The English web-form answer prints the law file's `complaints` fact (Art. 77 GDPR);
    the German one names Art. 77 DSGVO (EUR-Lex 32016R0679 Art. 77(1))."""
    assert "Art. 77 DSGVO" in _answer("de", "gdpr", "web-form")


def test_swiss_german_answer_keeps_to_what_the_fadp_file_cites():
    """ch-fadp has no identity citation (its identity fact, DPO Art. 16, is uncertain and
    left out of the English letter too): the Swiss letter states no identity rule, names
    the FDPIC route (FADP Art. 49) and keeps Swiss spelling."""
    body = _answer("de", "ch-fadp", "id-copy")
    assert "Abs. 6" not in body and "ß" not in body.replace("Łukasiewicz", "")
    assert "Art. 49 DSG" in _answer("de", "ch-fadp", "web-form")


IDENTITY_RULE = {
    "fr": "l'article 12, paragraphe 6, du RGPD",
    "es": "artículo 12.6 del RGPD",
    "it": "art. 12, par. 6, GDPR",
    "nl": "artikel 12, lid 6, AVG",
    "pl": "art. 12 ust. 6 RODO",
}
COMPLAINT_ROUTE = {
    "fr": "(article 77 du RGPD)",
    "es": "(artículo 77 del RGPD)",
    "it": "(art. 77 GDPR)",
    "nl": "(artikel 77 AVG)",
    "pl": "(art. 77 RODO)",
}


@pytest.mark.parametrize("lang", sorted(IDENTITY_RULE))
def test_every_gdpr_language_answers_brush_offs_with_the_legal_basis(lang):
    """A GDPR case in French, Spanish, Italian, Dutch or Polish is answered in its own
    language (it used to fall back to English), naming the identity rule (Art. 12(6)
    GDPR) against an ID copy or more questions, and the complaint route (Art. 77 GDPR)
    against the web form, in the language's citation style (EUR-Lex 32016R0679)."""
    from rights.letters.render import languages

    assert lang in languages("gdpr", "answer")
    for brush_off in ("id-copy", "more-info"):
        assert IDENTITY_RULE[lang] in _answer(lang, "gdpr", brush_off)
    assert COMPLAINT_ROUTE[lang] in _answer(lang, "gdpr", "web-form")
    assert "{{" not in _answer(lang, "gdpr", "device-ids")
