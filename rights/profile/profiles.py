"""Profiles: one encrypted store each, with the key source its ``keyinfo.json`` names.

Create, open, list and delete profiles; verify, restore and rekey resolve the profile's
file and key here and leave the whole-file work to ``rights.store.maintenance``. Every
function takes the data folder (``home``) explicitly.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rights import clock
from rights.errors import ConflictError, InputError, KeyringError, NotFoundError, RightsError
from rights.files import atomic_write, ensure_private_dir
from rights.paths import (
    STORE_FILE_NAME,
    check_profile_name,
    profile_dir,
    profiles_dir,
    store_file,
)
from rights.store import Store, keys, lock, maintenance, oskeyring, rekeying, repo, wal
from rights.store.connect import transaction
from rights.store.keys import Key, KeyInfo

SETTINGS_NAME = "settings.json"
DEFAULT_PROFILE = "default"
KeyMode = Literal["auto", "keyring", "passphrase"]


@dataclass(frozen=True)
class ProfileInfo:
    """What can be said of a profile without unlocking it."""

    name: str
    key_scheme: str
    path: Path
    active: bool


# --- which profile --------------------------------------------------------------------------


def _read_settings(home: Path) -> dict[str, str]:
    try:
        data = json.loads((home / SETTINGS_NAME).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def active_profile(home: Path) -> str:
    """The profile ``rights profile use`` chose, else ``default``."""
    return _read_settings(home).get("active_profile") or DEFAULT_PROFILE


def resolve(home: Path, explicit: str | None) -> str:
    """The profile to act on: ``--profile``, else ``RIGHTS_PROFILE``, else the active one."""
    name = explicit or os.environ.get("RIGHTS_PROFILE") or active_profile(home)
    return check_profile_name(name)


def set_active(home: Path, name: str) -> None:
    """Make ``name`` the profile used when none is named."""
    require(home, name)
    settings = _read_settings(home)
    settings["active_profile"] = name
    ensure_private_dir(home)
    atomic_write(home / SETTINGS_NAME, (json.dumps(settings, indent=2) + "\n").encode())


def exists(home: Path, name: str) -> bool:
    """True when the profile has key info (it was created)."""
    return (profile_dir(home, name) / keys.KEYINFO_NAME).exists()


def require(home: Path, name: str) -> None:
    """Raise NotFoundError, naming the profiles there are, unless ``name`` exists."""
    if not exists(home, name):
        names = [p.name for p in list_profiles(home)]
        hint = f"profiles: {', '.join(names)}" if names else "create one with: rights init"
        raise NotFoundError(f"no profile {name!r}", hint=hint)


def list_profiles(home: Path) -> list[ProfileInfo]:
    """Every profile in the data folder, sorted by name."""
    root = profiles_dir(home)
    if not root.is_dir():
        return []
    current = active_profile(home)
    found = []
    for folder in sorted(root.iterdir()):
        if not (folder / keys.KEYINFO_NAME).is_file():
            continue
        try:
            scheme: str = keys.read_keyinfo(folder, folder.name).scheme
        except Exception:
            scheme = "unknown"
        store = folder / STORE_FILE_NAME
        found.append(ProfileInfo(folder.name, scheme, store, folder.name == current))
    return found


# --- create, open, delete -------------------------------------------------------------------


def choose_key(home: Path, name: str, mode: KeyMode) -> tuple[KeyInfo, Key]:
    """Pick the key scheme for a new profile and produce its key.

    ``auto``: a passphrase when a passphrase variable is set (the user asked for one),
    else a random key in the OS keyring when it has a backend that protects secrets (or
    one the user opted in to, ``rights.store.oskeyring``), else a prompted passphrase.
    """
    if mode == "keyring" or (mode == "auto" and not keys.passphrase_configured()):
        backend = oskeyring.current()
        if backend.usable:
            info = KeyInfo(
                "keyring",
                keys.keyring_user(home, name),
                keyring_backend=keys.stored_backend(backend),
            )
            return info, keys.new_raw_key()
        if mode == "keyring":
            raise KeyringError(backend.reason, hint=oskeyring.refusal_hint(backend))
    key = keys.check_new_passphrase(keys.passphrase_key(name, confirm=True))
    return KeyInfo("passphrase"), key


def create(
    home: Path,
    name: str,
    *,
    mode: KeyMode = "auto",
    now: dt.datetime,
    key: tuple[KeyInfo, Key] | None = None,
) -> ProfileInfo:
    """Create a profile: its folder (0700), its key, its encrypted store (0600).

    ``key`` skips the key sources (the demo brings its own passphrase).
    """
    check_profile_name(name)
    folder = profile_dir(home, name)
    if exists(home, name) or store_file(home, name).exists():
        raise ConflictError(f"profile {name!r} exists already", hint="pick another name")
    info, key_ = key or choose_key(home, name, mode)
    ensure_private_dir(home)
    ensure_private_dir(profiles_dir(home))
    ensure_private_dir(folder)
    try:
        if info.keyring_user:
            keys.keyring_set(info.keyring_user, key_.secret)
        path = store_file(home, name)
        opened = Store.open(path, key_, profile=name, now=now, create=True)
        with opened as store, transaction(store.conn):
            repo.set_meta(store.conn, "key_scheme", info.scheme)
            repo.set_meta(store.conn, "created_at", now.isoformat())
        keys.write_keyinfo(folder, info)
    except BaseException:
        if info.keyring_user:
            with contextlib.suppress(KeyringError):
                keys.keyring_delete(info.keyring_user)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    if "active_profile" not in _read_settings(home):
        set_active(home, name)
    return ProfileInfo(name, info.scheme, store_file(home, name), active_profile(home) == name)


def open_store(
    home: Path, name: str, *, now: dt.datetime | None = None, key: Key | None = None
) -> Store:
    """Unlock and open a profile's store (migrating it, with a backup, if it is old).

    ``now`` names that backup; by default the clock (``rights.clock``, which honours
    ``RIGHTS_TODAY``). The profile lock is taken before the key info is read, so an open
    waiting for a rekey reads the key info the rekey left. ``key``: one the caller asked
    for already (the wizard asks once), instead of the key info's source.
    """
    require(home, name)
    folder = profile_dir(home, name)
    path = store_file(home, name)
    with lock.held(path, "shared", when_sole=lambda: wal.check(path, profile=name)):
        if key is None or keys.read_keyinfo(folder, name).pending is not None:
            _, key = rekeying.key_for(folder, path, name)
        return Store.open(
            path, key, profile=name, now=now or clock.now(), backup_dir=folder / "backups"
        )


def key_scheme(home: Path, name: str) -> str:
    """The key scheme ``keyinfo.json`` names: ``keyring`` or ``passphrase``."""
    return keys.read_keyinfo(profile_dir(home, name), name).scheme


def key_backend(home: Path, name: str) -> str | None:
    """``module.Class`` of the keyring backend holding the profile's key; None when the
    profile does not exist or its key is a passphrase (kept nowhere)."""
    if not exists(home, name):
        return None
    info = keys.read_keyinfo(profile_dir(home, name), name)
    if info.scheme != "keyring":
        return None
    return info.keyring_backend or oskeyring.current().name or None


def verify(home: Path, name: str) -> list[str]:
    """Check a profile's store without changing it; list the problems (empty when sound).

    Unlike ``open_store`` this never migrates (``rights.store.maintenance.verify``).
    """
    require(home, name)
    path = store_file(home, name)
    log_problems: list[str] = []
    with lock.held(path, "shared", when_sole=lambda: log_problems.extend(wal.problems(path))):
        if log_problems:  # judged before any open: SQLite's recovery would hide them
            return log_problems
        _, key = rekeying.key_for(profile_dir(home, name), path, name)
        return maintenance.verify(path, key, profile=name)


def recover(home: Path, name: str) -> tuple[Path | None, list[str]]:
    """Keep what can be saved of a store with a damaged write-ahead log (a copy of the
    log is kept); return that copy and the problems left (``maintenance.recover``)."""
    require(home, name)
    path = store_file(home, name)
    now = clock.now()
    with lock.held(path, "exclusive"):
        kept = maintenance.keep_damaged_log(path, now)  # before any open recovers it
        _, key = rekeying.key_for(profile_dir(home, name), path, name)
        return kept, maintenance.recover(path, key, profile=name)


def is_store_file(home: Path, name: str, candidate: Path) -> bool:
    """True when ``candidate`` is (or links to) one of the profile's own files: its store,
    log, index, lock, key info or backups (anything inside the profile's folder)."""
    folder = profile_dir(home, name).resolve()
    target = candidate.expanduser()
    resolved = target.resolve()
    if resolved == folder or folder in resolved.parents:
        return True
    store = store_file(home, name)
    with contextlib.suppress(OSError):
        if target.exists() and store.exists() and os.path.samefile(target, store):
            return True  # a hard link to the store
    return False


def refuse_store_target(home: Path, name: str, candidate: Path) -> None:
    """Raise InputError when ``candidate`` is one of the profile's own files."""
    if is_store_file(home, name, candidate):
        raise InputError(
            f"{candidate} is one of the files of profile {name!r}: refusing to write there",
            hint="name a file outside the data folder",
        )


def _smtp_entries(home: Path, name: str, info: KeyInfo) -> set[str]:
    """The keyring entries of a profile's SMTP password: the name this version gives it,
    and the one the store records (an older name, or a folder since moved) when the store
    opens without asking (a keyring key or a passphrase variable)."""
    from rights.delivery import smtp_settings

    names = {smtp_settings.keyring_user(home, name)}
    if info.scheme == "keyring" or keys.passphrase_configured():
        with contextlib.suppress(RightsError), open_store(home, name) as store:
            recorded = smtp_settings.keyring_entry(store)
            if recorded:
                names.add(recorded)
    return names


def delete(home: Path, name: str) -> None:
    """Remove a profile: its store, its backups folder, its keyring entries (the store key
    and the SMTP and IMAP passwords)."""
    from rights.delivery.smtp_settings import KEYRING_SERVICE as SMTP_SERVICE
    from rights.delivery.smtp_settings import keyring_user
    from rights.inbox.imap_settings import IMAP

    require(home, name)
    folder = profile_dir(home, name)
    info = keys.read_keyinfo(folder, name)
    smtp_entries = _smtp_entries(home, name, info)
    shutil.rmtree(folder)
    for entry in sorted(smtp_entries):
        with contextlib.suppress(KeyringError):
            keys.keyring_delete_service(SMTP_SERVICE, entry)
    with contextlib.suppress(KeyringError):
        keys.keyring_delete_service(IMAP.service, keyring_user(home, name))
    if info.keyring_user:
        keys.keyring_delete(info.keyring_user)
    settings = _read_settings(home)
    if settings.get("active_profile") == name:
        settings.pop("active_profile")
        atomic_write(home / SETTINGS_NAME, (json.dumps(settings, indent=2) + "\n").encode())


# --- whole-file operations (the file work is in rights.store.maintenance) -----------------


def restore(home: Path, name: str, source: Path, *, force: bool = False) -> Path:
    """Replace a profile's store with a backup; create the profile if it does not exist.

    The backup must open with the profile's key (a new profile: the passphrase given).
    The profile lock is held exclusively throughout: no other rights process has the old
    store open while it is replaced.
    """
    source = source.expanduser()
    if not source.is_file():
        raise NotFoundError(f"no backup file {source}")
    target = store_file(home, name)
    existing = exists(home, name)
    if existing and not force:
        raise ConflictError(
            f"profile {name!r} has a store already", hint="use --force to replace it"
        )
    if not existing:
        info, key = KeyInfo("passphrase"), keys.passphrase_key(name)
        maintenance.check_candidate(source, key, profile=name)
        ensure_private_dir(home)
    folder = ensure_private_dir(profile_dir(home, name))
    with lock.held(target, "exclusive"):
        if exists(home, name):
            info, key = rekeying.key_for(folder, target, name)
            maintenance.check_candidate(source, key, profile=name)
        maintenance.install_copy(source, target, key, profile=name, now=clock.now())
        if not exists(home, name):
            keys.write_keyinfo(folder, info)
    return target


def rekey(
    home: Path,
    name: str,
    *,
    to: Literal["keyring", "passphrase"],
    new_key: Key,
    now: dt.datetime | None = None,
) -> KeyInfo:
    """Re-encrypt a profile's store under ``new_key`` and switch its key source to ``to``.

    Holds the profile lock exclusively throughout; crash-safe step by step
    (``rights.store.rekeying``).
    """
    require(home, name)
    folder = profile_dir(home, name)
    path = store_file(home, name)
    new_info = KeyInfo(to, keys.keyring_user(home, name) if to == "keyring" else None)
    if to == "keyring":
        new_info = KeyInfo(
            to, new_info.keyring_user, keyring_backend=keys.stored_backend(oskeyring.current())
        )
    with lock.held(path, "exclusive", when_sole=lambda: wal.check(path, profile=name)):
        old_info, key = rekeying.key_for(folder, path, name)
        rekeying.rekey(
            folder, path, profile=name, old=old_info, key=key, new=new_info,
            new_key=new_key, now=now or clock.now(), backup_dir=folder / "backups",
        )  # fmt: skip
    return new_info
