"""Whole-file work on a store: backup, verify, restore (install a copy) and rekey.

Every function takes the store file and its key explicitly (which profile, which folder
and which key source is ``rights.profile.profiles``' business). New files appear whole or
not at all (``rights.files.atomic_path``); nothing is ever written decrypted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from rights.errors import InputError, StoreDamagedError
from rights.files import atomic_path, refuse_existing, remove_quietly
from rights.store import Store, repo
from rights.store.connect import (
    check_file,
    connect,
    export_copy,
    integrity_problems,
    mapped_errors,
    transaction,
)
from rights.store.keys import Key, Scheme
from rights.store.migrations import LATEST, schema_version


def backup(store: Store, dest: Path, *, force: bool = False) -> Path:
    """Write an encrypted copy of ``store`` to ``dest`` (same key). Refuses to overwrite."""
    dest = dest.expanduser()
    if dest.is_dir():
        raise InputError(f"{dest} is a folder", hint="name the backup file to write")
    refuse_existing(dest, overwrite=force)
    with atomic_path(dest, overwrite=force) as temp, mapped_errors(store.profile):
        export_copy(store.conn, temp, store.key)
    return dest


def verify(path: Path, key: Key, *, profile: str) -> list[str]:
    """Check the store at ``path`` without changing it; list the problems (empty: sound).

    Never migrates; damage found while opening is reported as a problem rather than
    raised. A wrong key still raises UnlockError.
    """
    try:
        conn = connect(path, key, profile=profile)
    except StoreDamagedError as exc:
        return [exc.message]
    try:
        with mapped_errors(profile):
            return integrity_problems(conn)
    except StoreDamagedError as exc:
        return [exc.message]
    finally:
        conn.close()


def check_candidate(path: Path, key: Key, *, profile: str) -> None:
    """Open a would-be store file with ``key`` and check it is a sound rights store."""
    check_file(path, profile)
    conn = connect(path, key, profile=profile)
    try:
        with mapped_errors(profile):
            version = schema_version(conn)
            problems = integrity_problems(conn)
    finally:
        conn.close()
    if version == 0 or version > LATEST:
        raise InputError(f"{path.name} is not a rights store this version can use")
    if problems:
        raise StoreDamagedError(f"store damaged: {path.name}: {problems[0]}")


@contextlib.contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temp path beside the store file ``target``; when the block ends normally,
    the temp file replaces ``target`` atomically (its old write-ahead log dropped)."""
    with atomic_path(target) as temp:
        yield temp
        for suffix in ("-wal", "-shm"):
            remove_quietly(target.with_name(target.name + suffix))


def install_copy(source: Path, target: Path) -> None:
    """Copy the store file ``source`` over ``target`` (checked first: ``check_candidate``)."""
    with replacing(target) as temp:
        shutil.copyfile(source, temp)


def rekey(
    path: Path,
    key: Key,
    new_key: Key,
    *,
    profile: str,
    scheme: Scheme,
    now: dt.datetime,
    backup_dir: Path | None = None,
    before_swap: Callable[[], None] | None = None,
) -> None:
    """Re-encrypt the store at ``path`` under ``new_key``, recording ``scheme`` in it.

    The new file is written and opened beside the old one, then swapped in atomically;
    ``before_swap`` runs just before (the new keyring entry is stored there).
    """
    with replacing(path) as temp:
        opened = Store.open(path, key, profile=profile, now=now, backup_dir=backup_dir)
        with opened as store, mapped_errors(profile):
            export_copy(store.conn, temp, new_key)
        fresh = Store.open(temp, new_key, profile=profile, now=now)
        with fresh, transaction(fresh.conn):
            repo.set_meta(fresh.conn, "key_scheme", scheme)
        if before_swap is not None:
            before_swap()
