"""Which cases a case report covers (``rights export --format report --since/--until/--status/
--company``), and the period it names in its header.

Parsed and checked here, before the store is opened, so a typo is an InputError with a hint
rather than an empty report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from rights.core.case import Case, Event
from rights.errors import InputError


@dataclass(frozen=True)
class ReportFilter:
    """The report's selection: a period, states and a company (None: no limit).

    A case is in the period when it was created or had an event in it (both ends included).
    """

    since: dt.date | None = None
    until: dt.date | None = None
    statuses: tuple[str, ...] = ()
    company: str | None = None

    @property
    def empty(self) -> bool:
        """True when nothing is filtered."""
        return self == ReportFilter()


def parse(
    since: str | None = None,
    until: str | None = None,
    statuses: Sequence[str] = (),
    company: str | None = None,
) -> ReportFilter:
    """The filter from the command's options; InputError for a bad date, an ``until`` before
    ``since``, an unknown status (listing the states) or a company that is no slug."""
    from rights.cases.views import statuses as checked_status
    from rights.core import values

    start = values.iso_date(since, "--since") if since else None
    end = values.iso_date(until, "--until") if until else None
    if start and end and end < start:
        raise InputError(
            f"--until {end} is before --since {start}",
            hint="give the earlier day to --since, e.g. --since 2026-01-01 --until 2026-06-30",
        )
    wanted: list[str] = []
    for status in statuses:
        for one in checked_status(status.strip().lower()) or ():
            if one not in wanted:
                wanted.append(one)
    slug = company.strip().lower() if company else None
    if company is not None and not _is_slug(slug or ""):
        raise InputError(
            f"--company: {company!r} is not a company slug",
            hint="the slug as rights list shows it, e.g. --company acme",
        )
    return ReportFilter(start, end, tuple(wanted), slug)


def _is_slug(value: str) -> bool:
    import re

    return re.fullmatch(r"[a-z0-9][a-z0-9._-]*", value) is not None


def activity(case: Case, events: Sequence[Event]) -> list[dt.date]:
    """The days something happened on a case: its creation and every event."""
    days = [e.on_date for e in events]
    if case.created_at is not None:
        days.append(case.created_at.date())
    return sorted(days)


def select(cases: Sequence[Case], events: dict[str, list[Event]], flt: ReportFilter) -> list[Case]:
    """The cases ``flt`` keeps; InputError (with the closest slug) for a company no case has."""
    if flt.company is not None and not any(c.company == flt.company for c in cases):
        import difflib

        known = sorted({c.company for c in cases})
        close = difflib.get_close_matches(flt.company, known, n=3)
        hint = f"did you mean: {', '.join(close)}?" if close else "see the slugs: rights list"
        raise InputError(f"--company: no case with company {flt.company!r}", hint=hint)
    return [c for c in cases if _keeps(flt, c, events.get(c.ref, []))]


def _keeps(flt: ReportFilter, case: Case, events: Sequence[Event]) -> bool:
    if flt.statuses and case.status not in flt.statuses:
        return False
    if flt.company is not None and case.company != flt.company:
        return False
    if flt.since is None and flt.until is None:
        return True
    return any(
        (flt.since is None or day >= flt.since) and (flt.until is None or day <= flt.until)
        for day in activity(case, events)
    )


def period(
    cases: Sequence[Case], events: dict[str, list[Event]], flt: ReportFilter
) -> tuple[str | None, str | None]:
    """The period the header names: the filter's ends, else the first and last day
    something happened on the cases shown (None when there is nothing)."""
    days = [d for c in cases for d in activity(c, events.get(c.ref, []))]
    first = flt.since or (min(days) if days else None)
    last = flt.until or (max(days) if days else None)
    return (first.isoformat() if first else None, last.isoformat() if last else None)
