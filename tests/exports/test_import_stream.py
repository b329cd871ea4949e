"""Format version 3 (JSON lines, content records after their case) and reading versions 1
and 2.

A version 1 file (the golden export of before version 2, contents inline) and the version 2
golden files (one indented object, ``sent_on``) still import, with the same content as a
version 3 export; content records out of order, tampered, cut short or too long are refused,
nothing imported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cases.test_contract import fill
from tests.cli.test_exports_cli import snapshot
from tests.exports.lines import dump_export, parse_export

V1 = Path(__file__).resolve().parent / "fixtures_v1" / "export-R-DDDD.json"


def test_a_version_1_export_still_imports(
    cli: Callable[..., Any], home: Path, tmp_path: Path
) -> None:
    assert cli("init").code == 0
    r = cli("import", str(V1))
    assert r.code == 0, r.err
    assert "1 attachment(s)" in r.err
    got = tmp_path / "got.txt"
    assert cli("attachment", "get", "R-DDDD", "1", "--out", str(got)).code == 0
    assert got.read_bytes() == b"We got it.\n"


def _export(cli: Callable[..., Any], home: Path, tmp_path: Path) -> tuple[str, str, str]:
    """(the lines up to R-DDDD's case line, its one content record, the lines after)."""
    fill(cli, home, tmp_path)
    lines = cli("export", "--with-attachments").out.split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith('{"content_base64"'))
    return "\n".join(lines[:at]) + "\n", lines[at] + "\n", "\n".join(lines[at + 1 :])


RECORD = {"content_base64": "V2UgZ290IGl0Lgo=", "n": 1, "ref": "R-DDDD", "seq": 0}


@pytest.mark.parametrize(
    ("contents", "message"),
    [
        ("", "attachment #1 of R-DDDD: its content is missing"),
        (json.dumps(RECORD | {"content_base64": "V2UgZ290IGl0Lg=="}) + "\n", "does not match"),
        (json.dumps(RECORD | {"seq": 1}) + "\n", "seq 1, expected 0"),
        (json.dumps(RECORD | {"ref": "R-BBBB"}) + "\n", "unexpected content for R-BBBB #1"),
        (json.dumps(RECORD) + "\n" + json.dumps(RECORD | {"seq": 1}) + "\n", "too long"),
        (json.dumps(RECORD | {"extra": 1}) + "\n", "a content record has exactly the keys"),
        (json.dumps(RECORD | {"content_base64": "!!"}) + "\n", "not valid base64"),
        ("{" + " " * (9 * 1024 * 1024) + "\n", "longer than"),
        ("not json\n", "not JSON (a case or a content record)"),
    ],
)
def test_bad_content_records_are_refused(
    cli: Callable[..., Any], home: Path, tmp_path: Path, contents: str, message: str
) -> None:
    head, good, rest = _export(cli, home, tmp_path)
    assert json.loads(good) == RECORD
    bad = tmp_path / "bad.json"
    bad.write_text(head + contents + rest)
    assert cli("profile", "new", "empty").code == 0
    r = cli("import", str(bad), "--profile", "empty")
    assert r.code == 9, r.err
    assert message in r.err and "nothing was imported" in r.err
    if contents and message not in ("does not match", "too long"):
        assert f"bad.json: line {head.count(chr(10)) + 1}: " in r.err
    assert snapshot(home, "empty") == []


V2 = Path(__file__).resolve().parent / "fixtures_v2"


def _comparable(case: dict[str, Any], *, attachments: bool) -> dict[str, Any]:
    """A case as exported, with the version 2 names of its dates read as version 3's and
    without what an import renumbers (event ids) or drops (attachments without content)."""
    case = {{"sent_on": "sent", "received_on": "received"}.get(k, k): v for k, v in case.items()}
    case["events"] = [{k: v for k, v in e.items() if k != "id"} for e in case["events"]]
    case["attachments"] = [
        {k: v for k, v in a.items() if k != "event_id"} for a in case["attachments"]
    ] if attachments else []  # fmt: skip
    return case


@pytest.mark.parametrize("name", ["export.json", "export-R-DDDD.json"])
def test_a_version_2_export_imports_and_exports_again_the_same_as_version_3(
    cli: Callable[..., Any], home: Path, tmp_path: Path, name: str
) -> None:
    assert cli("init").code == 0
    r = cli("import", str(V2 / name))
    assert r.code == 0, r.err
    text = (V2 / name).read_text()
    old = json.loads(text.partition("\n}\n")[0] + "}")
    assert old["format_version"] == 2 and "sent_on" in old["cases"][0]
    with_content = "R-DDDD" in name
    r = cli("export", *(["--with-attachments"] if with_content else []))
    assert r.code == 0, r.err
    new, records = parse_export(r.out)
    assert new["format"] == "rights-cases" and new["format_version"] == 3
    assert all("sent" in c and "sent_on" not in c for c in new["cases"])
    assert [_comparable(c, attachments=with_content) for c in new["cases"]] == [
        _comparable(c, attachments=with_content) for c in old["cases"]
    ]
    if with_content:  # the content records are the same lines, now right after their case
        assert records == {"R-DDDD": [text.partition("\n}\n")[2]]}


def test_a_version_3_export_is_json_lines_and_imports_back(
    cli: Callable[..., Any], home: Path, tmp_path: Path
) -> None:
    fill(cli, home, tmp_path)
    text = cli("export", "--with-attachments").out
    lines = text.split("\n")
    assert lines[-1] == "" and all(json.loads(line) for line in lines[:-1])
    assert json.loads(lines[0]) == {
        "exported_at": "2026-11-26T12:00:00+00:00",
        "format": "rights-cases",
        "format_version": 3,
    }
    path = tmp_path / "v3.json"
    path.write_text(text)
    assert cli("profile", "new", "again").code == 0
    r = cli("import", str(path), "--profile", "again")
    assert r.code == 0, r.err
    assert snapshot(home, "again") == snapshot(home, "default")


def test_a_version_3_import_refuses_duplicates_and_a_newer_version(
    cli: Callable[..., Any], home: Path, tmp_path: Path
) -> None:
    fill(cli, home, tmp_path)
    data, records = parse_export(cli("export", "--with-attachments").out)
    assert cli("profile", "new", "empty").code == 0
    twice = tmp_path / "twice.json"
    twice.write_text(dump_export({**data, "cases": data["cases"] * 2}, records))
    r = cli("import", str(twice), "--profile", "empty")
    assert r.code == 9 and "duplicate references" in r.err, r.err
    newer = tmp_path / "newer.json"
    newer.write_text(dump_export({**data, "format_version": 4}, records))
    r = cli("import", str(newer), "--profile", "empty")
    assert r.code == 9 and "format_version 4 is newer" in r.err, r.err
    odd = tmp_path / "odd.json"
    odd.write_text(dump_export({**data, "extra": 1}, records))
    r = cli("import", str(odd), "--profile", "empty")
    assert r.code == 9 and "line 1 (header): unexpected key(s) extra" in r.err, r.err
    assert snapshot(home, "empty") == []
    again = tmp_path / "again.json"
    again.write_text(dump_export(data, records))
    r = cli("import", str(again), "--profile", "default")
    assert r.code == 8 and "exist already" in r.err, r.err
