"""Reading a json export record by record (``rights import``), never a whole attachment.

``read_head`` reads the leading object (up to its lone ``}`` line, or the whole file for
a version 1 export or one written on one line); ``store_contents`` then reads the
content records of version 2 (``rights.exports.json_export``) one line at a time, each at
most ``MAX_RECORD`` bytes, and streams them into the store inside the caller's
transaction, checking order, size and SHA-256 of every attachment.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from rights.errors import DataFileError
from rights.exports.json_export import CONTENT_KEYS
from rights.store import attachments as att_store
from rights.store.connect import Connection

MAX_RECORD = 8 * 1024 * 1024
"""The longest content record line read (a stored chunk is 1 MiB, 1.4 MB in base64)."""
NOTHING = "nothing was imported"


@dataclass
class Pending:
    """An attachment listed with ``"content": true`` whose records are still to come."""

    ref: str
    number: int
    att_id: int
    size: int
    sha256: str
    next_seq: int = 0
    written: int = 0
    digest: Any = field(default_factory=hashlib.sha256)


def read_head(fh: BinaryIO, source: str, first: bytes = b"") -> tuple[str, int]:
    """The text of the leading object (version 1 or 2) and the number of lines it took;
    ``first`` is its first line when the caller has read it already."""
    lines: list[bytes] = [first] if first else []
    while not lines or lines[-1].rstrip(b"\r\n") != b"}":
        line = fh.readline()
        if not line:
            break
        lines.append(line)
    try:
        return b"".join(lines).decode("utf-8"), len(lines)
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{source}: not UTF-8 text: {exc.reason}", hint=NOTHING) from None


def _problem(source: str, lineno: int, message: str) -> DataFileError:
    return DataFileError(f"{source}: line {lineno}: {message}", hint=NOTHING)


def _record(line: bytes, source: str, lineno: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise _problem(source, lineno, "not a JSON content record") from None
    return _checked(record, source, lineno)


def _checked(record: Any, source: str, lineno: int) -> dict[str, Any]:
    if not isinstance(record, dict) or sorted(record) != list(CONTENT_KEYS):
        raise _problem(source, lineno, f"a content record has exactly the keys {CONTENT_KEYS}")
    ints = [record["n"], record["seq"]]
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in ints):
        raise _problem(source, lineno, "n and seq must be whole numbers")
    if not isinstance(record["ref"], str) or not isinstance(record["content_base64"], str):
        raise _problem(source, lineno, "ref and content_base64 must be strings")
    return record


def _finish(item: Pending, source: str, lineno: int) -> None:
    if item.written != item.size or item.digest.hexdigest() != item.sha256:
        raise _problem(
            source,
            lineno,
            f"attachment #{item.number} of {item.ref}: content does not match its size and sha256",
        )


class Contents:
    """Where the content records go: the attachments still waiting for theirs, in order,
    and the one being written. ``feed`` takes a record, ``close`` checks nothing is left
    unwritten (version 3 closes at every case line: a case's records follow it)."""

    def __init__(self, conn: Connection, source: str) -> None:
        self.conn = conn
        self.source = source
        self.queue: list[Pending] = []
        self.current: Pending | None = None

    def add(self, pending: list[Pending]) -> None:
        """Attachments whose records come next, in the listing's order."""
        self.queue[:0] = reversed(pending)  # a stack: the next one is last

    def feed(self, record: dict[str, Any], lineno: int) -> None:
        """Write one content record (already decoded) into its attachment."""
        record = _checked(record, self.source, lineno)
        key = (record["ref"], record["n"])
        current = self.current
        if current is None or (current.ref, current.number) != key:
            if current is not None:
                _finish(current, self.source, lineno)
            if not self.queue or (self.queue[-1].ref, self.queue[-1].number) != key:
                raise _problem(self.source, lineno, f"unexpected content for {key[0]} #{key[1]}")
            self.current = current = self.queue.pop()
        _write(self.conn, current, record, self.source, lineno)

    def close(self, lineno: int) -> None:
        """Finish the attachment being written; DataFileError if one still misses its
        content."""
        if self.current is not None:
            _finish(self.current, self.source, lineno)
            self.current = None
        if self.queue:
            missing = self.queue[-1]
            raise DataFileError(
                f"{self.source}: attachment #{missing.number} of {missing.ref}: its content is "
                "missing (the file ends early)",
                hint=NOTHING,
            )


def read_line(fh: BinaryIO, source: str, lineno: int) -> bytes:
    """The next line (``b""`` at the end), at most ``MAX_RECORD`` bytes."""
    line = fh.readline(MAX_RECORD + 1)
    if len(line) > MAX_RECORD:
        raise _problem(source, lineno, f"a line is longer than {MAX_RECORD} bytes")
    return line


def store_contents(
    conn: Connection, fh: BinaryIO, pending: list[Pending], source: str, first_line: int
) -> None:
    """Stream the content records after the leading object (version 2) into ``pending``'s
    attachments.

    Records must come in the listing's order, ``seq`` 0, 1, ...; DataFileError for anything
    else, for trailing data, a missing content or a size or SHA-256 mismatch.
    """
    contents = Contents(conn, source)
    contents.add(pending)
    lineno = first_line
    while True:
        lineno += 1
        line = read_line(fh, source, lineno)
        if not line:
            break
        if line.strip():
            contents.feed(_record(line, source, lineno), lineno)
    contents.close(lineno)


def _write(
    conn: Connection, item: Pending, record: dict[str, Any], source: str, lineno: int
) -> None:
    if record["seq"] != item.next_seq:
        raise _problem(source, lineno, f"seq {record['seq']}, expected {item.next_seq}")
    try:
        block = base64.b64decode(record["content_base64"], validate=True)
    except (binascii.Error, ValueError):
        raise _problem(source, lineno, "content_base64 is not valid base64") from None
    item.digest.update(block)
    item.written += len(block)
    if item.written > item.size:
        raise _problem(source, lineno, f"attachment #{item.number} of {item.ref}: too long")
    if block:
        att_store.write_blob(conn, item.att_id, item.next_seq, block)
    item.next_seq += 1
