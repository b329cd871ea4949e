"""Format version 2 (content records after the leading object) and reading version 1.

A version 1 file (the golden export of before version 2, contents inline) still imports;
content records out of order, tampered, cut short or too long are refused, nothing imported.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cases.test_contract import fill
from tests.cli.test_exports_cli import snapshot

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


def _export(cli: Callable[..., Any], home: Path, tmp_path: Path) -> tuple[str, str]:
    fill(cli, home, tmp_path)
    text = cli("export", "--with-attachments").out
    head, _, contents = text.partition("\n}\n")
    return head + "\n}\n", contents


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
        ("not json\n", "not a JSON content record"),
    ],
)
def test_bad_content_records_are_refused(
    cli: Callable[..., Any], home: Path, tmp_path: Path, contents: str, message: str
) -> None:
    head, good = _export(cli, home, tmp_path)
    assert json.loads(good) == RECORD
    bad = tmp_path / "bad.json"
    bad.write_text(head + contents)
    assert cli("profile", "new", "empty").code == 0
    r = cli("import", str(bad), "--profile", "empty")
    assert r.code == 9, r.err
    assert message in r.err and "nothing was imported" in r.err
    if contents and message not in ("does not match", "too long"):
        assert f"bad.json: line {head.count(chr(10)) + 1}: " in r.err
    assert snapshot(home, "empty") == []
