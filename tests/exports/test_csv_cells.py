"""The csv export never hands a spreadsheet a formula: every evaluated cell start is escaped.

Cases with hostile text in every text column are exported and read back with the csv
module; each cell must start with ``'`` exactly when a spreadsheet would evaluate it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from rights.core.case import Case, Event
from rights.exports.csv_export import CSV_COLUMNS, to_csv

TODAY = dt.date(2026, 11, 1)
EVALUATED = [
    "=1+1",
    "+1",
    "-1+2",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
    ' =HYPERLINK("http://x")',
    "   @cmd",
    "\uff1d1+1",
    "\uff0b1",
    "\uff0d1",
    "\uff20SUM(A1)",
    " \uff1d1",
]
PLAIN = ["Acme", "a=b", "x@y.example", "R-AAAA", "2026-11-01", "Acme - Inc"]


def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _case(value: str) -> Case:
    return Case(
        ref="R-AAAA",
        company=value,
        company_name=value,
        right=value,
        law=value,
        lang="en",
        via=value,
        recipient=value,
        status=value,
    )


@pytest.mark.parametrize("value", EVALUATED)
def test_every_evaluated_cell_is_escaped(value: str) -> None:
    event = Event(ref="R-AAAA", kind=value, on_date=TODAY)
    (row,) = _read(to_csv([_case(value)], {"R-AAAA": [event]}, TODAY))
    for column in ("company", "company_name", "right", "law", "via", "recipient", "status"):
        assert row[column] == "'" + value, column
    assert row["last_event"] == "'" + value


@pytest.mark.parametrize("value", PLAIN)
def test_plain_cells_are_kept(value: str) -> None:
    (row,) = _read(to_csv([_case(value)], {}, TODAY))
    assert row["company_name"] == value


def test_negative_days_left_stay_a_number() -> None:
    case = Case(
        ref="R-AAAA", company="acme", company_name="Acme", right="access", law="gdpr",
        lang="en", via="email", status="sent", due=TODAY - dt.timedelta(days=3),
    )  # fmt: skip
    (row,) = _read(to_csv([case], {}, TODAY))
    assert list(row) == list(CSV_COLUMNS)
    assert row["days_left"] == "-3"
    assert row["overdue"] == "yes"
