"""A cheap marker beside a profile's store: does the store hold records of the user's own
for the company directory (companies added, edited or imported; contact flags such as a
bounced address)?

``rights companies search`` and the other directory commands read it to skip opening the
encrypted store (the key derivation alone is ~0.1 s) when there is nothing of the user's
to merge. It holds one boolean and no personal data. The store refreshes it whenever it
closes (``Store.close``), so every writer is covered (add, edit, import, inbox bounces,
profile import); a restore removes it. A missing or unreadable marker means "not known":
the store is opened, as before the marker existed, and the close writes it.
"""

from __future__ import annotations

import json
from pathlib import Path

from rights.store.connect import Connection

MARKER_NAME = "user-records.json"


def marker(folder: Path) -> Path:
    """The marker file of the profile whose folder is ``folder``."""
    return folder / MARKER_NAME


def known(folder: Path) -> bool | None:
    """True or False as the marker says; None when there is no (readable) marker."""
    try:
        data = json.loads(marker(folder).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("user_records") if isinstance(data, dict) else None
    return value if isinstance(value, bool) else None


def holds_user_records(conn: Connection) -> bool:
    """True when the store has a company record or a contact flag of the user's."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM user_companies) OR EXISTS (SELECT 1 FROM contact_flags)"
    ).fetchone()
    return bool(row and row[0])


def refresh(conn: Connection, folder: Path) -> None:
    """Make the marker say what the store holds (written only when that changes)."""
    from rights.files import atomic_write

    has = holds_user_records(conn)
    if known(folder) is has:
        return
    data = json.dumps({"user_records": has, "version": 1}, sort_keys=True) + "\n"
    atomic_write(marker(folder), data.encode("utf-8"))


def forget(folder: Path) -> None:
    """Remove the marker (the store was replaced: its content is not known any more)."""
    from rights.files import remove_quietly

    remove_quietly(marker(folder))
