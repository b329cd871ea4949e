"""Profiles and identity: create, list, use, edit with validation, show."""

from __future__ import annotations

import json

import pytest

BASE = ["profile", "edit"]


@pytest.fixture
def ready(cli, passphrase_env):
    assert cli("init").code == 0
    return cli


def test_edit_every_field_and_show_json(ready):
    r = ready(
        *BASE,
        "--full-name", "Jiří Dvořák",
        "--other-name", "George Dvorak",
        "--email", "jiri@example.cz", "--email", "J.Dvorak@Example.ORG",
        "--phone", "+420 601 123 456",
        "--address", "Vodičkova 1, 110 00 Praha, CZ",
        "--birth-date", "1985-12-31",
        "--country", "us", "--region", "ca",
        "--account", "google=jiri@gmail.com",
    )  # fmt: skip
    assert r.code == 0, r.err
    shown = json.loads(ready("profile", "show", "--json").out)
    assert shown == {
        "accounts": {"google": ["jiri@gmail.com"]},
        "addresses": ["Vodičkova 1, 110 00 Praha, CZ"],
        "birth_date": "1985-12-31",
        "country": "US",
        "emails": ["jiri@example.cz", "J.Dvorak@example.org"],
        "full_name": "Jiří Dvořák",
        "key_backend": None,  # a passphrase: kept in no keyring
        "other_names": ["George Dvorak"],
        "phones": ["+420 601 123 456"],
        "region": "CA",
        "version": 2,
    }
    human = ready("profile", "show").out
    assert "Full name:" in human and "Jiří Dvořák" in human and "Account at google" in human


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--email", "not-an-email"], "not a valid email"),
        (["--email", "a@b"], "not a valid email"),
        (["--email", "x@example.org\r\nBcc: evil@example.org"], "control characters"),
        (["--birth-date", "2026-02-30"], "not a real calendar date"),
        (["--birth-date", "30.01.1990"], "YYYY-MM-DD"),
        (["--birth-date", "2030-01-01"], "plausible"),
        (["--country", "XX"], "ISO 3166-1"),
        (["--country", "DE", "--region", "ZZ"], "not a subdivision of DE"),
        (["--full-name", "Eve\nBcc: x"], "control characters"),
        (["--phone", "call me"], "not a phone"),
        (["--account", "nodelimiter"], "SLUG=ID"),
        (["--clear", "shoe_size"], "unknown field"),
    ],
)
def test_a_bad_value_is_one_clear_error_and_nothing_is_written(ready, args, message):
    assert ready(*BASE, "--full-name", "Before Edit", "--email", "keep@example.org").code == 0
    r = ready(*BASE, "--full-name", "After Edit", *args)
    assert r.code == 3
    assert message in r.err
    assert r.err.startswith("error: ")
    shown = json.loads(ready("profile", "show", "--json").out)
    assert shown["full_name"] == "Before Edit"
    assert shown["emails"] == ["keep@example.org"]


def test_uk_gets_a_hint(ready):
    r = ready(*BASE, "--country", "UK")
    assert r.code == 3 and "did you mean GB" in r.err


def test_clear_and_country_change_drops_the_old_region(ready):
    ready(*BASE, "--country", "US", "--region", "CA", "--phone", "+1 415 555 0100")
    assert ready(*BASE, "--country", "DE", "--clear", "phones").code == 0
    shown = json.loads(ready("profile", "show", "--json").out)
    assert (shown["country"], shown["region"], shown["phones"]) == ("DE", None, [])


def test_edit_without_options_and_without_a_terminal(ready):
    r = ready(*BASE)
    assert r.code == 3 and "nothing to change" in r.err


def test_new_list_use(ready, home):
    assert ready("profile", "new", "client-42").code == 0
    listed = json.loads(ready("profile", "list", "--json").out)
    assert [(p["name"], p["active"]) for p in listed] == [("client-42", False), ("default", True)]
    assert ready("profile", "use", "client-42").code == 0
    assert ready(*BASE, "--full-name", "Client Fortytwo").code == 0
    shown = json.loads(ready("profile", "show", "--json").out)
    assert shown["full_name"] == "Client Fortytwo"
    other = json.loads(ready("profile", "show", "--profile", "default", "--json").out)
    assert other["full_name"] is None
    assert json.loads(ready("--profile", "default", "profile", "show", "--json").out) == other


def test_bad_and_unknown_profile_names(ready):
    assert ready("profile", "new", "../escape").code == 3
    assert ready("profile", "new", "default").code == 8
    r = ready("profile", "use", "nobody")
    assert r.code == 4 and "profiles: default" in r.err
