"""Checking a store's write-ahead log (``<store>-wal``) before SQLite recovers it.

After a crash the log holds committed changes not yet copied into the store file. When a
store is opened and no process has it open, SQLite "recovers" the log: it keeps the
frames up to the first one whose checksum fails and silently drops the rest. A damaged
log (a flipped byte, a cut tail, a zeroed header) would so lose committed changes while
the store itself checks sound. This module reads the log the way SQLite's file format
documents it, before that happens, and names the damage.

SQLCipher encrypts page contents only: the 32-byte log header, the 24-byte frame headers
and their cumulative checksums are SQLite's own, computed over the encrypted frames. The
index (``<store>-shm``, left behind by a crash) says how many frames were committed; a log
that now holds fewer is damaged too. Nothing here changes a file.
"""

from __future__ import annotations

import struct
import sys
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rights.errors import StoreDamagedError

_MAGIC = (0x377F0682, 0x377F0683)
_VERSION = 3007000
_HEADER = 32
_FRAME_HEADER = 24
_SHM_HEADER = 48
_SHM_NEEDED = 2 * _SHM_HEADER + 4  # two header copies, then nBackfill


def wal_file(store_path: Path) -> Path:
    """The write-ahead log of the store file ``store_path``."""
    return store_path.with_name(store_path.name + "-wal")


def shm_file(store_path: Path) -> Path:
    """The shared-memory index of the store file ``store_path``."""
    return store_path.with_name(store_path.name + "-shm")


def _checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    words = array("I")
    words.frombytes(data)
    if big_endian != (sys.byteorder == "big"):
        words.byteswap()
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & 0xFFFFFFFF
        s1 = (s1 + words[i + 1] + s0) & 0xFFFFFFFF
    return s0, s1


@dataclass(frozen=True)
class _Header:
    big_endian: bool
    page_size: int
    salts: bytes
    checksum: tuple[int, int]


def _header(data: bytes) -> _Header | None:
    if len(data) < _HEADER:
        return None
    magic, version, page_size, _, _, _, c0, c1 = struct.unpack(">8I", data[:_HEADER])
    if magic not in _MAGIC or version != _VERSION:
        return None
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return None
    big = magic == _MAGIC[1]
    if _checksum(data[:24], 0, 0, big) != (c0, c1):
        return None
    return _Header(big, page_size, data[16:24], (c0, c1))


@dataclass(frozen=True)
class _Frames:
    recovered: int  # the frames SQLite will keep: up to the last commit before a break
    first_bad: int | None  # 1-based number of the first frame that fails
    committed_after_break: int | None  # a sound commit frame after that break


def _frames(fh: BinaryIO, header: _Header) -> _Frames:
    read = fh.read
    seed, number, recovered = header.checksum, 0, 0
    first_bad: int | None = None
    while True:
        head = read(_FRAME_HEADER)
        page = read(header.page_size)
        if len(head) < _FRAME_HEADER or len(page) < header.page_size:
            break
        number += 1
        pgno, commit, c0, c1 = struct.unpack(">2I", head[:8]) + struct.unpack(">2I", head[16:])
        sound = pgno != 0 and head[8:16] == header.salts
        if sound:
            s = _checksum(head[:8], *seed, header.big_endian)
            sound = _checksum(page, *s, header.big_endian) == (c0, c1)
        seed = (c0, c1)  # the chain goes on from the stored sums, sound or not
        if first_bad is None and not sound:
            first_bad = number
        elif first_bad is None and commit:
            recovered = number
        elif first_bad is not None and sound and commit:
            return _Frames(recovered, first_bad, number)
    return _Frames(recovered, first_bad, None)


def _index(store_path: Path) -> tuple[bytes, int, int] | None:
    """(salts, committed frames, frames already copied) from a sound ``-shm``, else None."""
    try:
        with open(shm_file(store_path), "rb") as fh:
            data = fh.read(_SHM_NEEDED)
    except OSError:
        return None
    if len(data) < _SHM_NEEDED or data[:_SHM_HEADER] != data[_SHM_HEADER : 2 * _SHM_HEADER]:
        return None
    order = "<" if sys.byteorder == "little" else ">"
    version, _, _, is_init, _, _, max_frame = struct.unpack(order + "3IBBH I", data[:20])
    if version != _VERSION or not is_init:
        return None
    expected = struct.unpack(order + "2I", data[40:48])
    if _checksum(data[:40], 0, 0, sys.byteorder == "big") != expected:
        return None
    (backfilled,) = struct.unpack(order + "I", data[96:100])
    return data[32:40], max_frame, backfilled


def problems(store_path: Path) -> list[str]:
    """What is wrong with the store's write-ahead log (empty: sound, or there is none)."""
    log = wal_file(store_path)
    index = _index(store_path)
    if not log.exists():
        if index and index[1] > index[2]:
            return [f"the write-ahead log is missing: {index[1] - index[2]} committed frames"]
        return []
    with open(log, "rb") as fh:
        start = fh.read(_HEADER)
        header = _header(start)
        if header is None:
            rest = fh.read(1 << 16)
            if start.strip(b"\0") or rest.strip(b"\0"):
                return ["the header of the write-ahead log is damaged"]
            return []
        frames = _frames(fh, header)
    found: list[str] = []
    if frames.committed_after_break is not None:
        found.append(
            f"frame {frames.first_bad} of the write-ahead log fails its checksum; "
            f"committed changes after it (up to frame {frames.committed_after_break}) "
            "would be lost"
        )
    if index and index[0] == header.salts and index[1] > max(frames.recovered, index[2]):
        found.append(
            f"the write-ahead log ends at frame {frames.recovered} but frame {index[1]} "
            "was committed: it is cut short or damaged"
        )
    return found


def check(store_path: Path, *, profile: str) -> None:
    """Raise StoreDamagedError if the store's write-ahead log is damaged."""
    found = problems(store_path)
    if found:
        raise damaged_error(profile, found[0])


def damaged_error(profile: str, problem: str) -> StoreDamagedError:
    """The error for a damaged write-ahead log, with the ways out."""
    return StoreDamagedError(
        f"store damaged: profile {profile!r}: {problem}",
        hint="nothing was changed. Restore a newer backup with 'rights store restore FILE "
        "--force', or keep what can be saved with 'rights store recover' (a copy of the "
        "damaged log is kept beside the store)",
    )
