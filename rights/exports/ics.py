"""The ics export: an iCalendar file (RFC 5545) of the cases' dates, written here by hand.

Due, acknowledgement, re-check and reminder dates become all-day events with an alarm, one
stable UID per date (``<ref>-<what>@rights``) and ``SEQUENCE`` the case's number of events,
so that importing a newer export updates the events instead of duplicating them. Lines end
in CRLF and are folded at 75 octets, never inside a UTF-8 character; TEXT is escaped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from rights.core.case import Case, Event
from rights.core.vocabulary import AWAITING_STATES, OWED_STATES


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
