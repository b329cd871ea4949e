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

from rights.errors import NotFoundError, StoreDamagedError, StoreError, UnlockError
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


def check_file(path: Path, profile: str) -> None:
    """Refuse a store file that is missing, empty or cut short of a whole page."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise NotFoundError(
            f"profile {profile!r} has no store file",
            hint=f"create it with: rights init --profile {profile}",
        ) from None
    if size == 0 or size % PAGE_SIZE:
        raise StoreDamagedError(
            f"store damaged: the store of profile {profile!r} is truncated ({size} bytes)",
            hint="restore a backup with: rights store restore FILE --force",
        )


def unlock_error(profile: str) -> UnlockError:
    """The one error for a key that does not open a store."""
    return UnlockError(
        f"cannot unlock profile {profile!r}: wrong passphrase or key, or not a rights store",
        hint="check the passphrase; if it is right, the first page may be damaged: "
        "run 'rights store verify' or restore a backup",
    )


def map_error(exc: Exception, profile: str) -> Exception:
    """Translate a sqlcipher3 error into a rights error (or return it unchanged)."""
    text = str(exc).lower()
    if "not a database" in text:
        return unlock_error(profile)
    if "malformed" in text or "corrupt" in text or "disk i/o" in text:
        return StoreDamagedError(
            f"store damaged: profile {profile!r}: {exc}",
            hint="run 'rights store verify', then restore a backup with 'rights store restore'",
        )
    if "locked" in text or "busy" in text:
        return StoreError(
            f"the store of profile {profile!r} is busy: {exc}",
            hint="another rights process is writing; try again",
        )
    return exc


@contextlib.contextmanager
def mapped_errors(profile: str) -> Iterator[None]:
    """Re-raise sqlcipher3 errors raised inside the block as rights errors."""
    sqlite = _sqlite()
    try:
        yield
    except sqlite.Error as exc:
        mapped = map_error(exc, profile)
        if mapped is exc:
            raise
        raise mapped from exc


def connect(path: Path, key: Key, *, profile: str, create: bool = False) -> Connection:
    """Open (or create) the encrypted database at ``path`` with ``key``; return the connection.

    The key is checked at once by reading the schema: a wrong key raises UnlockError.
    """
    sqlite = _sqlite()
    if create:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        os.close(fd)
    else:
        check_file(path, profile)
    conn: Connection = sqlite.connect(
        str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
    )
    try:
        with mapped_errors(profile):
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = {key.pragma_literal()}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA foreign_keys = ON")
            if create:
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


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
        if conn.in_transaction:
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
        problems.append(f"cipher: {exc}")
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        problems.extend(f"sqlite: {row[0]}" for row in rows if row[0] != "ok")
    except database_error() as exc:
        problems.append(f"sqlite: {exc}")
    return problems
