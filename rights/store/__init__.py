"""The encrypted store: one SQLCipher database per profile.

``Store`` wraps an open connection; SQL lives in the ``*_repo.py`` modules and
``attachments.py``, opening and transactions in ``connect.py``, schema changes in
``migrations.py``, key sources in ``keys.py``. Nothing here reads the clock: ``now`` and
``today`` are arguments. Profile-level work (which file, which key) is in
``rights.profile.profiles``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import TracebackType

from rights.store.connect import Connection, integrity_problems, mapped_errors
from rights.store.connect import connect as _open_connection
from rights.store.keys import Key
from rights.store.migrations import migrate


class Store:
    """An open, unlocked, migrated store. Use as a context manager to close it."""

    def __init__(self, conn: Connection, *, profile: str, path: Path, key: Key) -> None:
        self.conn = conn
        self.profile = profile
        self.path = path
        self.key = key

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

        ``now`` names the encrypted copy written to ``backup_dir`` before a migration.
        """
        conn = _open_connection(path, key, profile=profile, create=create)
        try:
            with mapped_errors(profile):
                migrate(conn, key=key, backup_dir=backup_dir, now=now)
        except BaseException:
            conn.close()
            raise
        return cls(conn, profile=profile, path=path, key=key)

    def problems(self) -> list[str]:
        """What SQLCipher's and SQLite's integrity checks find wrong (empty when sound)."""
        return integrity_problems(self.conn)

    def close(self) -> None:
        """Close the connection (checkpointing the write-ahead log)."""
        self.conn.close()

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
