"""rights export (json, csv, ics, report HTML/PDF) and rights import, with real parsers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

from rights.profile import profiles
from rights.store import cases_repo
from tests.cli.test_cases_cli import add_case
from tests.exports.lines import dump_export, parse_export


@pytest.fixture
def filled(cli: Callable[..., Any], home: Path, tmp_path: Path) -> Path:
    """A profile with three cases, events and one attachment."""
    assert cli("init").code == 0
    add_case(home, "R-AAAA", company_name='Acme <b>"Bold"</b>, Inc; & co')
    add_case(
        home,
        "R-BBBB",
        company="zeta",
        company_name="=Zeta",
        law="ccpa",
        right="deletion",
        data={"categories": ["data-broker"]},
    )
    add_case(home, "R-CCCC", via="pdf")
    assert cli("log", "R-AAAA", "sent", "--date", "2026-10-01").code == 0
    reply = tmp_path / "reply.txt"
    reply.write_bytes(b"We hold nothing.\n")
    assert (
        cli(
            "log",
            "R-AAAA",
            "refused",
            "--date",
            "2026-10-20",
            "--note",
            "says <script>alert(1)</script> nothing held",
            "--attach",
            str(reply),
        ).code
        == 0
    )
    assert cli("log", "R-BBBB", "sent", "--date", "2026-11-20").code == 0
    assert cli("log", "R-CCCC", "sent", "--date", "2026-11-16").code == 0
    return home


def snapshot(home: Path, profile: str = "default") -> list[tuple[Any, ...]]:
    """Cases and events, comparable across stores (no ids, no timestamps)."""
    with profiles.open_store(home, profile) as store:
        found = []
        for case in cases_repo.list_cases(store.conn):
            events = cases_repo.events_for(store.conn, case.ref)
            found.append(
                (
                    {k: v for k, v in vars(case).items() if k != "created_at"},
                    [(e.kind, e.on_date, e.note, e.data) for e in events],
                )
            )
        return found


def test_json_export_round_trips_into_a_fresh_profile(
    cli: Callable[..., Any], filled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "export.json"
    r = cli("export", "--format", "json", "--out", str(out), "--with-attachments")
    assert r.code == 0, r.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data, records = parse_export(out.read_text())
    assert (data["format"], data["format_version"]) == ("rights-cases", 3)
    assert [c["ref"] for c in data["cases"]] == ["R-AAAA", "R-CCCC", "R-BBBB"]
    first = data["cases"][0]
    assert [e["kind"] for e in first["events"]] == ["sent", "refused"]
    assert first["attachments"][0]["name"] == "reply.txt"
    assert first["attachments"][0]["content"] is True
    (contents,) = records["R-AAAA"]  # right after its case's line
    assert json.loads(contents) == {
        "content_base64": "V2UgaG9sZCBub3RoaW5nLgo=",
        "n": 1,
        "ref": "R-AAAA",
        "seq": 0,
    }
    assert cli("profile", "new", "restored").code == 0
    r = cli("import", str(out), "--profile", "restored")
    assert r.code == 0, r.err
    assert "imported 3 case(s), 4 event(s), 1 attachment(s)" in r.err
    assert snapshot(filled, "restored") == snapshot(filled, "default")
    got = tmp_path / "got.txt"
    assert (
        cli("attachment", "get", "R-AAAA", "1", "--out", str(got), "--profile", "restored").code
        == 0
    )
    assert got.read_bytes() == b"We hold nothing.\n"
    r = cli("import", str(out), "--profile", "restored")
    assert r.code == 8 and "3 case(s) exist already" in r.err


def test_json_export_to_stdout_lists_attachments_without_content(
    cli: Callable[..., Any], filled: Path
) -> None:
    r = cli("export")
    data, _ = parse_export(r.out)
    assert "content_base64" not in data["cases"][0]["attachments"][0]
    assert data["cases"][0]["attachments"][0]["size"] == 17


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.update(format_version=4),
            "format_version 4 is newer than this rights reads (3)",
        ),
        (lambda d: d.update(format="other"), "not a rights cases export"),
        (
            lambda d: d["cases"][1].update(status="deleted"),
            "cases.1.status: Value error, unknown status",
        ),
        (lambda d: d["cases"][2]["events"][0].update(date="2026-02-30"), "cases.2.events.0.date"),
        (lambda d: d["cases"][2].update(surprise=1), "cases.2.surprise: Extra inputs"),
        (
            lambda d: d["cases"][2]["data"].update(categories="x"),
            "cases.2.data: Value error, categories: expected a list of strings",
        ),
        (lambda d: d["cases"][1].update(ref="R-AAAA"), "duplicate references: R-AAAA"),
    ],
)
def test_bad_import_is_refused_and_imports_nothing(
    cli: Callable[..., Any], filled: Path, tmp_path: Path, change: Any, message: str
) -> None:
    data, _ = parse_export(cli("export").out)
    change(data)
    bad = tmp_path / "bad.json"
    bad.write_text(dump_export(data))
    assert cli("profile", "new", "empty").code == 0
    r = cli("import", str(bad), "--profile", "empty")
    assert r.code == 9, r.err
    assert message in r.err
    assert "nothing was imported" in r.err
    assert snapshot(filled, "empty") == []


def test_truncated_import_file_is_refused(
    cli: Callable[..., Any], filled: Path, tmp_path: Path
) -> None:
    text = cli("export").out
    bad = tmp_path / "cut.json"
    bad.write_text(text[: len(text) // 2])
    assert cli("profile", "new", "empty").code == 0
    r = cli("import", str(bad), "--profile", "empty")
    assert r.code == 9 and "cut.json: line " in r.err and ": not JSON" in r.err
    lines = text.split("\n")  # cut at a line break: the end line is missing
    bad.write_text("\n".join(lines[:2]) + "\n")
    r = cli("import", str(bad), "--profile", "empty")
    assert r.code == 9 and "ends before its end line: it was cut short" in r.err, r.err
    bad.write_text(text + text.split("\n")[1] + "\n")  # a case after the end
    r = cli("import", str(bad), "--profile", "empty")
    assert r.code == 9 and "data after the end line" in r.err, r.err
    bad.write_text("\n".join([*lines[:2], lines[-2]]) + "\n")  # the end counts 3 cases
    r = cli("import", str(bad), "--profile", "empty")
    assert r.code == 9 and "the file holds 1 case(s)" in r.err, r.err
    assert snapshot(filled, "empty") == []


def test_csv_has_one_row_per_case(cli: Callable[..., Any], filled: Path) -> None:
    r = cli("export", "--format", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [row["ref"] for row in rows] == ["R-AAAA", "R-CCCC", "R-BBBB"]
    assert rows[0]["company_name"] == 'Acme <b>"Bold"</b>, Inc; & co'
    assert rows[0]["status"] == "refused" and rows[0]["events"] == "2"
    assert rows[0]["last_event"] == "refused" and rows[0]["overdue"] == "no"
    assert rows[2]["company_name"] == "'=Zeta"  # never a spreadsheet formula
    assert rows[1]["received_estimated"] == "yes" and rows[1]["received"] == "2026-11-19"


def test_ics_is_parsed_event_by_event(cli: Callable[..., Any], filled: Path) -> None:
    r = cli("export", "--format", "ics")
    assert r.code == 0, r.err
    assert all(len(line.encode()) <= 75 for line in r.out.split("\r\n"))
    cal = icalendar.Calendar.from_ical(r.out)
    every = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    events = {uid: e for uid, e in every.items() if str(e["STATUS"]) == "CONFIRMED"}
    assert sorted(events) == [
        "R-BBBB-ack@rights",
        "R-BBBB-due@rights",
        "R-CCCC-due@rights",
    ]
    # R-AAAA was refused: its due date stays, cancelled and without an alarm
    assert str(every["R-AAAA-due@rights"]["STATUS"]) == "CANCELLED"
    assert every["R-AAAA-due@rights"].walk("VALARM") == []
    ack = events["R-BBBB-ack@rights"]
    assert ack.decoded("DTSTART") == dt.date(2026, 12, 8)
    assert ack.decoded("DTEND") == dt.date(2026, 12, 9)
    assert str(ack["SUMMARY"]) == "Acknowledgement due: =Zeta (deletion, ccpa) R-BBBB"
    due = events["R-CCCC-due@rights"]
    assert due.decoded("DTSTART") == dt.date(2026, 12, 21)
    alarms = due.walk("VALARM")
    assert len(alarms) == 1
    assert alarms[0].decoded("TRIGGER") == dt.timedelta(days=-3)
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    again = icalendar.Calendar.from_ical(cli("export", "--format", "ics").out)
    assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == sorted(every)


def test_ics_keeps_an_abandoned_case_as_cancelled_with_a_higher_sequence(
    cli: Callable[..., Any], filled: Path
) -> None:
    def due_event(text: str) -> Any:
        cal = icalendar.Calendar.from_ical(text)
        return next(e for e in cal.walk("VEVENT") if str(e["UID"]) == "R-CCCC-due@rights")

    before = due_event(cli("export", "--format", "ics").out)
    assert str(before["STATUS"]) == "CONFIRMED"
    assert cli("abandon", "R-CCCC", "--yes").code == 0
    text = cli("export", "--format", "ics").out
    after = due_event(text)
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("DTSTART") == before.decoded("DTSTART")
    assert after.walk("VALARM") == []
    # a second parser reads the same: one event per UID, the cancelled one included
    parsed = vobject.readOne(text)
    by_uid = {e.uid.value: e for e in parsed.vevent_list}
    assert by_uid["R-CCCC-due@rights"].status.value == "CANCELLED"
    assert int(by_uid["R-CCCC-due@rights"].sequence.value) == int(after["SEQUENCE"])


def test_html_report_escapes_everything(cli: Callable[..., Any], filled: Path) -> None:
    r = cli("export", "--format", "report", "--ref", "R-AAAA")
    assert r.code == 0, r.err
    html = r.out
    assert "<script>" not in html and "<b>" not in html
    assert "says &lt;script&gt;alert(1)&lt;/script&gt; nothing held" in html
    assert "Acme &lt;b&gt;&#34;Bold&#34;&lt;/b&gt;, Inc; &amp; co" in html
    assert "reply.txt (17 bytes)" in html
    assert "Case report R-AAAA" in html
    assert "R-BBBB" not in html


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
def test_pdf_report_reads_back_with_pdftotext(
    cli: Callable[..., Any], filled: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    r = cli("export", "--format", "report", "--out", str(out))
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    assert 'R-AAAA: Acme <b>"Bold"</b>, Inc; & co' in text
    assert "says <script>alert(1)</script> nothing held" in text
    assert "reply.txt (17 bytes)" in text
    assert "Access request [R-AAAA]" in text
    for label in ("Timeline", "Letters sent", "Replies received", "R-BBBB", "R-CCCC"):
        assert label in text
    r = cli("export", "--format", "report", "--out", str(out))
    assert r.code == 8


def test_export_bad_input(cli: Callable[..., Any], filled: Path, tmp_path: Path) -> None:
    r = cli("export", "--format", "xml")
    assert r.code == 3 and "formats: json, csv, ics, report" in r.err
    r = cli("export", "--ref", "R-AAAX")
    assert r.code == 4 and "did you mean: R-AAAA?" in r.err
    r = cli("export", "--out", str(tmp_path))
    assert r.code == 3 and "is a folder" in r.err
    r = cli("import", str(tmp_path / "nope.json"))
    assert r.code == 4  # not found, as every missing file (issue 16 point 6)


def test_export_out_dash_and_import_dash_round_trip_through_the_standard_streams(
    cli: Callable[..., Any], filled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = cli("export", "--format", "json", "--out", "-")
    assert r.code == 0, r.err
    assert not (Path.cwd() / "-").exists()
    assert parse_export(r.out)[0]["cases"]
    assert cli("profile", "new", "piped").code == 0
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(r.out.encode("utf-8"))))
    r = cli("import", "-", "--profile", "piped")
    assert r.code == 0, r.err
    assert "imported 3 case(s)" in r.err
    assert snapshot(filled, "piped") == snapshot(filled, "default")


def test_import_of_a_missing_file_is_not_found_like_every_missing_file(
    cli: Callable[..., Any], filled: Path, tmp_path: Path
) -> None:
    r = cli("import", str(tmp_path / "nowhere.json"))
    assert r.code == 4, r.err
    assert "nowhere.json: no such file" in r.err
    r = cli("import", str(tmp_path))
    assert r.code == 3 and "not a file" in r.err


def test_csv_for_excel_starts_with_a_byte_order_mark_and_keeps_formula_escaping(
    cli: Callable[..., Any], filled: Path
) -> None:
    plain = cli("export", "--format", "csv")
    assert plain.code == 0 and not plain.out.startswith("\ufeff")
    r = cli("export", "--format", "csv", "--excel")
    assert r.code == 0, r.err
    assert r.out.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(r.out.removeprefix("\ufeff"))))
    assert rows[2]["company_name"] == "'=Zeta"
    assert r.out.removeprefix("\ufeff") == plain.out
    r = cli("export", "--format", "json", "--excel")
    assert r.code == 3 and "--excel is for --format csv" in r.err
