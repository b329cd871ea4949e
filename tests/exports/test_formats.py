"""rights.exports.formats: one Format enum, every value renders; the import mirrors the export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rights.errors import InputError
from rights.exports import formats
from rights.exports.formats import Format
from tests.cases.test_contract import fill
from tests.exports.lines import parse_export

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC)
STARTS = {
    Format.JSON: b'{"exported_at": ',
    Format.CSV: b"ref,company,",
    Format.ICS: b"BEGIN:VCALENDAR\r\n",
    Format.REPORT: b"<!DOCTYPE html>",
}


def test_every_format_is_documented_and_has_a_check() -> None:
    assert set(STARTS) == set(Format)
    assert formats.FORMATS == ("json", "csv", "ics", "report")
    text = (Path(__file__).resolve().parents[2] / "docs" / "cases.md").read_text()
    assert "rights export --format " + "|".join(formats.FORMATS) in text


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_renders(
    cli: Callable[..., Any], home: Path, tmp_path: Path, fmt: Format
) -> None:
    from rights.profile import profiles

    fill(cli, home, tmp_path)
    from rights.exports.report import ReportOptions

    named = ReportOptions(profile="default") if fmt is Format.REPORT else None  # as the CLI
    with profiles.open_store(home, "default") as store:
        whole = formats.render(store.conn, fmt, today=TODAY, now=NOW, report_options=named)
        one = formats.render(store.conn, fmt.value, today=TODAY, now=NOW, refs=["r-dddd"])
    assert whole.startswith(STARTS[fmt]) and one.startswith(STARTS[fmt])
    assert b"R-BBBB" in whole and b"R-DDDD" in one and b"R-BBBB" not in one
    assert r_out(cli, fmt) == whole


def r_out(cli: Callable[..., Any], fmt: Format) -> bytes:
    r = cli("export", "--format", fmt.value)
    assert r.code == 0, r.err
    return bytes(r.out.encode("utf-8"))


def test_unknown_format_lists_the_formats() -> None:
    with pytest.raises(InputError) as caught:
        Format.parse("xml")
    assert caught.value.hint == "formats: json, csv, ics, report"


def test_pdf_only_for_a_report_to_a_pdf_file() -> None:
    assert formats.is_pdf("report", Path("r.PDF"))
    assert not formats.is_pdf("report", Path("r.html"))
    assert not formats.is_pdf("report", None)
    assert not formats.is_pdf(Format.JSON, Path("r.pdf"))


def test_the_import_model_reads_exactly_what_the_export_writes(
    cli: Callable[..., Any], home: Path, tmp_path: Path
) -> None:
    from rights.exports import json_export, json_import

    assert set(json_import.CaseIn.model_fields) == {
        *json_export.CASE_FIELDS,
        "data",
        "events",
        "attachments",
    }
    assert set(json_import.EventIn.model_fields) == set(json_export.EVENT_KEYS)
    fill(cli, home, tmp_path)
    text = cli("export", "--with-attachments").out
    exported, _ = parse_export(text)  # the header and the case lines, records aside
    parsed = json_import.parse(exported, "export.json")
    assert [c.ref for c in parsed.cases] == [c["ref"] for c in exported["cases"]]
    again = [json_export.case_export(c.to_case()) for c in parsed.cases]
    assert again == [
        {k: v for k, v in c.items() if k not in ("events", "attachments")}
        for c in exported["cases"]
    ]
