"""Re-encrypting a store under a new key, so that a crash at any point leaves a store that
opens with the old key or the new one; and settling a rekey that was interrupted.

The steps, in order (each a function of this module, so a test can stop a child process
at every boundary):

1. ``copy_under_new_key``: an encrypted copy under the new key beside the store file.
2. ``mark_pending``: ``keyinfo.json`` names the old scheme AND the new one (``pending``).
3. ``store_new_key``: a new keyring key is stored (a passphrase needs nothing).
4. ``drop_old_log``: the old store's index files go (its log was checkpointed on close).
5. ``swap``: the copy replaces the store file (one rename).
6. ``finalise``: ``keyinfo.json`` names only the new scheme.
7. ``forget_old_key``: the old keyring key is deleted.

While ``keyinfo.json`` names both, every open tries the keys it can get (keyring keys
first, then the passphrase) and the one that opens the store decides: the rekey is
finished or undone there and then (``settle``). The caller holds the profile lock
exclusively (``rights.store.lock``) for the whole rekey.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
from pathlib import Path

from rights.errors import KeyringError, NoKeyError, UnlockError, disk_full_error, is_disk_full
from rights.files import fsync_dir, remove_quietly
from rights.store import Store, keys, maintenance, repo
from rights.store.connect import connect, export_copy, mapped_errors, transaction
from rights.store.keys import Key, KeyInfo
from rights.store.wal import shm_file, wal_file

TEMP_SUFFIX = ".rekey"


def copy_under_new_key(
    path: Path, temp: Path, key: Key, new_key: Key, *, profile: str, scheme: str,
    now: dt.datetime, backup_dir: Path | None,
) -> None:  # fmt: skip
    """Step 1: write ``temp``, a copy of the store under ``new_key`` in WAL mode."""
    opened = Store.open(path, key, profile=profile, now=now, backup_dir=backup_dir)
    with opened as store, mapped_errors(profile):
        export_copy(store.conn, temp, new_key)
    conn = connect(temp, new_key, profile=profile)
    try:
        with mapped_errors(profile):
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            with transaction(conn):
                repo.set_meta(conn, "key_scheme", scheme)
    finally:
        conn.close()
    for leftover in (wal_file(temp), shm_file(temp)):
        remove_quietly(leftover)


def mark_pending(folder: Path, old: KeyInfo, new: KeyInfo) -> None:
    """Step 2: key info naming both schemes."""
    pending = KeyInfo(old.scheme, old.keyring_user, new, keyring_backend=old.keyring_backend)
    keys.write_keyinfo(folder, pending)


def store_new_key(new: KeyInfo, new_key: Key) -> None:
    """Step 3: store a new keyring key."""
    if new.keyring_user:
        keys.keyring_set(new.keyring_user, new_key.secret)


def drop_old_log(path: Path, now: dt.datetime) -> None:
    """Step 4: remove the closed store's index; a log still holding frames is kept aside."""
    log = wal_file(path)
    if log.exists() and log.stat().st_size:
        maintenance.keep_aside(log, "replaced", now)
    remove_quietly(log)
    remove_quietly(shm_file(path))


def swap(temp: Path, path: Path) -> None:
    """Step 5: the new file replaces the store file."""
    os.replace(temp, path)
    fsync_dir(path.parent)


def finalise(folder: Path, new: KeyInfo) -> None:
    """Step 6: key info naming only the new scheme."""
    keys.write_keyinfo(folder, new.settled())


def forget_old_key(old: KeyInfo, new: KeyInfo) -> None:
    """Step 7: delete the old keyring key (a failure leaves only an unused entry)."""
    if old.keyring_user and old.keyring_user != new.keyring_user:
        with contextlib.suppress(KeyringError):
            keys.keyring_delete(old.keyring_user)


def rekey(
    folder: Path, path: Path, *, profile: str, old: KeyInfo, key: Key, new: KeyInfo,
    new_key: Key, now: dt.datetime, backup_dir: Path | None = None,
) -> None:  # fmt: skip
    """Re-encrypt the store at ``path`` under ``new_key`` and switch its key info to ``new``.

    A failure before the swap undoes what was done (the old key still opens the store); a
    failure after it leaves the key info naming both, which the next open settles.
    """
    for stale in folder.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        remove_quietly(stale)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(8)}{TEMP_SUFFIX}")
    marked = False
    try:
        copy_under_new_key(
            path, temp, key, new_key, profile=profile, scheme=new.scheme, now=now,
            backup_dir=backup_dir,
        )  # fmt: skip
        mark_pending(folder, old, new)
        marked = True
        store_new_key(new, new_key)
        drop_old_log(path, now)
        swap(temp, path)
    except BaseException:
        remove_quietly(temp)
        if marked:
            with contextlib.suppress(Exception):
                _conclude(folder, old, new)
        raise
    try:
        finalise(folder, new)
    except OSError as exc:
        what = "the store was re-encrypted but its key info could not be updated"
        if is_disk_full(exc):
            raise disk_full_error(what) from None
        raise
    forget_old_key(old, new)


def _conclude(folder: Path, winner: KeyInfo, loser: KeyInfo) -> None:
    """Settle on ``winner``: key info naming it alone, ``loser``'s keyring key deleted."""
    keys.write_keyinfo(folder, winner.settled())
    forget_old_key(loser, winner)


def _opens(path: Path, key: Key, profile: str) -> bool:
    try:
        connect(path, key, profile=profile).close()
    except UnlockError:
        return False
    return True


def _candidate_key(side: KeyInfo, profile: str, asked: dict[str, Key]) -> Key | None:
    if side.scheme == "keyring":
        secret = keys.keyring_get(side.keyring_user) if side.keyring_user else None
        return Key("keyring", secret) if secret else None
    if "passphrase" not in asked:
        asked["passphrase"] = keys.passphrase_key(profile)
    return asked["passphrase"]


def settle(folder: Path, path: Path, profile: str, info: KeyInfo) -> tuple[KeyInfo, Key]:
    """Finish or undo the interrupted rekey ``info`` names; return the key info and key
    that open the store now. The caller holds the profile lock."""
    assert info.pending is not None
    sides = sorted([info.pending, info.settled()], key=lambda side: side.scheme != "keyring")
    asked: dict[str, Key] = {}
    for side in sides:
        try:
            key = _candidate_key(side, profile, asked)
        except NoKeyError:
            continue
        if key is not None and _opens(path, key, profile):
            other = sides[1] if side is sides[0] else sides[0]
            _conclude(folder, side, other)
            return side.settled(), key
    raise UnlockError(
        f"cannot unlock profile {profile!r}: a rekey was interrupted, and neither the old "
        "nor the new key at hand opens the store",
        hint=f"give the old or the new passphrase (or bring back the keyring entry "
        f"{keys.KEYINFO_NAME} names); the next open then finishes or undoes the rekey",
    )


def key_for(folder: Path, path: Path, profile: str) -> tuple[KeyInfo, Key]:
    """The key info and key that open a profile's store, settling an interrupted rekey."""
    info = keys.read_keyinfo(folder, profile)
    if info.pending is not None:
        return settle(folder, path, profile, info)
    return info, keys.key_of(info, profile)
