"""The csv export: one row per case (``CSV_COLUMNS``), RFC 4180 quoting, CRLF line ends.

Every cell a spreadsheet would evaluate gets a leading ``'`` so that it is never run as a
formula: one starting with ``= + - @``, a tab, CR or LF, also after leading spaces, and the
full-width forms U+FF1D, U+FF0B, U+FF0D, U+FF20 (some spreadsheets, with East Asian
input, take them for the ASCII ones). A whole number (``days_left``, ``-3``) stays a number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import BinaryIO

from rights.core.case import Case, Event

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
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r"^-?[0-9]+$")


def _cell(value: str) -> str:
    """``value`` as a cell no spreadsheet evaluates (see the module docstring)."""
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value if value.lstrip(" ").startswith(_FORMULA_START) else value


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def csv_cells(
    case: Case, count: int, last_kind: str | None, last_date: dt.date | None, today: dt.date
) -> list[str]:
    """The cells of one case from its number of events and its last one's kind and date."""
    days = case.days_left(today)
    cells = [
        case.ref,
        case.company,
        case.company_name,
        case.right,
        case.law,
        case.via,
        case.recipient,
        case.status,
        case.created_at.date().isoformat() if case.created_at else "",
        _day(case.sent_on),
        _day(case.received_on),
        "yes" if case.received_estimated else "no",
        _day(case.due),
        _day(case.extended_due),
        _day(case.acknowledge_by),
        _day(case.recheck_on),
        _day(case.remind_by),
        "yes" if case.is_overdue(today) else "no",
        "" if days is None else str(days),
        str(count),
        last_kind or "",
        last_date.isoformat() if last_date else "",
    ]
    return [_cell(c) for c in cells]


def to_csv(cases: Iterable[Case], events: dict[str, list[Event]], today: dt.date) -> str:
    """One row per case (``CSV_COLUMNS``), RFC 4180 quoting, CRLF line ends."""
    rows = []
    for case in cases:
        found = events.get(case.ref, [])
        last = found[-1] if found else None
        rows.append((case, len(found), last.kind if last else None, last.on_date if last else None))
    buf = io.BytesIO()
    write_csv(buf, rows, today)
    return buf.getvalue().decode("utf-8")


def write_csv(
    out: BinaryIO,
    rows: Iterable[tuple[Case, int, str | None, dt.date | None]],
    today: dt.date,
    *,
    bom: bool = False,
) -> int:
    """Write the csv of ``rows`` (case, number of events, last event's kind and date:
    ``cases_repo.iter_cases_with_summary``) to ``out`` row by row, UTF-8 (``bom``: with a
    byte order mark first); return the number of bytes."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_COLUMNS)
    size = out.write(b"\xef\xbb\xbf") if bom else 0
    for n, row in enumerate(rows, 1):
        writer.writerow(csv_cells(*row, today))
        if n % 512 == 0:
            size += out.write(buf.getvalue().encode("utf-8"))
            buf.seek(0)
            buf.truncate()
    return size + out.write(buf.getvalue().encode("utf-8"))
