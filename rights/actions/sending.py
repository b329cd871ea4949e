"""The "sending" marker: an email that rights was sending when it stopped may have left.

Before ``rights.actions.send.send`` hands a letter to the SMTP server, it commits a marker
for the case in the store's ``settings`` table (key :data:`SETTING`: a JSON object, one
entry per case reference, with the time, the event it would log, the recipient and how many
events the case had). The marker is removed in the same transaction as the event that
records the letter, or when delivery fails with an error (the user is told then). A marker
left behind means the process died between the two (a kill, a crash, a power cut) — the
server may have accepted the message — so :func:`unsure_sends` reports it until the case
gets a new event (``rights log REF sent``, a resend); rights never resends it by itself.

No case state is added for this (states are a contract); once cases have typed notes, the
marker can move there.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rights.store.connect import Connection

SETTING = "sending"

__all__ = ["SETTING", "clear_sending", "mark_sending", "unsure_sends"]


def _read(conn: Connection) -> dict[str, dict[str, Any]]:
    from rights.store import repo

    raw = repo.get_setting(conn, SETTING)
    try:
        marks = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    return (
        {k: v for k, v in marks.items() if isinstance(v, dict)} if isinstance(marks, dict) else {}
    )


def _events(conn: Connection, ref: str) -> int | None:
    from rights.store import cases_repo

    if cases_repo.get_case(conn, ref) is None:
        return None
    return len(cases_repo.events_for(conn, ref))


def _open_marks(conn: Connection) -> dict[str, dict[str, Any]]:
    """The markers whose case got no event since (the others are settled)."""
    marks = _read(conn)
    kept = {}
    for ref, mark in marks.items():
        count = _events(conn, ref)
        if count is not None and count <= int(mark.get("events", 0)):
            kept[ref] = mark
    return kept


def _write(conn: Connection, marks: dict[str, dict[str, Any]]) -> None:
    from rights.store import repo

    repo.set_setting(conn, SETTING, json.dumps(marks, sort_keys=True))


def mark_sending(
    conn: Connection, ref: str, *, event: str, to: str | None, now: dt.datetime
) -> None:
    """Commit the marker of case ``ref`` (before the letter goes to the SMTP server)."""
    from rights.store.connect import transaction

    with transaction(conn):
        marks = _open_marks(conn)
        marks[ref] = {
            "at": now.isoformat(),
            "event": event,
            "to": to,
            "events": _events(conn, ref) or 0,
        }
        _write(conn, marks)


def clear_sending(conn: Connection, ref: str) -> None:
    """Remove the marker of ``ref`` (inside the caller's transaction, or in its own)."""
    from rights.store.connect import transaction

    with transaction(conn):
        marks = _open_marks(conn)
        marks.pop(ref, None)
        _write(conn, marks)


def unsure_sends(conn: Connection) -> list[str]:
    """One warning per case whose email may have been sent by a run that stopped."""
    lines = []
    for ref, mark in sorted(_open_marks(conn).items()):
        when = str(mark.get("at", ""))[:10]
        to = f" to {mark['to']}" if mark.get("to") else ""
        lines.append(
            f"warning: {ref}: may have been sent ({when}{to}; rights stopped while sending it)"
            f" — check your sent folder, then `rights log {ref} {mark.get('event', 'sent')}"
            f" --date {when}` or resend it"
        )
    return lines
