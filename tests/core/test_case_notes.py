"""CaseNotes (rights.core.case): typed notes that keep the stored JSON exactly as written."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rights.core.case import NOTE_KEYS, REQUEST_NOTES, CaseNotes
from rights.store.connect import transaction

# What request creation, needs-info, bounce and complaint stored before notes were typed.
OLD_STYLE: list[dict[str, Any]] = [
    {},
    {
        "categories": [],
        "controller_country": None,
        "disclosed": ["email", "full_name"],
        "due_estimated": True,
        "due_notes": [],
        "reasons": {"law": "you live in DE", "lang": "company country", "via": "email known"},
    },
    {"agent": "Ana Agent", "client": None, "categories": ["people-search"]},
    {"resume_status": "acknowledged", "info_asked_on": "2026-11-21", "due_contested": True},
    {"bounces": [{"date": "2026-11-05", "recipient": "a@b.example"}], "extension_not_in_law": True},
    {"complaints": [{"date": "2026-11-01", "regulator": "frcnil"}], "from_a_newer_rights": [1]},
]


@pytest.mark.parametrize("raw", OLD_STYLE)
def test_round_trip_keeps_every_key_and_value(raw: dict[str, Any]) -> None:
    notes = CaseNotes.from_dict(raw)
    assert notes.to_dict() == raw
    dumped = json.dumps(notes.to_dict(), sort_keys=True, ensure_ascii=False)
    assert dumped == json.dumps(raw, sort_keys=True, ensure_ascii=False)


def test_typed_fields_and_forget() -> None:
    notes = CaseNotes.from_dict(OLD_STYLE[3])
    assert notes.info_asked_on == dt.date(2026, 11, 21)
    assert notes.resume_status == "acknowledged" and notes.due_contested is True
    notes.forget("due_contested")
    notes.forget("info_asked_on")
    assert notes.to_dict() == {"resume_status": "acknowledged"}
    assert CaseNotes().to_dict() == {}
    assert CaseNotes(due_contested=True).to_dict() == {"due_contested": True}


def test_recorded_defaults_are_written() -> None:
    notes = CaseNotes(categories=[], present=set(REQUEST_NOTES))
    assert set(notes.to_dict()) == REQUEST_NOTES
    assert notes.to_dict()["controller_country"] is None
    assert set(NOTE_KEYS) >= REQUEST_NOTES


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"categories": "retail"}, "categories: expected a list of strings"),
        ({"due_contested": 1}, "due_contested: expected true or false"),
        ({"controller_country": 49}, "controller_country: expected a string or null"),
        ({"bounces": [{"date": 1}]}, "bounces: expected a list of objects of strings"),
        ({"reasons": ["x"]}, "reasons: expected an object of strings"),
        ({"resume_status": "deleted"}, "resume_status: unknown status 'deleted'"),
        ({"info_asked_on": "2026-02-30"}, "info_asked_on: expected a date YYYY-MM-DD"),
    ],
)
def test_malformed_notes_are_refused(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        CaseNotes.from_dict(raw)


def test_store_keeps_the_data_column_bytes(cli: Callable[..., Any], home: Path) -> None:
    from rights.cases import lifecycle
    from rights.profile import profiles
    from rights.store import cases_repo

    now = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)
    assert cli("init").code == 0
    raw = {**OLD_STYLE[1], **OLD_STYLE[5]}
    case = lifecycle.new_case(
        ref="R-NOTE",
        company="acme",
        company_name="Acme",
        right="access",
        law="gdpr",
        lang="en",
        via="email",
        now=now,
        notes=CaseNotes.from_dict(raw),
    )
    with profiles.open_store(home, "default") as store:
        with transaction(store.conn):
            cases_repo.insert_cases(store.conn, [case])
        stored = cases_repo.get_case(store.conn, "R-NOTE")
        assert stored is not None
        with transaction(store.conn):
            cases_repo.update_case(store.conn, stored)
        (text,) = store.conn.execute("SELECT data FROM requests").fetchone()
    assert text == json.dumps(raw, sort_keys=True, ensure_ascii=False)
