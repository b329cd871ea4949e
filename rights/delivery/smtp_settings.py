"""The user's outgoing mail server: settings in the encrypted store, the password in the
OS keyring when one is available, else in the encrypted store. Never in a plain file.

The password handling is shared with the IMAP settings (``rights.inbox.imap_settings``):
each names its settings key, password key, keyring service and variable in a
:class:`Secret`."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.errors import InputError, KeyringError
from rights.store import keys, repo
from rights.store.connect import transaction

if TYPE_CHECKING:
    from rights.delivery.email import SmtpSettings
    from rights.store import Store
    from rights.store.connect import Connection

SETTING = "smtp"
PASSWORD_SETTING = "smtp_password"
KEYRING_SERVICE = "rights-smtp"


@dataclass(frozen=True)
class Secret:
    """Where one server's settings and password live: the settings key, the store key of
    the password, the keyring service, the variable and the name shown in messages."""

    setting: str
    password_setting: str
    service: str
    env: str
    label: str


SMTP = Secret(SETTING, PASSWORD_SETTING, KEYRING_SERVICE, "RIGHTS_SMTP_PASSWORD", "SMTP")


def settings_from(values: dict[str, Any]) -> SmtpSettings:
    """Validated settings; InputError naming each bad field."""
    from pydantic import ValidationError

    from rights.delivery.email import SmtpSettings, is_loopback

    try:
        settings = SmtpSettings(**{k: v for k, v in values.items() if v is not None})
    except ValidationError as exc:
        raise settings_error("SMTP", exc) from None
    if settings.security == "none" and not is_loopback(settings.host):
        raise InputError(
            f"plaintext SMTP to {settings.host} is refused: the letter and password would be "
            "readable on the network",
            hint="use --security starttls (port 587) or tls (port 465)",
        )
    return settings


def password_from(
    username: str | None, host: str, password_file: Path | None, kind: Secret = SMTP
) -> str | None:
    """The password for ``rights config smtp`` (or ``imap``): none without a user name, else
    from ``password_file``, else the variable (``RIGHTS_SMTP_PASSWORD``), else a prompt on
    the terminal.

    Never from the command line; InputError when no source gives one.
    """
    if not username:
        return None
    if password_file is not None:
        try:
            return password_file.read_text(encoding="utf-8").rstrip("\r\n")
        except OSError as exc:
            raise InputError(f"cannot read --password-file: {exc.strerror}") from None
    if os.environ.get(kind.env):
        return os.environ[kind.env]
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"{kind.label} password for {username}@{host}: ")
    raise InputError(
        f"no {kind.label} password given",
        hint=f"use --password-file FILE or {kind.env} (never the command line)",
    )


def keyring_user(home: Path, profile: str) -> str:
    """The keyring user name of a profile's SMTP password: one per profile and data folder
    (``PROFILE@DIGEST``), so two data folders never share it and a new login replaces it."""
    return f"{profile}@{keys.folder_digest(home)}"


def keyring_entry(store: Store, kind: Secret = SMTP) -> str | None:
    """The keyring user name the stored settings name for the password, if any.

    Older versions named it ``PROFILE:USER@HOST``; whatever name was recorded is found.
    """
    raw = repo.get_setting(store.conn, kind.setting)
    place = (json.loads(raw).get("password_in") or {}) if raw else {}
    name = place.get("keyring")
    return name if isinstance(name, str) else None


def save(store: Store, settings: SmtpSettings, password: str | None, *, home: Path) -> str:
    """Keep the settings and the password; return where the password went."""
    return save_secret(store, settings.model_dump(mode="json"), password, home=home, kind=SMTP)


def save_secret(
    store: Store, stored: dict[str, Any], password: str | None, *, home: Path, kind: Secret
) -> str:
    """Keep the settings ``stored`` and the password; return where the password went.

    A keyring entry the previous settings named (another login, an older name) is removed
    once the new settings are stored.
    """
    previous = keyring_entry(store, kind)
    where = "none"
    in_store = False
    if password:
        if keys.keyring_available():
            user = keyring_user(home, store.profile)
            keys.keyring_set_service(kind.service, user, password)
            stored["password_in"] = {"keyring": user}
            where = "the OS keyring"
        else:
            in_store = True
            stored["password_in"] = {"store": kind.password_setting}
            where = "the encrypted store"
    with transaction(store.conn):
        had_in_store = repo.get_setting(store.conn, kind.password_setting)
        if in_store and password:
            repo.set_setting(store.conn, kind.password_setting, password)
        elif had_in_store:
            repo.set_setting(store.conn, kind.password_setting, "")
        repo.set_setting(store.conn, kind.setting, json.dumps(stored, sort_keys=True))
    if previous and previous != stored.get("password_in", {}).get("keyring"):
        with contextlib.suppress(KeyringError):
            keys.keyring_delete_service(kind.service, previous)
    return where


def load(store: Store) -> tuple[SmtpSettings, str | None] | None:
    """The settings and password, or None when no server is set up."""
    found = load_secret(store.conn, SMTP)
    return None if found is None else (settings_from(found[0]), found[1])


def load_secret(conn: Connection, kind: Secret) -> tuple[dict[str, Any], str | None] | None:
    """The stored settings (as saved) and the password, or None when none are saved."""
    raw = repo.get_setting(conn, kind.setting)
    if raw is None:
        return None
    data: dict[str, Any] = json.loads(raw)
    place = data.pop("password_in", None) or {}
    password = None
    if "keyring" in place:
        password = keys.keyring_get_service(kind.service, place["keyring"])
    elif "store" in place:
        password = repo.get_setting(conn, place["store"]) or None
    return data, password


def describe(store: Store, kind: Secret = SMTP) -> dict[str, Any] | None:
    """The settings as shown to the user (the password only as where it is kept)."""
    raw = repo.get_setting(store.conn, kind.setting)
    if raw is None:
        return None
    data: dict[str, Any] = json.loads(raw)
    place = data.pop("password_in", None) or {}
    data["password"] = (
        "in the OS keyring" if "keyring" in place else "in the encrypted store" if place else None
    )
    return data


def settings_error(what: str, exc: Any) -> InputError:
    """An InputError naming each bad field of a mail server's settings (SMTP, IMAP) from a
    pydantic ValidationError."""
    problems = "; ".join(
        f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
    )
    return InputError(f"{what} settings: {problems}")
