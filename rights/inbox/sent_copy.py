"""The copy of a sent email in the user's Sent folder (IMAP APPEND, flagged \\Seen), so
the letter shows in their mail client beside the company's answer. Only when a mailbox is
set up (``rights config imap``); a failure never undoes the sending, it is told."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rights.errors import RightsError

if TYPE_CHECKING:
    from rights.store.connect import Connection


def append_sent(conn: Connection, raw: bytes) -> str | None:
    """Append ``raw`` to the Sent folder of the configured mailbox; None when done or when
    no mailbox is set up, else what went wrong (for the user: the email itself was sent)."""
    from rights.inbox import imap, imap_settings

    try:
        found = imap_settings.load(conn)
        if found is None:
            return None
        settings, password = found
        with imap.connect(settings, password) as box:
            box.append(settings.sent_folder, raw, seen=True)
    except RightsError as exc:
        return f"sent, but no copy in your Sent folder: {exc}"
    return None
