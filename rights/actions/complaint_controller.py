"""The complaint to the company itself before the regulator's (``rights escalate`` where the
law file cites a ``controller-complaint``: UK DPA 2018 s.164A): the letter, logged as a
``note`` carrying it, and when it was made (the regulator's turn comes
``CONTROLLER_WAIT_DAYS`` later)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from rights.actions.plan import Plan, Send, check_late, check_state
from rights.core.vocabulary import CONTROLLER_COMPLAINT_KIND, UNANSWERED_STATES

if TYPE_CHECKING:
    from rights.core.case import Case
    from rights.core.identity import Identity
    from rights.law.model import Law
    from rights.store.connect import Connection


CONTROLLER_WAIT_DAYS = 30
"""Days the company has to acknowledge a complaint made to it before the regulator's turn:
DPA 2018 s.164A (in force 19 Jun 2026) asks controllers to acknowledge a data protection
complaint within 30 days of receipt and then to answer without undue delay."""


def controller_complaint_date(conn: Connection, ref: str) -> dt.date | None:
    """When the (latest) complaint to the company itself was logged on case ``ref``."""
    from rights.store import cases_repo

    dates = [e.on_date for e in cases_repo.events_for(conn, ref)
             if e.kind == "note" and e.data.get("letter") == CONTROLLER_COMPLAINT_KIND]  # fmt: skip
    return max(dates) if dates else None


def plan_controller_complaint(
    conn: Connection,
    case: Case,
    law: Law,
    opts: Send,
    *,
    identity: Identity,
    today: dt.date,
    home: Path | None,
) -> Plan:
    """The complaint to the company about how it handled the request (UK: DPA 2018
    s.164A), with the date it should acknowledge it by; logged as a ``note``."""
    from rights.actions.plan import Dates, company_letter

    check_state(case, "complaint")
    if case.status in UNANSWERED_STATES:
        check_late(case, today, "a complaint")
    until = today + dt.timedelta(days=CONTROLLER_WAIT_DAYS)
    dates = Dates(due=until, previous_due=case.due or today, today=today)
    plan = company_letter(
        conn, case, CONTROLLER_COMPLAINT_KIND, opts, identity=identity, law=law, dates=dates,
        home=home, details=opts.details.strip(),
    )  # fmt: skip
    step = law.letter_citations[CONTROLLER_COMPLAINT_KIND]
    plan.kind = CONTROLLER_COMPLAINT_KIND
    plan.event_kind = "note"
    plan.event_note = f"complaint to {case.company_name} ({step})"
    plan.event_data = {"letter": CONTROLLER_COMPLAINT_KIND}
    plan.notes.append(
        f"{law.short_name}: the complaint goes to {case.company_name} first ({step}); the "
        f"complaint to the regulator comes after {until.isoformat()}: rights escalate "
        f"{case.ref} again (or --now to skip this step)"
    )
    return plan
