"""A ``.eml`` file: the email the user can open and send from their own mail client."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rights.delivery import Options, Outcome, output_path, write_private

if TYPE_CHECKING:
    from rights.letters.context import Letter


def to_bytes(letter: Letter, options: Options) -> bytes:
    """The letter as the bytes of an RFC 5322 message (CRLF line ends), checked as sent,
    marked ``X-Unsent: 1``: Outlook then opens it as a draft to send, not as a received mail
    (other mail programs ignore the header)."""
    from rights.delivery.email import check_message, message_for

    return check_message(message_for(letter, options, unsent=True))


def deliver(letter: Letter, options: Options) -> Outcome:
    """Write ``<ref>.eml`` into ``options.out_dir`` (mode 0600)."""
    data = to_bytes(letter, options)
    path = write_private(output_path(options, f"{letter.ref}.eml", "eml"), data)
    return Outcome(channel="eml", files=(path,))
