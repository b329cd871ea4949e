"""Whole-file work on a store: backup, verify, restore (install a copy), recover.

Every function takes the store file and its key explicitly (which profile, which folder
and which key source is ``rights.profile.profiles``' business). New files appear whole or
not at all (``rights.files.atomic_path``); nothing is ever written decrypted. The
rekey is in ``rights.store.rekeying``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from rights.errors import InputError, NotFoundError, StoreDamagedError
from rights.files import atomic_path, refuse_existing, remove_quietly
from rights.store import Store, lock, user_records, wal
from rights.store.connect import (
    check_file,
    connect,
    export_copy,
    integrity_problems,
    mapped_errors,
)
from rights.store.keys import Key
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
    raised. A damaged write-ahead log is reported without opening the store (SQLite's
    recovery would drop what follows the damage). A wrong key still raises UnlockError;
    a full disk raises DiskFullError (it says nothing about the store).
    """
    log_problems: list[str] = []

    def judge_log() -> None:
        log_problems.extend(wal.problems(path))

    with lock.held(path, "shared", when_sole=judge_log):
        if log_problems:
            return log_problems
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
    """Open a would-be store file with ``key`` and check it is a sound rights store.

    Opened read-only (the backup is never changed); errors name the file, not the profile.
    """
    label = f"the backup {path}"
    try:
        check_file(path, profile, label=label)
        conn = connect(path, key, profile=profile, read_only=True, label=label)
        try:
            with mapped_errors(profile, label=label):
                version = schema_version(conn)
                problems = integrity_problems(conn)
        finally:
            conn.close()
    except NotFoundError:
        raise NotFoundError(f"no backup file {path}") from None
    if version == 0 or version > LATEST:
        raise InputError(f"{path} is not a rights store this version can use")
    if problems:
        raise StoreDamagedError(
            f"store damaged: {label}: {problems[0]}",
            hint="this backup cannot be restored; try another one",
        )


def keep_aside(file: Path, label: str, now: dt.datetime) -> Path:
    """Rename ``file`` to ``<name>.<label>-<UTC time>`` (kept for inspection); return it."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    dest, n = file.with_name(f"{file.name}.{label}-{stamp}"), 1
    while os.path.lexists(dest):
        n += 1
        dest = file.with_name(f"{file.name}.{label}-{stamp}-{n}")
    os.rename(file, dest)
    return dest


def install_copy(source: Path, target: Path, key: Key, *, profile: str, now: dt.datetime) -> None:
    """Copy the store file ``source`` over ``target`` (checked first: ``check_candidate``).

    The caller holds the profile lock exclusively. The copy is put in WAL mode before it
    replaces ``target``; a log of the old store still holding frames is kept aside.
    """
    with atomic_path(target) as temp:
        shutil.copyfile(source, temp)
        conn = connect(temp, key, profile=profile)
        try:
            with mapped_errors(profile):
                conn.execute("PRAGMA journal_mode = WAL").fetchall()
        finally:
            conn.close()
        for suffix in ("-wal", "-shm"):
            remove_quietly(temp.with_name(temp.name + suffix))
        log = wal.wal_file(target)
        if log.exists() and log.stat().st_size:
            keep_aside(log, "replaced", now)
        remove_quietly(log)
        remove_quietly(wal.shm_file(target))
    user_records.forget(target.parent)  # the next close says what the copy holds


def keep_damaged_log(path: Path, now: dt.datetime) -> Path | None:
    """Copy a damaged write-ahead log to ``<store>-wal.damaged-<UTC time>`` (0600), for
    inspection; return the copy, or None when the log is sound or absent."""
    log = wal.wal_file(path)
    if not wal.problems(path) or not log.exists():
        return None
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    kept = log.with_name(f"{log.name}.damaged-{stamp}")
    with atomic_path(kept, overwrite=False) as temp:
        shutil.copyfile(log, temp)
    return kept


def recover(path: Path, key: Key, *, profile: str) -> list[str]:
    """Keep what can be saved of a store whose write-ahead log is damaged: SQLite's own
    recovery keeps the frames up to the damage and they are copied into the store. Call
    ``keep_damaged_log`` first. Returns the problems left (empty: sound)."""
    with lock.held(path, "exclusive"):
        damaged = bool(wal.problems(path))
        conn = connect(path, key, profile=profile)
        try:
            with mapped_errors(profile):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
                problems = integrity_problems(conn)
        finally:
            conn.close()
        if damaged and not wal.wal_file(path).exists():
            remove_quietly(wal.shm_file(path))
    return problems
