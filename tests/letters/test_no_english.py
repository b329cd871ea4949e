"""No English sentence in a non-English letter: every template x language x law it serves,
with a full context (agent, previous letter, details, a brush-off), read by a small
stop-word heuristic (issue 11, "Letters: legal content", last bullet)."""

from __future__ import annotations

import re

import pytest

from rights.core.vocabulary import LETTER_KINDS
from rights.law.choice import complaint_citation, letter_citations
from rights.law.load import data_folder, load_law
from rights.letters.agents import for_law
from rights.letters.render import languages, render
from tests.helpers.letter_data import agent, context

ENGLISH = {"the", "and", "of", "to", "your", "you", "my", "please", "under", "this", "that",
           "with", "for", "is", "a", "an", "by", "on", "through", "made", "request",
           "provisions", "we", "our"}  # fmt: skip
OWN = {
    "de": {"der", "die", "und", "ich", "Sie", "mir", "zu", "von", "mit"},
    "fr": {"le", "la", "les", "de", "et", "je", "vous", "du", "des"},
    "es": {"el", "la", "los", "de", "y", "que", "les", "del"},
    "it": {"il", "la", "di", "e", "che", "vi", "del", "per"},
    "nl": {"de", "het", "een", "en", "van", "ik", "u"},
    "pl": {"i", "w", "na", "o", "z", "do", "się", "Państwo"},
    "pt": {"o", "a", "os", "de", "e", "que", "da", "do"},
}
LAWS = {
    "gdpr": ["gdpr", "uk-gdpr", "ch-fadp"],
    "us-state": ["ccpa", "ucpa", "cpa"],
    "pipeda": ["pipeda", "qc-law25"],
    "lgpd": ["lgpd"],
}


def english_lines(text: str, lang: str) -> list[str]:
    """Lines with a stretch (between brackets or stops) of >= 3 English function words and
    none of ``lang``'s own (URLs, e-mail addresses and references are ignored)."""
    found = []
    for line in text.splitlines():
        if any(_english(part, lang) for part in re.split("[()\\[\\];:.,\u2013]", line)):
            found.append(line)
    return found


def _english(line: str, lang: str) -> bool:
    if True:
        words = re.findall(r"[^\W\d_]+", re.sub(r"\S+[@/]\S+", " ", line))
        english = sum(w.lower() in ENGLISH for w in words)
        return english >= 3 and not any(w.lower() in OWN[lang] for w in words)


def _cases() -> list[tuple[str, str, str, str]]:
    cases = []
    for family, law_ids in LAWS.items():
        for lang in languages(family):
            if lang == "en":
                continue
            for kind in (*LETTER_KINDS, "answer"):
                if lang in languages(family, kind):
                    cases += [(family, lang, kind, law_id) for law_id in law_ids]
    return cases


def _context(family: str, lang: str, kind: str, law_id: str):
    from rights.core.vocabulary import LETTER_RIGHTS, letter_kind

    law = load_law(data_folder(), law_id)
    granted = {letter_kind(r): r for r in law.rights}
    if kind in LETTER_RIGHTS and kind not in granted:
        pytest.skip(f"{law_id} grants no {kind}")
    cites: dict[str, str] = {}
    for other in law.rights:
        cites.update(letter_citations(law, other))
    cites["complaint"] = complaint_citation(law)
    extra = {}
    if kind == "answer":
        extra = {"answer": "id-copy", "previous": context(family, lang, "reminder").previous}
    return context(family, lang, kind, law_id=law.id, law_name=law.name, citations=cites,
                   agent=for_law(agent(), law), details="Zofia Łukasiewicz", **extra)  # fmt: skip


@pytest.mark.parametrize(("family", "lang", "kind", "law_id"), _cases())
def test_no_english_sentence_in_a_non_english_letter(family, lang, kind, law_id):
    if law_id == "qc-law25" and not load_law(data_folder(), law_id).names.get(lang):
        pytest.xfail(
            "qc-law25 has no French name yet (its `names` come with the North American law files)"
        )
    letter = render(_context(family, lang, kind, law_id))
    assert english_lines(letter.text, lang) == []


def test_the_heuristic_finds_an_injected_english_sentence():
    text = "Sehr geehrte Damen und Herren,\nPlease send me a copy of the data you hold on me."
    assert english_lines(text, "de") == [text.splitlines()[1]]
    assert english_lines("Bitte senden Sie mir eine Kopie der Daten.", "de") == []
    polish = "Piszę jako pełnomocnik X (a request made through an authorised representative)."
    assert english_lines(polish, "pl") == [polish]
