"""The booklet's choices (``rights.actions.booklet``): where the writer lives, the blank
identity, the references of printed letters."""

from __future__ import annotations

import datetime as dt

import pytest

from rights.actions.booklet import LINE, BlankIdentity, default_place, pick_place, ref_for
from rights.core.countries import Place
from rights.errors import InputError
from rights.letters.disclosure import disclosed_identity, letter_sender


def test_country_of_a_blank_booklet_with_and_without_region():
    assert pick_place("US-CA", True, None) == Place("US", "CA")
    assert pick_place("de-by", True, None) == Place("DE", "BY")
    assert pick_place("France", True, None) == Place("FR")
    assert pick_place(None, True, None) is None  # default_place decides later


def test_country_with_a_profile_is_refused_and_the_profile_decides():
    with pytest.raises(InputError, match="--country is for a blank booklet"):
        pick_place("DE", False, "US")
    assert pick_place(None, False, "GB") == Place("GB")
    with pytest.raises(InputError, match="not a"):
        pick_place("US-ZZ", True, None)


def test_default_place_is_where_most_companies_are():
    from rights.companies.lookup import resolve
    from rights.paths import shipped

    folder = shipped("companies")
    assert default_place(resolve([], "people-search", folder=folder, mine=[])) == Place("US", "CA")
    assert default_place(resolve([], "de-credit-agencies", folder=folder, mine=[])) == Place("DE")
    assert default_place([]) == Place("DE")


def test_blank_identity_gives_a_line_for_every_field_a_company_may_ask():
    blank = BlankIdentity(Place("US", "CA"))
    fields = ["name", "email", "address", "phone", "birth_date", "other_names", "account",
              "id_number"]  # fmt: skip
    shown = disclosed_identity(blank.to_dict(), fields, "email", company="any")
    assert set(shown) == set(fields)
    for value in shown.values():
        values = value if isinstance(value, list) else [value]
        assert values and all(set(v) == {"_"} for v in values)
    sender = letter_sender(blank, None, company="x", postal=True, posted=True)
    assert sender == {"name": LINE, "email": LINE, "address": [sender["address"][0]]}
    assert blank.country == "US" and blank.region == "CA" and not blank.is_empty()


def test_printed_letters_references_are_valid_case_references():
    from rights.letters.context import _REF

    for n in (1, 42, 723):
        assert _REF.match(ref_for(dt.date(2026, 12, 7), n))
    assert ref_for(dt.date(2026, 12, 7), 3) == "P261207-03"
