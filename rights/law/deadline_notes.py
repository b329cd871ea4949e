"""The words around a computed deadline: the rule as a sentence, why a date moved, which
calendar counted, and the situational variants (PURE, like ``rights.law.deadlines``, which
computes the dates these notes describe)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rights.law.deadlines import Period, Rule, WorkingDays

_CONTROLLER = "controller"
"""The ``holidays`` value meaning the controller's country (``deadlines.CONTROLLER``)."""


def moved_note(label: str, raw: dt.date, moved: dt.date, cal: WorkingDays, period: Period) -> str:
    why = cal.why_not_working(raw)
    if period.roll_rule is not None:
        cite = period.roll_rule.citation
        return f"{label} ends on {fmt(raw)}, which is {why}; {cite} moves it to {fmt(moved)}"
    return f"{label} ends on {fmt(raw)} ({why}): moved to the next working day, {fmt(moved)}"


def roll_notes(rule: Rule) -> list[str]:
    from rights.law.rolls import roll_note

    periods = (rule.response, rule.extension, rule.acknowledge)
    found = {p.roll_rule.id: p.roll_rule for p in periods if p is not None and p.roll_rule}
    return [roll_note(r) for r in found.values()]


def calendar_notes(
    rule: Rule, controller: str | None, cal_for: Any, region_note: str | None = None
) -> list[str]:
    periods = [p for p in (rule.response, rule.extension, rule.acknowledge) if p is not None]
    notes = []
    if any(p.holidays == _CONTROLLER and _uses_calendar(p) for p in periods):
        if controller:
            notes.append(f"public holidays: those of {cal_for(periods[0]).code} (the controller's)")
            if region_note:
                notes.append(region_note)
        else:
            notes.append(
                "no controller country given: only Saturdays and Sundays count as non-working "
                "days; add --country (e.g. DE, FR, GB-ENG, GB-SCT) to include public holidays"
            )
    fixed = sorted({p.holidays for p in periods if p.holidays not in (None, _CONTROLLER)})
    for code in fixed:
        notes.append(f"non-working days: Saturdays, Sundays and public holidays of {code}")
    if rule.response.roll == "none" and rule.response.unit != "business_days":
        notes.append("no roll: the date stands even if it falls on a weekend or holiday")
    return notes


def _uses_calendar(period: Period) -> bool:
    return period.roll == "next_working_day" or period.unit == "business_days"


def describe(period: Period) -> str:
    """A period in words: '1 month', '45 calendar days', '15 business days'."""
    word = "month" if period.unit == "months" else "calendar day"
    word = "business day" if period.unit == "business_days" else word
    text = f"{period.length} {word}" + ("" if period.length == 1 else "s")
    if period.unit == "calendar_days_beginning_on":
        text += " (the receipt day counts as day 1)"
    return text


def sentence(rule: Rule) -> str:
    response = rule.response
    text = f"{rule.label}: {describe(response)} from receipt"
    if response.unit == "months":
        text += " (same date, or the month's last day if that date does not exist)"
    if response.roll == "next_working_day":
        text += ", moved to the next working day if it falls on a weekend or public holiday"
    elif response.roll_rule is not None:
        text += (
            f", moved to the next working day under {response.roll_rule.citation} if it "
            "falls on a day that rule does not count"
        )
    if rule.extension is not None:
        text += f"; extendable to {describe(rule.extension)} from receipt"
    else:
        text += "; no extension"
    if rule.acknowledge is not None:
        text += f"; acknowledge within {describe(rule.acknowledge)}"
    return text + "."


def fmt(day: dt.date) -> str:
    return f"{day.strftime('%a')} {day.isoformat()}"
