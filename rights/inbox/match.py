"""Which case a message belongs to, and whether it came from the company's domain.

The strongest link is a Message-ID: ``In-Reply-To``/``References`` of a reply, or the
Message-ID of the returned message inside a bounce, equal to one rights gave a letter it
sent (kept in the ``message_id`` of the letter's event). Then the reference code
(``R-7K3M``) in the subject, in the returned message's subject, in the text. A reference
that is not one of the user's cases, or several different ones, leaves the message
unmatched with that reason.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from rights.inbox.parse import Opener, Scanned, decode_words
from rights.store.connect import Connection

_REF_CORE = r"R-[0-9A-HJKMNP-TV-Z]{4,8}"
REF = re.compile(rf"(?i)(?<![A-Z0-9])({_REF_CORE})(?![A-Z0-9])")
_REF_BYTES = re.compile(rf"(?i)(?<![A-Z0-9])({_REF_CORE})(?![A-Z0-9])".encode())
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "or", "ne", "gv", "edu"})
_BOUNCE_LOOK = (b"multipart/report", b"mailer-daemon", b"postmaster@", b"x-failed-recipients")
"""Bytes that make a message worth a full read though no reference shows: a bounce may
name the case only in a form this quick look does not decode."""
_B64_RUN = re.compile(rb"(?:^[A-Za-z0-9+/=]{8,}\r?\n)+", re.M)
_WORD = re.compile(rb"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
BLOCK = 1024 * 1024


@dataclass
class Index:
    """The user's case references and the Message-IDs of the letters rights sent."""

    refs: set[str]
    by_message_id: dict[str, str]

    @classmethod
    def load(cls, conn: Connection) -> Index:
        from rights.store import inbox_repo

        return cls(inbox_repo.all_refs(conn), inbox_repo.sent_message_ids(conn))


@dataclass(frozen=True)
class Match:
    """The case a message belongs to (None: unmatched) and how it was found, or why not."""

    ref: str | None
    how: str


def refs_in(text: str) -> list[str]:
    """The reference codes in ``text``, upper-cased, first seen first."""
    seen: dict[str, None] = {}
    for found in REF.findall(text):
        seen.setdefault(found.upper(), None)
    return list(seen)


def match(msg: Scanned, index: Index) -> Match:
    """The case of ``msg`` (see the module)."""
    for mid in msg.references:
        if mid in index.by_message_id:
            return Match(index.by_message_id[mid], f"In-Reply-To/References {mid}")
    returned_ids = " ".join(msg.returned.get(k, "") for k in ("message-id", "references"))
    for mid in re.findall(r"<[^<>\s]+>", returned_ids):
        if mid in index.by_message_id:
            return Match(index.by_message_id[mid], f"the returned message's Message-ID {mid}")
    places = (
        ("subject", msg.subject),
        ("returned message's subject", msg.returned.get("subject", "")),
        ("text", msg.text + "\n" + msg.report),
    )
    unknown: list[str] = []
    for where, text in places:
        found = refs_in(text)
        mine = [r for r in found if r in index.refs]
        unknown += [r for r in found if r not in index.refs and r not in unknown]
        if len(mine) == 1:
            return Match(mine[0], f"reference in the {where}")
        if len(mine) > 1:
            return Match(None, f"several of your cases named in the {where}: {', '.join(mine)}")
    if unknown:
        shown = ", ".join(unknown[:3])
        return Match(None, f"reference {shown} is not one of your cases")
    return Match(None, "no case reference in the subject, headers or text")


def worth_reading(open_message: Opener, index: Index) -> bool:
    """A fast look at the raw bytes: False when the message can hold no reference of ours,
    so thousands of unrelated messages are skipped without parsing them."""
    with open_message() as fh:
        return _worth(fh, index)


def _worth(fh: BinaryIO, index: Index) -> bool:
    """Look for a reference of ours in the raw bytes, in base64 and quoted-printable text
    and in RFC 2047 words, decoded here the quick way; a long encoded message is read."""
    tail = b""
    first = True
    while True:
        block = fh.read(BLOCK)
        if not block:
            return False
        window = tail + block
        lowered = window.lower()
        if any(marker in lowered for marker in _BOUNCE_LOOK):
            return True
        encoded = b"base64" in lowered or b"quoted-printable" in lowered
        if encoded and not (first and len(block) < BLOCK):
            return True  # a long encoded message: its runs may cross the blocks
        texts = [window]
        if b"base64" in lowered:
            texts += [binascii.a2b_base64(run) for run in _B64_RUN.findall(window)]
        if b"quoted-printable" in lowered:
            texts.append(binascii.a2b_qp(window))
        if b"=?" in window:
            texts += [decode_words(w.decode("ascii")).encode() for w in _WORD.findall(window)]
        if any(_names_a_case(text, index) for text in texts):
            return True
        tail, first = window[-256:], False


def _names_a_case(text: bytes, index: Index) -> bool:
    return any(m.upper().decode() in index.refs for m in _REF_BYTES.findall(text))


def registrable(domain: str) -> str:
    """The part of a domain an organisation registers: ``mail.acxiom.com`` -> ``acxiom.com``,
    ``privacy.bbc.co.uk`` -> ``bbc.co.uk`` (a plain rule, not the public suffix list)."""
    labels = domain.lower().strip(".").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def same_organisation(sender_domain: str, company_domains: Iterable[str]) -> bool:
    """True when the sender's domain is one of the company's (or under the same one)."""
    mine = registrable(sender_domain)
    return any(registrable(d) == mine for d in company_domains if d)


def domains_of(addresses: Iterable[str]) -> set[str]:
    """The domains of the email addresses among ``addresses``."""
    return {a.rpartition("@")[2].lower().strip(">") for a in addresses if a and "@" in a}
