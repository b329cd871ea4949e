"""Where bytes hit the disk: private folders and atomic, private file writes.

Every plain file rights writes goes through ``atomic_file`` (or ``atomic_write`` /
``write_chunks`` built on it): a temp file under a random name in the destination folder,
created with ``O_EXCL | O_NOFOLLOW`` and mode 0600, written, fsynced, renamed over the
destination, then the folder fsynced. A reader sees the old file or the whole new one; a
failure leaves the destination untouched and removes the temp file. The destination
folder is opened without following a symbolic link, and a link planted at the destination
is replaced, never written through. ``overwrite=False`` refuses an existing destination,
also when one appears while writing (the rename is then a hard link, which cannot replace).
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from rights.errors import ConflictError, InputError

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_TEMP_ATTEMPTS = 16


def exists_error(path: Path) -> ConflictError:
    """The one error for a destination that exists and may not be overwritten."""
    return ConflictError(f"{path} exists already", hint="use --force to overwrite it")


def refuse_existing(path: Path, *, overwrite: bool) -> None:
    """Raise ConflictError if ``path`` exists (or is a dangling link) unless ``overwrite``."""
    if not overwrite and os.path.lexists(path):
        raise exists_error(path)


def _symlink_error(path: Path) -> InputError:
    return InputError(
        f"{path} is a symbolic link: refusing to write through it",
        hint="name the real folder instead of the link",
    )


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it 0700; return it.

    A symbolic link at ``path`` itself is refused (InputError), never followed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, PRIVATE_DIR)
    fd = _open_dir(path)
    try:
        os.fchmod(fd, PRIVATE_DIR)
    finally:
        os.close(fd)
    return path


def _open_dir(path: Path) -> int:
    """Open a folder for ``dir_fd`` use without following a link at its last component."""
    try:
        return os.open(path, os.O_RDONLY | _DIRECTORY | _NOFOLLOW)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR) and path.is_symlink():
            raise _symlink_error(path) from None
        if exc.errno == errno.ENOTDIR:
            raise InputError(f"{path} is not a folder") from None
        if exc.errno == errno.ENOENT:
            raise InputError(f"folder {str(path)!r} does not exist") from None
        raise


def _create_temp(dir_fd: int, name: str, mode: int) -> tuple[str, int]:
    """A new temp file beside ``name``: (its name, an fd open for writing)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW
    for _ in range(_TEMP_ATTEMPTS):
        temp = f".{name}.{secrets.token_hex(8)}.tmp"
        try:
            fd = os.open(temp, flags, mode, dir_fd=dir_fd)
        except FileExistsError:
            continue
        os.fchmod(fd, mode)
        return temp, fd
    raise FileExistsError(errno.EEXIST, "no free temp file name", name)


def _commit(dir_fd: int, temp: str, name: str, overwrite: bool, path: Path) -> None:
    """Move the finished temp file to ``name``: replace, or (no overwrite) hard-link."""
    if overwrite:
        os.replace(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        return
    try:
        os.link(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
    except FileExistsError:
        raise exists_error(path) from None
    except OSError as exc:  # a file system without hard links
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
        refuse_existing(path, overwrite=False)
        os.replace(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        return
    os.unlink(temp, dir_fd=dir_fd)


@contextlib.contextmanager
def _temp_beside(path: Path, overwrite: bool, mode: int) -> Iterator[tuple[int, str, int]]:
    """A new temp file beside ``path``: yields (folder fd, temp name, open temp fd). When the
    block ends normally the temp file becomes ``path`` (folder fsynced); else it is removed."""
    refuse_existing(path, overwrite=overwrite)
    dir_fd = _open_dir(path.parent)
    try:
        temp, fd = _create_temp(dir_fd, path.name, mode)
        try:
            yield dir_fd, temp, fd
            _commit(dir_fd, temp, path.name, overwrite, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp, dir_fd=dir_fd)
            raise
        _fsync_fd(dir_fd)
    finally:
        os.close(dir_fd)


@contextlib.contextmanager
def atomic_file(
    path: Path, *, overwrite: bool = True, mode: int = PRIVATE_FILE
) -> Iterator[BinaryIO]:
    """Yield a binary file whose content replaces ``path`` when the block ends normally.

    An exception in the block (a failed check, a full disk, Ctrl-C) removes the temp file
    and leaves ``path`` as it was. ``overwrite=False`` raises ConflictError if ``path``
    exists, before anything is written and again at the rename.
    """
    with _temp_beside(path, overwrite, mode) as (_, _, fd), os.fdopen(fd, "wb") as fh:
        yield fh
        fh.flush()
        os.fsync(fh.fileno())


@contextlib.contextmanager
def atomic_path(path: Path, *, overwrite: bool = True) -> Iterator[Path]:
    """Like ``atomic_file``, for a writer that needs a path (SQLCipher's export, a copy).

    Yields the path of a new, empty 0600 temp file beside ``path``; when the block ends
    normally the temp file is fsynced and renamed to ``path``, else removed.
    """
    with _temp_beside(path, overwrite, PRIVATE_FILE) as (dir_fd, temp, fd):
        os.close(fd)
        yield path.parent / temp
        fd = os.open(temp, os.O_RDONLY | _NOFOLLOW, dir_fd=dir_fd)
        try:
            os.fchmod(fd, PRIVATE_FILE)
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(
    path: Path, data: bytes, *, overwrite: bool = True, mode: int = PRIVATE_FILE
) -> Path:
    """Write ``data`` to ``path`` atomically (see ``atomic_file``); return ``path``."""
    with atomic_file(path, overwrite=overwrite, mode=mode) as fh:
        fh.write(data)
    return path


def write_chunks(path: Path, chunks: Iterable[bytes], *, overwrite: bool = True) -> int:
    """Stream ``chunks`` into ``path`` atomically (see ``atomic_file``); return the size."""
    size = 0
    with atomic_file(path, overwrite=overwrite) as fh:
        for block in chunks:
            fh.write(block)
            size += len(block)
    return size


def _fsync_fd(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.fsync(fd)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (after a rename) where the platform allows it."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        _fsync_fd(fd)
    finally:
        os.close(fd)


def remove_quietly(path: Path) -> None:
    """Delete a file if it exists."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
