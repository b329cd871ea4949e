"""A streaming walk over a MIME message: header blocks parsed, bodies decoded line by line.

The stdlib parser holds a whole message (and every decoded part) in memory; a reply with a
100 MB data export would need several times that. Here a message is read from a binary
stream one line at a time: each leaf part is yielded with its headers and an iterator of
its decoded bytes, so a part can be streamed into the store and memory stays flat.
Malformed input never raises: a missing boundary ends the part at the end of the stream,
an unknown transfer encoding passes the bytes through, bad base64 is decoded leniently.
"""

from __future__ import annotations

import binascii
import io
from collections.abc import Iterator
from dataclasses import dataclass
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser
from typing import Any, BinaryIO, Protocol

MAX_HEADER_BYTES = 1024 * 1024
"""A header block longer than this is cut (the rest is read as body)."""
MAX_DEPTH = 20
"""Multiparts nested deeper than this are read as opaque leaves."""
_HEADERS = BytesHeaderParser(policy=policy.compat32)


class Lines(Protocol):
    """What the walk reads from: a binary stream's ``readline``."""

    def readline(self, size: int = -1, /) -> bytes: ...


class Reader:
    """Lines of a binary stream, with one line of push-back."""

    def __init__(self, fh: Lines) -> None:
        self._fh = fh
        self._back: bytes | None = None

    def readline(self) -> bytes:
        if self._back is not None:
            line, self._back = self._back, None
            return line
        return self._fh.readline(1024 * 1024)

    def unread(self, line: bytes) -> None:
        self._back = line


@dataclass
class Part:
    """A leaf part: its headers, its number in document order (from 1), and its body."""

    headers: Message
    number: int
    content_type: str
    filename: str | None
    disposition: str | None
    body: Iterator[bytes]


def header_block(reader: Reader) -> Message:
    """Read header lines up to the empty line and parse them.

    The compat32 policy: it leaves header values raw (``policy.default`` parses each one it
    is asked for, about half a millisecond a header, too slow for an mbox of thousands);
    ``parse.header`` decodes the few that are read."""
    lines: list[bytes] = []
    size = 0
    while True:
        line = reader.readline()
        if not line:
            break
        if line in (b"\r\n", b"\n"):
            break
        if lines and not line[:1].isspace() and b":" not in line:
            reader.unread(line)  # no empty line before the body: a malformed message
            break
        lines.append(line)
        size += len(line)
        if size > MAX_HEADER_BYTES:
            break
    return _HEADERS.parsebytes(b"".join(lines))


def walk(fh: Lines) -> Iterator[Part]:
    """Every leaf part of the message in ``fh``, in order. Each part's ``body`` must be
    read (or left) before the next part is asked for; what is left is skipped."""
    return open_message(fh)[1]


def open_message(fh: Lines) -> tuple[Message, Iterator[Part]]:
    """The message's own headers, and its leaf parts (as ``walk``)."""
    reader = Reader(fh)
    first = reader.readline()
    if not first.startswith(b"From ") or first.startswith(b"From: "):
        reader.unread(first)  # an mbox "From " line is not a header
    top = header_block(reader)
    return top, _walk(reader, top, (), [0], 0)


def _walk(
    reader: Reader,
    headers: Message,
    fences: tuple[bytes, ...],
    counter: list[int],
    depth: int,
) -> Iterator[Part]:
    ctype = _content_type(headers)
    boundary = _boundary(headers) if ctype.startswith("multipart/") else None
    if boundary is None or depth >= MAX_DEPTH:
        counter[0] += 1
        raw = _lines_until(reader, fences)
        body = _decoded(raw, _encoding(headers))
        yield Part(headers, counter[0], ctype, _filename(headers), _disposition(headers), body)
        for _ in raw:  # skip what the caller left, without decoding it
            pass
        return
    fence = b"--" + boundary
    inner = (*fences, fence)
    # the preamble, up to the first boundary
    for _ in _lines_until(reader, inner):
        pass
    while True:
        line = reader.readline()
        bare = line.rstrip(b"\r\n").rstrip(b" \t")
        if bare == fence + b"--":
            for _ in _lines_until(reader, fences):  # the epilogue
                pass
            return
        if bare != fence:
            if line:
                reader.unread(line)  # an outer boundary: this multipart ends here
            return
        sub = header_block(reader)
        yield from _walk(reader, sub, inner, counter, depth + 1)


