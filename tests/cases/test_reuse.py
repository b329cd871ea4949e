"""One case per request: the open-case lookup and the draft clean-up, on a real store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rights.cases import lifecycle, reuse
from rights.core.case import Event
from rights.errors import InputError
from rights.profile import profiles
from rights.store import cases_repo
from rights.store.connect import transaction

NOW = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 26)


def _store(home: Path, ref: str, company: str, right: str, sent: bool = False) -> None:
    case = lifecycle.new_case(ref=ref, company=company, company_name=company.title(),
                              right=right, law="gdpr", lang="en", via="email", now=NOW)  # fmt: skip
    with profiles.open_store(home, "default") as store, transaction(store.conn):
        cases_repo.insert_cases(store.conn, [case])
    if sent:
        with profiles.open_store(home, "default") as store:
            event = Event(ref=ref, kind="sent", on_date=dt.date(2026, 11, 3))
            done = lifecycle.apply_event(case, event, None, None, TODAY)
            with transaction(store.conn):
                cases_repo.update_case(store.conn, done)


@pytest.fixture
def store_home(cli: Callable[..., Any], home: Path) -> Path:
    assert cli("init").code == 0
    return home


def test_open_case_for_finds_drafts_and_owed_cases_only(store_home: Path) -> None:
    _store(store_home, "R-AAAA", "acme", "access", sent=True)
    _store(store_home, "R-BBBB", "acme", "deletion")
    _store(store_home, "R-CCCC", "other", "access")
    with profiles.open_store(store_home, "default") as store:
        assert reuse.open_case_for(store.conn, "acme", "access").ref == "R-AAAA"  # type: ignore[union-attr]
        assert reuse.open_case_for(store.conn, "acme", "deletion").ref == "R-BBBB"  # type: ignore[union-attr]
        assert reuse.open_case_for(store.conn, "acme", "objection") is None
        reuse.abandon(store.conn, [cases_repo.get_case(store.conn, "R-BBBB")], today=TODAY,  # type: ignore[list-item]
                      now=NOW)  # fmt: skip
        assert reuse.open_case_for(store.conn, "acme", "deletion") is None


def test_to_abandon_needs_a_selection_and_an_endable_state(store_home: Path) -> None:
    with profiles.open_store(store_home, "default") as store:
        with pytest.raises(InputError, match="say which cases"):
            reuse.to_abandon(store.conn, status=None, company=None, refs=[])
        with pytest.raises(InputError, match="cannot be abandoned"):
            reuse.to_abandon(store.conn, status="closed", company=None, refs=[])


def test_list_and_abandon_drafts_in_bulk(cli: Callable[..., Any], store_home: Path) -> None:
    import json

    _store(store_home, "R-AAAA", "acme", "access", sent=True)
    _store(store_home, "R-BBBB", "acme", "deletion")
    _store(store_home, "R-CCCC", "other", "access")
    drafts = json.loads(cli("list", "--status", "draft", "--json").out)
    assert [c["ref"] for c in drafts] == ["R-BBBB", "R-CCCC"]
    r = cli("abandon", "--status", "draft", "--company", "acme")
    assert r.code == 3 and "hint: add --yes" in r.err
    r = cli("abandon", "--status", "draft", "--company", "acme", "--yes", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out) == {"abandoned": ["R-BBBB"], "version": 2}
    r = cli("abandon", "--status", "draft", "--yes")
    assert (r.code, r.out.split()) == (0, ["R-CCCC"])
    assert json.loads(cli("list", "--status", "draft", "--json").out) == []
    statuses = {c["ref"]: c["status"] for c in json.loads(cli("list", "--json").out)}
    assert statuses == {"R-AAAA": "sent", "R-BBBB": "abandoned", "R-CCCC": "abandoned"}
    assert "unexpected" not in cli("abandon", "--status", "nonsense").err
