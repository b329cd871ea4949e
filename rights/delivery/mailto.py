"""A ``mailto:`` link that opens the letter in the user's mail client.

Links longer than MAILTO_LIMIT characters are unreliable (browsers and mail clients cut
them): the channel says so and writes a ``.eml`` file instead when an output folder was
given, or asks for one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from rights.core import values as validate
from rights.delivery import Options, Outcome, check_header
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.letters.context import Letter

MAILTO_LIMIT = 2000


def link(letter: Letter, to: str | None = None) -> str:
    """The ``mailto:`` URL (RFC 6068: UTF-8, percent-encoded, CRLF line ends in the body)."""
    address = to or letter.recipient.email
    if not address:
        raise InputError(f"{letter.recipient.name} has no email address for a mailto link")
    address = validate.email(check_header(address, "recipient email"))
    subject = quote(check_header(letter.subject, "subject"), safe="")
    body = quote(letter.body.replace("\r\n", "\n").replace("\n", "\r\n"), safe="")
    return f"mailto:{quote(address, safe='@')}?subject={subject}&body={body}"


def too_long(url: str) -> str | None:
    """Why a link is too long for a mailto (a note to show), or None when it fits."""
    if len(url) <= MAILTO_LIMIT:
        return None
    return (
        f"the letter is too long for a mailto: link ({len(url)} characters; "
        f"links over {MAILTO_LIMIT} are cut by many mail clients)"
    )


def deliver(letter: Letter, options: Options) -> Outcome:
    """The link, or a ``.eml`` file when the link would be too long."""
    url = link(letter, options.to)
    note = too_long(url)
    if note is None:
        return Outcome(channel="mailto", url=url)
    if options.out_dir is None:
        raise InputError(note, hint="pass --out DIR to get an .eml file instead")
    from rights.delivery import eml

    written = eml.deliver(letter, options)
    return Outcome(
        channel="mailto", files=written.files, note=f"{note}; wrote an .eml file", fallback="eml"
    )
