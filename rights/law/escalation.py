"""The order a complaint must keep: what has to come before a complaint to a regulator
(PURE: dates and a case state in, a refusal or a warning out).

The CFPB's complaint portal, since 4 Feb 2026, takes a credit-reporting complaint only after
a dispute with the agency and once 45 days have passed or the dispute is closed (the law
file's ``complaint_order``; law-fcra reference, section 8). ``enforced`` says whether the
regulator refuses a complaint out of order (then ``rights escalate`` refuses too, ``--now``
or not) or only warns (then the complaint goes with a warning).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rights.errors import InputError
from rights.law.facts import Tag

CLOSED_STATES: tuple[str, ...] = ("fulfilled", "partial", "refused", "closed")
"""Case states in which the company has answered the request: the dispute is no longer
pending."""


class ComplaintOrder(BaseModel):
    """What must come before a complaint to ``regulators``: the request to the company,
    then ``wait_days`` from its receipt (else its sending) unless it is closed; from
    ``since`` on. ``text`` and ``tag`` state the rule as the user sees it."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    regulators: list[str] = Field(min_length=1)
    since: dt.date
    wait_days: int = Field(gt=0, le=400)
    unless_closed: bool = True
    enforced: Literal["refuses", "warns"]
    text: str = Field(min_length=1)
    tag: Tag
    citation: str = Field(min_length=1)


def possible_from(order: ComplaintOrder, sent_on: dt.date, received_on: dt.date | None) -> dt.date:
    """The first day a complaint may be made: ``wait_days`` after the request reached the
    company (its sending day when the receipt is not known)."""
    return (received_on or sent_on) + dt.timedelta(days=order.wait_days)


def check_order(
    order: ComplaintOrder | None,
    regulator: str,
    *,
    sent_on: dt.date | None,
    received_on: dt.date | None,
    status: str,
    today: dt.date,
    ref: str,
) -> str | None:
    """None when the complaint keeps the order (or no order applies); a warning when the
    order is broken but the regulator only warns; InputError, naming the day the complaint
    becomes possible, when the regulator refuses it."""
    if order is None or regulator not in order.regulators or today < order.since:
        return None
    problem, hint = _problem(order, sent_on, received_on, status, today, ref)
    if problem is None:
        return None
    message = f"{problem}: {order.text} ({order.citation}) [{order.tag}]"
    if order.enforced == "warns":
        return f"warning: {message}"
    raise InputError(message, hint=hint)


def _problem(
    order: ComplaintOrder, sent_on: dt.date | None, received_on: dt.date | None, status: str,
    today: dt.date, ref: str,
) -> tuple[str | None, str]:  # fmt: skip
    if sent_on is None:
        return (f"{ref} was never sent to the company, so there is no prior request",
                f"send it first: rights request send {ref}")  # fmt: skip
    if order.unless_closed and status in CLOSED_STATES:
        return None, ""
    start = possible_from(order, sent_on, received_on)
    if today >= start:
        return None, ""
    since = "received" if received_on else "sent"
    return (
        f"too early for this complaint: the request was {since} on "
        f"{(received_on or sent_on).isoformat()}; a complaint is possible from "
        f"{start.isoformat()}, or once the company has answered",
        f"then: rights escalate {ref}; log an answer first with: rights log {ref} fulfilled "
        "(or refused, partial)",
    )
