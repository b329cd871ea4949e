"""Opening a SQLCipher database: the key, the probe, the pragmas, and error mapping.

This is the only module that imports ``sqlcipher3``. SQLCipher 4 defaults are kept
(AES-256, HMAC-SHA512 per page, PBKDF2-HMAC-SHA512 with 256,000 iterations for passphrases).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from rights.errors import (
    NotFoundError,
    StoreDamagedError,
    StoreError,
    UnlockError,
    disk_full_error,
)
from rights.files import PRIVATE_FILE
from rights.store.keys import Key

PAGE_SIZE = 4096
BUSY_TIMEOUT_MS = 15_000

Row = tuple[Any, ...]
Params = Sequence[Any] | Mapping[str, Any]
_SAVEPOINT = "rights_nested"


class Cursor(Protocol):
    """The part of a DB-API cursor the store uses."""

    @property
    def lastrowid(self) -> int | None:
        """The rowid of the last inserted row."""

    @property
    def rowcount(self) -> int:
        """How many rows the last statement changed."""

    def fetchone(self) -> Row | None:
        """The next row, or None."""

    def fetchall(self) -> list[Row]:
        """The remaining rows."""

    def __iter__(self) -> Iterator[Row]: ...


class Connection(Protocol):
    """The part of sqlcipher3's (sqlite3-compatible) connection the store uses.

    sqlcipher3 ships no type stubs; this protocol is what repository functions are typed
    against, and what a test double has to provide.
    """

    @property
    def in_transaction(self) -> bool:
        """True between ``BEGIN`` and ``COMMIT``/``ROLLBACK``."""

    def execute(self, sql: str, parameters: Params = ..., /) -> Cursor:
        """Run one statement with bound parameters."""

    def executemany(self, sql: str, parameters: Iterable[Params], /) -> Cursor:
        """Run one statement once per parameter set."""

    def close(self) -> None:
        """Close the connection."""


def _sqlite() -> Any:
    import sqlcipher3.dbapi2 as sqlite

    return sqlite


def database_error() -> type[Exception]:
    """The DB-API error base class of sqlcipher3 (imported lazily)."""
    err: type[Exception] = _sqlite().DatabaseError
    return err


def _subject(profile: str, label: str | None) -> str:
    return label or f"the store of profile {profile!r}"


def check_file(path: Path, profile: str, *, label: str | None = None) -> None:
    """Refuse a store file that is missing, empty or cut short of a whole page.

    ``label`` names the file in messages (a backup) instead of the profile's store.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise NotFoundError(
            f"profile {profile!r} has no store file" if label is None else f"no file {path}",
            hint=f"create it with: rights init --profile {profile}",
        ) from None
    if size == 0 or size % PAGE_SIZE:
        raise StoreDamagedError(
            f"store damaged: {_subject(profile, label)} is truncated ({size} bytes)",
            hint="restore a backup with: rights store restore FILE --force",
        )


def unlock_error(profile: str, label: str | None = None) -> UnlockError:
    """The one error for a key that does not open a store."""
    if label is not None:
        return UnlockError(
            f"cannot unlock {label}: wrong passphrase or key, or not a rights store",
            hint="a backup opens with the key of the profile it was made from",
        )
    return UnlockError(
        f"cannot unlock profile {profile!r}: wrong passphrase or key, or not a rights store",
        hint="check the passphrase; if it is right, the first page may be damaged: "
        "run 'rights store verify' or restore a backup",
    )


def _disk_full(exc: Exception) -> bool:
    """SQLITE_FULL, or an I/O error (a log or index that could not grow) on a full disk."""
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    if (code is not None and code & 0xFF == 13) or "database or disk is full" in text:
        return True
    if (code is not None and code & 0xFF == 10) or "disk i/o" in text:
        return _low_space()
    return False


_data_folder: list[Path] = []


def _low_space() -> bool:
    """True when the file system of the last store opened has (almost) no room left."""
    if not _data_folder:
        return False
    try:
        stats = os.statvfs(_data_folder[-1])
    except OSError:
        return False
    return stats.f_bavail * stats.f_frsize < 4 * 1024 * 1024


def map_error(exc: Exception, profile: str, label: str | None = None) -> Exception:
    """Translate a sqlcipher3 error into a rights error (or return it unchanged)."""
    text = str(exc).lower()
    if _disk_full(exc):
        return disk_full_error()
    if "not a database" in text:
        return unlock_error(profile, label)
    if "readonly" in text or "read-only" in text:
        return StoreError(
            f"{_subject(profile, label)} is read-only: it can be read but not changed",
            hint="make the data folder writable (RIGHTS_HOME), then retry",
        )
    if "malformed" in text or "corrupt" in text or "disk i/o" in text:
        return StoreDamagedError(
            f"store damaged: {_subject(profile, label)}: {exc}",
            hint="run 'rights store verify', then restore a backup with 'rights store restore'",
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            f"{_subject(profile, label)} is busy: {exc}",
            hint="another rights process is writing; try again",
        )
    return exc


