"""Characterisation of ``rights export``: the exact bytes of every text format.

The store is the one of tests/cases/test_contract.py (``fill``); a change here changes what
users keep on disk and import again, so it needs a note in docs/cases.md.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cases.test_contract import fill

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((), "export.json"),
        (("--format", "json", "--ref", "R-DDDD", "--with-attachments"), "export-R-DDDD.json"),
        (("--format", "csv"), "export.csv"),
        (("--format", "ics"), "export.ics"),
        (("--format", "report"), "report.html"),
    ],
)
def test_export_bytes(
    cli: Callable[..., Any], home: Path, tmp_path: Path, args: tuple[str, ...], name: str
) -> None:
    fill(cli, home, tmp_path)
    r = cli("export", *args)
    assert r.code == 0, r.err
    path = GOLDEN / name
    if os.environ.get("RIGHTS_UPDATE_GOLDEN"):
        path.write_bytes(r.out.encode("utf-8"))
    assert r.out.encode("utf-8") == path.read_bytes()
