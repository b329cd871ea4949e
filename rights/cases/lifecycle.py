"""The life of a case: PURE state transitions and due-date moves (no IO, no clock).

A case starts as a ``draft``. Events move it (see ``TRANSITIONS``); each event kind is allowed
only from some states, and an invalid one raises InputError naming the events the current
state allows. ``apply_event`` returns the case as it stands after the event; the caller stores
the event and the case together (``cases_repo.record``).

Due dates follow the events:

- ``sent``: the clock starts when the request reaches the company: the sent date for email,
  web forms and the like; for a posted letter (``via`` pdf/letter/post) the posting date plus
  ``deadlines.DEFAULT_TRANSIT_DAYS``, flagged ``received_estimated``, until ``delivered``;
- ``delivered``: recomputes every date from the delivery date (the estimate flag goes);
- ``extended``: ``due`` moves to the law's extended due date;
- ``needs-info``: where the law stops the clock (UK GDPR Art. 12A; the law file's
  ``stop_the_clock``, carried by ``Rule.pauses_on_info_request``) the due date is
  recomputed from the day the information is given (``info-given``);
  elsewhere (GDPR, CCPA...) the original due date stays and is marked contested
  (``case.notes.due_contested``);
- ``reminder``: sets its own short deadline, ``remind_by`` (``REMINDER_DAYS``);
- ``fulfilled`` of a deletion by a people-search site or data broker schedules a re-check
  (``recheck_on``, ``RECHECK_DAYS``), because relisting is common.

``overdue`` is never stored: ``Case.is_overdue(today)`` derives it.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable

from rights.core.case import Case, CaseNotes, Event
from rights.core.vocabulary import (
    ANSWERABLE_STATES,
    AWAITING_STATES,
    ENDED_STATES,
    OWED_STATES,
    STATES,
    UNANSWERED_STATES,
)
from rights.core.vocabulary import is_postal as _postal_channel
from rights.errors import InputError
from rights.law import deadlines

REMINDER_DAYS = 14
"""Days a reminder gives the company before the next step (a short, reasonable deadline)."""

RECHECK_DAYS = 90
"""Days after a confirmed deletion by a broker or people-search site before checking again."""

RELISTING_CATEGORIES = frozenset({"people-search", "data-broker"})
"""Company categories whose confirmed deletions get a re-check."""

"""Channels whose requests travel by post: the clock starts on delivery."""

DROP_VIA = "drop"
DROP_COMPANY = "drop"
"""A DROP submission (California's Delete Act platform) is a case of its own; its rule
(follow-up date, re-check interval) is ccpa.json's mechanism ``drop``
(``Mechanism.deadline_rule``), passed in like any law rule."""


TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    # kind: (states it may be logged in, the state it leads to; None = unchanged)
    "sent": (("draft",), "sent"),
    "delivered": (UNANSWERED_STATES, None),
    "acknowledged": (("sent",), "acknowledged"),
    "extended": (("sent", "acknowledged", "needs-info"), "extended"),
    "needs-info": (("sent", "acknowledged", "extended", "partial", "escalated"), "needs-info"),
    "info-given": (("needs-info",), None),  # back to the state before needs-info
    "replied": (OWED_STATES, None),  # the company wrote back: tell us the outcome (due)
    "reminder": (AWAITING_STATES, None),
    "fulfilled": (OWED_STATES, "fulfilled"),
    "partial": (OWED_STATES, "partial"),
    "refused": (OWED_STATES, "refused"),
    "bounced": (("sent",), "draft"),
    "complaint": (ANSWERABLE_STATES, "escalated"),
    "closed": (tuple(s for s in STATES if s not in ("draft", *ENDED_STATES)), "closed"),
    "abandoned": (tuple(s for s in STATES if s not in ENDED_STATES), "abandoned"),
    "reopened": (("fulfilled", "refused", "closed", "abandoned"), None),  # sent, or draft
    "rechecked": (("fulfilled", "closed"), None),
    "note": (STATES, None),
}
EVENT_KINDS = tuple(TRANSITIONS)


def allowed_events(status: str) -> list[str]:
    """The event kinds that may be logged on a case in ``status``."""
    return [kind for kind, (sources, _) in TRANSITIONS.items() if status in sources]


def check_transition(case: Case, kind: str) -> None:
    """Raise InputError unless ``kind`` is an event that may be logged on ``case`` now."""
    if kind not in TRANSITIONS:
        raise InputError(f"unknown event {kind!r}", hint=f"events: {', '.join(EVENT_KINDS)}")
    sources, _ = TRANSITIONS[kind]
    if case.status not in sources:
        raise InputError(
            f"{case.ref} is {case.status}: cannot log {kind!r}",
            hint=f"allowed now: {', '.join(allowed_events(case.status))}",
        )


def check_date(case: Case, on_date: dt.date, today: dt.date, kind: str = "") -> None:
    """Refuse an event date in the future, or before the request was sent."""
    if on_date > today:
        raise InputError(
            f"date {on_date.isoformat()} is in the future (today is {today.isoformat()})",
            hint="give the day it happened with --date YYYY-MM-DD",
        )
    if kind != "sent" and case.sent_on is not None and on_date < case.sent_on:
        raise InputError(
            f"date {on_date.isoformat()} is before {case.ref} was sent "
            f"({case.sent_on.isoformat()})",
            hint="check the date; events happen after the request was sent",
        )


def check_after_letter(case: Case, kind: str, on_date: dt.date) -> None:
    """Refuse an event dated before the day the letter is dated (the day it was written): a
    letter cannot have left, arrived or been answered before it existed, and a deadline
    counted from such a day would start too early (a workshop's ``RIGHTS_TODAY`` in the past
    makes this easy to get wrong). A DROP submission is not a letter of ours: any past day."""
    if case.via == DROP_VIA or case.created_at is None:
        return
    written = case.created_at.date()
    if on_date < written:
        what = "sent" if kind == "sent" else f"logged as {kind!r}"
        raise InputError(
            f"{case.ref}: the letter is dated {written.isoformat()}, so it cannot have been "
            f"{what} on {on_date.isoformat()}",
            hint=f"give the day it happened, on or after {written.isoformat()}: rights log "
            f"{case.ref} {kind} --date YYYY-MM-DD",
        )


def is_postal(case: Case) -> bool:
    """True when the request travels by post (its clock starts on delivery)."""
    return _postal_channel(case.via)


def pauses_clock(rule: deadlines.Rule | None) -> bool:
    """True when a request for information pauses the clock of this law's ``rule``."""
    return rule is not None and rule.pauses_on_info_request


def _recheck_days(rule: deadlines.Rule | None) -> int | None:
    """The re-check interval the rule sets (DROP), or None."""
    return rule.recheck_days if rule is not None else None


def apply_event(
    case: Case,
    event: Event,
    law_rule: deadlines.Rule | None,
    controller_country: str | None,
    today: dt.date,
    *,
    categories: Iterable[str] | None = None,
) -> Case:
    """The case after ``event``: its new status and due dates (``case`` is not changed).

    ``law_rule`` is the deadline rule of the case's law and right (``Law.deadline_rule``;
    DROP: ``Mechanism.deadline_rule``; None: dates are not computed). ``controller_country``
    picks the public holidays where the rule says so. ``categories`` are the company's
    directory categories (default: ``case.notes.categories``).
    """
    check_transition(case, event.kind)
    check_date(case, event.on_date, today, event.kind)
    new = copy.deepcopy(case)
    _, target = TRANSITIONS[event.kind]
    handler = _HANDLERS.get(event.kind)
    if handler is not None:
        handler(new, event, _Context(law_rule, controller_country, categories))
    if target is not None:
        new.status = target
    return new


class _Context:
    def __init__(
        self,
        rule: deadlines.Rule | None,
        controller: str | None,
        categories: Iterable[str] | None,
    ) -> None:
        self.rule = rule
        self.controller = controller
        self.categories = set(categories) if categories is not None else None

    def categories_of(self, case: Case) -> set[str]:
        if self.categories is not None:
            return self.categories
        return set(case.notes.categories)


def _schedule(case: Case, received: dt.date, ctx: _Context) -> None:
    """Compute the due, extended and acknowledgement dates from ``received``."""
    case.received_on = received
    if ctx.rule is None:
        return
    found = deadlines.compute(ctx.rule, received, controller=ctx.controller)
    case.due = found.due
    case.extended_due = found.extended_due
    case.acknowledge_by = found.acknowledge_by
    if case.status == "extended" and found.extended_due is not None:
        case.due = found.extended_due


def _sent(case: Case, event: Event, ctx: _Context) -> None:
    case.sent_on = event.on_date
    if is_postal(case):
        received, _ = deadlines.start_date(posted=event.on_date)
        case.received_estimated = True
    else:
        received = event.on_date
        case.received_estimated = False
    _schedule(case, received, ctx)


def _delivered(case: Case, event: Event, ctx: _Context) -> None:
    case.received_estimated = False
    _schedule(case, event.on_date, ctx)


def _extended(case: Case, event: Event, ctx: _Context) -> None:
    if case.extended_due is not None:
        case.due = case.extended_due
    else:
        case.notes.extension_not_in_law = True


def _needs_info(case: Case, event: Event, ctx: _Context) -> None:
    case.notes.resume_status = case.status
    case.notes.info_asked_on = event.on_date
    if not pauses_clock(ctx.rule):
        case.notes.due_contested = True


def _info_given(case: Case, event: Event, ctx: _Context) -> None:
    case.status = case.notes.resume_status or "sent"
    case.notes.forget("resume_status")
    case.notes.forget("info_asked_on")
    if pauses_clock(ctx.rule) and ctx.rule is not None:
        # Art. 12A UK GDPR: the month runs from the "relevant time", here the day the
        # requested information reached the company.
        found = deadlines.compute(ctx.rule, event.on_date, controller=ctx.controller)
        case.due = found.due
        case.extended_due = found.extended_due
        if case.status == "extended" and found.extended_due is not None:
            case.due = found.extended_due


def _reminder(case: Case, event: Event, ctx: _Context) -> None:
    days = int(event.data.get("days", REMINDER_DAYS))
    case.remind_by = event.on_date + dt.timedelta(days=days)


def _answered(case: Case, event: Event, ctx: _Context) -> None:
    case.remind_by = None


def _fulfilled(case: Case, event: Event, ctx: _Context) -> None:
    case.remind_by = None
    drop_days = _recheck_days(ctx.rule) if case.via == DROP_VIA else None
    if drop_days is not None:
        case.recheck_on = event.on_date + dt.timedelta(days=drop_days)
    elif case.right == "deletion" and ctx.categories_of(case) & RELISTING_CATEGORIES:
        days = int(event.data.get("recheck_days", RECHECK_DAYS))
        case.recheck_on = event.on_date + dt.timedelta(days=days)


def _bounced(case: Case, event: Event, ctx: _Context) -> None:
    case.notes.bounces.append({"date": event.on_date.isoformat(), "recipient": case.recipient})
    case.sent_on = case.received_on = None
    case.due = case.extended_due = case.acknowledge_by = case.remind_by = None
    case.received_estimated = False
    case.notes.forget("due_contested")


def _complaint(case: Case, event: Event, ctx: _Context) -> None:
    case.remind_by = None
    regulator = event.data.get("regulator")
    if regulator:
        case.notes.complaints.append(
            {"date": event.on_date.isoformat(), "regulator": str(regulator)}
        )


def _reopened(case: Case, event: Event, ctx: _Context) -> None:
    case.status = "sent" if case.sent_on else "draft"
    case.recheck_on = None


def _rechecked(case: Case, event: Event, ctx: _Context) -> None:
    days = _recheck_days(ctx.rule) if case.via == DROP_VIA else None
    if days is None:
        days = int(event.data.get("recheck_days", RECHECK_DAYS))
    case.recheck_on = event.on_date + dt.timedelta(days=days)


def _ended(case: Case, event: Event, ctx: _Context) -> None:
    case.remind_by = None
    if event.kind == "abandoned":
        case.recheck_on = None


_HANDLERS = {
    "sent": _sent,
    "delivered": _delivered,
    "extended": _extended,
    "needs-info": _needs_info,
    "info-given": _info_given,
    "reminder": _reminder,
    "partial": _answered,
    "refused": _answered,
    "fulfilled": _fulfilled,
    "bounced": _bounced,
    "complaint": _complaint,
    "reopened": _reopened,
    "rechecked": _rechecked,
    "closed": _ended,
    "abandoned": _ended,
}


def bounced_contact(case: Case, event: Event) -> dict[str, str] | None:
    """What a ``bounced`` event says about the company's contact, for the directory to mark
    suspect (``{"company", "via", "recipient"}``), or None for other events."""
    if event.kind != "bounced":
        return None
    recipient = str(event.data.get("recipient") or case.recipient)
    return {"company": case.company, "via": case.via, "recipient": recipient}


def new_case(
    *,
    ref: str,
    company: str,
    company_name: str,
    right: str,
    law: str,
    lang: str,
    via: str,
    now: dt.datetime,
    recipient: str = "",
    subject: str = "",
    body: str = "",
    notes: CaseNotes | None = None,
) -> Case:
    """A new draft case (store it with ``cases_repo.insert_cases``)."""
    return Case(
        ref=ref,
        company=company,
        company_name=company_name,
        right=right,
        law=law,
        lang=lang,
        via=via,
        recipient=recipient,
        created_at=now,
        subject=subject,
        body=body,
        notes=copy.deepcopy(notes) if notes is not None else CaseNotes(),
    )


def drop_case(ref: str, now: dt.datetime) -> Case:
    """A draft case standing for a DROP submission (log ``sent`` with the submission date)."""
    return new_case(
        ref=ref,
        company=DROP_COMPANY,
        company_name="DROP (California Delete Request and Opt-out Platform)",
        right="deletion",
        law="ccpa",
        lang="en",
        via=DROP_VIA,
        now=now,
        subject=f"DROP deletion request [{ref}]",
    )
