"""The export formats (``rights export --format``) and the one dispatch to their modules.

- json: ``rights.exports.json_export`` (read back by ``rights.exports.json_import``);
- csv: ``rights.exports.csv_export``;
- ics: ``rights.exports.ics``;
- report: ``rights.exports.report``, HTML, or PDF when asked.

Formats are described in docs/cases.md. Everything takes the connection and ``today`` /
``now``; ``render`` returns bytes, ``write`` writes to a file object the caller opened
(``rights.files.atomic_file``, or stdout); nothing here opens a file.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from rights.errors import InputError
from rights.store import cases_repo
from rights.store.connect import Connection

if TYPE_CHECKING:
    from rights.exports.report import ReportOptions


class Format(enum.StrEnum):
    """An export format, as ``--format`` names it."""

    JSON = "json"
    CSV = "csv"
    ICS = "ics"
    REPORT = "report"

    @classmethod
    def parse(cls, name: str) -> Format:
        """The format called ``name``; InputError listing the formats if there is none."""
        try:
            return cls(name)
        except ValueError:
            names = ", ".join(f.value for f in cls)
            raise InputError(f"unknown format {name!r}", hint=f"formats: {names}") from None


FORMATS = tuple(f.value for f in Format)


def render(
    conn: Connection,
    format_: Format | str,
    *,
    today: dt.date,
    now: dt.datetime,
    refs: Sequence[str] | None = None,
    with_attachments: bool = False,
    pdf: bool = False,
    excel: bool = False,
    report_options: ReportOptions | None = None,
) -> bytes:
    """The export in ``format_`` as bytes; a report is HTML, or PDF if ``pdf``.

    ``refs`` limits it to those cases (NotFoundError naming the closest for an unknown one);
    ``with_attachments`` puts attachment contents in a json export; ``excel`` starts a csv
    with a UTF-8 byte order mark, the sign Excel needs to read it as UTF-8;
    ``report_options``: a report's filters and profile name.
    """
    fmt = Format.parse(str(format_))
    if fmt is not Format.REPORT:
        import io

        buf = io.BytesIO()
        write(conn, fmt, buf, today=today, now=now, refs=refs,
              with_attachments=with_attachments, excel=excel)  # fmt: skip
        return buf.getvalue()
    wanted = _known_refs(conn, refs)
    selected = set(wanted) if wanted else None
    found = [c for c in cases_repo.list_cases(conn) if selected is None or c.ref in selected]
    events = cases_repo.events_grouped(conn, selected)
    from rights.exports import report

    data = report.build(conn, found, events, today, report_options)
    return report.to_pdf(data) if pdf else report.to_html(data).encode("utf-8")


def write(
    conn: Connection,
    format_: Format | str,
    out: BinaryIO,
    *,
    today: dt.date,
    now: dt.datetime,
    refs: Sequence[str] | None = None,
    with_attachments: bool = False,
    pdf: bool = False,
    excel: bool = False,
    report_options: ReportOptions | None = None,
) -> int:
    """Write the export in ``format_`` to ``out``; return the number of bytes.

    json, csv and ics are streamed case by case from one cursor (attachment contents chunk
    by chunk): no list of the cases is built (SQLite's sort into list order is what grows
    with the store). A report is rendered first
    (``render``).
    """
    fmt = Format.parse(str(format_))
    if fmt is Format.REPORT:
        payload = render(conn, fmt, today=today, now=now, refs=refs, pdf=pdf,
                         report_options=report_options)  # fmt: skip
        return out.write(payload)
    wanted = _known_refs(conn, refs)
    if fmt is Format.JSON:
        from rights.exports import json_export

        return json_export.write_export(
            conn, out, now, refs=wanted, with_attachments=with_attachments
        )
    rows = cases_repo.iter_cases_with_summary(conn, wanted)
    if fmt is Format.CSV:
        from rights.exports import csv_export

        return csv_export.write_csv(out, rows, today, bom=excel)
    from rights.exports import ics

    return ics.write_ics(out, ((case, count) for case, count, _, _ in rows), now)


def is_pdf(format_: Format | str, out: Path | None) -> bool:
    """True when a report goes to a file whose name ends in ``.pdf``."""
    return str(format_) == Format.REPORT and out is not None and out.suffix.lower() == ".pdf"


def _known_refs(conn: Connection, refs: Sequence[str] | None) -> list[str] | None:
    if not refs:
        return None
    from rights.cases.log import find_case

    return [find_case(conn, ref).ref for ref in refs]
