"""The evidence of a case: its timeline, the letters sent and the replies received, with
their attachments, as plain data (for complaints, their annex and the case report)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rights.core.case import Case, Event

if TYPE_CHECKING:
    from rights.store.attachments import Attachment

REPLY_KINDS = frozenset(
    {"acknowledged", "extended", "needs-info", "replied", "fulfilled", "partial", "refused"}
)
"""Events that record something the company sent."""


def evidence(
    case: Case,
    events: Sequence[Event],
    attachments: Sequence[Attachment],
    today: dt.date,
) -> dict[str, Any]:
    """The case file as plain data: summary, timeline, letters sent, replies received.

    ``timeline``: every event in order with its attachments' names; ``letters``: the request
    (subject and body), every reminder or complaint event, and every event carrying a letter
    (``data.letter``, e.g. an answer to a brush-off, logged as a note); ``replies``: the events that
    record something the company sent, with their attachments.
    """
    by_event: dict[int | None, list[dict[str, Any]]] = {}
    for att in attachments:
        by_event.setdefault(att.event_id, []).append(
            {"n": att.number, "name": att.name, "size": att.size, "sha256": att.sha256}
        )
    timeline = [
        {
            "date": e.on_date.isoformat(),
            "kind": e.kind,
            "note": e.note,
            "attachments": by_event.get(e.id, []),
        }
        for e in events
    ]
    replies = [item for item, e in zip(timeline, events, strict=True) if e.kind in REPLY_KINDS]
    return {
        **_summary(case, today),
        "timeline": timeline,
        "letters": _letters(case, events),
        "replies": replies,
        "unlinked_attachments": by_event.get(None, []),
    }


def _letters(case: Case, events: Sequence[Event]) -> list[dict[str, Any]]:
    """The request, then every letter an event carries (reminders, complaints, answers)."""
    sent = next((e for e in events if e.kind == "sent"), None)
    letters: list[dict[str, Any]] = [
        {
            "kind": "request",
            "date": sent.on_date.isoformat() if sent else None,
            "subject": case.subject,
            "body": case.body,
        }
    ]
    for e in events:
        if e.kind in ("reminder", "complaint") or e.data.get("letter"):
            letters.append(
                {
                    "kind": str(e.data.get("letter") or e.kind),
                    "date": e.on_date.isoformat(),
                    "subject": str(e.data.get("subject", "")),
                    "body": str(e.data.get("body", "")),
                }
            )
    return letters


def _summary(case: Case, today: dt.date) -> dict[str, Any]:
    """Who, what, under which law, and where the case stands today."""
    days_late = (today - case.due).days if case.is_overdue(today) and case.due else 0
    return {
        "ref": case.ref,
        "company": case.company,
        "company_name": case.company_name,
        "right": case.right,
        "law": case.law,
        "via": case.via,
        "recipient": case.recipient,
        "status": case.status,
        "sent": case.sent_on.isoformat() if case.sent_on else None,
        "received": case.received_on.isoformat() if case.received_on else None,
        "received_estimated": case.received_estimated,
        "due": case.due.isoformat() if case.due else None,
        "extended_due": case.extended_due.isoformat() if case.extended_due else None,
        "overdue": case.is_overdue(today),
        "days_late": days_late,
        "contested": case.notes.due_contested,
    }
