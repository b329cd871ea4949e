"""The profile lock: one lock file beside the store file, taken with ``flock``.

Every open of a store holds the lock SHARED for as long as the store is open (reads and
writes alike); ``store rekey`` and ``store restore`` hold it EXCLUSIVE for the whole
operation, so no other rights process has the old file open while it is replaced (a
write committed to the old file would be lost). Both wait a bounded time, then raise the
"in use" StoreError.

``flock`` locks belong to an open file, so one process opening the same store twice
would lock against itself; locks are therefore counted per process: a process that
already holds the lock (shared or exclusive) takes it again without waiting. The lock file
is ``<store>.lock`` (0600) in the profile's 0700 folder. A folder that cannot hold a lock
file (read-only) is opened without one: nobody can change the store there either.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from rights.errors import StoreError
from rights.files import PRIVATE_FILE

SHARED_WAIT_S = 30.0
EXCLUSIVE_WAIT_S = 30.0
_POLL_S = 0.01
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

Mode = Literal["shared", "exclusive"]


@dataclass
class _Held:
    fd: int | None
    mode: Mode
    count: int


_held: dict[str, _Held] = {}


def lock_file(store_path: Path) -> Path:
    """The lock file of the store file ``store_path``."""
    return store_path.with_name(store_path.name + ".lock")


def in_use_error() -> StoreError:
    """The one error for a store another rights process keeps open (or is replacing)."""
    return StoreError(
        "the store is in use by another rights process; try again",
        hint="wait for the other rights command to finish (or close the wizard), then retry",
    )


def _open(path: Path) -> int | None:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | os.O_CLOEXEC, PRIVATE_FILE)
    except OSError as exc:
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise
    try:  # a read-only folder: lock the file if it is there, else go without
        return os.open(path, os.O_RDONLY | _NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return None


def _flock(fd: int, mode: Mode, wait_s: float) -> None:
    """Take ``mode`` on ``fd`` within ``wait_s`` seconds, else raise the "in use" error."""
    operation = (fcntl.LOCK_SH if mode == "shared" else fcntl.LOCK_EX) | fcntl.LOCK_NB
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(fd, operation)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise in_use_error() from None
            time.sleep(_POLL_S)


def acquire(store_path: Path, mode: Mode, *, when_sole: Callable[[], None] | None = None) -> None:
    """Take the lock of ``store_path`` in ``mode`` (waiting a bounded time); count it.

    ``when_sole`` runs while no other rights process has the store open (the first
    shared open finds the lock free, or this process holds it exclusive): the moment to
    judge files other processes would otherwise be changing. A process that holds the
    lock shared and asks for exclusive is refused (it would wait on itself); every
    ``acquire`` needs one ``release``.
    """
    key = str(lock_file(store_path).absolute())
    held = _held.get(key)
    if held is not None:
        if mode == "exclusive" and held.mode == "shared":
            raise StoreError("internal error: the store is open while it is being replaced")
        if when_sole is not None and held.mode == "exclusive":
            when_sole()
        held.count += 1
        return
    fd = _open(lock_file(store_path))
    try:
        if fd is not None:
            _take(fd, mode, when_sole)
        elif when_sole is not None:
            when_sole()
    except BaseException:
        if fd is not None:
            os.close(fd)
        raise
    _held[key] = _Held(fd, mode, 1)


def _take(fd: int, mode: Mode, when_sole: Callable[[], None] | None) -> None:
    if mode == "exclusive":
        _flock(fd, "exclusive", EXCLUSIVE_WAIT_S)
        if when_sole is not None:
            when_sole()
        return
    if when_sole is not None:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pass  # others have it open: their write-ahead log is live, not ours to judge
        else:
            when_sole()
    _flock(fd, "shared", SHARED_WAIT_S)  # from exclusive: a conversion


def release(store_path: Path) -> None:
    """Give back one ``acquire`` of the lock of ``store_path``; unlock after the last."""
    key = str(lock_file(store_path).absolute())
    held = _held.get(key)
    if held is None:
        return
    held.count -= 1
    if held.count:
        return
    del _held[key]
    if held.fd is not None:
        os.close(held.fd)  # closing the file drops the flock


@contextlib.contextmanager
def held(
    store_path: Path, mode: Mode, *, when_sole: Callable[[], None] | None = None
) -> Iterator[None]:
    """Hold the lock of ``store_path`` in ``mode`` for the block (see ``acquire``)."""
    acquire(store_path, mode, when_sole=when_sole)
    try:
        yield
    finally:
        release(store_path)
