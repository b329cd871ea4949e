"""Web-form instructions: the company's form URL and the text to paste into it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from rights.delivery import Options, Outcome, output_path, write_private
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
    """The form's URL and the letter text to paste (nothing is sent); the text is also
    written to ``<ref>.txt`` (0600) when an output folder was given."""
    if not options.webform_url:
        raise InputError(f"{letter.recipient.name} has no web form on record")
    url = check_url(options.webform_url)
    files: tuple[Path, ...] = ()
    if options.out_dir is not None:
        path = output_path(options, f"{letter.ref}.txt", "webform")
        files = (write_private(path, letter.text.encode("utf-8")),)
    pasted = f"the text in {files[0].name}" if files else "the text"
    return Outcome(
        channel="webform",
        url=url,
        text=letter.text,
        files=files,
        note=f"open {url} and paste {pasted}; keep the reference {letter.ref}",
    )
