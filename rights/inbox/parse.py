"""What an imported message says: its headers (decoded, cleaned), its text (capped), the
fields of a delivery report and the headers of the message it returns, its attachments.

One pass over the message with the streaming walk (``rights.inbox.mime``); nothing is
stored here. Header text is cleaned once: RFC 2047 words decoded, raw 8-bit bytes read as
UTF-8 or else Windows-1252, control characters dropped, so every later step (JSON, the
store, the terminal) gets plain text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser
from email.utils import getaddresses, parsedate_to_datetime
from typing import BinaryIO

from rights.inbox import mime

TEXT_CAP = 256 * 1024
"""Characters of text kept per message for finding a reference and reading a bounce."""
REPORT_PARTS = frozenset({"message/delivery-status", "message/global-delivery-status"})
"""Parts holding the machine-readable fields of a delivery report (RFC 3464, RFC 6533)."""
RETURNED = frozenset({"message/rfc822", "message/global", "text/rfc822-headers"})
"""Parts that carry (the headers of) the message a bounce returns."""
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\udc80-\udcff]")
_MSGID = re.compile(r"<[^<>\s]+>")
_HEADERS = BytesHeaderParser(policy=policy.compat32)

Opener = Callable[[], BinaryIO]
"""Opens the message afresh for each pass (a file, a slice of an mbox, bytes)."""


@dataclass
class Attached:
    """A MIME attachment: its part number in the walk, a safe file name, its type."""

    number: int
    name: str
    content_type: str


@dataclass
class Scanned:
    """One message as read: what matching and classifying need."""

    key: str
    message_id: str
    subject: str
    sender: str
    sender_domain: str
    date: dt.datetime | None
    headers: dict[str, str]
    references: list[str]
    text: str
    report_type: str
    report: str
    returned: dict[str, str]
    attachments: list[Attached] = field(default_factory=list)
    size: int = 0
    defects: int = 0


def clean(value: object) -> str:
    """Header text as plain printable text (see the module)."""
    text = str(value)
    if _SURROGATE.search(text):
        raw = text.encode("utf-8", "surrogateescape")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", "replace")
    text = text.encode("utf-8", "replace").decode("utf-8")
    return " ".join(_CONTROL.sub("", text).split())


def header(msg: Message, name: str) -> str:
    """One header's text: raw 8-bit bytes and RFC 2047 words decoded, cleaned ('' when
    absent)."""
    wanted = name.lower()
    for key, value in msg.raw_items():
        if key.lower() == wanted:
            return decode_words(clean(value))
    return ""


def decode_words(text: str) -> str:
    """``text`` with its RFC 2047 encoded words decoded (left as it is when they are bad)."""
    if "=?" not in text:
        return text
    from email.errors import HeaderParseError
    from email.header import decode_header, make_header

    try:
        return clean(str(make_header(decode_header(text))))
    except (HeaderParseError, LookupError, UnicodeError, ValueError):
        return text


def quick_headers(fh: BinaryIO, names: tuple[str, ...]) -> dict[str, str]:
    """The headers ``names`` (lower case) read straight from the header block, decoded:
    what the list of unmatched messages shows, without parsing the message."""
    found: dict[str, str] = {}
    last = ""
    for line in iter(lambda: fh.readline(65536), b""):
        if line in (b"\r\n", b"\n"):
            break
        if line[:1] in (b" ", b"\t"):
            if last:
                found[last] += line.decode("utf-8", "surrogateescape")
            continue
        name, sep, value = line.partition(b":")
        last = name.strip().lower().decode("ascii", "replace") if sep else ""
        if last in names and last not in found:
            found[last] = value.decode("utf-8", "surrogateescape")
        else:
            last = ""
    return {k: decode_words(clean(v)) for k, v in found.items()}


def raw_headers(msg: Message) -> dict[str, str]:
    """Every header by lower-cased name (the first of each), cleaned but not decoded."""
    found: dict[str, str] = {}
    for key, value in msg.raw_items():
        found.setdefault(key.lower(), clean(value))
    return found


def message_ids(text: str) -> list[str]:
    """The ``<...>`` Message-IDs in a header value, in order."""
    return _MSGID.findall(text)


def scan(open_message: Opener, *, digest_key: bool = False) -> Scanned:
    """Read the message once (streamed) and return what it says.

    ``key`` is its Message-ID, or ``sha256:<hex>`` of its bytes when it has none (or when
    ``digest_key`` asks for it): the key that makes a second import a no-op.
    """
    with open_message() as fh:
        counting = _Counting(fh)
        top, parts = mime.open_message(counting)
        found = _Found()
        for part in parts:
            _take(found, part)
        for _ in iter(lambda: counting.read(1024 * 1024), b""):
            pass  # the rest of a malformed message, for the size and hash
    message_id = header(top, "Message-ID")
    ids = message_ids(message_id)
    key = ids[0] if ids and not digest_key else f"sha256:{counting.digest.hexdigest()}"
    sender_name, sender = _sender(top)
    return Scanned(
        key=key,
        message_id=ids[0] if ids else "",
        subject=header(top, "Subject"),
        sender=sender or sender_name,
        sender_domain=sender.rpartition("@")[2].lower() if "@" in sender else "",
        date=_date(header(top, "Date")),
        headers=raw_headers(top),
        references=message_ids(header(top, "In-Reply-To") + " " + header(top, "References")),
        text=found.text[:TEXT_CAP],
        report_type=_param(top, "report-type"),
        report=found.report[:TEXT_CAP],
        returned=found.returned,
        attachments=found.attached,
        size=counting.size,
        defects=len(getattr(top, "defects", [])),
    )


class _Counting:
    """A binary stream that counts and hashes what is read from it."""

    def __init__(self, fh: BinaryIO) -> None:
        self._fh = fh
        self.size = 0
        self.digest = hashlib.sha256()

    def readline(self, limit: int = -1) -> bytes:
        return self._seen(self._fh.readline(limit))

    def read(self, n: int = -1) -> bytes:
        return self._seen(self._fh.read(n))

    def _seen(self, data: bytes) -> bytes:
        self.size += len(data)
        self.digest.update(data)
        return data


@dataclass
class _Found:
    text: str = ""
    report: str = ""
    returned: dict[str, str] = field(default_factory=dict)
    attached: list[Attached] = field(default_factory=list)


def _take(found: _Found, part: mime.Part) -> None:
    """Keep what one part says: text, report fields, returned headers, or an attachment."""
    ctype = part.content_type
    if is_attachment(part):
        found.attached.append(Attached(part.number, safe_name(part), ctype))
        return
    if not (ctype.startswith("text/") or ctype.startswith("message/")):
        return
    data = _capped(part)
    charset = _charset(part.headers)
    text = data.decode(charset, "replace") if charset else data.decode("utf-8", "replace")
    if ctype in RETURNED:
        returned = _HEADERS.parsebytes(data.split(b"\r\n\r\n")[0].split(b"\n\n")[0])
        for name in ("Message-ID", "Subject", "To", "In-Reply-To", "References"):
            value = header(returned, name)
            if value:
                found.returned.setdefault(name.lower(), value)
    if ctype in REPORT_PARTS:
        found.report += text + "\n"
    elif ctype == "text/html":
        found.text += _untagged(text) + "\n"
    else:
        found.text += text + "\n"


def is_attachment(part: mime.Part) -> bool:
    """A part kept as a file of its own: named, marked attachment, or not text at all."""
    if part.disposition == "attachment" or part.filename:
        return True
    ctype = part.content_type
    return not (ctype.startswith("text/") or ctype.startswith("message/"))


def safe_name(part: mime.Part) -> str:
    """A file name without folders, control characters or a leading dot."""
    raw = decode_words(clean(part.filename or ""))
    name = raw.replace("\\", "/").rsplit("/", 1)[-1].strip().lstrip(".")
    name = re.sub(r"[^\w.\- ()+,@]", "_", name)[:120]
    if not name:
        subtype = part.content_type.partition("/")[2] or "bin"
        subtype = "eml" if subtype == "rfc822" else subtype
        name = f"part-{part.number}.{re.sub(r'[^a-z0-9]', '', subtype)[:10] or 'bin'}"
    return name


def _capped(part: mime.Part) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for block in part.body:
        if size < TEXT_CAP:
            chunks.append(block[: TEXT_CAP - size])
            size += len(chunks[-1])
    return b"".join(chunks)


def _charset(headers: Message) -> str | None:
    try:
        name = headers.get_content_charset()
    except Exception:
        return None
    if not name:
        return None
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _untagged(html: str) -> str:
    text = re.sub(r"(?is)<(script|style).*?</\1>", " ", html)
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", " ", text))


def _sender(msg: Message) -> tuple[str, str]:
    """(display name, address) of From (Sender if From is unreadable)."""
    for name in ("From", "Sender", "Return-Path"):
        value = header(msg, name)
        if value:
            pairs = getaddresses([value])
            if pairs and (pairs[0][1] or pairs[0][0]):
                return clean(pairs[0][0]), clean(pairs[0][1]).strip("<>").lower()
    return "", ""


def _date(value: str) -> dt.datetime | None:
    if not value:
        return None
    try:
        found = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return found if found.tzinfo else found.replace(tzinfo=dt.UTC)


def _param(msg: Message, name: str) -> str:
    try:
        return clean(msg.get_param(name, "", header="content-type")).lower()
    except Exception:
        return ""
