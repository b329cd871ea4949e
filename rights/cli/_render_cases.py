"""The tables and text of ``rights list``, ``due`` and ``show`` (the ``--json`` is the contract,
``rights.cases.contract``; these are for people and may change)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rights.cases.log import Logged

LIST_HEADERS = ["ref", "company", "right", "law", "status", "sent", "due", "days", ""]
DUE_HEADERS = ["ref", "what", "date", "when", "company", "right", "law", "status", "next"]
DUE_OPTIONAL = ["status", "law", "right", "date"]
"""The ``due`` columns a narrow terminal drops first, in this order."""
LIST_OPTIONAL = ["sent", "law"]
DUE_LABELS = {
    "draft": "written, never sent",
    "overdue": "answer overdue",
    "acknowledge": "acknowledgement due",
    "answer": "answer due",
    "recheck": "re-check",
    "reminder": "reminder deadline",
}
_SHOW_LABELS = {
    "ref": "ref",
    "company_name": "company",
    "right": "right",
    "law": "law",
    "via": "via",
    "recipient": "to",
    "status": "status",
    "sent": "sent",
    "received": "received",
    "due": "due",
    "extended_due": "extended due",
    "acknowledge_by": "acknowledge by",
    "remind_by": "reminder ends",
    "recheck_on": "re-check on",
}
_CONTESTED = "contested: the company asked for information; the law does not pause the clock"


def list_row(row: Sequence[Any]) -> list[str]:
    """A row of the ``rights list`` table from a ``cases_repo.list_rows`` row."""
    ref, company_name, right, law, status, sent, due, contested, days, overdue = row
    return [
        ref,
        company_name,
        right,
        law,
        status,
        sent or "-",
        (due or "-") + ("?" if contested else ""),
        "-" if days is None else str(days),
        "OVERDUE" if overdue else "",
    ]


def due_row(item: dict[str, Any]) -> list[str]:
    """A row of the ``rights due`` table from a ``contract.due_item``."""
    days = item["days_left"]
    late = "ago" if item["kind"] in ("draft", "reply") else "late"
    when = "today" if days == 0 else (f"{-days}d {late}" if days < 0 else f"in {days}d")
    label = DUE_LABELS.get(item["kind"], item["kind"])
    if item["status"] == "partial" and item["kind"] in ("overdue", "answer"):
        label = "answered only in part"
    elif item["kind"] == "draft" and item["reason"].startswith("bounced"):
        label = "bounced, not resent"
    return [
        item["ref"],
        reply_label(item) if item["kind"] == "reply" else label,
        item["date"],
        when,
        item["company_name"],
        item["right"],
        item["law"],
        item["status"],
        item["next_command"],
    ]


def reply_label(item: dict[str, Any]) -> str:
    """The ``due`` line of a reply to read (``views.reply_items``)."""
    return f"read the reply of {item['sender']} and log the outcome"  # subject: --json, show


def message_lines(messages: Sequence[dict[str, Any]]) -> list[str]:
    """The imported mail of a case, one line each (``show``)."""
    if not messages:
        return []
    lines = ["", "messages:"]
    for m in messages:
        shown = f"  #{m['attachment']}" if m.get("attachment") else ""
        date = (m["date"] or "")[:10] or "-"
        event = m["event"] or "-"
        lines.append(f"  {date}  {m['sender']}  {m['subject']}  -> {event}{shown}")
    return lines


def show_fields(data: dict[str, Any]) -> list[tuple[str, str]]:
    """The ``label: value`` lines at the top of ``rights show`` (from ``contract.show_json``)."""
    rows = [(label, str(data[k])) for k, label in _SHOW_LABELS.items() if data[k] not in (None, "")]
    if data["received_estimated"]:
        rows = [(k, v + " (estimated)" if k == "received" else v) for k, v in rows]
    if data["overdue"]:
        rows.append(("overdue", f"{-data['days_left']} days"))
    if data["contested"]:
        rows.append(("due date", _CONTESTED))
    return rows


def show_rest(data: dict[str, Any]) -> list[str]:
    """The timeline, the next events and the letter: the lines after ``show_fields``."""
    lines = ["", "timeline:"]
    by_event: dict[object, list[str]] = {}
    for f in data["attachments"]:
        by_event.setdefault(f["event_id"], []).append(f"#{f['n']} {f['name']} ({f['size']} B)")
    for e in data["events"]:
        lines.append(f"  {e['date']}  {e['kind']:<12} {e['note']}".rstrip())
        lines.extend(f"              attachment {line}" for line in by_event.get(e["id"], []))
    lines += message_lines(data.get("messages", []))
    lines += ["", f"next: {', '.join(data['allowed_events'])}"]
    if data["subject"] or data["body"]:
        lines += ["", f"letter:\nSubject: {data['subject']}\n\n{data['body']}".rstrip()]
    return lines


_NO_DUE_SHOWN = ("draft", "closed", "abandoned", "fulfilled", "refused")


def logged_lines(done: Logged) -> list[str]:
    """What ``rights log`` says on stderr: the new state, attachments, due date, a bounce."""
    case, event = done.case, done.event
    lines = [f"{case.ref}: {event.kind} logged on {event.on_date.isoformat()}; now {case.status}"]
    lines += [f"  attached {name} ({size} bytes)" for name, size in done.attachments]
    if case.due and case.status not in _NO_DUE_SHOWN:
        estimate = " (estimated: log 'delivered' when you know)" if case.received_estimated else ""
        lines.append(f"  due {case.due.isoformat()}{estimate}")
    if done.suspect_contact:
        recipient = done.suspect_contact["recipient"]
        lines.append(f"  the address {recipient} bounced: check the contact")
    return lines
