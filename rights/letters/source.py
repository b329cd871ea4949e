"""Reading template files (``.j2``, ``family.json``) that must stay inside their folders.

A file the user put in ``<RIGHTS_HOME>/templates`` may be a symlink, or sit in a linked
folder; it is read only when its resolved path is inside the resolved user templates folder
or the shipped one (so a letter can never carry ``~/.ssh/id_ed25519`` to a company). The
resolved file is opened without following links, must be a regular file (a FIFO would block
for ever) and at most :data:`MAX_SOURCE_BYTES` long.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from pathlib import Path

from rights.errors import DataFileError

__all__ = ["MAX_SOURCE_BYTES", "bad_file_hint", "read_inside"]

MAX_SOURCE_BYTES = 1024 * 1024


def bad_file_hint(path: Path | str) -> str:
    """The hint of every bad-template error: the file to fix."""
    return f"fix or remove {path} (rights letters check tests your templates)"


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


def _bad(shown: str, path: Path, why: str) -> DataFileError:
    return DataFileError(f"{shown}: {path} {why}", hint=bad_file_hint(path))


def read_inside(path: Path, roots: Sequence[Path], shown: str) -> str:
    """The text of ``path``, refused (DataFileError) unless it resolves inside one of
    ``roots`` and is a regular UTF-8 file of at most :data:`MAX_SOURCE_BYTES`."""
    try:
        real = path.resolve(strict=True)
        allowed = [root.resolve() for root in roots]
    except (OSError, RuntimeError) as exc:  # a dangling or looping link
        raise _bad(shown, path, f"cannot be read: {exc}") from None
    if not _inside(real, allowed):
        raise _bad(shown, path, f"resolves outside the templates folder (to {real})")
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(real, flags)
    except OSError as exc:
        raise _bad(shown, path, f"cannot be read: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _bad(shown, path, "is not a regular file")
        data = handle.read(MAX_SOURCE_BYTES + 1)
    if len(data) > MAX_SOURCE_BYTES:
        raise _bad(shown, path, f"is longer than {MAX_SOURCE_BYTES // 1024} KiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _bad(shown, path, f"is not UTF-8: {exc}") from None
