"""Web-form instructions: the company's form URL and the text to paste into it."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rights.delivery import Options, Outcome
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.letters.context import Letter


def check_url(url: str) -> str:
    """An http(s) URL with a host and no spaces or control characters."""
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(c.isspace() or ord(c) < 32 for c in url)
    ):
        raise InputError(f"web form: {url!r} is not an http(s) URL")
    return url


def deliver(letter: Letter, options: Options) -> Outcome:
    """The form's URL and the letter text to paste (nothing is written or sent)."""
    if not options.webform_url:
        raise InputError(f"{letter.recipient.name} has no web form on record")
    url = check_url(options.webform_url)
    return Outcome(
        channel="webform",
        url=url,
        text=letter.text,
        note=f"open {url} and paste the text; keep the reference {letter.ref}",
    )
