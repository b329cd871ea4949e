"""The wizard's answer parsers: countries and regions by name or code, the question asked
again after a bad answer, addresses, dates and folders."""

from __future__ import annotations

import datetime as dt

import pytest

from rights.actions import wizard_ask
from rights.core.countries import Place, parse_country, parse_region
from rights.errors import InputError


@pytest.mark.parametrize(
    ("answer", "place"),
    [
        ("USA", Place("US")),
        ("United States", Place("US")),
        ("united states of america", Place("US")),
        ("U.S.", Place("US")),
        ("US", Place("US")),
        ("us", Place("US")),
        ("Germany", Place("DE")),
        ("Deutschland", Place("DE")),
        ("DE", Place("DE")),
        ("UK", Place("GB")),
        ("the United Kingdom", Place("GB")),
        ("Scotland", Place("GB", "SCT")),
        ("Österreich", Place("AT")),
        ("osterreich", Place("AT")),
        ("CA", Place("CA")),  # a code at the country question is a country: Canada
        ("California", Place("US", "CA")),  # a region's name names its country too
        ("Bayern", Place("DE", "BY")),
        ("Bavaria", Place("DE", "BY")),
        ("  Québec ", Place("CA", "QC")),
    ],
)
def test_a_country_is_read_from_its_name_or_code(answer, place):
    assert parse_country(answer) == place


@pytest.mark.parametrize("answer", ["Narnia", "", "XX", "Cal", "BY-BY"])
def test_an_unknown_country_says_how_to_type_one(answer):
    with pytest.raises(InputError) as caught:
        parse_country(answer)
    assert "not a country" in caught.value.message
    assert "two-letter code" in (caught.value.hint or "")


@pytest.mark.parametrize(
    ("answer", "country", "code"),
    [
        ("CA", "US", "CA"),  # at the state question "CA" is California
        ("California", "US", "CA"),
        ("california", "US", "CA"),
        ("US-CA", "US", "CA"),
        ("New York", "US", "NY"),
        ("BY", "DE", "BY"),
        ("Bayern", "DE", "BY"),
        ("Bavaria", "DE", "BY"),
        ("Baden-Wurttemberg", "DE", "BW"),
        ("NRW", "DE", "NW"),
        ("Québec", "CA", "QC"),
        ("QC", "CA", "QC"),
        ("England", "GB", "ENG"),
    ],
)
def test_a_region_is_read_from_its_name_or_code(answer, country, code):
    assert parse_region(answer, country) == code


def test_an_unknown_region_names_the_country_and_an_example():
    with pytest.raises(InputError) as caught:
        parse_region("Cal", "US")
    assert caught.value.message == "'Cal' is not a state of United States"
    assert "California or CA" in (caught.value.hint or "")
    with pytest.raises(InputError):
        parse_region("BY", "US")  # a German Land is no US state


class Script:
    def __init__(self, answers: list[str]) -> None:
        self.answers = list(answers)
        self.said: list[str] = []

    def prompt(self, text: str, default: str = "") -> str:
        return self.answers.pop(0) or default

    def secret(self, text: str) -> str:
        return self.answers.pop(0)

    def confirm(self, text: str, default: bool = True) -> bool:
        return self.prompt(text) == "y"

    def say(self, text: str) -> None:
        self.said.append(text)


def test_a_bad_answer_is_asked_again_with_what_was_wrong():
    script = Script(["Narnia", "", "Deutschland"])
    place = wizard_ask.ask_until(script, "Country", parse_country)
    assert place == Place("DE")
    assert len(script.said) == 2
    assert script.said[0].startswith("'Narnia' is not a country")
    assert all(s.endswith("please try again.") for s in script.said)


def test_a_number_out_of_range_is_asked_again():
    script = Script(["9", "x", "2"])
    assert wizard_ask.choose(script, "Pick", [("a", "A"), ("b", "B")]) == "b"
    problems = [s for s in script.said if "not a number from 1 to 2" in s]
    assert len(problems) == 2


def test_an_empty_answer_takes_the_default_choice():
    assert wizard_ask.choose(Script([""]), "Pick", [("a", "A"), ("b", "B")], default=2) == "b"


@pytest.mark.parametrize(
    ("answer", "line"),
    [
        ("Musterstraße 1, 10115 Berlin", "Musterstraße 1, 10115 Berlin"),
        (" 1 Main St ,Sacramento, CA 95814 ", "1 Main St, Sacramento, CA 95814"),
        ("", None),  # skipped
    ],
)
def test_an_address_has_lines_separated_by_commas(answer, line):
    assert wizard_ask.address(answer) == line


@pytest.mark.parametrize("answer", ["Musterstraße 1 10115 Berlin", "Street 1,, Berlin"])
def test_an_address_without_lines_is_refused_with_an_example(answer):
    with pytest.raises(InputError) as caught:
        wizard_ask.address(answer)
    assert "separated by commas" in caught.value.message
    assert "Berlin" in (caught.value.hint or "")


def test_a_day_in_the_future_is_refused():
    parse = wizard_ask.day_not_after(dt.date(2026, 11, 26), "DROP submission")
    assert parse("2026-11-20") == dt.date(2026, 11, 20)
    with pytest.raises(InputError, match="in the future"):
        parse("2026-11-27")
    with pytest.raises(InputError):
        parse("20 Nov")


def test_a_folder_is_never_a_file(tmp_path):
    file = tmp_path / "letter.txt"
    file.write_text("x")
    assert wizard_ask.folder(str(tmp_path / "new")) == tmp_path / "new"
    with pytest.raises(InputError, match="is a file"):
        wizard_ask.folder(str(file))
    with pytest.raises(InputError):
        wizard_ask.folder("  ")


def test_a_region_of_another_country_names_that_country():
    from rights.core.countries import region_elsewhere

    assert region_elsewhere("California", "CA") == Place("US", "CA")  # "CA" was Canada
    assert region_elsewhere("Bavaria", "US") == Place("DE", "BY")
    assert region_elsewhere("CA", "US") is None  # a code is read in the question's country
    assert region_elsewhere("Texas", "US") is None
