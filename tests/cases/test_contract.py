"""The --json contract of cases, pinned byte for byte (docs/cases.md, "JSON contracts").

Characterisation: a small store with cases in different states, and the exact bytes that
``rights list --json``, ``rights due --json`` and ``rights show REF --json`` print for it.
A change here is a change of a public contract: it needs a version note in docs/cases.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cases_cli import add_case


@pytest.fixture
def store(cli: Callable[..., Any], home: Path, tmp_path: Path) -> Path:
    """The profile of ``fill``."""
    return fill(cli, home, tmp_path)


def fill(cli: Callable[..., Any], home: Path, tmp_path: Path) -> Path:
    """Four cases: a draft that bounced once, a contested posted letter, a fulfilled deletion
    with a re-check, an overdue acknowledged email with a reminder and an attachment."""
    assert cli("init").code == 0
    add_case(home, "R-AAAA")
    add_case(home, "R-BBBB", via="pdf", company="zeta", company_name='Zeta "Ü" \\ Ltd')
    add_case(
        home,
        "R-CCCC",
        right="deletion",
        law="ccpa",
        company="spok",
        company_name="Spok",
        data={"categories": ["people-search"], "controller_country": "US"},
    )
    add_case(home, "R-DDDD", law="uk-gdpr", company="brit", company_name="Brit plc")
    reply = tmp_path / "ack.txt"
    reply.write_bytes(b"We got it.\n")
    steps = [
        ("R-AAAA", "sent", "2026-11-02", ""),
        ("R-AAAA", "bounced", "2026-11-03", ""),
        ("R-BBBB", "sent", "2026-11-16", ""),
        ("R-BBBB", "needs-info", "2026-11-20", "wants ID ✓"),
        ("R-CCCC", "sent", "2026-06-01", ""),
        ("R-CCCC", "fulfilled", "2026-09-01", "removed"),
        ("R-DDDD", "sent", "2026-10-01", ""),
        ("R-DDDD", "acknowledged", "2026-10-02", "ticket 9"),
        ("R-DDDD", "reminder", "2026-11-20", ""),
    ]
    for ref, kind, day, note in steps:
        r = cli("log", ref, kind, "--date", day, *(("--note", note) if note else ()))
        assert r.code == 0, r.err
    r = cli("log", "R-DDDD", "note", "--date", "2026-11-21", "--attach", str(reply))
    assert r.code == 0, r.err
    return home


GOLDEN = Path(__file__).resolve().parent / "golden"


def matches_golden(name: str, got: str) -> bool:
    """``got`` equals tests/cases/golden/NAME byte for byte (RIGHTS_UPDATE_GOLDEN=1 rewrites)."""
    path = GOLDEN / name
    if os.environ.get("RIGHTS_UPDATE_GOLDEN"):
        path.write_bytes(got.encode("utf-8"))
    return got.encode("utf-8") == path.read_bytes()


def test_list_json_bytes(cli: Callable[..., Any], store: Path) -> None:
    r = cli("list", "--json")
    assert r.code == 0, r.err
    assert matches_golden("list.json", r.out)


def test_due_json_bytes(cli: Callable[..., Any], store: Path) -> None:
    r = cli("due", "--json", "--within", "30d")
    assert r.code == 0, r.err
    assert matches_golden("due.json", r.out)


@pytest.mark.parametrize("ref", ["R-AAAA", "R-BBBB", "R-CCCC", "R-DDDD"])
def test_show_json_bytes(cli: Callable[..., Any], store: Path, ref: str) -> None:
    r = cli("show", ref, "--json")
    assert r.code == 0, r.err
    assert matches_golden(f"show-{ref}.json", r.out)


def test_sqlite_list_json_is_the_python_builder_byte_for_byte(store: Path) -> None:
    """``cases_repo.list_json`` (SQL, the fast path) prints ``contract.case_json`` exactly."""
    import datetime as dt
    import json

    from rights.cases import contract
    from rights.profile import profiles
    from rights.store import cases_repo

    today = dt.date(2026, 11, 26)
    with profiles.open_store(store, "default") as opened:
        conn = opened.conn
        from_sql = list(cases_repo.list_json(conn, today, version=contract.VERSION))
        built = [
            contract.case_json(c, cases_repo.events_for(conn, c.ref), today)
            for c in cases_repo.list_cases(conn)
        ]
    assert [tuple(json.loads(item)) for item in from_sql] == [contract.CASE_KEYS] * len(built)
    as_python = [json.dumps(b, separators=(",", ":"), ensure_ascii=False) for b in built]
    assert from_sql == as_python


def test_key_lists_match_the_builders() -> None:
    import datetime as dt

    from rights.cases import contract
    from rights.core.case import Case, Event

    case = Case("R-KEYS", "acme", "Acme", "access", "gdpr", "en", "email")
    event = Event("R-KEYS", "note", dt.date(2026, 1, 1))
    today = dt.date(2026, 1, 2)
    assert tuple(contract.case_json(case, [event], today)) == contract.CASE_KEYS
    assert tuple(contract.event_json(event)) == contract.EVENT_KEYS
    shown = contract.show_json(case, [], today, allowed_events=[], attachments=[])
    assert sorted(shown) == sorted((*contract.CASE_KEYS, *contract.SHOW_KEYS))
    item = contract.due_item("answer", "2026-01-05", ("R-KEYS", "acme", "A", "x", "y", "z"), today)
    assert tuple(item) == contract.DUE_ITEM_KEYS and item["days_left"] == 3
    assert list(contract.CASE_KEYS) == sorted(contract.CASE_KEYS)
