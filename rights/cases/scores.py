"""What ``rights scores status`` reads: per firm that may score the person, the requests
made to it — asked when, answered when, what it disclosed (the notes the user logged with
``rights log REF fulfilled --note ...``), what is overdue, and the next step as a command.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from rights.core.case import Case, Event
from rights.core.vocabulary import AWAITING_STATES
from rights.store import cases_repo
from rights.store.connect import Connection

ANSWER_EVENTS = ("replied", "fulfilled", "partial", "refused")
"""Events that record an answer from the company."""

DISCLOSING_EVENTS = ("replied", "fulfilled", "partial")
"""Answers whose notes say what the company disclosed."""

SCORE_ONLY_RIGHTS = ("explain", "contest")
"""Rights asked only of scorers: their cases count whatever the firm."""

SCORER_CATEGORIES = frozenset({"credit-agency", "scoring"})
"""Directory categories of a scorer (a case keeps its company's categories)."""


@dataclass
class Asked:
    """One request to a scoring firm and where it stands."""

    case: Case
    answered: dt.date | None = None
    disclosed: list[str] = field(default_factory=list)
    overdue: bool = False
    next: str = ""

    def to_json(self) -> dict[str, Any]:
        """One request of a firm in ``rights scores status --json``."""
        c = self.case
        return {
            "answered": _iso(self.answered), "asked": _iso(c.sent_on),
            "disclosed": list(self.disclosed), "due": _iso(c.due), "law": c.law,
            "next": self.next, "overdue": self.overdue, "ref": c.ref, "right": c.right,
            "status": c.status,
        }  # fmt: skip


@dataclass
class Firm:
    """A firm asked, with its requests."""

    slug: str
    name: str
    requests: list[Asked] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """One item of ``rights scores status --json``: a summary and every request."""
        sent = [a.case.sent_on for a in self.requests if a.case.sent_on]
        answers = [a.answered for a in self.requests if a.answered]
        return {
            "answered": _iso(max(answers)) if answers else None,
            "asked": _iso(min(sent)) if sent else None,
            "disclosed": [d for a in self.requests for d in a.disclosed],
            "name": self.name,
            "next": [a.next for a in self.requests if a.next],
            "overdue": [a.case.ref for a in self.requests if a.overdue],
            "requests": [a.to_json() for a in self.requests],
            "slug": self.slug,
        }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def firms(conn: Connection, scorers: Collection[str], today: dt.date) -> list[Firm]:
    """The requests about a score (``_about_a_score``; the firms listed for the person are
    ``scorers``), grouped per firm (by name), oldest request first; abandoned ones left out."""
    found: dict[str, Firm] = {}
    for case in cases_repo.list_cases(conn):
        if not _about_a_score(case, scorers):
            continue
        if case.status == "abandoned":
            continue
        firm = found.setdefault(case.company, Firm(case.company, case.company_name))
        firm.requests.append(asked(case, cases_repo.events_for(conn, case.ref), today))
    for firm in found.values():
        firm.requests.sort(key=lambda a: (a.case.created_at or dt.datetime.min, a.case.ref))
    return sorted(found.values(), key=lambda f: f.name.lower())


def _about_a_score(case: Case, scorers: Collection[str]) -> bool:
    """A request to a firm listed as a scorer, of a scorer's category when it was made
    (listed for another country, say), or for a right only scorers are asked."""
    return (
        case.company in scorers
        or case.right in SCORE_ONLY_RIGHTS
        or bool(SCORER_CATEGORIES & set(case.notes.categories))
    )


def asked(case: Case, events: list[Event], today: dt.date) -> Asked:
    """Where one request stands, from its events."""
    answers = [e for e in events if e.kind in ANSWER_EVENTS]
    disclosed = [e.note for e in events if e.kind in DISCLOSING_EVENTS and e.note.strip()]
    found = Asked(case, answers[-1].on_date if answers else None, disclosed,
                  case.is_overdue(today))  # fmt: skip
    found.next = next_step(case, today)
    return found


def next_step(case: Case, today: dt.date) -> str:
    """The next thing to do on a request, as the command that does it."""
    ref, status = case.ref, case.status
    if status == "draft":
        if case.via == "email":
            return f"send it: rights request send {ref} (or once sent: rights log {ref} sent)"
        return f"send it ({case.via}), then: rights log {ref} sent --date YYYY-MM-DD"
    if status in AWAITING_STATES and case.is_overdue(today):
        if case.remind_by is not None and today > case.remind_by:
            return f"complain: rights escalate {ref}"
        return f"remind them: rights followup {ref}"
    if status in AWAITING_STATES:
        due = f" (due {case.due.isoformat()})" if case.due else ""
        return (f"wait for the answer{due}; then: rights log {ref} fulfilled --note "
                "'what they disclosed'")  # fmt: skip
    if status == "refused":
        return f"complain: rights escalate {ref}"
    if status == "fulfilled" and case.right == "access":
        return (f"wrong data? rights request new --company {case.company} --right "
                "correction --details 'what is wrong and what is right'")  # fmt: skip
    if status == "fulfilled" and case.right == "explain":
        return (f"disagree with the result? rights scores --request --right contest "
                f"--company {case.company} --via pdf --out DIR")  # fmt: skip
    if status == "escalated":
        return "wait for the regulator; log its answer: rights log " + ref + " note --note ..."
    return ""
