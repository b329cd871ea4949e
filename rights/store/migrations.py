"""Forward-only, numbered schema migrations, applied when a store is opened.

Rules: append new migrations at the end; never edit one that has landed; each runs in its
own transaction and records ``schema_version`` in ``meta``. Before migrating an existing
store, an encrypted backup copy is written to the profile's ``backups/`` folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rights.errors import StoreError
from rights.files import atomic_path, ensure_private_dir, remove_quietly
from rights.store.connect import Connection, export_copy, outside_transaction, transaction
from rights.store.keys import Key


@dataclass(frozen=True)
class Migration:
    """One schema step: its number, a name, and the SQL or function that applies it."""

    version: int
    name: str
    apply: str | Callable[[Connection], None]

    @property
    def label(self) -> str:
        return f"{self.version:04d}_{self.name}"


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial",
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE identity (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        """,
    ),
    Migration(
        2,
        "cases",
        """
        CREATE TABLE requests (
            ref TEXT PRIMARY KEY,
            company TEXT NOT NULL,
            company_name TEXT NOT NULL,
            right TEXT NOT NULL,
            law TEXT NOT NULL,
            lang TEXT NOT NULL,
            via TEXT NOT NULL,
            recipient TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL,
            created_at TEXT NOT NULL,
            sent_on TEXT,
            received_on TEXT,
            received_estimated INTEGER NOT NULL DEFAULT 0,
            due TEXT,
            acknowledge_by TEXT,
            extended_due TEXT,
            recheck_on TEXT,
            subject TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL DEFAULT '',
            data TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX requests_status_due ON requests (status, due);
        CREATE INDEX requests_company ON requests (company);
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            ref TEXT NOT NULL REFERENCES requests (ref) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            on_date TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            data TEXT NOT NULL DEFAULT '{}',
            created_at TEXT NOT NULL
        );
        CREATE INDEX events_ref ON events (ref, on_date, id);
        CREATE TABLE attachments (
            id INTEGER PRIMARY KEY,
            ref TEXT NOT NULL REFERENCES requests (ref) ON DELETE CASCADE,
            event_id INTEGER REFERENCES events (id) ON DELETE SET NULL,
            name TEXT NOT NULL,
            size INTEGER NOT NULL DEFAULT 0,
            sha256 TEXT NOT NULL DEFAULT '',
            complete INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL
        );
        CREATE INDEX attachments_ref ON attachments (ref);
        CREATE TABLE attachment_chunks (
            attachment_id INTEGER NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            data BLOB NOT NULL,
            PRIMARY KEY (attachment_id, seq)
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        3,
        "user_companies",
        """
        CREATE TABLE user_companies (
            slug TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE contact_flags (
            slug TEXT NOT NULL,
            address TEXT NOT NULL,
            status TEXT NOT NULL,
            noted_at TEXT NOT NULL,
            note TEXT,
            PRIMARY KEY (slug, address)
        );
        """,
    ),
    Migration(
        4,
        "case_followup",
        """
        ALTER TABLE requests ADD COLUMN remind_by TEXT;
        CREATE INDEX requests_remind_by ON requests (remind_by) WHERE remind_by IS NOT NULL;
        CREATE INDEX requests_recheck_on ON requests (recheck_on) WHERE recheck_on IS NOT NULL;
        CREATE INDEX requests_due_cover
            ON requests (status, due, ref, company, company_name, right, law);
        CREATE INDEX requests_ack_cover
            ON requests (status, acknowledge_by, ref, company, company_name, right, law);
        CREATE INDEX attachments_incomplete ON attachments (complete) WHERE complete = 0;
        """,
    ),
    Migration(
        5,
        "inbox_messages",
        """
        CREATE TABLE inbox_messages (
            key TEXT PRIMARY KEY,
            ref TEXT NOT NULL REFERENCES requests (ref) ON DELETE CASCADE,
            event_id INTEGER REFERENCES events (id) ON DELETE SET NULL,
            attachment_id INTEGER REFERENCES attachments (id) ON DELETE SET NULL,
            sender TEXT NOT NULL DEFAULT '',
            subject TEXT NOT NULL DEFAULT '',
            sent_at TEXT,
            imported_at TEXT NOT NULL
        );
        CREATE INDEX inbox_messages_ref ON inbox_messages (ref);
        """,
    ),
    Migration(
        6,
        "attachment_chunks_rowid",
        # 1 MiB rows do not belong in a WITHOUT ROWID table (SQLite keeps such a table's
        # rows in the key's b-tree, made for small rows): a table with a rowid wrote and
        # read big attachments 2-6 times faster (benchmarks/bench_attachment_layout.py).
        """
        CREATE TABLE attachment_chunks_rowid (
            id INTEGER PRIMARY KEY,
            attachment_id INTEGER NOT NULL REFERENCES attachments (id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            data BLOB NOT NULL,
            UNIQUE (attachment_id, seq)
        );
        INSERT INTO attachment_chunks_rowid (attachment_id, seq, data)
            SELECT attachment_id, seq, data FROM attachment_chunks ORDER BY attachment_id, seq;
        DROP TABLE attachment_chunks;
        ALTER TABLE attachment_chunks_rowid RENAME TO attachment_chunks;
        """,
    ),
    Migration(
        7,
        "events_reply_indexes",
        # The replies still to read (inbox_repo.pending_replies, every `rights due`): the
        # replied events from their own index, each case's last event from a covering one;
        # at 50,000 cases the query took 2.2 s, 0.12 s with these.
        """
        CREATE INDEX events_ref_kind ON events (ref, kind, id);
        CREATE INDEX events_replied ON events (ref, id) WHERE kind = 'replied';
        """,
    ),
)

LATEST = MIGRATIONS[-1].version


def schema_version(conn: Connection) -> int:
    """The store's schema version: 0 for an empty database."""
    has_meta = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
    ).fetchone()
    if not has_meta:
        return 0
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def pending(version: int) -> list[Migration]:
    """The migrations still to apply to a store at ``version``."""
    return [m for m in MIGRATIONS if m.version > version]


def migrate(
    conn: Connection,
    *,
    key: Key,
    backup_dir: Path | None,
    now: dt.datetime,
    migrations: tuple[Migration, ...] = MIGRATIONS,
) -> list[int]:
    """Bring the store to the latest schema; return the versions applied.

    ``backup_dir`` receives an encrypted copy before an existing store (version > 0) is
    changed, named after ``now``. A store newer than this program is refused, never touched.
    """
    version = schema_version(outside_transaction(conn, "migrate"))
    latest = migrations[-1].version
    if version > latest:
        raise StoreError(
            f"this store has schema {version}, newer than this rights knows ({latest})",
            hint="upgrade rights; the store was not changed",
        )
    todo = [m for m in migrations if m.version > version]
    if not todo:
        return []
    if version > 0 and backup_dir is not None:
        _back_up(conn, key, backup_dir, version, now)
    applied: list[int] = []
    for step in todo:
        with transaction(conn):
            if schema_version(conn) >= step.version:  # another process got there first
                continue
            if isinstance(step.apply, str):
                for statement in _statements(step.apply):
                    conn.execute(statement)
            else:
                step.apply(conn)
            conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(step.version),),
            )
        applied.append(step.version)
    return applied


def _back_up(conn: Connection, key: Key, folder: Path, version: int, now: dt.datetime) -> None:
    """Write the backup of schema ``version``; then drop older backups of that version.

    A migration that is interrupted is tried again on the next open, with a new backup:
    only the newest per schema version is kept (it holds everything the older ones do).
    """
    ensure_private_dir(folder)
    written = _backup_name(folder, version, now)
    with atomic_path(written, overwrite=False) as temp:
        export_copy(conn, temp, key)
    for older in folder.glob(f"rights-schema{version}-*.db"):
        if older != written:
            remove_quietly(older)


def _backup_name(folder: Path, version: int, now: dt.datetime) -> Path:
    """``rights-schema1-<UTC time>.db``, with ``-2``, ``-3``... if that name is taken."""
    stem = f"rights-schema{version}-{now.strftime('%Y%m%dT%H%M%S%fZ')}"
    path, n = folder / f"{stem}.db", 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}.db"
    return path


def _statements(script: str) -> list[str]:
    return [part.strip() for part in script.split(";") if part.strip()]
