"""The imported mail of each case (table ``inbox_messages``): the key that makes a second
import a no-op, the stored message, the event it produced, its sender and subject."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rights.store.connect import Connection, in_transaction


@dataclass(frozen=True)
class Message:
    """An imported message as ``rights show`` lists it."""

    key: str
    ref: str
    date: str | None
    sender: str
    subject: str
    event: str | None
    event_id: int | None
    attachment_id: int | None

    def to_dict(self) -> dict[str, object]:
        return {
            "date": self.date,
            "event": self.event,
            "event_id": self.event_id,
            "key": self.key,
            "sender": self.sender,
            "subject": self.subject,
        }


def known(conn: Connection, key: str) -> str | None:
    """The case of the message imported before under ``key`` (None: new)."""
    row = conn.execute("SELECT ref FROM inbox_messages WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def record(
    conn: Connection,
    *,
    key: str,
    ref: str,
    event_id: int | None,
    attachment_id: int | None,
    sender: str,
    subject: str,
    sent_at: dt.datetime | None,
    now: dt.datetime,
) -> None:
    """Remember an imported message (inside the caller's transaction)."""
    in_transaction(conn, "inbox_repo.record").execute(
        "INSERT INTO inbox_messages (key, ref, event_id, attachment_id, sender, subject, "
        "sent_at, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (key, ref, event_id, attachment_id, sender, subject,
         sent_at.isoformat() if sent_at else None, now.isoformat()),
    )  # fmt: skip


def for_case(conn: Connection, ref: str) -> list[Message]:
    """The messages imported for case ``ref``, oldest first."""
    rows = conn.execute(
        "SELECT m.key, m.ref, m.sent_at, m.sender, m.subject, e.kind, m.event_id, "
        "m.attachment_id FROM inbox_messages m LEFT JOIN events e ON e.id = m.event_id "
        "WHERE m.ref = ? ORDER BY m.sent_at, m.imported_at, m.key",
        (ref,),
    )
    return [Message(*row) for row in rows]


def all_refs(conn: Connection) -> set[str]:
    """Every case reference."""
    return {str(r) for (r,) in conn.execute("SELECT ref FROM requests")}


def sent_message_ids(conn: Connection) -> dict[str, str]:
    """Message-ID -> case of every letter rights sent by email (``message_id`` in the data
    of its event)."""
    rows = conn.execute(
        "SELECT ref, json_extract(data, '$.message_id') FROM events "
        "WHERE json_extract(data, '$.message_id') IS NOT NULL"
    )
    return {str(mid): str(ref) for ref, mid in rows}


def pending_replies(conn: Connection) -> list[tuple[str, int]]:
    """(ref, id of the event) of every case whose last event but notes is ``replied``."""
    rows = conn.execute(
        "SELECT e.ref, e.id FROM events e WHERE e.kind = 'replied' AND e.id = "
        "(SELECT max(x.id) FROM events x WHERE x.ref = e.ref AND x.kind != 'note') "
        "ORDER BY e.on_date, e.ref"
    )
    return [(str(ref), int(eid)) for ref, eid in rows]
