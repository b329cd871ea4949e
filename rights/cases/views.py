"""What ``rights list``, ``due``, ``show`` and ``drop`` read: a store query, then the contract.

Each function takes the connection and ``today`` and returns what the command prints as
``--json`` (``rights.cases.contract``) or the rows of its table; rendering stays in the CLI.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rights.cases import contract
from rights.core.case import Case
from rights.core.vocabulary import STATES
from rights.errors import InputError
from rights.store import cases_repo
from rights.store.connect import Connection

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
) -> str:
    """``list --json``'s text: every matching case (``contract.case_json``), built by SQLite."""
    items = cases_repo.list_json(
        conn, today, statuses=statuses, company=company, overdue_only=overdue_only
    )
    return contract.list_document(items)


def list_items(
    conn: Connection,
    today: dt.date,
    statuses: Sequence[str] | None = None,
    company: str | None = None,
    overdue_only: bool = False,
) -> list[str]:
    """The case objects of ``list --json`` (compact JSON texts, ``contract.case_json``)."""
    return list(
        cases_repo.list_json(
            conn, today, statuses=statuses, company=company, overdue_only=overdue_only
        )
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
    found = due_list.items(contract.due_items(rows, today), stale, today)
    return contract.due_json(found, today, days)


def show(conn: Connection, ref: str, today: dt.date) -> dict[str, Any]:
    """``show --json``: the case ``ref`` with its events, attachments and allowed events."""
    from rights.cases.lifecycle import allowed_events
    from rights.cases.log import find_case
    from rights.store import attachments

    case = find_case(conn, ref)
    events = cases_repo.events_for(conn, case.ref)
    files = attachments.list_for(conn, case.ref)
    return contract.show_json(
        case,
        events,
        today,
        allowed_events=allowed_events(case.status),
        attachments=[a.to_dict() for a in files],
    )


def case(conn: Connection, case: Case, today: dt.date) -> dict[str, Any]:
    """A stored case with its events (``contract.case_json``), e.g. after ``drop``."""
    return contract.case_json(case, cases_repo.events_for(conn, case.ref), today)