def _is_fence(line: bytes, fences: tuple[bytes, ...]) -> bool:
    if not line.startswith(b"--"):
        return False
    bare = line.rstrip(b"\r\n").rstrip(b" \t")
    return any(bare == f or bare == f + b"--" for f in fences)


def _lines_until(reader: Reader, fences: tuple[bytes, ...]) -> Iterator[bytes]:
    """The lines up to (not including) the next boundary line of ``fences``, which is
    pushed back; the end of the stream ends them too."""
    while True:
        line = reader.readline()
        if not line:
            return
        if fences and _is_fence(line, fences):
            reader.unread(line)
            return
        yield line


def _decoded(raw: Iterator[bytes], cte: str) -> Iterator[bytes]:
    """The decoded body of a leaf part; the line break before a boundary is not part of it."""
    lines = _without_last_break(raw)
    if cte == "base64":
        return _base64(lines)
    if cte == "quoted-printable":
        return (binascii.a2b_qp(line) for line in lines)
    return lines


def _without_last_break(lines: Iterator[bytes]) -> Iterator[bytes]:
    previous: bytes | None = None
    for line in lines:
        if previous is not None:
            yield previous
        previous = line
    if previous is not None:
        yield previous.rstrip(b"\r\n") if previous.endswith(b"\n") else previous


def _base64(lines: Iterator[bytes]) -> Iterator[bytes]:
    """Decode base64 lines in blocks, ignoring characters outside the alphabet."""
    pending: list[bytes] = []
    size = 0
    for line in lines:
        kept = line.translate(None, _NOT_B64)
        pending.append(kept)
        size += len(kept)
        if size >= 65536:
            joined = b"".join(pending)
            cut = len(joined) - len(joined) % 4
            yield _b64(joined[:cut])
            pending, size = [joined[cut:]], len(joined) - cut
    rest = b"".join(pending)
    if rest.rstrip(b"="):
        yield _b64(rest + b"=" * (-len(rest) % 4))


_B64 = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
_NOT_B64 = bytes(c for c in range(256) if c not in _B64)


def _b64(data: bytes) -> bytes:
    try:
        return binascii.a2b_base64(data)
    except binascii.Error:
        data = data.replace(b"=", b"")
        data = data[: len(data) - len(data) % 4] if len(data) % 4 == 1 else data
        try:
            return binascii.a2b_base64(data + b"=" * (-len(data) % 4))
        except binascii.Error:
            return b""


def _content_type(headers: Message) -> str:
    try:
        return headers.get_content_type()
    except Exception:  # a header the email package cannot read: treat as text
        return "text/plain"


def _boundary(headers: Message) -> bytes | None:
    try:
        value = headers.get_boundary()
    except Exception:
        return None
    if not value:
        return None
    return value.encode("utf-8", "surrogateescape")


def _encoding(headers: Message) -> str:
    try:
        return str(headers.get("Content-Transfer-Encoding", "7bit")).strip().lower()
    except Exception:
        return "7bit"


def _filename(headers: Message) -> str | None:
    try:
        name = headers.get_filename()
    except Exception:
        return None
    return str(name) if name else None


def _disposition(headers: Message) -> str | None:
    try:
        value = headers.get_content_disposition()
    except Exception:
        return None
    return str(value) if value else None


class _Blocks(io.RawIOBase):
    """A readable stream over an iterator of byte blocks (a decoded MIME part)."""

    def __init__(self, blocks: Iterator[bytes]) -> None:
        self._blocks = blocks
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self._pending:
            try:
                self._pending = next(self._blocks)
            except StopIteration:
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size

    def read(self, size: int = -1) -> bytes:
        out = bytearray()
        while size < 0 or len(out) < size:
            room = bytearray(65536 if size < 0 else min(65536, size - len(out)))
            got = self.readinto(room)
            if not got:
                break
            out += room[:got]
        return bytes(out)


def as_stream(blocks: Iterator[bytes]) -> BinaryIO:
    """``blocks`` as a binary stream (for ``store_stream``)."""
    return _Blocks(blocks)  # type: ignore[return-value]
