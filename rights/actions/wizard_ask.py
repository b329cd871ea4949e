"""How the wizard asks: the ``Ask`` protocol, a question asked until its answer parses (a bad
answer says what was wrong and asks again, the answers given so far stay), numbered choices,
and the key of the store asked for once per run."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from rights.errors import InputError, RightsError, UnlockError

if TYPE_CHECKING:
    from rights.store import Store
    from rights.store.keys import Key, KeyInfo

T = TypeVar("T")

UNLOCK_TRIES = 3


class EndOfInput(Exception):
    """The person ended the wizard (Ctrl-D, or standard input closed)."""


class Ask(Protocol):
    """How the wizard talks to the person. ``prompt`` and ``secret`` raise ``EndOfInput``
    when the input ends; ``secret`` never echoes."""

    def prompt(self, text: str, default: str = "") -> str: ...
    def secret(self, text: str) -> str: ...
    def confirm(self, text: str, default: bool = True) -> bool: ...
    def say(self, text: str) -> None: ...


def problem(exc: RightsError) -> str:
    """An error as one line the wizard says before asking again."""
    return f"{exc.message}" + (f" ({exc.hint})" if exc.hint else "")


def ask_until(ask: Ask, question: str, parse: Callable[[str], T], default: str = "") -> T:
    """Ask ``question`` until ``parse`` accepts the answer (it raises RightsError to say
    what is wrong); never gives up, so no answer given before is lost."""
    while True:
        answer = ask.prompt(question, default)
        try:
            return parse(answer)
        except RightsError as exc:
            ask.say(f"{problem(exc)}; please try again.")


def choose(ask: Ask, title: str, options: list[tuple[str, str]], default: int = 1) -> str:
    """Show numbered options and return the key of the one picked."""
    ask.say(title)
    for n, (_, label) in enumerate(options, 1):
        ask.say(f"  {n}. {label}")
    picked = ask_until(ask, "Choose a number", lambda a: number(a, len(options)), str(default))
    return options[picked - 1][0]


def number(answer: str, count: int) -> int:
    """A number from 1 to ``count``."""
    text = answer.strip()
    if text.isdigit() and 1 <= int(text) <= count:
        return int(text)
    raise InputError(f"{text!r} is not a number from 1 to {count}")


def required(field: str, check: Callable[[str], str]) -> Callable[[str], str]:
    """A parser refusing an empty answer, then checking it with ``check``."""

    def parse(answer: str) -> str:
        if not answer.strip():
            raise InputError(f"{field}: an answer is needed")
        return check(answer.strip())

    return parse


def address(answer: str) -> str | None:
    """A postal address with its lines separated by commas; None for an empty answer (the
    person skips it)."""
    from rights.core import values as validate

    text = answer.strip()
    if not text:
        return None
    lines = [part.strip() for part in text.split(",")]
    if len(lines) < 2 or not all(lines):
        raise InputError(
            f"address: {text!r} has no lines separated by commas",
            hint="e.g. Musterstraße 1, 10115 Berlin",
        )
    return validate.text(", ".join(lines), "address", multiline=True)


def day_not_after(today: dt.date, field: str) -> Callable[[str], dt.date]:
    """A parser for an ISO date that is not in the future."""
    from rights.core import values as validate

    def parse(answer: str) -> dt.date:
        day = validate.iso_date(answer.strip(), field)
        if day > today:
            raise InputError(f"{field}: {day} is in the future (today is {today})")
        return day

    return parse


def folder(answer: str) -> Path:
    """A folder for the letters: new, or an existing folder (never a file)."""
    text = answer.strip()
    if not text:
        raise InputError("folder: an answer is needed")
    path = Path(text).expanduser()
    if path.exists() and not path.is_dir():
        raise InputError(f"folder: {path} is a file, not a folder")
    return path


# --- the key, asked once --------------------------------------------------------------------


def new_key(ask: Ask, home: Path, profile: str) -> tuple[KeyInfo, Key]:
    """The key of a new profile: the keyring or a passphrase variable when there is one
    (``profiles.choose_key``), else a passphrase asked here: its length checked first, then
    asked again to confirm; a bad one asks again."""
    from rights.profile import profiles
    from rights.store import keys, oskeyring
    from rights.store.keys import Key, KeyInfo

    if keys.passphrase_configured() or oskeyring.current().usable:
        return profiles.choose_key(home, profile, "auto")
    ask.say(f"Choose a passphrase for profile {profile!r}: it encrypts your store and cannot "
            "be recovered if lost.")  # fmt: skip
    while True:
        first = ask.secret(f"New passphrase (at least {keys.MIN_PASSPHRASE} characters)")
        try:
            keys.check_new_passphrase(Key("passphrase", first))
        except InputError as exc:
            ask.say(f"{problem(exc)}; please try again.")
            continue
        if ask.secret("Repeat the passphrase") == first:
            return KeyInfo("passphrase"), Key("passphrase", first)
        ask.say("The two passphrases differ; please choose it again.")


def open_store(ask: Ask, home: Path, profile: str, now: dt.datetime) -> Store:
    """Create the profile if need be, then open its store, asking for a passphrase at most
    once (a wrong one is asked again, up to three times); the store stays open for the rest
    of the wizard so nothing asks again."""
    from rights.profile import profiles
    from rights.store import keys

    if not profiles.exists(home, profile):
        ask.say(f"There is no profile {profile!r} yet; creating its encrypted store.")
        info, key = new_key(ask, home, profile)
        profiles.create(home, profile, now=now, key=(info, key))
        return profiles.open_store(home, profile, now=now, key=key)
    if profiles.key_scheme(home, profile) != "passphrase" or keys.passphrase_configured():
        return profiles.open_store(home, profile, now=now)
    for attempt in range(1, UNLOCK_TRIES + 1):
        secret = ask.secret(f"Passphrase for profile {profile!r}")
        try:
            return profiles.open_store(home, profile, now=now, key=keys.Key("passphrase", secret))
        except UnlockError as exc:
            if attempt == UNLOCK_TRIES:
                raise
            ask.say(f"{problem(exc)}; please try again.")
    raise AssertionError("unreachable")
