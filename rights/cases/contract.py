"""The ``--json`` contract of a case: the one builder behind ``list``, ``due``, ``show``, ``drop``.

Version 2, written down in docs/cases.md (the change list in docs/cli.md) and pinned byte for
byte by tests/cases/test_contract.py. Every object is printed with sorted keys, ISO dates and
``null`` for a missing date; ``overdue`` and ``days_left`` are derived from ``today``; every
case object and every top-level document carries ``"version": VERSION``.

- ``case_json``: a case (``list --json`` items, ``drop --json``); ``show_json`` adds
  ``allowed_events``, ``attachments`` and ``body``;
- ``event_json``: an event inside a case;
- ``due_json``: the ``due --json`` document, ``{"items", "today", "version", "within_days"}``.

``rights list --json`` is built by SQLite for speed (``cases_repo.list_json``, the same object
in SQL, streamed row by row); ``tests/cases/test_contract.py`` checks the two agree value for
value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from rights.core.case import Case, Event
from rights.core.vocabulary import OWED_STATES

VERSION = 2
"""The contract version: any change in keys, values or layout bumps it (docs/cases.md,
docs/cli.md). ``rights.cli._output.JSON_VERSION`` is the same number (a test checks)."""

CASE_KEYS = (
    "acknowledge_by",
    "company",
    "company_name",
    "contested",
    "created_at",
    "days_left",
    "due",
    "events",
    "extended_due",
    "lang",
    "law",
    "overdue",
    "received",
    "received_estimated",
    "recheck_on",
    "recipient",
    "ref",
    "remind_by",
    "right",
    "sent",
    "status",
    "subject",
    "version",
    "via",
)
"""The keys of a case object, sorted (``show`` adds ``SHOW_KEYS``)."""
SHOW_KEYS = ("allowed_events", "attachments", "body")
EVENT_KEYS = ("data", "date", "id", "kind", "note")
DUE_ITEM_KEYS = (
    "company",
    "company_name",
    "date",
    "days_left",
    "kind",
    "law",
    "ref",
    "right",
    "status",
)
DUE_ORDER = ("overdue", "acknowledge", "answer", "recheck", "reminder")
"""The kinds of ``due`` items, in the order they are listed."""


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def event_json(event: Event) -> dict[str, Any]:
    """One event: ``{"data", "date", "id", "kind", "note"}``."""
    return {
        "data": event.data,
        "date": event.on_date.isoformat(),
        "id": event.id,
        "kind": event.kind,
        "note": event.note,
    }


def case_json(case: Case, events: Sequence[Event], today: dt.date) -> dict[str, Any]:
    """A case as ``list --json`` gives it (``CASE_KEYS``)."""
    return {
        "acknowledge_by": _iso(case.acknowledge_by),
        "company": case.company,
        "company_name": case.company_name,
        "contested": case.notes.due_contested,
        "created_at": case.created_at.isoformat() if case.created_at else None,
        "days_left": case.days_left(today) if case.status in OWED_STATES else None,
        "due": _iso(case.due),
        "events": [event_json(e) for e in events],
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
        "version": VERSION,
        "via": case.via,
    }


def show_json(
    case: Case,
    events: Sequence[Event],
    today: dt.date,
    *,
    allowed_events: Sequence[str],
    attachments: Sequence[dict[str, object]],
) -> dict[str, Any]:
    """A case as ``show --json`` gives it: ``case_json`` plus ``SHOW_KEYS``."""
    return case_json(case, events, today) | {
        "allowed_events": list(allowed_events),
        "attachments": list(attachments),
        "body": case.body,
    }


def list_document(items: Iterable[str]) -> Iterator[str]:
    """``list --json``'s text from compact case objects, piece by piece: an array, one case
    per line (``[]`` when there is none)."""
    first = True
    for item in items:
        yield ("[\n" if first else ",\n") + item
        first = False
    yield "[]\n" if first else "\n]\n"


def due_item(kind: str, date: str, row: Sequence[Any], today: dt.date) -> dict[str, Any]:
    """One ``due`` item from a ``cases_repo.due_rows`` row (``DUE_ITEM_KEYS``)."""
    ref, company, company_name, right, law, status = row
    return {
        "company": company,
        "company_name": company_name,
        "date": date,
        "days_left": (dt.date.fromisoformat(date) - today).days,
        "kind": kind,
        "law": law,
        "ref": ref,
        "right": right,
        "status": status,
    }


def due_items(
    rows: Sequence[tuple[str, str, tuple[Any, ...]]], today: dt.date
) -> list[dict[str, Any]]:
    """The ``due`` items, overdue first, then by kind (``DUE_ORDER``), date and reference.

    ``rows`` are ``cases_repo.due_rows`` results: (kind, ISO date, (ref, company,
    company_name, right, law, status)).
    """
    order = {kind: n for n, kind in enumerate(DUE_ORDER)}
    items = [due_item(kind, date, row, today) for kind, date, row in rows]
    items.sort(key=lambda i: (order[i["kind"]], i["date"], i["ref"]))
    return items


def due_json(items: Sequence[dict[str, Any]], today: dt.date, within_days: int) -> dict[str, Any]:
    """The ``due --json`` document."""
    return {
        "items": list(items),
        "today": today.isoformat(),
        "version": VERSION,
        "within_days": within_days,
    }
