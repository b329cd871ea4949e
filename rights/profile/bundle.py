"""A profile as one encrypted bundle, to move a client's cases to another machine.

The bundle is a SQLCipher copy of the profile's store made with SQLCipher's own
``sqlcipher_export`` (no home-made crypto), keyed with a *bundle passphrase* rather than the
profile's key: a keyring key stays on its machine, the passphrase travels with the person.
It holds everything the store holds: identity, cases, events, letters, attachments, the
user's own company records and contact flags, settings. Secrets kept in the OS keyring (the
SMTP password) do not travel.

The bundle passphrase comes from ``RIGHTS_BUNDLE_PASSPHRASE_COMMAND``,
``RIGHTS_BUNDLE_PASSPHRASE_FILE`` or ``RIGHTS_BUNDLE_PASSPHRASE``, else from the usual
``RIGHTS_PASSPHRASE*`` sources, else a hidden prompt (twice when exporting); never argv.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rights.errors import ConflictError, InputError, NotFoundError, UnlockError
from rights.store import Store, keys
from rights.store.connect import Connection, connect, export_copy, integrity_problems, transaction
from rights.store.keys import Key

if TYPE_CHECKING:
    from rights.profile.profiles import KeyMode

BUNDLE_VARIABLES = (
    "RIGHTS_BUNDLE_PASSPHRASE_COMMAND",
    "RIGHTS_BUNDLE_PASSPHRASE_FILE",
    "RIGHTS_BUNDLE_PASSPHRASE",
)
ORIGIN_META = "bundle_of"
"""The ``meta`` row a bundle carries: the name of the profile it was made from."""


def bundle_key(*, confirm: bool) -> Key:
    """The bundle passphrase from its own variables, the usual ones, or a prompt."""
    own = {
        name.replace("RIGHTS_BUNDLE_", "RIGHTS_"): value
        for name, value in os.environ.items()
        if name in BUNDLE_VARIABLES
    }
    value = keys.passphrase_from_env(own) if own else keys.passphrase_from_env()
    if value is None:
        value = _prompt(confirm=confirm)
    return keys.check_new_passphrase(Key("passphrase", value))


def _prompt(*, confirm: bool) -> str:
    if not (sys.stdin and sys.stdin.isatty()):
        from rights.errors import NoKeyError

        raise NoKeyError(
            "no passphrase for the bundle",
            hint="set RIGHTS_BUNDLE_PASSPHRASE_FILE (a 0600 file) or run on a terminal",
        )
    import getpass

    first = getpass.getpass("Passphrase for the bundle: ")
    if confirm and getpass.getpass("Repeat the passphrase: ") != first:
        raise InputError("the two passphrases differ; nothing was written")
    return first


def export_bundle(store: Store, dest: Path, key: Key, *, force: bool = False) -> Path:
    """Write the bundle of ``store`` to ``dest`` (0600, whole or not at all)."""
    from rights.files import atomic_path, refuse_existing

    dest = dest.expanduser()
    if dest.is_dir():
        raise InputError(f"{dest} is a folder", hint="name the bundle file to write")
    refuse_existing(dest, overwrite=force)
    with atomic_path(dest, overwrite=force) as temp:
        export_copy(store.conn, temp, key)
        copy = connect(temp, key, profile=store.profile)
        try:
            with transaction(copy):
                copy.execute(
                    "INSERT INTO meta (key, value) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    (ORIGIN_META, store.profile),
                )
            copy.execute("PRAGMA journal_mode = DELETE").fetchall()
        finally:
            copy.close()
    return dest


def origin(source: Path, key: Key) -> str | None:
    """The profile name a bundle was made from (checking that it opens and is sound)."""
    conn = _open_checked(source, key)
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (ORIGIN_META,)).fetchone()
    finally:
        conn.close()
    return str(row[0]) if row else None


def _open_checked(source: Path, key: Key) -> Connection:
    """A read-only connection to a sound bundle; one clear error otherwise."""
    if not source.is_file():
        raise NotFoundError(f"no bundle file {source}")
    label = f"the bundle {source}"
    unreadable = UnlockError(
        f"cannot open {label}: wrong passphrase, or the file was changed",
        hint="give the passphrase it was exported with; nothing was written",
    )
    try:
        conn = connect(source, key, profile="bundle", read_only=True, label=label)
    except UnlockError:
        raise unreadable from None
    except Exception as exc:  # a damaged header reads as another database error
        raise unreadable from exc
    try:
        problems = integrity_problems(conn)
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'requests'").fetchone() is None:
            problems.append("not a rights profile")
    except Exception:
        conn.close()
        raise unreadable from None
    if problems:
        conn.close()
        raise unreadable
    return conn


def import_bundle(
    home: Path, source: Path, key: Key, name: str, *, mode: KeyMode, now: dt.datetime
) -> Path:
    """Make profile ``name`` from the bundle at ``source``: checked first, then copied into
    a new store under the new profile's own key. Nothing is left behind on failure."""
    from rights.files import atomic_path, ensure_private_dir
    from rights.paths import check_profile_name, profile_dir, profiles_dir, store_file
    from rights.profile import profiles
    from rights.store.keys import KeyInfo

    check_profile_name(name)
    if profiles.exists(home, name) or store_file(home, name).exists():
        raise ConflictError(f"profile {name!r} exists already", hint="name another: --as NAME")
    bundle = _open_checked(source, key)
    folder = profile_dir(home, name)
    info: KeyInfo | None = None
    try:
        info, new_key = profiles.choose_key(home, name, mode)
        ensure_private_dir(home)
        ensure_private_dir(profiles_dir(home))
        ensure_private_dir(folder)
        if info.keyring_user:
            keys.keyring_set(info.keyring_user, new_key.secret)
        target = store_file(home, name)
        with atomic_path(target) as temp:
            export_copy(bundle, temp, new_key)
        with Store.open(target, new_key, profile=name, now=now) as store, transaction(store.conn):
            store.conn.execute("DELETE FROM meta WHERE key = ?", (ORIGIN_META,))
        keys.write_keyinfo(folder, info)
    except BaseException:
        if info is not None and info.keyring_user:
            with contextlib.suppress(Exception):
                keys.keyring_delete(info.keyring_user)
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        bundle.close()
    return store_file(home, name)
