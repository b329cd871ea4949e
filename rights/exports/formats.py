"""Exports of the cases (json, csv, ics) and the json import. Formats: docs/cases.md.

- json: everything (cases, events, attachment metadata; contents base64 with
  ``with_attachments``), ``format_version`` ``FORMAT_VERSION``; round-trips through
  ``import_json`` into a profile without those references.
- csv: one row per case.
- ics: an iCalendar file (RFC 5545) written here by hand: due, acknowledgement, re-check and
  reminder dates as all-day events with an alarm, one stable UID per date
  (``<ref>-<what>@rights``) so that importing it again updates instead of duplicating.

All functions take the data (or a connection) and ``today``/``now``; they return text or
bytes and never touch files.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from rights.core.case import Case, Event
from rights.core.vocabulary import AWAITING_STATES, OWED_STATES
from rights.errors import ConflictError, DataFileError
from rights.store import attachments as att_store
from rights.store import cases_repo
from rights.store._connect import Connection, transaction

FORMAT = "rights-cases"
FORMAT_VERSION = 1
FORMATS = ("json", "csv", "ics", "report")
_DATES = (
    "sent_on",
    "received_on",
    "due",
    "acknowledge_by",
    "extended_due",
    "recheck_on",
    "remind_by",
)


# --- json ---------------------------------------------------------------------------------


def _case_export(case: Case) -> dict[str, Any]:
    data: dict[str, Any] = {
        name: getattr(case, name)
        for name in (
            "ref",
            "company",
            "company_name",
            "right",
            "law",
            "lang",
            "via",
            "recipient",
            "status",
            "received_estimated",
            "subject",
            "body",
        )
    }
    data["data"] = case.notes.to_dict()
    for name in _DATES:
        value = getattr(case, name)
        data[name] = value.isoformat() if value else None
    data["created_at"] = case.created_at.isoformat() if case.created_at else None
    return data


def _event_export(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "kind": event.kind,
        "date": event.on_date.isoformat(),
        "note": event.note,
        "data": event.data,
        "created_at": event.created_at.isoformat() if event.created_at else None,
    }


def export_data(
    conn: Connection,
    now: dt.datetime,
    *,
    refs: Sequence[str] | None = None,
    with_attachments: bool = False,
) -> dict[str, Any]:
    """Everything about the cases (or the ``refs`` given) as one JSON-ready dict."""
    wanted = set(refs) if refs else None
    found = [c for c in cases_repo.list_cases(conn) if wanted is None or c.ref in wanted]
    events = cases_repo.events_grouped(conn, wanted)
    files: dict[str, list[dict[str, Any]]] = {}
    for att in att_store.list_all(conn):
        if wanted is not None and att.ref not in wanted:
            continue
        item = att.to_dict()
        if with_attachments:
            item["content_base64"] = base64.b64encode(
                b"".join(att_store.iter_chunks(conn, att.id))
            ).decode("ascii")
        files.setdefault(att.ref, []).append(item)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": now.isoformat(),
        "cases": [
            _case_export(c)
            | {
                "events": [_event_export(e) for e in events.get(c.ref, [])],
                "attachments": files.get(c.ref, []),
            }
            for c in found
        ],
    }


def to_json(data: dict[str, Any]) -> str:
    """The export as text: sorted keys, two-space indent, a trailing newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def import_json(conn: Connection, text: str, *, source: str, now: dt.datetime) -> dict[str, int]:
    """Import an export into the store, all or nothing; return what was imported.

    Refused (DataFileError, nothing imported): not JSON, not a rights export, a newer
    ``format_version``, any field malformed. ConflictError if a reference exists already.
    """
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DataFileError(
            f"{source}: not JSON: line {exc.lineno} column {exc.colno}: {exc.msg}",
            hint="nothing was imported",
        ) from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise DataFileError(
            f'{source}: not a rights cases export (no "format": "{FORMAT}")',
            hint="nothing was imported; export with: rights export --format json",
        )
    version = raw.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DataFileError(
            f"{source}: format_version is missing or not a number", hint="nothing was imported"
        )
    if version > FORMAT_VERSION:
        raise DataFileError(
            f"{source}: format_version {version} is newer than this rights reads "
            f"({FORMAT_VERSION})",
            hint="upgrade rights; nothing was imported",
        )
    from rights.exports import import_model as _import_model

    parsed = _import_model.parse(raw, source)
    refs = [c.ref for c in parsed.cases]
    existing = set(cases_repo.all_refs(conn)) & set(refs)
    if existing:
        raise ConflictError(
            f"{source}: {len(existing)} case(s) exist already: {', '.join(sorted(existing)[:5])}",
            hint="import into an empty profile (rights profile new NAME); nothing was imported",
        )
    counts = {"cases": 0, "events": 0, "attachments": 0, "attachments_without_content": 0}
    with transaction(conn):
        for item in parsed.cases:
            case = item.to_case()
            cases_repo.insert_cases_in(conn, [case])
            ids: dict[int, int] = {}
            for ev in item.events:
                new_id = cases_repo.add_event(conn, ev.to_event(case.ref), ev.created_at or now)
                if ev.id is not None:
                    ids[ev.id] = new_id
            for att in item.attachments:
                if att.content_base64 is None:
                    counts["attachments_without_content"] += 1
                    continue
                content = base64.b64decode(att.content_base64)
                event_id = ids.get(att.event_id) if att.event_id is not None else None
                att_store.insert_complete(
                    conn, case.ref, event_id, att.name, content, att.created_at
                )
                counts["attachments"] += 1
            counts["cases"] += 1
            counts["events"] += len(item.events)
    return counts


# --- csv ----------------------------------------------------------------------------------

