"""Every ``--json`` output carries the contract version (docs/cli.md, "JSON output").

The test walks the command tree: each command with a ``--json`` option must be listed in
``RUNS`` (how to run it on a small store) or in ``ELSEWHERE`` (why it needs a server); each
run must succeed and every top-level object, or every object of a top-level array, must
hold ``"version": 2``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rights.cases import contract
from rights.cli import _output
from rights.cli.main import COMMANDS, load_command

VERSION = 2

RUNS: dict[str, tuple[str, ...]] = {
    "deadline": ("--law", "gdpr", "--right", "access", "--received", "2026-01-31"),
    "list": (),
    "due": (),
    "show": ("{ref}",),
    "drop": ("--profile", "ca", "--date", "2026-11-01"),
    "abandon": ("--status", "draft", "--yes"),
    "followup": ("{ref}", "--via", "text", "--preview"),
    "escalate": ("{ref}", "--via", "text", "--preview"),
    "reply": ("{ref}", "--to", "web-form", "--via", "text", "--preview"),
    "profile list": (),
    "profile show": (),
    "store path": (),
    "store verify": (),
    "companies search": ("acxiom", "--no-mine"),
    "companies show": ("acxiom",),
    "companies stats": ("--no-mine",),
    "companies validate": ("{empty}",),
    "packs list": (),
    "packs show": ("{pack}",),
    "laws list": (),
    "laws show": ("gdpr",),
    "laws which": (),
    "laws validate": (),
    "letters check": (),
    "request new": ("--company", "acxiom", "--right", "deletion", "--lang", "en"),
    "request render": ("{ref}", "--via", "text"),
    "scores": ("--situation", "credit"),
    "scores status": (),
    "config show": (),
    "attachment list": ("{ref}",),
    "inbox import": ("{mail}",),
}
ELSEWHERE = {
    "request send": "sends by SMTP: tests/actions/test_resend.py runs it against a server",
    "inbox sync": "reads an IMAP mailbox: tests/inbox/ runs it against dovecot",
}


def json_commands() -> Iterator[str]:
    """Every command (``group command``) that has a ``--json`` option."""

    def walk(cmd: Any, path: list[str]) -> Iterator[str]:
        if any("--json" in getattr(p, "opts", ()) for p in cmd.params):
            yield " ".join(path)  # a command, or a group that runs on its own (``scores``)
        for name, sub in (getattr(cmd, "commands", None) or {}).items():
            yield from walk(sub, [*path, name])

    for name, _, _ in COMMANDS:
        yield from walk(load_command(name), [name])


def test_every_json_command_is_walked() -> None:
    assert sorted(json_commands()) == sorted([*RUNS, *ELSEWHERE])


def test_the_two_version_numbers_are_one() -> None:
    assert _output.JSON_VERSION == contract.VERSION == VERSION


def tops(data: Any) -> list[dict[str, Any]]:
    """The top-level objects of a document: itself, or the objects of a top-level array."""
    return [data] if isinstance(data, dict) else [i for i in data if isinstance(i, dict)]


@pytest.fixture
def walked(cli: Callable[..., Any], passphrase_env: str, tmp_path: Path, monkeypatch: Any) -> Any:
    """A Berlin profile with a sent request (late on 20 Nov) and a Californian one."""
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
            "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    r = cli("request", "new", "--company", "acxiom", "--right", "access", "--lang", "en", "--json")
    assert r.code == 0, r.err
    ref = json.loads(r.out)[0]["ref"]
    assert cli("log", ref, "sent", "--date", "2026-10-01").code == 0
    assert cli("profile", "new", "ca").code == 0
    r = cli("profile", "edit", "--profile", "ca", "--full-name", "Dana Whitfield",
            "--email", "dana@example.org", "--country", "US", "--region", "CA")  # fmt: skip
    assert r.code == 0, r.err
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    mail = tmp_path / "reply.eml"
    mail.write_text(f"From: privacy@acxiom.example\nTo: zofia@example.org\n"
                    f"Subject: Re: your request [{ref}]\n\nWe are on it.\n")  # fmt: skip
    empty = tmp_path / "no-companies"
    empty.mkdir()
    packs = json.loads(cli("packs", "list", "--json").out)
    names = {"ref": ref, "mail": str(mail), "empty": str(empty), "pack": packs[0]["name"]}
    return cli, names


def test_json_output_has_the_version_key(walked: Any) -> None:
    """One store for every command (each would take seconds to set up again)."""
    cli, names = walked
    wrong = []
    for command in sorted(RUNS):
        args = [a.format(**names) for a in RUNS[command]]
        r = cli(*command.split(), *args, "--json")
        try:
            data = json.loads(r.out)
        except json.JSONDecodeError:
            wrong.append(f"{command}: exit {r.code}, no JSON: {r.err[-300:]}")
            continue
        found = tops(data)
        if r.code or not (found or data == []):
            wrong.append(f"{command}: exit {r.code}, {r.out[:200]}")
        elif not all(item.get("version") == VERSION for item in found):
            wrong.append(f"{command}: no version in {r.out[:300]}")
    assert not wrong, "\n".join(wrong)


def test_a_list_keeps_its_shape_and_each_object_is_versioned() -> None:
    assert _output.versioned([{"a": 1}, 2]) == [{"a": 1, "version": VERSION}, 2]
    assert _output.versioned({"a": 1}) == {"a": 1, "version": VERSION}
    assert _output.versioned([]) == []


def test_a_streamed_object_is_the_same_document(capsys: pytest.CaptureFixture[str]) -> None:
    data = {"items": [{"b": "\x85x", "a": 1}, {"a": 2}], "today": "2026-11-26", "z": None}
    _output.emit_json_lines(data, "items")
    text = capsys.readouterr().out
    assert json.loads(text) == _output.versioned(data)
    assert text.count("\n") == 4 and "\\u0085" in text  # one item a line; C1 escaped
    _output.emit_json_lines({"items": [], "today": "x"}, "items")
    assert json.loads(capsys.readouterr().out) == {"items": [], "today": "x", "version": VERSION}
