"""No English sentence in a non-English letter: every template x language x law it serves,
with a full context (agent, previous letter, details, a brush-off), read by a small
stop-word heuristic (issue 11, "Letters: legal content", last bullet)."""

from __future__ import annotations

import re

import pytest

from rights.core.vocabulary import FOLLOW_UP_KINDS, LETTER_KINDS
from rights.errors import InputError, RightsError
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
    "fcra": ["fcra"],
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
            for kind in dict.fromkeys((*LETTER_KINDS, *FOLLOW_UP_KINDS)):
                if lang in languages(family, kind):
                    cases += [(family, lang, kind, law_id) for law_id in law_ids]
    return cases


def _context(family: str, lang: str, kind: str, law_id: str):
    from rights.core.vocabulary import LETTER_RIGHTS, letter_kind

    try:
        law = load_law(data_folder(), law_id)
    except RightsError:
        pytest.skip(f"no {law_id} law file in this data folder")
    granted = {letter_kind(r): r for r in law.rights}
    if kind in LETTER_RIGHTS and kind not in granted:
        pytest.skip(f"{law_id} grants no {kind}")
    cites: dict[str, str] = {}
    for other in law.rights:
        cites.update(letter_citations(law, other))
    cites["complaint"] = complaint_citation(law)
    extra: dict[str, object] = {}
    if kind in FOLLOW_UP_KINDS:
        extra = {"previous": context(family, lang, "reminder").previous}
    if kind == "answer":
        extra["answer"] = "id-copy"
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


def _missing_kinds() -> list[tuple[str, str, str]]:
    """(family, lang, kind) for every follow-up kind a non-English folder does not have:
    the controller-complaint (gdpr/en only, by design) and the answers in most languages."""
    missing = []
    for family in LAWS:
        for lang in languages(family):
            for kind in FOLLOW_UP_KINDS:
                if lang != "en" and lang not in languages(family, kind):
                    missing.append((family, lang, kind))
    return missing


def test_the_controller_complaint_is_english_only_by_design():
    """DPA 2018 s.164A (UK GDPR): the complaint to the controller is written in English only;
    the test below makes sure no other language renders it silently."""
    assert languages("gdpr", "controller-complaint") == ["en"]
    assert ("gdpr", "de", "controller-complaint") in _missing_kinds()


@pytest.mark.parametrize(("family", "lang", "kind"), _missing_kinds())
def test_a_kind_missing_in_a_language_is_refused_or_falls_back_with_a_note(family, lang, kind):
    """A letter kind a language has no template for never renders in English under that
    language's name: asking for it is an error naming the kind and the language, and a
    follow-up in the request's language falls back to English with a note saying so (or is
    refused when the family has the kind in no language at all)."""
    from rights.letters.language import for_follow_up

    ctx = context(family, "en", "reminder").model_copy(update={"right": kind, "lang": lang,
                                                               "answer": "id-copy"})  # fmt: skip
    with pytest.raises(InputError, match=f"no {family} {kind} letter in language '{lang}'"):
        render(ctx)
    with pytest.raises(InputError, match=f"no {family} {kind} letter"):
        for_follow_up(family, kind, lang, [lang, "en"], None)
    if not languages(family, kind):  # e.g. a controller-complaint outside the gdpr family
        with pytest.raises(InputError, match="in any language"):
            for_follow_up(family, kind, None, [lang, "en"], None)
        return
    chosen = for_follow_up(family, kind, None, [lang, "en"], None)
    assert chosen.value == "en" and chosen.note == f"no {kind} letter in {lang}: using en"


def test_a_german_uk_case_gets_the_english_controller_complaint_with_a_note(
    cli, passphrase_env, monkeypatch
):
    """DPA 2018 s.164A: `rights escalate` on a UK GDPR case whose request was German writes
    the complaint to the controller in English and says so; `--lang de` is refused."""
    import json

    from tests.helpers.followup import new_case

    assert cli("init").code == 0
    assert cli("profile", "edit", "--full-name", "Alex Morgan", "--email", "alex@example.org",
               "--country", "GB").code == 0  # fmt: skip
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(cli, "acxiom-gb", "access", "--law", "uk-gdpr", "--via", "text", "--lang", "de")
    assert cli("log", ref, "sent", "--date", "2026-10-01").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    refused = cli("escalate", ref, "--via", "text", "--lang", "de", "--preview")
    assert (
        refused.code != 0 and "no gdpr controller-complaint letter in language 'de'" in refused.err
    )
    r = cli("escalate", ref, "--via", "text", "--preview", "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["kind"] == "controller-complaint"
    assert "no controller-complaint letter in de: using en" in done["notes"]
