"""SQL for the profile's own data: meta, identity, settings. Parameters are always bound.

Writers run inside the caller's ``transaction`` (they never commit on their own).
"""

from __future__ import annotations

import datetime as dt
import json

from rights.core.identity import Identity
from rights.store.connect import Connection, in_transaction


def get_meta(conn: Connection, key: str) -> str | None:
    """A value from the ``meta`` table (``schema_version``, ``key_scheme``...)."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def set_meta(conn: Connection, key: str, value: str) -> None:
    """Set a value in the ``meta`` table (inside the caller's transaction)."""
    in_transaction(conn, "set_meta").execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def get_identity(conn: Connection) -> Identity:
    """The profile's identity (empty if never edited)."""
    row = conn.execute("SELECT data FROM identity WHERE id = 1").fetchone()
    return Identity.from_dict(json.loads(row[0])) if row else Identity()


def put_identity(conn: Connection, identity: Identity, now: dt.datetime) -> None:
    """Replace the profile's identity (inside the caller's transaction)."""
    data = json.dumps(identity.to_dict(), sort_keys=True, ensure_ascii=False)
    in_transaction(conn, "put_identity").execute(
        "INSERT INTO identity (id, data, updated_at) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
        (data, now.isoformat()),
    )


def get_setting(conn: Connection, key: str) -> str | None:
    """A per-profile setting."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def set_setting(conn: Connection, key: str, value: str) -> None:
    """Set a per-profile setting (inside the caller's transaction)."""
    in_transaction(conn, "set_setting").execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
