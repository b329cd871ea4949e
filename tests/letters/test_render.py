"""Letters: every template renders, golden files, missing values, user templates, sandbox."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from rights.errors import DataFileError, InputError
from rights.letters.filters import longdate
from rights.letters.render import languages, missing_variables, render
from tests.helpers.letter_data import DUE, SERVED, agent, context, kinds_of

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
LOCALE = {("us-state", "en"): "en-US", ("pipeda", "en"): "en-CA", ("fcra", "en"): "en-US"}

ALL = [(f, lang, kind) for f, langs in SERVED.items() for lang in langs for kind in kinds_of(f)]


def test_shipped_languages_are_the_promised_ones():
    for family, langs in SERVED.items():
        assert set(langs) <= set(languages(family)), family
        for kind in kinds_of(family):
            assert set(langs) <= set(languages(family, kind)), (family, kind)


@pytest.mark.parametrize(("family", "lang", "kind"), ALL)
def test_every_template_renders(family, lang, kind):
    ctx = context(family, lang, kind)
    letter = render(ctx)
    assert "R-7K3M" in letter.subject
    assert "\n" not in letter.subject
    assert letter.lang == lang
    assert "Zofia Łukasiewicz" in letter.body
    right = "access" if kind in ("reminder", "complaint") else kind
    assert ctx.citations[right] in letter.body  # in the letter's language (native.py)
    if kind != "complaint":
        assert longdate(DUE, LOCALE.get((family, lang), lang)) in letter.body
    assert "{{" not in letter.body and "{%" not in letter.body
    assert "\n\n\n" not in letter.body


@pytest.mark.parametrize("family", sorted(SERVED))
@pytest.mark.parametrize("variant", ["agent", "details"])
def test_every_template_renders_with_agent_and_details(family, variant):
    for lang in SERVED[family]:
        for kind in kinds_of(family):
            extra = {"agent": agent()} if variant == "agent" else {"details": "Free text ÆØÅ."}
            letter = render(context(family, lang, kind, **extra))
            if variant == "agent":
                assert "Privacy Clinic Ltd" in letter.body
                assert "Jiří Dvořák" in letter.body
                if kind != "complaint":
                    assert "11 CCR §7063" in letter.body
            else:
                assert "Free text ÆØÅ." in letter.body


@pytest.mark.parametrize(("family", "lang"), [(f, lang) for f, ls in SERVED.items() for lang in ls])
def test_golden_access_letter(family, lang):
    letter = render(context(family, lang, "access"))
    path = GOLDEN / f"{family}-{lang}-access.txt"
    if os.environ.get("RIGHTS_UPDATE_GOLDEN"):
        path.write_text(letter.text, encoding="utf-8")
    assert letter.text == path.read_text(encoding="utf-8")


def test_gdpr_access_asks_for_everything_including_automated_decisions():
    body = render(context("gdpr", "en", "access")).body
    assert "Art. 15(1)(h) GDPR" in body
    wanted = ("scores", "segments", "profiles", "logic involved", "recipients", "where you got")
    for words in wanted:
        assert words in body


def test_ccpa_access_asks_for_inferences_and_lookback():
    body = render(context("us-state", "en", "access")).body
    assert "inferences drawn from it to create a profile" in body
    assert "specific pieces" in body and "categories of sources" in body
    assert "January 1, 2022" in body


def test_swiss_wording_differs_where_the_law_does():
    swiss = render(context("gdpr", "de", "access", law_id="ch-fadp")).body
    eu = render(context("gdpr", "de", "access")).body
    assert "der Schweiz" in swiss and "Verantwortlicher" in swiss
    assert "EU bzw. des EWR" in eu and "Aufsichtsbehörde" in eu


def test_missing_values_are_all_reported_at_once():
    ctx = context("gdpr", "en", "access", citations={"deletion": "Art. 17 GDPR"})
    assert missing_variables(ctx) == ["citations.access", "citations.automated"]
    with pytest.raises(InputError) as err:
        render(ctx)
    assert "citations.access" in err.value.message
    assert "citations.automated" in err.value.message


def test_reminder_reports_the_citation_of_the_earlier_right():
    ctx = context("us-state", "es", "reminder", citations={})
    assert missing_variables(ctx) == ["citations.access"]


def test_unknown_language_lists_the_available_ones():
    with pytest.raises(InputError) as err:
        render(context("us-state", "de", "access"))
    assert err.value.hint == "available: en, es"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("ref", "r-7k3m"),
        ("ref", "R-7K3M\nBcc: x@example.org"),
        ("lang", "english"),
        ("law_name", "GDPR\r\nX-Injected: 1"),
        ("citations", {"access": "Art. 15\nGDPR"}),
        ("sender", {"email": "no-name@example.org"}),
        ("details", ""),
    ],
)
def test_bad_contexts_are_refused(field, value):
    right = "correction" if field == "details" else "access"
    base = context("gdpr", "en", right).model_dump()
    base[field] = value
    with pytest.raises(ValidationError):
        type(context()).model_validate(base)


def test_reminder_needs_the_earlier_request():
    with pytest.raises(ValidationError):
        context("gdpr", "en", "reminder", previous=None)


def test_longdate():
    day = dt.date(2026, 1, 1)
    assert longdate(day, "en") == "1 January 2026"
    assert longdate(day, "en-US") == "January 1, 2026"
    assert longdate(day, "de") == "1. Januar 2026"
    assert longdate(day, "fr") == "1er janvier 2026"
    assert longdate(day, "pl") == "1 stycznia 2026 r."
    assert longdate(day, "pt") == "1 de janeiro de 2026"
    assert longdate(day, "xx") == "2026-01-01"


# ---------------------------------------------------------------- user templates


def _user_template(home: Path, name: str, text: str) -> None:
    path = home / "templates" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_user_template_overrides_a_shipped_one(home):
    _user_template(
        home,
        "gdpr/en/access.j2",
        '{% extends "gdpr/en/_base.j2" %}{% block subject %}My own {{ ref }}{% endblock %}'
        "{% block request %}Give me my data ({{ citations.access }}).{% endblock %}",
    )
    letter = render(context(), home=home)
    assert letter.subject == "My own R-7K3M"
    assert "Give me my data (Art. 15 GDPR)." in letter.body
    assert "Yours faithfully," in letter.body  # the shipped layout still applies


def test_user_template_adds_a_language(home):
    _user_template(home, "gdpr/sv/access.j2", "Begäran {{ ref }}\n\nHej {{ sender.name }}")
    assert "sv" in languages("gdpr", home=home)
    assert render(context(lang="sv"), home=home).body == "Hej Zofia Łukasiewicz\n"


@pytest.mark.parametrize(
    "hostile",
    [
        "{{ ''.__class__.__mro__ }} {{ ref }}",
        "{{ ref.__class__.__base__.__subclasses__() }}",
        "{{ citations.__init__.__globals__ }} {{ ref }}",
        "{{ ref }} {{ lipsum.__globals__['os'] }}",
    ],
)
def test_hostile_user_template_is_refused(home, hostile):
    _user_template(home, "gdpr/en/access.j2", hostile)
    with pytest.raises(DataFileError) as err:
        render(context(), home=home)
    assert "refused" in err.value.message or "not allowed" in err.value.message


def test_user_template_with_unknown_names_lists_them(home):
    _user_template(home, "gdpr/en/access.j2", "{{ ref }} {{ nope }}\n\n{{ sender.nope }} {{ x.y }}")
    with pytest.raises(InputError) as err:
        render(context(), home=home)
    assert err.value.message.endswith("nope, sender.nope, x")


def test_user_template_without_the_reference_in_the_subject_is_refused(home):
    _user_template(home, "gdpr/en/access.j2", "Hello\n\nbody")
    with pytest.raises(DataFileError, match="reference code"):
        render(context(), home=home)


def test_user_template_syntax_error_names_the_file(home):
    _user_template(home, "gdpr/en/access.j2", "{% if %}")
    with pytest.raises(DataFileError, match=r"gdpr/en/access.j2:1"):
        render(context(), home=home)


COMPLAINT_TEMPLATES = [
    (family, lang)
    for family in ("gdpr", "us-state", "lgpd", "pipeda")
    for lang in languages(family, "complaint")
]


@pytest.mark.parametrize(("family", "lang"), COMPLAINT_TEMPLATES)
@pytest.mark.parametrize("outcome", ["late", "partial", "refused"])
def test_a_complaint_says_why_without_claiming_a_deadline_passed(family, lang, outcome):
    """A refusal or a partial answer can be complained about before the due date: only the
    'late' wording may state that the time for the answer ended."""
    import datetime as dt

    from rights.letters.context import Previous
    from rights.letters.filters import longdate

    previous = Previous(
        ref="R-2B9Q", right="access", sent=dt.date(2026, 10, 1), due=dt.date(2026, 12, 31),
        company="Example Data GmbH", outcome=outcome,
    )  # fmt: skip
    letter = render(context(family, lang, "complaint", previous=previous, details="DETAILS-LINE"))
    locale = {"us-state": "en-US", "pipeda": "en-CA"}.get(family, "en") if lang == "en" else lang
    assert "\n\nDETAILS-LINE\n" in letter.body  # its own paragraph
    due_text = longdate(dt.date(2026, 12, 31), locale)
    assert (due_text in letter.body) == (outcome == "late")
    assert "R-2B9Q" in letter.body
    assert ".." not in letter.body.replace("...", "")


@pytest.mark.parametrize(("family", "lang"), COMPLAINT_TEMPLATES)
def test_a_company_name_ending_in_a_full_stop_gets_no_second_one(family, lang):
    import datetime as dt

    from rights.letters.context import Previous

    previous = Previous(
        ref="R-2B9Q", right="access", sent=dt.date(2026, 10, 1), due=dt.date(2026, 11, 2),
        company="Equifax Ltd.",
    )  # fmt: skip
    letter = render(context(family, lang, "complaint", previous=previous))
    assert "Ltd.." not in letter.body and "Equifax Ltd." in letter.body
