"""Attachments in the encrypted store: files streamed in chunks, never whole in memory.

A file is written as rows of ``attachment_chunks`` (``CHUNK_SIZE`` bytes each), committed in
batches of ``BATCH_CHUNKS`` so the write-ahead log never holds more than one batch. The
``attachments`` row is created first with ``complete = 0`` and its writer's process id in
``sha256`` (``pid:1234``); it becomes visible (``complete = 1``, real size and SHA-256) only
when the caller attaches it to its event (``finish``). A failed write deletes its rows; one
left behind by a killed process is ignored by every listing and deleted by the next write
(``clean_abandoned``).

Streaming (``store_file``, ``delete``, ``clean_abandoned``) commits its own batches, so it
refuses to run inside a transaction (joining one would make it unbounded). The other
writers (``finish``, ``write_blob``, ``insert_complete``) run inside the caller's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rights.errors import InputError
from rights.store.connect import (
    Connection,
    database_error,
    in_transaction,
    inserted_id,
    outside_transaction,
    transaction,
)

CHUNK_SIZE = 1024 * 1024
BATCH_CHUNKS = 16


@dataclass(frozen=True)
class Attachment:
    """A stored file: its number within the case (1, 2, ...), name, size and SHA-256."""

    id: int
    ref: str
    number: int
    event_id: int | None
    name: str
    size: int
    sha256: str
    created_at: dt.datetime

    def to_dict(self) -> dict[str, object]:
        """The JSON form (see docs/cases.md)."""
        return {
            "n": self.number,
            "name": self.name,
            "size": self.size,
            "sha256": self.sha256,
            "event_id": self.event_id,
            "created_at": self.created_at.isoformat(),
        }


def check_source(path: Path) -> None:
    """Refuse a path that does not exist, is not a regular file, or cannot be read."""
    if not path.exists():
        raise InputError(f"{path}: no such file", hint="check the path of the attachment")
    if path.is_dir():
        raise InputError(f"{path} is a folder", hint="attach files one by one (--attach FILE)")
    if not path.is_file():
        raise InputError(f"{path} is not a regular file")
    if not os.access(path, os.R_OK):
        raise InputError(f"{path}: cannot read it (permission denied)")


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_abandoned(conn: Connection) -> int:
    """Delete incomplete attachments whose writing process is gone; return how many."""
    rows = (
        outside_transaction(conn, "clean_abandoned")
        .execute("SELECT id, sha256 FROM attachments WHERE complete = 0")
        .fetchall()
    )
    gone = []
    for att_id, marker in rows:
        pid = int(marker[4:]) if str(marker).startswith("pid:") else 0
        if pid != os.getpid() and (pid == 0 or not _pid_alive(pid)):
            gone.append(att_id)
    for att_id in gone:
        delete(conn, att_id)
    return len(gone)


def delete(conn: Connection, att_id: int) -> None:
    """Remove an attachment and its chunks, in batches (no huge transaction)."""
    outside_transaction(conn, "attachments.delete")
    while True:
        with transaction(conn):
            cur = conn.execute(
                "DELETE FROM attachment_chunks WHERE attachment_id = ? AND seq IN "
                "(SELECT seq FROM attachment_chunks WHERE attachment_id = ? LIMIT ?)",
                (att_id, att_id, BATCH_CHUNKS * 4),
            )
            if cur.rowcount == 0:
                conn.execute("DELETE FROM attachments WHERE id = ?", (att_id,))
                return


def store_file(
    conn: Connection, ref: str, path: Path, now: dt.datetime, *, name: str | None = None
) -> tuple[int, int, str]:
    """Stream ``path`` into the store as an incomplete attachment of case ``ref``.

    Returns (attachment id, size, sha256). The caller makes it visible with ``finish``
    (in the transaction that records the event) or removes it with ``delete``.
    """
    check_source(path)
    try:
        with open(path, "rb") as fh:
            return store_stream(conn, ref, fh, now, name=name or path.name)
    except OSError as exc:
        raise InputError(f"{path}: cannot read it: {exc.strerror or exc}") from None


def store_stream(
    conn: Connection, ref: str, fh: BinaryIO, now: dt.datetime, *, name: str
) -> tuple[int, int, str]:
    """Stream what ``fh.read`` gives into the store as an incomplete attachment of ``ref``
    (see ``store_file``); a failed read or write removes what was written."""
    outside_transaction(conn, "store_file")
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO attachments (ref, name, size, sha256, complete, created_at) "
            "VALUES (?, ?, 0, ?, 0, ?)",
            (ref, name, f"pid:{os.getpid()}", now.isoformat()),
        )
        att_id = inserted_id(cur)
    try:
        size, digest = _write_chunks(conn, att_id, fh)
    except OSError:
        delete(conn, att_id)
        raise
    except BaseException:
        # On a full disk the clean-up fails too: keep the real error (the marked,
        # incomplete attachment is removed by ``clean_abandoned`` on a later open).
        with contextlib.suppress(database_error()):
            delete(conn, att_id)
        raise
    return att_id, size, digest


def _write_chunks(conn: Connection, att_id: int, fh: BinaryIO) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    seq = 0
    done = False
    while not done:
        with transaction(conn):
            for _ in range(BATCH_CHUNKS):
                block = fh.read(CHUNK_SIZE)
                if not block:
                    done = True
                    break
                digest.update(block)
                size += len(block)
                conn.execute(
                    "INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)",
                    (att_id, seq, block),
                )
                seq += 1
    return size, digest.hexdigest()


def finish(conn: Connection, att_id: int, event_id: int | None, size: int, sha256: str) -> None:
    """Mark a streamed attachment complete (inside the caller's transaction)."""
    in_transaction(conn, "finish").execute(
        "UPDATE attachments SET event_id = ?, size = ?, sha256 = ?, complete = 1 WHERE id = ?",
        (event_id, size, sha256, att_id),
    )


def list_for(conn: Connection, ref: str) -> list[Attachment]:
    """The complete attachments of a case, numbered from 1 in the order they were added."""
    rows = conn.execute(
        "SELECT id, ref, event_id, name, size, sha256, created_at FROM attachments "
        "WHERE ref = ? AND complete = 1 ORDER BY id",
        (ref,),
    ).fetchall()
    return [
        Attachment(
            row[0], row[1], n, row[2], row[3], row[4], row[5], dt.datetime.fromisoformat(row[6])
        )
        for n, row in enumerate(rows, start=1)
    ]


def list_all(conn: Connection) -> Iterator[Attachment]:
    """Every complete attachment of every case (for exports)."""
    rows = conn.execute(
        "SELECT id, ref, event_id, name, size, sha256, created_at FROM attachments "
        "WHERE complete = 1 ORDER BY ref, id"
    )
    last_ref, n = None, 0
    for row in rows:
        n = n + 1 if row[1] == last_ref else 1
        last_ref = row[1]
        yield Attachment(
            row[0], row[1], n, row[2], row[3], row[4], row[5], dt.datetime.fromisoformat(row[6])
        )


def iter_chunks(conn: Connection, att_id: int) -> Iterator[bytes]:
    """The content of an attachment, chunk by chunk, in order."""
    last = -1
    while True:
        # one chunk per query keeps memory flat whatever the cursor prefetches
        row = conn.execute(
            "SELECT seq, data FROM attachment_chunks WHERE attachment_id = ? AND seq > ? "
            "ORDER BY seq LIMIT 1",
            (att_id, last),
        ).fetchone()
        if row is None:
            return
        last = row[0]
        yield bytes(row[1])


def write_blob(conn: Connection, att_id: int, seq: int, data: bytes) -> None:
    """Insert one chunk (used by imports; inside the caller's transaction)."""
    in_transaction(conn, "write_blob").execute(
        "INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)",
        (att_id, seq, data),
    )


def insert_listed(
    conn: Connection,
    ref: str,
    event_id: int | None,
    name: str,
    size: int,
    sha256: str,
    created_at: dt.datetime,
) -> int:
    """The row of an imported attachment whose chunks follow (``write_blob``), inside the
    caller's transaction, which must check size and SHA-256 before it commits."""
    cur = in_transaction(conn, "insert_listed").execute(
        "INSERT INTO attachments (ref, event_id, name, size, sha256, complete, created_at) "
        "VALUES (?, ?, ?, ?, ?, 1, ?)",
        (ref, event_id, name, size, sha256, created_at.isoformat()),
    )
    return inserted_id(cur)


def insert_complete(
    conn: Connection,
    ref: str,
    event_id: int | None,
    name: str,
    content: bytes,
    created_at: dt.datetime,
) -> int:
    """Store a small attachment whose content is already in memory (imports), complete,
    inside the caller's transaction."""
    cur = in_transaction(conn, "insert_complete").execute(
        "INSERT INTO attachments (ref, event_id, name, size, sha256, complete, created_at) "
        "VALUES (?, ?, ?, ?, ?, 1, ?)",
        (
            ref,
            event_id,
            name,
            len(content),
            hashlib.sha256(content).hexdigest(),
            created_at.isoformat(),
        ),
    )
    att_id = inserted_id(cur)
    for seq, start in enumerate(range(0, len(content), CHUNK_SIZE)):
        write_blob(conn, att_id, seq, content[start : start + CHUNK_SIZE])
    return att_id
