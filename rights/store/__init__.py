"""The encrypted store: one SQLCipher database per profile.

``Store`` wraps an open connection; SQL lives in the ``*_repo.py`` modules and
``attachments.py``, opening and transactions in ``connect.py``, schema changes in
``migrations.py``, key sources in ``keys.py``. Nothing here reads the clock: ``now`` and
``today`` are arguments. Profile-level work (which file, which key) is in
``rights.profile.profiles``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path
from types import TracebackType

from rights.errors import StoreError
from rights.store import lock, wal
from rights.store.connect import (
    Connection,
    ensure_wal,
    integrity_problems,
    mapped_errors,
    writable,
)
from rights.store.connect import connect as _open_connection
from rights.store.keys import Key
from rights.store.migrations import LATEST, migrate, schema_version

STORE_FILE_NAME = "rights.db"
"""A profile's store file (``rights.paths.store_file``): only it keeps a records marker."""


class Store:
    """An open, unlocked, migrated store. Use as a context manager to close it."""

    def __init__(self, conn: Connection, *, profile: str, path: Path, key: Key) -> None:
        self.conn = conn
        self.profile = profile
        self.path = path
        self.key = key
        self._closed = False

    @classmethod
    def open(
        cls,
        path: Path,
        key: Key,
        *,
        profile: str,
        now: dt.datetime,
        create: bool = False,
        backup_dir: Path | None = None,
    ) -> Store:
        """Unlock the database at ``path`` and bring its schema up to date.

        The profile lock is held shared until ``close`` (``rights.store.lock``); the
        first open while no other process has the store open checks its write-ahead log
        (``rights.store.wal``).

        ``now`` names the encrypted copy written to ``backup_dir`` before a migration.
        A store whose file or folder cannot be written is opened read-only.
        """
        lock.acquire(path, "shared", when_sole=lambda: wal.check(path, profile=profile))
        try:
            read_only = not create and not writable(path)
            conn = _open_connection(path, key, profile=profile, create=create, read_only=read_only)
            try:
                with mapped_errors(profile):
                    if read_only:
                        _refuse_migration(conn, profile)
                    else:
                        ensure_wal(conn)  # a restored or rekeyed copy comes without it
                        migrate(conn, key=key, backup_dir=backup_dir, now=now)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release(path)
            raise
        return cls(conn, profile=profile, path=path, key=key)

    @property
    def read_only(self) -> bool:
        """True when the store was opened read-only (its data folder is not writable)."""
        return not writable(self.path)

    def problems(self) -> list[str]:
        """What SQLCipher's and SQLite's integrity checks find wrong (empty when sound)."""
        return integrity_problems(self.conn)

    def close(self) -> None:
        """Close the connection (checkpointing the write-ahead log); release the lock.

        The profile's marker of user records (``rights.store.user_records``) is brought up
        to date first, so a directory search can skip opening a store with none.
        """
        if self._closed:
            return
        self._closed = True
        try:
            self._refresh_marker()
            self.conn.close()
        finally:
            lock.release(self.path)

    def _refresh_marker(self) -> None:
        from rights.store import user_records

        if self.path.name != STORE_FILE_NAME or self.conn.in_transaction or self.read_only:
            return
        try:
            user_records.refresh(self.conn, self.path.parent)
        except Exception:  # never fail a close for it; a missing marker means "not known"
            with contextlib.suppress(OSError):
                user_records.forget(self.path.parent)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
        if exc is not None and exc_type is not None:
            from rights.store.connect import database_error, map_error

            if isinstance(exc, database_error()):
                mapped = map_error(exc, self.profile)
                if mapped is not exc:
                    raise mapped from exc


def _refuse_migration(conn: Connection, profile: str) -> None:
    if schema_version(conn) < LATEST:
        raise StoreError(
            f"the store of profile {profile!r} needs an upgrade, but it is read-only",
            hint="make the data folder writable once (RIGHTS_HOME), then retry",
        )
