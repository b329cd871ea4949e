"""``rights due``: one line per case (its most urgent obligation), unsent drafts older than a
few days as "written, never sent", and the next command on every line (issue 12 point 11)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cases_cli import add_case


@pytest.fixture
def profile(cli: Callable[..., Any], home: Path) -> Path:
    assert cli("init").code == 0
    return home


def _items(cli: Callable[..., Any], *args: str) -> list[dict[str, Any]]:
    r = cli("due", "--json", *args)
    assert r.code == 0, r.err
    return list(json.loads(r.out)["items"])


def test_one_item_per_case_with_its_next_command(
    cli: Callable[..., Any], profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_case(profile, "R-AAAA", law="ccpa", right="deletion")  # acknowledgement and answer late
    add_case(profile, "R-BBBB")  # late, then a reminder
    add_case(profile, "R-CCCC")  # answered only in part, the rest late
    add_case(profile, "R-DDDD", via="pdf")  # a draft written long ago
    assert cli("log", "R-AAAA", "sent", "--date", "2026-09-01").code == 0
    assert cli("log", "R-BBBB", "sent", "--date", "2026-09-01").code == 0
    assert cli("log", "R-BBBB", "reminder", "--date", "2026-11-01").code == 0
    assert cli("log", "R-CCCC", "sent", "--date", "2026-09-01").code == 0
    assert cli("log", "R-CCCC", "partial", "--date", "2026-09-20").code == 0
    items = _items(cli)
    refs = [i["ref"] for i in items]
    assert sorted(refs) == ["R-AAAA", "R-BBBB", "R-CCCC", "R-DDDD"]  # once each
    by_ref = {i["ref"]: i for i in items}
    assert by_ref["R-AAAA"]["kind"] == "overdue"  # not also "acknowledge"
    assert by_ref["R-AAAA"]["next_command"] == "rights followup R-AAAA"
    assert by_ref["R-BBBB"]["kind"] == "reminder" and by_ref["R-BBBB"]["date"] == "2026-11-15"
    assert by_ref["R-BBBB"]["next_command"] == "rights escalate R-BBBB"
    assert "reminder" in by_ref["R-BBBB"]["reason"] and "2026-11-15" in by_ref["R-BBBB"]["reason"]
    assert by_ref["R-CCCC"]["reason"].startswith("answered only in part")
    assert "unanswered" not in json.dumps(by_ref["R-CCCC"])
    draft = by_ref["R-DDDD"]
    assert (draft["kind"], draft["status"], draft["date"]) == ("draft", "draft", "2026-01-02")
    assert draft["reason"] == "written, never sent"
    assert draft["next_command"] == "rights request render R-DDDD --via pdf --out DIR"
    monkeypatch.setenv("COLUMNS", "160")  # a wide terminal: every cell whole
    r = cli("due")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert len(lines) == 5  # the header and one line per case
    row = next(line for line in lines if line.startswith("R-DDDD"))
    assert "written, never sent" in row and "rights request render R-DDDD --via pdf" in row
    row = next(line for line in lines if line.startswith("R-BBBB"))
    assert "rights escalate R-BBBB" in row
    row = next(line for line in lines if line.startswith("R-CCCC"))
    assert "answered only in part" in row and "rights followup R-CCCC" in row


def test_a_fresh_draft_waits_and_an_email_draft_is_sent(
    cli: Callable[..., Any], profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_case(profile, "R-AAAA")  # email, written 2 Jan
    monkeypatch.setenv("RIGHTS_TODAY", "2026-01-04")
    assert _items(cli) == []  # two days old: not yet stale
    monkeypatch.setenv("RIGHTS_TODAY", "2026-01-05")
    (item,) = _items(cli)
    assert item["next_command"] == "rights request send R-AAAA"
    assert item["days_left"] == -3
    r = cli("due")
    assert "3d ago" in r.out and "nothing due" not in r.err
