"""Delivery channels: one module per channel, a static registry, one result type.

Every channel takes a rendered :class:`rights.letters.render.Letter` and :class:`Options` and
returns an :class:`Outcome`. Heavy imports (smtplib, typst) stay inside the channel
modules, which are imported only when used. Files are written only into the folder the
caller names (``Options.out_dir``), atomically, mode 0600.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from rights.core import vocabulary
from rights.errors import ConflictError, InputError

if TYPE_CHECKING:
    from rights.delivery.email import SmtpSettings
    from rights.letters.context import Letter

CHANNELS: dict[str, str] = {name: f"rights.delivery.{name}" for name in vocabulary.CHANNELS}
"""Channel name -> module (one module per channel, named after it). Each module has
``deliver(letter, options) -> Outcome``."""


@dataclass(frozen=True)
class Attachment:
    """A file sent with an email (for example an agent's signed authorisation)."""

    filename: str
    data: bytes
    mime_type: str = "application/pdf"


@dataclass(frozen=True)
class Options:
    """What a channel may need; each channel uses only its own fields.

    ``out_dir``: the folder the user asked files to go to (eml, pdf, text; mailto's .eml
    fallback). ``sender_email``: the From address (email, eml, mailto fallback). ``to``:
    overrides the recipient's email. ``paper``: ``a4`` or ``letter`` (pdf). ``webform_url``:
    the company's form (webform). ``smtp``/``password``: the server and its password
    (email; the password comes from the keyring or the store, never a file). ``date``: the
    Date header (defaults to now). ``today``: the date printed on a PDF letter.
    ``home_country``: the sender's country (ISO code): a PDF to an address there has no
    country line. ``in_reply_to``: the Message-ID of the request a follow-up answers (an
    email's ``In-Reply-To`` and ``References``, so it threads in the company's system).
    """

    out_dir: Path | None = None
    sender_email: str | None = None
    to: str | None = None
    paper: Literal["a4", "letter"] = "a4"
    webform_url: str | None = None
    smtp: SmtpSettings | None = None
    password: str | None = None
    overwrite: bool = False
    attachments: tuple[Attachment, ...] = ()
    date: dt.datetime | None = None
    today: dt.date | None = None
    home_country: str | None = None
    in_reply_to: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What a channel did: sent or not, files written, a URL to open, text to paste.

    ``raw``: the exact bytes of an email the server accepted (its copy in the Sent folder).
    """

    channel: str
    sent: bool = False
    files: tuple[Path, ...] = ()
    url: str | None = None
    text: str | None = None
    note: str | None = None
    fallback: str | None = None
    details: dict[str, str] = field(default_factory=dict)
    message: bytes | None = None
    """The exact bytes sent (email): kept encrypted with the case as proof."""


def deliver(channel: str, letter: Letter, options: Options) -> Outcome:
    """Deliver ``letter`` through ``channel`` (a key of CHANNELS)."""
    if channel not in CHANNELS:
        raise InputError(f"unknown channel {channel!r}", hint=f"one of: {', '.join(CHANNELS)}")
    module = importlib.import_module(CHANNELS[channel])
    outcome: Outcome = module.deliver(letter, options)
    return outcome


def check_header(value: str, field: str) -> str:
    """Refuse a value bound for an email header if it holds CR or LF, or an RFC 2047
    encoded word (``=?...?=``), which some Python releases decode into raw header lines
    when folding (header injection)."""
    from rights.core.values import has_encoded_word

    if "\r" in value or "\n" in value:
        raise InputError(
            f"{field}: a line break in an email header is refused (header injection)",
            hint="remove the line break from the value",
        )
    if has_encoded_word(value):
        raise InputError(
            f"{field}: an encoded word ('=?...?=') in an email header is refused "
            "(header injection)",
            hint="remove the '=?' or '?=' from the value (a company name, your name, a subject)",
        )
    return value


def output_path(options: Options, name: str, channel: str) -> Path:
    """Where a channel may write ``name``: inside the folder the user asked for, never
    elsewhere; refuses to overwrite unless ``options.overwrite``."""
    if options.out_dir is None:
        raise InputError(
            f"the {channel} channel writes a file: say where (an output folder)",
            hint="pass --out DIR",
        )
    if not options.out_dir.is_dir():
        raise InputError(f"output folder {str(options.out_dir)!r} does not exist")
    path = options.out_dir / name
    if path.exists() and not options.overwrite:
        raise ConflictError(f"{path} already exists", hint="use --force to overwrite it")
    return path


def write_private(path: Path, data: bytes, *, overwrite: bool = True) -> Path:
    """Write ``data`` atomically with mode 0600 (``rights.files.atomic_write``)."""
    from rights.files import atomic_write

    return atomic_write(path, data, overwrite=overwrite)