CSV_COLUMNS = (
    "ref",
    "company",
    "company_name",
    "right",
    "law",
    "via",
    "recipient",
    "status",
    "created",
    "sent",
    "received",
    "received_estimated",
    "due",
    "extended_due",
    "acknowledge_by",
    "recheck_on",
    "remind_by",
    "overdue",
    "days_left",
    "events",
    "last_event",
    "last_event_date",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    # A leading =, +, -, @ would make a spreadsheet run the cell as a formula.
    return "'" + value if value.startswith(_FORMULA_START) else value


def to_csv(cases: Iterable[Case], events: dict[str, list[Event]], today: dt.date) -> str:
    """One row per case (``CSV_COLUMNS``), RFC 4180 quoting, CRLF line ends."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    for case in cases:
        evs = events.get(case.ref, [])
        last = evs[-1] if evs else None
        days = case.days_left(today)
        writer.writerow(
            [
                case.ref,
                _cell(case.company),
                _cell(case.company_name),
                case.right,
                case.law,
                case.via,
                _cell(case.recipient),
                case.status,
                case.created_at.date().isoformat() if case.created_at else "",
                *(
                    (getattr(case, n).isoformat() if getattr(case, n) else "")
                    for n in ("sent_on", "received_on")
                ),
                "yes" if case.received_estimated else "no",
                *(
                    (getattr(case, n).isoformat() if getattr(case, n) else "")
                    for n in ("due", "extended_due", "acknowledge_by", "recheck_on", "remind_by")
                ),
                "yes" if case.is_overdue(today) else "no",
                "" if days is None else str(days),
                str(len(evs)),
                last.kind if last else "",
                last.on_date.isoformat() if last else "",
            ]
        )
    return buf.getvalue()


# --- ics ----------------------------------------------------------------------------------


def ics_escape(text: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma, newline."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ics_fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _calendar_dates(case: Case) -> list[tuple[str, dt.date, str, str]]:
    """(uid part, date, summary prefix, alarm trigger) of the dates a case has in a calendar."""
    dates = []
    if case.status in OWED_STATES and case.due:
        dates.append(("due", case.due, "Answer due", "-P3D"))
    if case.status == "sent" and case.acknowledge_by:
        dates.append(("ack", case.acknowledge_by, "Acknowledgement due", "-P1D"))
    if case.recheck_on and case.status != "abandoned":
        dates.append(("recheck", case.recheck_on, "Re-check", "-P1D"))
    if case.remind_by and case.status in AWAITING_STATES:
        dates.append(("reminder", case.remind_by, "Reminder deadline", "-P1D"))
    return dates


def to_ics(cases: Iterable[Case], events: dict[str, list[Event]], now: dt.datetime) -> str:
    """A VCALENDAR of the cases' dates, each an all-day VEVENT with a VALARM."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//rights//cases//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:rights: request deadlines",
    ]
    for case in cases:
        sequence = len(events.get(case.ref, []))
        for part, day, label, trigger in _calendar_dates(case):
            summary = f"{label}: {case.company_name} ({case.right}, {case.law}) {case.ref}"
            description = (
                f"Case {case.ref}: {case.right} request to {case.company_name} under "
                f"{case.law}, status {case.status}.\nrights show {case.ref}"
            )
            lines += [
                "BEGIN:VEVENT",
                f"UID:{case.ref}-{part}@rights",
                f"DTSTAMP:{stamp}",
                f"SEQUENCE:{sequence}",
                f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                f"DTEND;VALUE=DATE:{(day + dt.timedelta(days=1)).strftime('%Y%m%d')}",
                f"SUMMARY:{ics_escape(summary)}",
                f"DESCRIPTION:{ics_escape(description)}",
                "TRANSP:TRANSPARENT",
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"DESCRIPTION:{ics_escape(summary)}",
                f"TRIGGER:{trigger}",
                "END:VALARM",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + "\r\n" for line in lines)


# --- one entry point for the CLI ---------------------------------------------------------


def render(
    conn: Connection,
    format_: str,
    *,
    today: dt.date,
    now: dt.datetime,
    refs: Sequence[str] | None = None,
    with_attachments: bool = False,
    pdf: bool = False,
) -> bytes:
    """The export in ``format_`` (``FORMATS``) as bytes; a report is HTML, or PDF if ``pdf``."""
    from rights.errors import InputError

    if format_ not in FORMATS:
        raise InputError(f"unknown format {format_!r}", hint=f"formats: {', '.join(FORMATS)}")
    wanted = _known_refs(conn, refs)
    if format_ == "json":
        data = export_data(conn, now, refs=wanted, with_attachments=with_attachments)
        return to_json(data).encode("utf-8")
    selected = set(wanted) if wanted else None
    found = [c for c in cases_repo.list_cases(conn) if selected is None or c.ref in selected]
    events = cases_repo.events_grouped(conn, selected)
    if format_ == "csv":
        return to_csv(found, events, today).encode("utf-8")
    if format_ == "ics":
        return to_ics(found, events, now).encode("utf-8")
    from rights.exports import report
    from rights.law import regulators as escalation

    files: dict[str, list[att_store.Attachment]] = {}
    for att in att_store.list_all(conn):
        files.setdefault(att.ref, []).append(att)
    bundle = [
        escalation.evidence(c, events.get(c.ref, []), files.get(c.ref, []), today) for c in found
    ]
    title = "Case report" if len(found) != 1 else f"Case report {found[0].ref}"
    data = report.report_data(bundle, today, title)
    return report.to_pdf(data) if pdf else report.to_html(data).encode("utf-8")


def _known_refs(conn: Connection, refs: Sequence[str] | None) -> list[str] | None:
    if not refs:
        return None
    from rights.cases.log import find_case

    return [find_case(conn, ref).ref for ref in refs]
