"""The user's outgoing mail server: settings in the encrypted store, the password in the
OS keyring when one is available, else in the encrypted store. Never in a plain file."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.errors import InputError, KeyringError
from rights.store import keys, repo
from rights.store.connect import transaction

if TYPE_CHECKING:
    from rights.delivery.email import SmtpSettings
    from rights.store import Store

SETTING = "smtp"
PASSWORD_SETTING = "smtp_password"
KEYRING_SERVICE = "rights-smtp"


def settings_from(values: dict[str, Any]) -> SmtpSettings:
    """Validated settings; InputError naming each bad field."""
    from pydantic import ValidationError

    from rights.delivery.email import SmtpSettings, is_loopback

    try:
        settings = SmtpSettings(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        raise InputError(f"SMTP settings: {problems}") from None
    if settings.security == "none" and not is_loopback(settings.host):
        raise InputError(
            f"plaintext SMTP to {settings.host} is refused: the letter and password would be "
            "readable on the network",
            hint="use --security starttls (port 587) or tls (port 465)",
        )
    return settings


def password_from(username: str | None, host: str, password_file: Path | None) -> str | None:
    """The SMTP password for ``rights config smtp``: none without a user name, else from
    ``password_file``, else ``RIGHTS_SMTP_PASSWORD``, else a prompt on the terminal.

    Never from the command line; InputError when no source gives one.
    """
    if not username:
        return None
    if password_file is not None:
        try:
            return password_file.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise InputError(f"cannot read --password-file: {exc.strerror}") from None
    if os.environ.get("RIGHTS_SMTP_PASSWORD"):
        return os.environ["RIGHTS_SMTP_PASSWORD"]
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"SMTP password for {username}@{host}: ")
    raise InputError(
        "no SMTP password given",
        hint="use --password-file FILE or RIGHTS_SMTP_PASSWORD (never the command line)",
    )


def keyring_user(home: Path, profile: str) -> str:
    """The keyring user name of a profile's SMTP password: one per profile and data folder
    (``PROFILE@DIGEST``), so two data folders never share it and a new login replaces it."""
    return f"{profile}@{keys.folder_digest(home)}"


def keyring_entry(store: Store) -> str | None:
    """The keyring user name the stored settings name for the password, if any.

    Older versions named it ``PROFILE:USER@HOST``; whatever name was recorded is found.
    """
    raw = repo.get_setting(store.conn, SETTING)
    place = (json.loads(raw).get("password_in") or {}) if raw else {}
    name = place.get("keyring")
    return name if isinstance(name, str) else None


def save(store: Store, settings: SmtpSettings, password: str | None, *, home: Path) -> str:
    """Keep the settings and the password; return where the password went.

    A keyring entry the previous settings named (another login, an older name) is removed
    once the new settings are stored.
    """
    previous = keyring_entry(store)
    where = "none"
    stored = settings.model_dump(mode="json")
    in_store = False
    if password:
        if keys.keyring_available():
            user = keyring_user(home, store.profile)
            keys.keyring_set_service(KEYRING_SERVICE, user, password)
            stored["password_in"] = {"keyring": user}
            where = "the OS keyring"
        else:
            in_store = True
            stored["password_in"] = {"store": PASSWORD_SETTING}
            where = "the encrypted store"
    with transaction(store.conn):
        had_in_store = repo.get_setting(store.conn, PASSWORD_SETTING)
        if in_store and password:
            repo.set_setting(store.conn, PASSWORD_SETTING, password)
        elif had_in_store:
            repo.set_setting(store.conn, PASSWORD_SETTING, "")
        repo.set_setting(store.conn, SETTING, json.dumps(stored, sort_keys=True))
    if previous and previous != stored.get("password_in", {}).get("keyring"):
        with contextlib.suppress(KeyringError):
            keys.keyring_delete_service(KEYRING_SERVICE, previous)
    return where


def load(store: Store) -> tuple[SmtpSettings, str | None] | None:
    """The settings and password, or None when no server is set up."""
    raw = repo.get_setting(store.conn, SETTING)
    if raw is None:
        return None
    data = json.loads(raw)
    place = data.pop("password_in", None) or {}
    password = None
    if "keyring" in place:
        password = keys.keyring_get_service(KEYRING_SERVICE, place["keyring"])
    elif "store" in place:
        password = repo.get_setting(store.conn, place["store"]) or None
    return settings_from(data), password


def describe(store: Store) -> dict[str, Any] | None:
    """The settings as shown to the user (the password only as where it is kept)."""
    raw = repo.get_setting(store.conn, SETTING)
    if raw is None:
        return None
    data: dict[str, Any] = json.loads(raw)
    place = data.pop("password_in", None) or {}
    data["password"] = (
        "in the OS keyring" if "keyring" in place else "in the encrypted store" if place else None
    )
    return data
