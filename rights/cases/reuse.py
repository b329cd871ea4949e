"""One case per request: find the open case a new request would repeat, clean up drafts.

``open_case_for`` is the lookup ``request new`` and ``rights drop`` make before storing a
new case: a company and a right with a case that is still open (a draft, or sent and owed
an answer) get that case back instead of a second one, unless the user asks ``--again``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rights.core.case import Case
from rights.core.vocabulary import OWED_STATES
from rights.store import cases_repo
from rights.store.connect import Connection

OPEN_STATES: tuple[str, ...] = ("draft", *OWED_STATES)
"""A case in one of these states is still open: a new request would repeat it."""

STALE_DRAFT_DAYS = 3
"""Days after which a draft never sent shows in ``rights due`` ("written, never sent")."""


def _age(case: Case) -> tuple[str, str]:
    return (case.created_at.isoformat() if case.created_at else "", case.ref)


def open_case_for(conn: Connection, company: str, right: str) -> Case | None:
    """The open case for ``company`` (slug) and ``right``, or None.

    The oldest open one when there are several (they were made before this check existed).
    """
    found = [
        case
        for case in cases_repo.list_cases(conn, statuses=OPEN_STATES, company=company)
        if case.right == right
    ]
    found.sort(key=_age)
    return found[0] if found else None


def drafts(conn: Connection, company: str | None = None) -> list[Case]:
    """Every unsent draft, optionally of one company (slug), oldest first."""
    found = cases_repo.list_cases(conn, statuses=["draft"], company=company)
    found.sort(key=_age)
    return found


def stale_drafts(conn: Connection, today: dt.date, days: int) -> list[Case]:
    """Drafts written at least ``days`` days before ``today`` and never sent."""
    return [c for c in drafts(conn) if c.created_at and (today - c.created_at.date()).days >= days]


def refs(cases: Sequence[Case]) -> list[str]:
    """The references of ``cases``, in order."""
    return [c.ref for c in cases]


def to_abandon(
    conn: Connection, *, status: str | None, company: str | None, refs: Sequence[str]
) -> list[Case]:
    """The cases a bulk ``rights abandon`` would end: ``refs``, or every case in ``status``
    (optionally of ``company``). InputError when nothing selects, or a state cannot end so."""
    from rights.cases.lifecycle import allowed_events, check_transition
    from rights.cases.log import find_case
    from rights.errors import InputError

    if not refs and status is None:
        raise InputError(
            "say which cases to abandon", hint="give references, or --status draft [--company SLUG]"
        )
    if status is not None and "abandoned" not in allowed_events(status):
        raise InputError(f"cases that are {status} cannot be abandoned", hint="e.g. --status draft")
    if refs:
        found = [find_case(conn, ref) for ref in refs]
        found = [c for c in found if status is None or c.status == status]
    else:
        found = cases_repo.list_cases(conn, statuses=[status or ""], company=company)
    found = [c for c in found if company is None or c.company == company]
    for case in found:
        check_transition(case, "abandoned")
    return sorted({c.ref: c for c in found}.values(), key=_age)


def abandon(
    conn: Connection, cases: Sequence[Case], *, today: dt.date, now: dt.datetime, note: str = ""
) -> list[Case]:
    """Log ``abandoned`` on each of ``cases`` (each its own event); return them as they are now."""
    from rights.cases.log import log_event
    from rights.law.load import data_folder

    done = []
    for case in cases:
        logged = log_event(conn, ref=case.ref, kind="abandoned", on_date=today, today=today,
                           now=now, root=data_folder(), note=note)  # fmt: skip
        done.append(logged.case)
    return done
