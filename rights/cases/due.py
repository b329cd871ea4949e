"""What ``rights due`` lists: one item per case (its most urgent obligation), the drafts
written days ago and never sent, and on each the next command and the reason in words.

A case can owe several dates at once (an acknowledgement and the answer, both late; a late
answer and the reminder that followed it). Listing each would make one late company look
like two tasks, so ``one_per_case`` keeps the one that matters now (``URGENCY``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from rights.core.case import Case

URGENCY = ("reply", "reminder", "overdue", "acknowledge", "answer", "recheck")
"""Which obligation of a case ``due`` shows when it has several, most urgent first: a reply
to read comes before any deadline (it may settle it); once a reminder went out its deadline
is what counts; a late answer outweighs a late receipt."""

ORDER = ("reply", "overdue", "acknowledge", "answer", "recheck", "reminder", "draft")
"""The order of the listed kinds (``contract.DUE_ORDER``, then the stale drafts)."""


def one_per_case(items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Keep, for each case, the item of its most urgent obligation (``URGENCY``)."""
    rank = {kind: n for n, kind in enumerate(URGENCY)}
    best: dict[str, dict[str, Any]] = {}
    for item in items:
        kept = best.get(item["ref"])
        if kept is None or rank[item["kind"]] < rank[kept["kind"]]:
            best[item["ref"]] = item
    return list(best.values())


def draft_item(case: Case, today: dt.date) -> dict[str, Any]:
    """A draft written on ``case.created_at`` and never sent, as a ``due`` item."""
    assert case.created_at is not None
    written = case.created_at.date()
    return {
        "company": case.company,
        "company_name": case.company_name,
        "date": written.isoformat(),
        "days_left": (written - today).days,
        "kind": "draft",
        "law": case.law,
        "ref": case.ref,
        "right": case.right,
        "status": case.status,
    }


def send_command(case: Case) -> str:
    """How to get a draft out: by SMTP when it is an email, else written again to send; a
    draft that bounced goes another way (by post)."""
    if case.notes.bounces:
        return f"rights request render {case.ref} --via pdf --out DIR"
    if case.via == "email":
        return f"rights request send {case.ref}"
    via = case.via if case.via in ("eml", "pdf", "mailto") else "text"
    return f"rights request render {case.ref} --via {via} --out DIR"


def explain(item: dict[str, Any], drafts: dict[str, Case]) -> dict[str, Any]:
    """``item`` with ``next_command`` and ``reason`` (why it is listed, in words)."""
    ref, kind, date, status = item["ref"], item["kind"], item["date"], item["status"]
    late = item["days_left"] < 0
    if kind == "reply":
        command = f"rights show {ref}"
        reason = (f"{item.get('sender') or item['company_name']} wrote back"
                  f" ({item.get('subject') or 'no subject'}): read it, then log the outcome: "
                  f"rights log {ref} fulfilled|partial|refused")  # fmt: skip
    elif kind == "draft":
        bounces = drafts[ref].notes.bounces
        command = send_command(drafts[ref])
        reason = (f"bounced on {bounces[-1]['date']}: never arrived" if bounces
                  else "written, never sent")  # fmt: skip
    elif kind == "reminder":
        command = f"rights escalate {ref}"
        reason = (f"the reminder's deadline {date} passed" if late
                  else f"reminder sent; the company has until {date}, then escalate")  # fmt: skip
    elif kind == "overdue":
        command = f"rights show {ref}" if status == "escalated" else f"rights followup {ref}"
        if status == "partial":
            reason = f"answered only in part; the rest was due {date}"
        elif status == "escalated":
            reason = f"answer overdue since {date}; the complaint is with the regulator"
        else:
            reason = f"answer overdue since {date}"
    elif kind == "acknowledge":
        command = f"rights log {ref} acknowledged"
        reason = f"receipt to be confirmed by {date}" + (" (late)" if late else "")
    elif kind == "answer":
        command = f"rights log {ref} fulfilled"
        reason = (f"answered only in part; the rest is due {date}" if status == "partial"
                  else f"answer due {date}")  # fmt: skip
    else:  # recheck
        command, reason = f"rights log {ref} rechecked", f"check again on {date} (relisting)"
    return item | {"next_command": command, "reason": reason}


def items(
    listed: Sequence[dict[str, Any]], stale: Sequence[Case], today: dt.date
) -> list[dict[str, Any]]:
    """The ``due`` items: one per case from ``listed`` (``contract.due_items``), then the
    ``stale`` drafts; each with its next command and reason, ordered by kind and date."""
    drafts = {c.ref: c for c in stale}
    chosen = one_per_case(listed) + [draft_item(c, today) for c in stale]
    order = {kind: n for n, kind in enumerate(ORDER)}
    chosen.sort(key=lambda i: (order[i["kind"]], i["date"], i["ref"]))
    return [explain(i, drafts) for i in chosen]
