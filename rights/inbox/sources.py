"""Where imported mail comes from: ``.eml`` files, an mbox file, a Maildir folder, stdin.

Each message is given as (label, opener): the opener reads it afresh from its file (an
mbox's slice, a Maildir file) each time, so nothing is copied and the originals are only
read. Standard input holds one message, read into memory.
"""

from __future__ import annotations

import io
import mailbox
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from rights.errors import InputError
from rights.inbox.parse import Opener

MAX_STDIN = 200 * 1024 * 1024
"""The largest message read from standard input (a file is streamed instead)."""


def expand(paths: list[str], stdin: BinaryIO | None = None) -> list[tuple[str, Opener]]:
    """Every message of ``paths`` ('-' is standard input), checked before any is read."""
    found: list[tuple[str, Opener]] = []
    for given in paths:
        if given == "-":
            found.append(("stdin", _stdin(stdin)))
            continue
        found.extend(_from_path(Path(given).expanduser()))
    return found


def _stdin(stdin: BinaryIO | None) -> Opener:
    import sys

    data = (stdin or sys.stdin.buffer).read(MAX_STDIN + 1)
    if len(data) > MAX_STDIN:
        raise InputError("the message on standard input is too large",
                         hint="save it to a file and import the file")  # fmt: skip
    if not data.strip():
        raise InputError("nothing on standard input", hint="rights inbox import - < reply.eml")
    return lambda: io.BytesIO(data)


def _from_path(path: Path) -> list[tuple[str, Opener]]:
    if not path.exists():
        raise InputError(f"{path}: no such file or folder",
                         hint="give .eml files, an mbox file or a Maildir folder")  # fmt: skip
    if path.is_dir():
        return list(_maildir(path))
    if not path.is_file():
        raise InputError(f"{path} is not a regular file")
    if not os.access(path, os.R_OK):
        raise InputError(f"{path}: cannot read it (permission denied)")
    if _is_mbox(path):
        return list(_mbox(path))
    return [(str(path), lambda: open(path, "rb"))]


def _is_mbox(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(5) == b"From "


def _mbox(path: Path) -> Iterator[tuple[str, Opener]]:
    box = mailbox.mbox(path, factory=None, create=False)
    for n, key in enumerate(box.keys(), start=1):
        yield f"{path}#{n}", _mbox_opener(box, key)


def _mbox_opener(box: mailbox.mbox, key: str) -> Opener:
    return lambda: box.get_file(key)  # type: ignore[return-value]


def _maildir(path: Path) -> Iterator[tuple[str, Opener]]:
    if not ((path / "cur").is_dir() and (path / "new").is_dir()):
        raise InputError(f"{path} is a folder but not a Maildir (no cur/ and new/ in it)",
                         hint="give a Maildir folder, an mbox file or .eml files")  # fmt: skip
    box = mailbox.Maildir(path, factory=None, create=False)
    for key in sorted(box.keys()):
        yield f"{path}:{key}", _maildir_opener(box, key)


def _maildir_opener(box: mailbox.Maildir, key: str) -> Opener:
    return lambda: box.get_file(key)  # type: ignore[return-value]
