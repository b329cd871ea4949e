"""The ics export: an iCalendar file (RFC 5545) of the cases' dates, written here by hand.

Due, acknowledgement, re-check and reminder dates become all-day events with an alarm, one
stable UID per date (``<ref>-<what>@rights``) and ``SEQUENCE`` the case's number of events,
so that importing a newer export updates the events instead of duplicating them; a date that
no longer applies is kept as a cancelled event (same UID) rather than dropped. Lines end
in CRLF and are folded at 75 octets, never inside a UTF-8 character; TEXT is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from rights.core.case import Case
from rights.core.vocabulary import AWAITING_STATES, ENDED_STATES, OWED_STATES


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


def _calendar_dates(case: Case) -> list[tuple[str, dt.date, str, str, bool]]:
    """(uid part, date, summary prefix, alarm trigger, still open) of every date a case has.

    A date that no longer applies (the case ended, was answered, was acknowledged) stays in
    the calendar as a cancelled event with the same UID, so calendar apps that imported an
    earlier export update it instead of keeping a stale deadline."""
    candidates = [
        ("due", case.due, "Answer due", "-P3D", case.status in OWED_STATES),
        ("ack", case.acknowledge_by, "Acknowledgement due", "-P1D", case.status == "sent"),
        ("recheck", case.recheck_on, "Re-check", "-P1D", case.status not in ENDED_STATES),
        ("reminder", case.remind_by, "Reminder deadline", "-P1D", case.status in AWAITING_STATES),
    ]
    return [(part, day, label, trigger, live) for part, day, label, trigger, live in candidates
            if day is not None]  # fmt: skip


def write_ics(out: BinaryIO, rows: Iterable[tuple[Case, int]], now: dt.datetime) -> int:
    """Write the VCALENDAR of ``rows`` (case, its number of events) to ``out`` case by
    case; return the number of bytes."""
    size = 0
    chunk: list[str] = []
    for n, line in enumerate(ics_lines(rows, now), 1):
        chunk.append(line)
        if n % 4096 == 0:
            size += out.write("".join(chunk).encode("utf-8"))
            chunk = []
    return size + out.write("".join(chunk).encode("utf-8"))


def ics_lines(rows: Iterable[tuple[Case, int]], now: dt.datetime) -> Iterator[str]:
    """The VCALENDAR of the cases' dates, folded line by line (CRLF ends), each date an
    all-day VEVENT: open dates with a VALARM, dates that no longer apply as
    ``STATUS:CANCELLED`` (RFC 5545 3.8.1.11)."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//rights//cases//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:rights: request deadlines",
    ]
    for line in lines:
        yield ics_fold(line) + "\r\n"
    for case, sequence in rows:
        lines = []
        for part, day, label, trigger, live in _calendar_dates(case):
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
                "STATUS:CONFIRMED" if live else "STATUS:CANCELLED",
                "TRANSP:TRANSPARENT",
            ]
            if live:
                lines += [
                    "BEGIN:VALARM",
                    "ACTION:DISPLAY",
                    f"DESCRIPTION:{ics_escape(summary)}",
                    f"TRIGGER:{trigger}",
                    "END:VALARM",
                ]
            lines.append("END:VEVENT")
        for line in lines:
            yield ics_fold(line) + "\r\n"
    yield ics_fold("END:VCALENDAR") + "\r\n"
