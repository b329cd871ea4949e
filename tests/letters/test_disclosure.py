"""Least disclosure: only what the company needs, never a birth date or ID unasked."""

from __future__ import annotations

import datetime as dt

import pytest

from rights.core.identity import Identity
from rights.errors import InputError
from rights.letters.disclosure import canonical_field, disclosed_identity

FULL = Identity(
    full_name="Søren Ærø",
    other_names=["Søren Aero"],
    emails=["soren@example.org", "old@example.org"],
    phones=["+45 12 34 56 78"],
    addresses=["Nørregade 1\n1165 København K\nDenmark"],
    birth_date=dt.date(1980, 5, 17),
    country="DK",
    accounts={"acme": ["cust-991"]},
).to_dict() | {"id_number": "DK123456"}


def test_default_is_name_and_the_reply_contact():
    assert disclosed_identity(FULL, None, "email") == {
        "name": "Søren Ærø",
        "email": "soren@example.org",
    }
    assert disclosed_identity(FULL, [], "postal") == {
        "name": "Søren Ærø",
        "address": ["Nørregade 1", "1165 København K", "Denmark"],
    }


def test_birth_date_and_id_only_when_required():
    plain = disclosed_identity(FULL, ["email", "address"], "email")
    assert "birth_date" not in plain and "id_number" not in plain
    required = disclosed_identity(FULL, ["birthdate", "ID-Number"], "email")
    assert required["birth_date"] == "1980-05-17"
    assert required["id_number"] == "DK123456"


def test_account_of_that_company_only():
    shown = disclosed_identity(FULL, ["customer_id"], "email", company="acme")
    assert shown["account"] == ["cust-991"]
    with pytest.raises(InputError, match="account"):
        disclosed_identity(FULL, ["customer_id"], "email", company="other")


def test_missing_fields_are_listed_together():
    sparse = Identity(full_name="Jürgen Groß").to_dict()
    with pytest.raises(InputError) as err:
        disclosed_identity(sparse, ["phone", "birth_date"], "email")
    assert err.value.message == "missing identity fields: email, phone, birth_date"


def test_bad_arguments():
    with pytest.raises(InputError, match="reply via"):
        disclosed_identity(FULL, None, "pigeon")
    with pytest.raises(InputError, match="unknown identity field"):
        canonical_field("shoe size")
