"""What ``rights list``, ``due`` and ``show`` print: JSON dicts and table rows (pure).

The JSON contracts are written down in docs/cases.md and tested exactly: sorted keys (the
CLI's ``emit_json``), ISO dates, ``null`` for a missing date, ``overdue`` derived from today.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rights.core.case import Case, Event
from rights.core.vocabulary import OWED_STATES

"""States in which an answer is owed: days_left is shown only there."""

DUE_ORDER = ("overdue", "acknowledge", "answer", "recheck", "reminder")
DUE_LABELS = {
    "overdue": "answer overdue",
    "acknowledge": "acknowledgement due",
    "answer": "answer due",
    "recheck": "re-check",
    "reminder": "reminder deadline",
}


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def event_dict(event: Event) -> dict[str, Any]:
    """One event: ``{"data", "date", "id", "kind", "note"}``."""
    return {
        "data": event.data,
        "date": event.on_date.isoformat(),
        "id": event.id,
        "kind": event.kind,
        "note": event.note,
    }


def case_dict(case: Case, events: Sequence[Event], today: dt.date) -> dict[str, Any]:
    """A case as ``list --json`` and ``show --json`` give it (see docs/cases.md)."""
    return {
        "acknowledge_by": _iso(case.acknowledge_by),
        "company": case.company,
        "company_name": case.company_name,
        "contested": case.notes.due_contested,
        "created_at": case.created_at.isoformat() if case.created_at else None,
        "days_left": case.days_left(today) if case.status in OWED_STATES else None,
        "due": _iso(case.due),
        "events": [event_dict(e) for e in events],
        "extended_due": _iso(case.extended_due),
        "lang": case.lang,
        "law": case.law,
        "overdue": case.is_overdue(today),
        "received": _iso(case.received_on),
        "received_estimated": case.received_estimated,
        "recheck_on": _iso(case.recheck_on),
        "recipient": case.recipient,
        "ref": case.ref,
        "remind_by": _iso(case.remind_by),
        "right": case.right,
        "sent": _iso(case.sent_on),
        "status": case.status,
        "subject": case.subject,
        "via": case.via,
    }


def list_row(row: Sequence[Any]) -> list[str]:
    """A row of the ``rights list`` table from a ``cases_repo.list_rows`` row."""
    ref, company_name, right, law, status, sent, due, contested, days, overdue = row
    return [
        ref,
        company_name,
        right,
        law,
        status,
        sent or "-",
        (due or "-") + ("?" if contested else ""),
        "-" if days is None else str(days),
        "OVERDUE" if overdue else "",
    ]


LIST_HEADERS = ["ref", "company", "right", "law", "status", "sent", "due", "days", ""]


def due_items(
    rows: Sequence[tuple[str, str, tuple[Any, ...]]], today: dt.date
) -> list[dict[str, Any]]:
    """The ``rights due`` items, overdue first, then by kind and date.

    ``rows`` are ``cases_repo.due_rows`` results: (kind, ISO date, (ref, company,
    company_name, right, law, status)).
    """
    order = {kind: n for n, kind in enumerate(DUE_ORDER)}
    items = []
    for kind, date, (ref, company, company_name, right, law, status) in rows:
        day = dt.date.fromisoformat(date)
        items.append(
            {
                "company": company,
                "company_name": company_name,
                "date": date,
                "days_left": (day - today).days,
                "kind": kind,
                "law": law,
                "ref": ref,
                "right": right,
                "status": status,
            }
        )
    items.sort(key=lambda i: (order[i["kind"]], i["date"], i["ref"]))
    return items


def due_row(item: dict[str, Any]) -> list[str]:
    """A row of the ``rights due`` table."""
    days = item["days_left"]
    when = "today" if days == 0 else (f"{-days}d late" if days < 0 else f"in {days}d")
    return [
        item["ref"],
        DUE_LABELS[item["kind"]],
        item["date"],
        when,
        item["company_name"],
        item["right"],
        item["law"],
        item["status"],
    ]


DUE_HEADERS = ["ref", "what", "date", "when", "company", "right", "law", "status"]
