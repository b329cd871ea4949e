"""What ``rights list``, ``due``, ``show`` and ``drop`` read: a store query, then the contract.

Each function takes the connection and ``today`` and returns what the command prints as
``--json`` (``rights.cases.contract``) or the rows of its table; rendering stays in the CLI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rights.cases import contract
from rights.core.case import Case
from rights.core.vocabulary import STATES
from rights.errors import InputError
from rights.store import cases_repo
from rights.store.connect import Connection

if TYPE_CHECKING:
    from rights.store.attachments import Attachment

MAX_WITHIN_DAYS = 3660


def statuses(status: str | None) -> list[str] | None:
    """The ``--status`` filter as a list (None: every state); InputError if unknown."""
    if status is None:
        return None
    if status not in STATES:
        raise InputError(f"unknown status {status!r}", hint=f"states: {', '.join(STATES)}")
    return [status]


def within_days(value: str) -> int:
    """``--within`` as days: ``14d``, ``2w`` or ``30``; InputError for anything else."""
    text = value.strip().lower()
    factor = 7 if text.endswith("w") else 1
    number = text[:-1] if text[-1:] in ("d", "w") else text
    if not number.isdigit() or int(number) * factor > MAX_WITHIN_DAYS:
        raise InputError(f"--within: {value!r} is not a period", hint="e.g. 14d, 2w or 30")
    return int(number) * factor


def list_json(
    conn: Connection,
    today: dt.date,
    statuses: Sequence[str] | None = None,
    company: str | None = None,
    overdue_only: bool = False,
) -> Iterator[str]:
    """``list --json``'s text, piece by piece: every matching case (``contract.case_json``),
    built by SQLite and streamed from one cursor."""
    return contract.list_document(list_items(conn, today, statuses, company, overdue_only))


def list_items(
    conn: Connection,
    today: dt.date,
    statuses: Sequence[str] | None = None,
    company: str | None = None,
    overdue_only: bool = False,
) -> Iterator[str]:
    """The case objects of ``list --json`` (compact JSON texts, ``contract.case_json``),
    one at a time."""
    return cases_repo.list_json(
        conn,
        today,
        version=contract.VERSION,
        statuses=statuses,
        company=company,
        overdue_only=overdue_only,
    )


def list_rows(
    conn: Connection,
    today: dt.date,
    statuses: Sequence[str] | None = None,
    company: str | None = None,
    overdue_only: bool = False,
) -> list[tuple[Any, ...]]:
    """The ``rights list`` table's columns (``cases_repo.list_rows``)."""
    return cases_repo.list_rows(
        conn, today, statuses=statuses, company=company, overdue_only=overdue_only
    )


def due(conn: Connection, today: dt.date, days: int) -> dict[str, Any]:
    """``due --json``: what needs action from today to ``days`` ahead, one item per case,
    and the drafts never sent ``reuse.STALE_DRAFT_DAYS`` after they were written
    (``contract.due_json``; ``rights.cases.due`` adds each item's next command)."""
    from rights.cases import due as due_list
    from rights.cases.reuse import STALE_DRAFT_DAYS, stale_drafts

    rows = cases_repo.due_rows(conn, today, today + dt.timedelta(days=days))
    stale = stale_drafts(conn, today, STALE_DRAFT_DAYS)
    found = due_list.items(contract.due_items(rows, today) + reply_items(conn, today), stale, today)
    return contract.due_json(found, today, days)


def reply_items(conn: Connection, today: dt.date) -> list[dict[str, Any]]:
    """``due`` items of kind ``reply``: a case whose last event (notes aside) is a reply
    imported or logged, to read and answer with its outcome; with its sender and subject."""
    from rights.store import inbox_repo

    items = []
    for ref, event_id in inbox_repo.pending_replies(conn):
        row = cases_repo.due_row(conn, ref)  # the item's columns and the one event: a store
        event = cases_repo.get_event(conn, event_id)  # with 10,000 replies stays fast
        if row is None or event is None:
            continue
        item = contract.due_item("reply", event.on_date.isoformat(), row, today)
        inbox = event.data.get("inbox") or {}
        item["sender"] = str(inbox.get("sender") or row[2])
        item["subject"] = str(inbox.get("subject") or event.note)
        items.append(item)
    return items


def show(conn: Connection, ref: str, today: dt.date) -> dict[str, Any]:
    """``show --json``: the case ``ref`` with its events, attachments and allowed events."""
    from rights.cases.lifecycle import allowed_events
    from rights.cases.log import find_case
    from rights.store import attachments

    case = find_case(conn, ref)
    events = cases_repo.events_for(conn, case.ref)
    files = attachments.list_for(conn, case.ref)
    shown = contract.show_json(
        case,
        events,
        today,
        allowed_events=allowed_events(case.status),
        attachments=[a.to_dict() for a in files],
    )
    return shown | {"messages": _messages(conn, case.ref, files)}


def _messages(conn: Connection, ref: str, files: Sequence[Attachment]) -> list[dict[str, object]]:
    """The imported mail of a case: date, sender, subject, event, attachment number."""
    from rights.store import inbox_repo

    numbers = {a.id: a.number for a in files}
    return [
        m.to_dict() | {"attachment": numbers.get(m.attachment_id or -1)}
        for m in inbox_repo.for_case(conn, ref)
    ]


def case(conn: Connection, case: Case, today: dt.date) -> dict[str, Any]:
    """A stored case with its events (``contract.case_json``), e.g. after ``drop``."""
    return contract.case_json(case, cases_repo.events_for(conn, case.ref), today)
