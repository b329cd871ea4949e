"""``rights import`` of hostile export files: every rule refuses, and nothing is imported.

Each file is a real export of the ``filled`` profile with one field made hostile; the
import runs into a fresh profile and must exit with the data-file error (9), name the
field as ``file: field.path: message`` and leave that profile empty.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_exports_cli import filled, snapshot
from tests.exports.lines import dump_export, parse_export

__all__ = ["filled"]


def _case(d: dict[str, Any], ref: str) -> dict[str, Any]:
    return next(c for c in d["cases"] if c["ref"] == ref)


def _set(ref: str, **values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: _case(d, ref).update(values)


def _data(ref: str, **values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: _case(d, ref)["data"].update(values)


def _event(ref: str, n: int, **values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: _case(d, ref)["events"][n].update(values)


def _event_data(ref: str, n: int, **values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: _case(d, ref)["events"][n]["data"].update(values)


def _attachment(**values: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: _case(d, "R-AAAA")["attachments"][0].update(values)


HOSTILE = [
    # control characters in every kind of string field
    (_set("R-AAAA", company_name="Acme\x1b]52;c;ZXZpbA==\x07"), "cases.0.company_name: control"),
    (_set("R-AAAA", company_name="Acme\x1b[2J"), "control character U+001B"),
    (_set("R-AAAA", recipient="a@b.example\rBcc: x@y"), "cases.0.recipient: control character"),
    (_set("R-AAAA", subject="Hi\nBcc: spy@evil.example"), "cases.0.subject: control character"),
    (_set("R-AAAA", body="Dear\x00 Acme"), "cases.0.body: control character U+0000"),
    (_set("R-AAAA", body="Dear\x9b2J Acme"), "cases.0.body: control character U+009B"),
    (_set("R-AAAA", body="Dear\x7f Acme"), "cases.0.body: control character U+007F"),
    (_event("R-AAAA", 1, note="ok\x1b[31mred"), "cases.0.events.1.note: control character"),
    (_data("R-AAAA", due_notes=["x\ny"]), "cases.0.data.due_notes.0: control character"),
    (_data("R-AAAA", newer={"k\x1b": 1}), "cases.0.data.newer.(key): control character"),
    (_event_data("R-AAAA", 1, recipient="x\r\n"), "events.1.data.recipient: control"),
    (_attachment(name="reply\x1b[2J.txt"), "attachments.0.name: control character"),
    # types of event data, and the vocabulary of the fields rights reads
    (_event_data("R-AAAA", 0, days="7"), "events.0.data: Value error, days: expected a whole"),
    (_event_data("R-AAAA", 0, days=True), "days: expected a whole number"),
    (_event_data("R-AAAA", 0, days=10**9), "days: expected a number of days from 0 to 3650"),
    (_event_data("R-AAAA", 1, contact_suspect="yes"), "contact_suspect: expected true or false"),
    (_event_data("R-AAAA", 0, letter=["x"]), "letter: expected a string"),
    (_event_data("R-AAAA", 0, deep=[[[[[[[[[1]]]]]]]]]), "nested deeper than 8 levels"),
    (_event("R-AAAA", 0, kind="exploded"), "events.0.kind: Value error, unknown event kind"),
    (_set("R-AAAA", right="=HYPERLINK(1)"), "cases.0.right: Value error, unknown right"),
    (_set("R-AAAA", via="carrier-pigeon"), "cases.0.via: Value error, unknown channel"),
    (_set("R-AAAA", law="../gdpr"), "cases.0.law: String should match pattern"),
    (_set("R-AAAA", lang="en;rm"), "cases.0.lang: String should match pattern"),
    (_set("R-AAAA", company="../../etc"), "cases.0.company: String should match pattern"),
    (_data("R-AAAA", agent=7), "cases.0.data: Value error, agent: expected a string or null"),
    # attachment names are file names, never paths
    (_attachment(name="../../.bashrc"), "attachments.0.name: Value error, an attachment name"),
    (_attachment(name="sub/reply.txt"), "may not contain a path separator"),
    (_attachment(name="sub\\reply.txt"), "may not contain a path separator"),
    (_attachment(name=".."), "may not be '.' or '..'"),
    (_attachment(name="x" * 300), "at most 255 characters"),
    # disclosure and agency never widened
    (_data("R-AAAA", disclosed=["name", "password"]), "cases.0.data.disclosed: not identity"),
    (_data("R-AAAA", agent="Mallory Clinic", client="Alice"), "cases.0.data.agent: names agent"),
    (_data("R-AAAA", client="Alice"), "cases.0.data.client: a client without an agent"),
]


@pytest.mark.parametrize(("change", "message"), HOSTILE)
def test_hostile_import_is_refused_and_imports_nothing(
    cli: Callable[..., Any], filled: Path, tmp_path: Path, change: Any, message: str
) -> None:
    out = tmp_path / "export.json"
    assert cli("export", "--with-attachments", "--out", str(out)).code == 0
    data, records = parse_export(out.read_text())
    change(data)
    bad = tmp_path / "hostile.json"
    bad.write_text(dump_export(data, records))
    assert cli("profile", "new", "empty").code == 0
    r = cli("import", str(bad), "--profile", "empty")
    assert r.code == 9, r.err
    assert message in r.err
    assert "hostile.json: " in r.err
    assert "nothing was imported" in r.err
    assert "\x1b" not in r.err  # the refusal names the character, never prints it
    assert snapshot(filled, "empty") == []


def test_every_problem_is_listed_one_per_line(
    cli: Callable[..., Any], filled: Path, tmp_path: Path
) -> None:
    data, _ = parse_export(cli("export").out)
    _set("R-AAAA", company_name="A\x1b[2J")(data)
    _data("R-BBBB", disclosed=["ssn"])(data)
    _event_data("R-CCCC", 0, days="x")(data)
    bad = tmp_path / "bad.json"
    bad.write_text(dump_export(data))
    assert cli("profile", "new", "empty").code == 0
    r = cli("import", str(bad), "--profile", "empty")
    assert r.code == 9
    assert "(3 problem(s))" in r.err
    lines = [line for line in r.err.splitlines() if line.strip().startswith("bad.json: ")]
    assert len(lines) == 3, r.err


def test_an_agent_case_imports_into_the_agents_own_profile(
    cli: Callable[..., Any], filled: Path, tmp_path: Path
) -> None:
    data, _ = parse_export(cli("export").out)
    _data("R-AAAA", agent="Ada Clinic", client="Alice Example", disclosed=["name", "email"])(data)
    path = tmp_path / "agent.json"
    path.write_text(dump_export(data))
    assert cli("profile", "new", "clinic").code == 0
    r = cli("profile", "edit", "--full-name", "Ada Clinic", "--profile", "clinic")
    assert r.code == 0, r.err
    r = cli("import", str(path), "--profile", "clinic")
    assert r.code == 0, r.err
    cases = {c[0]["ref"]: c[0] for c in snapshot(filled, "clinic")}
    assert cases["R-AAAA"]["notes"].agent == "Ada Clinic"
    assert cases["R-AAAA"]["notes"].client == "Alice Example"


def test_multiline_bodies_and_notes_still_import(
    cli: Callable[..., Any], filled: Path, tmp_path: Path
) -> None:
    data, _ = parse_export(cli("export").out)
    _set("R-AAAA", body="Dear Acme,\n\tplease.\n")(data)
    _event("R-AAAA", 1, note="line one\nline two")(data)
    path = tmp_path / "ok.json"
    path.write_text(dump_export(data))
    assert cli("profile", "new", "fresh").code == 0
    r = cli("import", str(path), "--profile", "fresh")
    assert r.code == 0, r.err