@contextlib.contextmanager
def mapped_errors(profile: str, *, label: str | None = None) -> Iterator[None]:
    """Re-raise sqlcipher3 errors raised inside the block as rights errors."""
    sqlite = _sqlite()
    try:
        yield
    except sqlite.Error as exc:
        mapped = map_error(exc, profile, label)
        if mapped is exc:
            raise
        raise mapped from exc


def writable(path: Path) -> bool:
    """True when the store file and its folder can be written (else open read-only)."""
    return os.access(path.parent, os.W_OK) and os.access(path, os.W_OK)


def connect(
    path: Path,
    key: Key,
    *,
    profile: str,
    create: bool = False,
    read_only: bool = False,
    label: str | None = None,
) -> Connection:
    """Open (or create) the encrypted database at ``path`` with ``key``; return the connection.

    The key is checked at once by reading the schema: a wrong key raises UnlockError. A
    new store is made in WAL mode. ``read_only`` opens it without write access (a backup
    being checked, a read-only data folder).
    """
    sqlite = _sqlite()
    if create:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        os.close(fd)
    else:
        check_file(path, profile, label=label)
    _data_folder[:] = [path.parent]
    target = str(path)
    if read_only:
        target = f"{path.absolute().as_uri()}?mode=ro"
        log = path.with_name(path.name + "-wal")
        if not os.access(path.parent, os.W_OK) and not (log.exists() and log.stat().st_size):
            target += "&immutable=1"  # no index can be made here, and no log to read
    conn: Connection = sqlite.connect(
        target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, uri=read_only
    )
    try:
        with mapped_errors(profile, label=label):
            _set_up(conn, key, read_only=read_only)
            if create:
                ensure_wal(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _set_up(conn: Connection, key: Key, *, read_only: bool) -> None:
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = {key.pragma_literal()}")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        conn.execute("PRAGMA synchronous = FULL")


def ensure_wal(conn: Connection) -> None:
    """Put the open database in WAL mode if it is not (a copy made by ``export_copy``)."""
    mode = conn.execute("PRAGMA journal_mode").fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        conn.execute("PRAGMA journal_mode = WAL").fetchall()


@contextlib.contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """A write transaction: ``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any error.

    Taking the write lock at the start means two writers wait for each other (up to the
    busy timeout) instead of failing half-way. Re-entrant: inside an open transaction the
    block joins it as a SAVEPOINT, so only the outermost block commits; an error in an
    inner block undoes that block's changes (and propagates).
    """
    if conn.in_transaction:
        conn.execute(f"SAVEPOINT {_SAVEPOINT}")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute(f"ROLLBACK TO {_SAVEPOINT}")
                conn.execute(f"RELEASE {_SAVEPOINT}")
            raise
        conn.execute(f"RELEASE {_SAVEPOINT}")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:  # a failed rollback must not hide the real error
            with contextlib.suppress(database_error()):
                conn.execute("ROLLBACK")
        raise


def in_transaction(conn: Connection, what: str) -> Connection:
    """Return ``conn``; raise StoreError unless a transaction is open.

    Repository functions that write call this: they never commit on their own, the
    caller's ``transaction`` decides what is stored together.
    """
    if not conn.in_transaction:
        raise StoreError(f"internal error: {what} was called outside a transaction")
    return conn


def outside_transaction(conn: Connection, what: str) -> Connection:
    """Return ``conn``; raise StoreError if a transaction is open.

    For the few writers that commit in batches on purpose (attachment streaming,
    migrations): joining a caller's transaction would make one unbounded transaction.
    """
    if conn.in_transaction:
        raise StoreError(f"internal error: {what} was called inside a transaction")
    return conn


def inserted_id(cursor: Cursor) -> int:
    """The rowid an ``INSERT`` just made."""
    if cursor.lastrowid is None:
        raise StoreError("internal error: the insert made no row")
    return cursor.lastrowid


def export_copy(conn: Connection, dest: Path, key: Key) -> None:
    """Write an encrypted copy of the open database to ``dest`` (new, or an empty file).

    Uses ``sqlcipher_export`` into an attached database keyed with ``key``: the copy is a
    fresh, compact SQLCipher file; nothing is ever written in plaintext. Callers pass the
    temp path of ``rights.files.atomic_path`` so the copy appears whole or not at all.
    """
    if not dest.exists():
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        os.close(fd)
    elif dest.stat().st_size:
        raise StoreError(f"internal error: {dest.name} is not empty")
    conn.execute("ATTACH DATABASE ? AS rights_copy KEY ?", (str(dest), key.sqlcipher_value))
    try:
        conn.execute("SELECT sqlcipher_export('rights_copy')").fetchall()
    finally:
        conn.execute("DETACH DATABASE rights_copy")


def integrity_problems(conn: Connection) -> list[str]:
    """Run SQLCipher's page HMAC check and SQLite's integrity check; list what is wrong."""
    problems: list[str] = []
    try:
        rows = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        problems.extend(f"cipher: {row[0]}" for row in rows)
    except database_error() as exc:
        if _disk_full(exc):
            raise disk_full_error() from exc
        problems.append(f"cipher: {exc}")
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        problems.extend(f"sqlite: {row[0]}" for row in rows if row[0] != "ok")
    except database_error() as exc:
        if _disk_full(exc):
            raise disk_full_error() from exc
        problems.append(f"sqlite: {exc}")
    return problems
