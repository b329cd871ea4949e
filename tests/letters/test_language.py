"""The one language chooser: --lang, the preferred languages in order, the fallback note."""

from __future__ import annotations

import pytest

from rights.core.identity import Identity
from rights.errors import InputError
from rights.letters.language import COUNTRY_LANG, choose_language, for_follow_up, for_request
from tests.helpers.letter_data import company

ACME = company(slug="acme", name="Acme GmbH")


def test_a_request_prefers_the_company_then_the_country_then_english():
    french = company(slug="acme", name="Acme GmbH", request_language="fr")
    assert for_request("gdpr", french, Identity(country="DE"), None, None).value == "fr"
    german = for_request("gdpr", ACME, Identity(country="DE"), None, None)
    assert (german.value, german.reason) == ("de", "the language of your country")
    assert COUNTRY_LANG["DE"] == "de"
    english = for_request("gdpr", ACME, Identity(country="SE"), None, None)
    assert (english.value, english.reason) == ("en", "the default")
    assert english.note is None and "de" in english.options


def test_lang_wins_and_an_unknown_one_lists_the_languages():
    chosen = for_request("gdpr", ACME, Identity(country="DE"), "pl", None)
    assert (chosen.value, chosen.reason) == ("pl", "chosen with --lang")
    with pytest.raises(InputError, match="no gdpr letters in language 'xx'") as exc:
        for_request("gdpr", ACME, Identity(), "xx", None)
    assert exc.value.hint is not None and "de" in exc.value.hint


def test_a_follow_up_needs_that_kind_of_letter_and_says_when_it_falls_back(tmp_path):
    kinds = {"reminder", "complaint", "answer"}
    for kind in kinds:
        assert for_follow_up("gdpr", kind, None, ["de", "en"], None).note is None
    # a user template folder with a French access letter but no French reminder
    (tmp_path / "templates" / "gdpr" / "xx").mkdir(parents=True)
    (tmp_path / "templates" / "gdpr" / "xx" / "access.j2").write_text("R {{ ref }}\n")
    fallback = for_follow_up("gdpr", "reminder", None, ["xx", "en"], tmp_path)
    assert fallback.value == "en" and fallback.note == "no reminder letter in xx: using en"
    with pytest.raises(InputError, match="no gdpr reminder letter in language 'xx'"):
        for_follow_up("gdpr", "reminder", "xx", ["en"], tmp_path)


def test_no_preferred_language_takes_the_first_available():
    chosen = choose_language("gdpr", [(None, "none given"), ("xx", "not a template")])
    assert chosen.value == "de" and chosen.reason == "the only one available"


def test_a_family_without_templates_is_refused():
    with pytest.raises(InputError, match="no nowhere reminder letters in any language"):
        choose_language("nowhere", [("en", "")], kind="reminder")


def test_every_letter_language_names_the_case_file_in_its_own_words():
    """A complaint's annex (rights.actions.complaint) reads its labels and the names of case
    states, event and letter kinds from the language file: every non-English language has
    them all, so no English state name ("sent", "replied") lands in its annex (issue 11)."""
    from rights.cases.lifecycle import EVENT_KINDS
    from rights.core.vocabulary import FOLLOW_UP_KINDS, STATES
    from rights.letters.families import language_ids, load_language

    needed = {*STATES, *EVENT_KINDS, *FOLLOW_UP_KINDS, "request"}
    for lang in language_ids():
        if lang == "en":
            continue
        words = load_language(lang)
        assert words is not None and words.annex is not None, lang
        assert needed <= set(words.case_words), (lang, needed - set(words.case_words))


def test_a_follow_up_with_no_preferred_language_says_nothing_about_none(tmp_path):
    chosen = choose_language("gdpr", [(None, "the case has none")], kind="reminder")
    assert chosen.note is None  # never "no reminder letter in None"
    skipped = choose_language("gdpr", [(None, "none"), ("xx", "the case's")], kind="reminder")
    assert skipped.note == f"no reminder letter in xx: using {skipped.value}"
