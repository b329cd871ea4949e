"""Keys for the encrypted store: the OS keyring first, else a passphrase.

A profile's folder holds ``keyinfo.json`` (no secret in it) saying which scheme opens it:

* ``keyring``: a random 256-bit key, hex-encoded, kept in the OS keyring under the
  service ``rights`` and a user name unique to the profile and data folder. SQLCipher
  uses it as a raw key (no key derivation).
* ``passphrase``: a passphrase from, in order, ``RIGHTS_PASSPHRASE_COMMAND``,
  ``RIGHTS_PASSPHRASE_FILE``, ``RIGHTS_PASSPHRASE``, or a hidden prompt on a terminal.
  SQLCipher derives the key from it (PBKDF2-HMAC-SHA512, its default strength).

A passphrase is never read from the command line.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from rights.errors import InputError, KeyringError, NoKeyError, NotFoundError
from rights.files import atomic_write
from rights.store import oskeyring

KEYRING_SERVICE = "rights"
KEYINFO_NAME = "keyinfo.json"
MIN_PASSPHRASE = 8
MAX_PASSPHRASE_FILE = 4096
PASSPHRASE_VARIABLES = ("RIGHTS_PASSPHRASE_COMMAND", "RIGHTS_PASSPHRASE_FILE", "RIGHTS_PASSPHRASE")

Scheme = Literal["keyring", "passphrase"]


@dataclass(frozen=True, repr=False)
class Key:
    """A secret that opens a store. ``repr`` never shows the secret."""

    scheme: Scheme
    secret: str

    def __repr__(self) -> str:
        return f"Key(scheme={self.scheme!r}, secret=<hidden>)"

    @property
    def sqlcipher_value(self) -> str:
        """The key as SQLCipher reads it: ``x'HEX'`` for a raw key, else the passphrase."""
        return f"x'{self.secret}'" if self.scheme == "keyring" else self.secret

    def pragma_literal(self) -> str:
        """The key as a quoted SQL literal for ``PRAGMA key`` (which cannot be bound)."""
        value = self.sqlcipher_value
        if "\x00" in value:
            raise InputError("a passphrase cannot contain a NUL character")
        if self.scheme == "keyring":
            if len(self.secret) != 64 or not all(c in "0123456789abcdef" for c in self.secret):
                raise KeyringError("the key in the keyring is not a 256-bit hex key")
            return f'"{value}"'
        return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class KeyInfo:
    """What ``keyinfo.json`` says: which scheme opens the store, and the keyring entry.

    ``pending`` is set only while a rekey runs (and after one was interrupted): the
    scheme the store is being moved to. The store then opens with one of the two, and
    the next open settles which (``rights.store.rekeying.settle``).
    """

    scheme: Scheme
    keyring_user: str | None = None
    pending: KeyInfo | None = None
    keyring_backend: str | None = None
    """``module.Class`` of the keyring backend the key was stored in (read from it directly
    first: ``oskeyring.get_from``); None for a passphrase, or when not known."""

    def to_json(self) -> bytes:
        """The file's content."""
        data = self._fields()
        if self.pending is not None:
            data["pending"] = self.pending._fields()
        return (json.dumps(data, sort_keys=True, indent=2) + "\n").encode()

    def _fields(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": 1, "key_scheme": self.scheme}
        if self.keyring_user:
            data["keyring_user"] = self.keyring_user
        if self.keyring_user and self.keyring_backend:
            data["keyring_backend"] = self.keyring_backend
        return data

    def settled(self) -> KeyInfo:
        """The same key info without a pending rekey."""
        return KeyInfo(self.scheme, self.keyring_user, keyring_backend=self.keyring_backend)


def _parse_keyinfo(data: Any, profile: str) -> KeyInfo:
    if not isinstance(data, dict):
        raise KeyringError(f"{KEYINFO_NAME} of profile {profile!r} is not a JSON object")
    scheme = data.get("key_scheme")
    if scheme not in ("keyring", "passphrase"):
        raise KeyringError(f"unknown key scheme {scheme!r} in profile {profile!r}")
    user = data.get("keyring_user")
    pending = data.get("pending")
    backend = data.get("keyring_backend")
    return KeyInfo(
        scheme=scheme,
        keyring_user=user if isinstance(user, str) else None,
        pending=None if pending is None else _parse_keyinfo(pending, profile).settled(),
        keyring_backend=backend if isinstance(backend, str) else None,
    )


def read_keyinfo(profile_dir: Path, profile: str) -> KeyInfo:
    """Read a profile's key info, or raise NotFoundError if the profile does not exist."""
    path = profile_dir / KEYINFO_NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotFoundError(
            f"no profile {profile!r}", hint=f"create it with: rights init --profile {profile}"
        ) from None
    except (OSError, ValueError) as exc:
        raise KeyringError(f"cannot read {path.name} of profile {profile!r}: {exc}") from None
    return _parse_keyinfo(data, profile)


def write_keyinfo(profile_dir: Path, info: KeyInfo) -> None:
    """Write a profile's key info (0600, atomically)."""
    atomic_write(profile_dir / KEYINFO_NAME, info.to_json())


def folder_digest(home: Path) -> str:
    """A short digest of the data folder's resolved path, for keyring entry names."""
    import hashlib

    return hashlib.sha256(str(home.resolve()).encode()).hexdigest()[:16]


def keyring_user(home: Path, profile: str) -> str:
    """A new keyring user name for a profile: unique per profile, data folder and key."""
    import secrets

    return f"{profile}@{folder_digest(home)}/{secrets.token_hex(4)}"


def new_raw_key() -> Key:
    """A fresh random 256-bit key for the keyring scheme."""
    import secrets

    return Key("keyring", secrets.token_hex(32))


# --- the OS keyring (which backends count: rights.store.oskeyring) ------------------------


def stored_backend(backend: oskeyring.Backend) -> str | None:
    """The name ``keyinfo.json`` keeps for a key stored in ``backend``: its ``module.Class``;
    None for a chain of backends (which one holds the key is keyring's choice)."""
    name = backend.name
    return name if name and "(" not in name else None


def keyring_available() -> bool:
    """True when the OS keyring has a backend that protects secrets (or one opted in)."""
    return oskeyring.available()


def keyring_get(user: str) -> str | None:
    """Read the hex key stored for ``user``, or None if there is none."""
    return oskeyring.get(KEYRING_SERVICE, user)


def keyring_get_service(service: str, user: str) -> str | None:
    """Read the secret stored for ``service`` and ``user``, or None if there is none."""
    return oskeyring.get(service, user)


def keyring_set(user: str, secret: str) -> None:
    """Store ``secret`` in the OS keyring for ``user``."""
    oskeyring.put(KEYRING_SERVICE, user, secret)


def keyring_set_service(service: str, user: str, secret: str) -> None:
    """Store ``secret`` in the OS keyring for ``service`` and ``user``."""
    oskeyring.put(service, user, secret)


def keyring_delete(user: str) -> None:
    """Remove ``user``'s entry from the OS keyring, if it is there."""
    oskeyring.delete(KEYRING_SERVICE, user)


def keyring_delete_service(service: str, user: str) -> None:
    """Remove the entry of ``service`` and ``user`` from the OS keyring, if it is there."""
    oskeyring.delete(service, user)


# --- passphrases --------------------------------------------------------------------------


def passphrase_configured(env: Mapping[str, str] | None = None) -> bool:
    """True when one of the passphrase variables is set."""
    env = os.environ if env is None else env
    return any(env.get(name) for name in PASSPHRASE_VARIABLES)


def passphrase_from_env(env: Mapping[str, str] | None = None) -> str | None:
    """The passphrase from the first variable set, in the documented order, else None."""
    env = os.environ if env is None else env
    command = env.get("RIGHTS_PASSPHRASE_COMMAND")
    if command:
        return _checked(_run_passphrase_command(command), "RIGHTS_PASSPHRASE_COMMAND")
    file = env.get("RIGHTS_PASSPHRASE_FILE")
    if file:
        return _checked(_strip_newline(_read_passphrase_file(file)), "RIGHTS_PASSPHRASE_FILE")
    value = env.get("RIGHTS_PASSPHRASE")
    if value:
        return _checked(value, "RIGHTS_PASSPHRASE")
    return None


def _strip_newline(text: str) -> str:
    if text.endswith("\r\n"):
        return text[:-2]
    if text.endswith("\n"):
        return text[:-1]
    return text


def _checked(passphrase: str, source: str) -> str:
    if not passphrase:
        raise NoKeyError(f"the passphrase from {source} is empty")
    if "\x00" in passphrase:
        raise InputError(f"the passphrase from {source} contains a NUL character")
    return passphrase


def _run_passphrase_command(command: str) -> str:
    import shlex

    from rights.store import passphrase_command

    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise NoKeyError(f"RIGHTS_PASSPHRASE_COMMAND could not run: {exc}") from None
    output = passphrase_command.run(argv)
    return _strip_newline(_decoded(output, "RIGHTS_PASSPHRASE_COMMAND"))


def _decoded(data: bytes, source: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise NoKeyError(
            f"the passphrase from {source} is not valid UTF-8 text",
            hint="store the passphrase as UTF-8 (plain ASCII is fine)",
        ) from None


def _read_passphrase_file(file: str) -> str:
    import stat

    path = Path(file).expanduser()
    try:
        with path.open("rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            data = handle.read(MAX_PASSPHRASE_FILE + 1)
    except OSError as exc:
        raise NoKeyError(
            f"cannot read RIGHTS_PASSPHRASE_FILE: {exc.strerror or exc}",
            hint="point RIGHTS_PASSPHRASE_FILE at a readable file holding the passphrase",
        ) from None
    if len(data) > MAX_PASSPHRASE_FILE:
        raise NoKeyError(f"RIGHTS_PASSPHRASE_FILE is larger than {MAX_PASSPHRASE_FILE} bytes")
    if stat.S_ISREG(mode) and mode & 0o077:
        sys.stderr.write(
            f"warning: RIGHTS_PASSPHRASE_FILE {path} can be read by other users "
            f"(mode {stat.S_IMODE(mode):04o}); make it private: chmod 600 {path}\n"
        )
    return _decoded(data, "RIGHTS_PASSPHRASE_FILE")


def _no_key_error(profile: str) -> NoKeyError:
    names = ", ".join(PASSPHRASE_VARIABLES)
    return NoKeyError(
        f"no passphrase for profile {profile!r}: no keyring key, no variable set, no terminal",
        hint=f"set one of {names} (or run in a terminal to be asked)",
    )


def prompt_passphrase(profile: str, *, confirm: bool) -> str:
    """Ask for a passphrase on the terminal (twice when ``confirm``), never echoing it."""
    if not (sys.stdin and sys.stdin.isatty()):
        raise _no_key_error(profile)
    import getpass

    first = getpass.getpass(f"Passphrase for profile {profile!r}: ")
    if confirm:
        second = getpass.getpass("Repeat the passphrase: ")
        if first != second:
            raise InputError("the two passphrases differ; nothing was changed")
    return _checked(first, "the prompt")


def passphrase_key(profile: str, *, confirm: bool = False) -> Key:
    """A passphrase key from the variables, else the terminal; NoKeyError if neither."""
    value = passphrase_from_env()
    if value is None:
        value = prompt_passphrase(profile, confirm=confirm)
    return Key("passphrase", value)


def check_new_passphrase(key: Key) -> Key:
    """Refuse passphrases too short to protect a store; return the key otherwise."""
    if key.scheme == "passphrase" and len(key.secret) < MIN_PASSPHRASE:
        raise InputError(
            f"the passphrase is too short ({len(key.secret)} characters)",
            hint=f"use at least {MIN_PASSPHRASE} characters; a few random words are best",
        )
    return key


def key_for(profile_dir: Path, profile: str) -> tuple[KeyInfo, Key]:
    """The key that opens an existing profile's store, from the source its key info names.

    Ignores a pending rekey: ``rights.store.rekeying.key_for`` settles one first.
    """
    info = read_keyinfo(profile_dir, profile)
    return info, key_of(info, profile)


def key_of(info: KeyInfo, profile: str) -> Key:
    """The key from the source ``info`` names: the keyring entry, else a passphrase."""
    if info.scheme == "keyring":
        if not info.keyring_user:
            raise KeyringError(f"profile {profile!r} names no keyring entry")
        secret = None
        if info.keyring_backend:
            secret = oskeyring.get_from(info.keyring_backend, KEYRING_SERVICE, info.keyring_user)
        if secret is None:
            secret = keyring_get(info.keyring_user)
        if secret is None:
            raise NoKeyError(
                f"the keyring has no key for profile {profile!r}",
                hint="the store was made with a keyring key; restore that keyring entry",
            )
        return Key("keyring", secret)
    return passphrase_key(profile)


def new_key(profile: str, to: Scheme, *, passphrase_file: Path | None = None) -> Key:
    """The key ``rights store rekey --to TO`` re-encrypts with, checked.

    ``keyring``: a fresh random key (KeyringError without a keyring). ``passphrase``:
    from ``passphrase_file``, else ``RIGHTS_NEW_PASSPHRASE``, else the terminal (twice).
    """
    if to == "keyring":
        if not keyring_available():
            raise KeyringError("no OS keyring is available here")
        return new_raw_key()
    if passphrase_file is not None:
        env = {"RIGHTS_PASSPHRASE_FILE": str(passphrase_file)}
        key = Key("passphrase", passphrase_from_env(env) or "")
    elif os.environ.get("RIGHTS_NEW_PASSPHRASE"):
        key = Key("passphrase", os.environ["RIGHTS_NEW_PASSPHRASE"])
    else:
        if not sys.stdin.isatty():
            raise NoKeyError(
                "no new passphrase given",
                hint="use --new-passphrase-file FILE or set RIGHTS_NEW_PASSPHRASE",
            )
        key = Key("passphrase", prompt_passphrase(profile, confirm=True))
    return check_new_passphrase(key)
