"""Tables fit the terminal: at COLUMNS=80 no line of list, due, companies search, laws list
or packs list is wider than 80; wider terminals and pipes get whole cells (issue 16 point 3)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cases_cli import add_case

LONG = "Internationale Auskunftei für Bonitätsprüfung und Risikomanagement Holding GmbH"


@pytest.fixture
def cases(cli: Callable[..., Any], home: Path) -> Path:
    assert cli("init").code == 0
    add_case(home, "R-AAAA", company="auskunftei-holding", company_name=LONG)
    add_case(home, "R-BBBB", company_name="Acme")
    assert cli("log", "R-AAAA", "sent", "--date", "2026-09-01").code == 0
    return home


COMMANDS = [
    ("list",),
    ("due",),
    ("companies", "search", "transunion"),
    ("laws", "list"),
    ("packs", "list"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_no_line_is_wider_than_80_columns(
    cli: Callable[..., Any], cases: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    r = cli(*args)
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert len(lines) >= 2, r.out
    assert max(len(line) for line in lines) <= 80, r.out


def test_a_cut_name_ends_in_an_ellipsis_and_the_reference_stays_whole(
    cli: Callable[..., Any], cases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("list").out
    assert "R-AAAA" in out and "R-BBBB" in out
    assert LONG not in out and "Internatio" in out and "\u2026" in out


def test_wide_terminals_and_pipes_get_whole_cells(
    cli: Callable[..., Any], cases: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    assert LONG in cli("list").out
    monkeypatch.delenv("COLUMNS")
    piped = cli("companies", "search", "transunion").out  # captured: no terminal
    assert "transunion-rental-screening-solutions-inc-transunion-smartmo" in piped
    assert "\u2026" not in piped
