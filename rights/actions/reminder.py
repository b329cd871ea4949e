"""The reminder to a late company (``rights followup``): the deadline that passed, the law,
and a short new deadline. ``rights.actions.send.carry_out`` sends what it plans."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from rights.actions.plan import (
    REMINDER_DAYS,
    Dates,
    Plan,
    Send,
    check_late,
    check_state,
    company_letter,
)

if TYPE_CHECKING:
    from rights.core.identity import Identity
    from rights.store.connect import Connection


def plan_reminder(
    conn: Connection,
    ref: str,
    opts: Send,
    *,
    identity: Identity,
    today: dt.date,
    root: Path,
    home: Path | None,
) -> Plan:
    """The reminder to a late company: cites the passed due date and the law, and gives a
    new deadline of ``REMINDER_DAYS`` days (the ``reminder`` event sets the same date)."""
    from rights.cases.log import find_case
    from rights.law import load as jurisdictions

    case = find_case(conn, ref)
    check_state(case, "reminder")
    passed = check_late(case, today, "a reminder")
    law = jurisdictions.load_law(root, case.law)
    new_due = today + dt.timedelta(days=REMINDER_DAYS)
    plan = company_letter(
        conn, case, "reminder", opts, identity=identity, law=law,
        dates=Dates(due=new_due, previous_due=passed, today=today), home=home,
        details=opts.details,
    )  # fmt: skip
    plan.event_kind = "reminder"
    plan.event_data = {"days": REMINDER_DAYS, "passed_due": passed.isoformat()}
    return plan
