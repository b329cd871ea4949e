"""A several-hundred-megabyte attachment round-trips byte for byte with bounded memory.

The file is generated streamed (never whole in memory); ``rights log --attach`` and
``rights attachment get`` run as child processes, each under a fresh wrapper so its peak RSS
(the wrapper's ru_maxrss of its one child) is its own, and must stay far below the file's size.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cases_cli import add_case
from tests.conftest import PASSPHRASE

SIZE_MB = int(os.environ.get("RIGHTS_BIG_ATTACHMENT_MB", "300"))
RSS_LIMIT_MB = 150


def blocks(total: int, size: int = 1024 * 1024) -> Iterator[bytes]:
    """Pseudo-random, incompressible blocks from a counter-mode hash: streamed, repeatable."""
    seed = hashlib.sha256(b"rights big attachment").digest()
    for n in range(0, total, size):
        chunk = b"".join(
            hashlib.sha512(seed + (n + i).to_bytes(8, "big")).digest()
            for i in range(0, min(size, total - n), 64)
        )
        yield chunk[: min(size, total - n)]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


@pytest.mark.skipif(sys.platform == "win32", reason="resource module")
def test_big_attachment_streams_in_and_out(
    run_rights: Callable[..., Any],
    passphrase_env: str,
    home: Path,
    tmp_path: Path,
) -> None:
    env = {"RIGHTS_PASSPHRASE": PASSPHRASE}
    r = run_rights("init", env=env)
    assert r.returncode == 0, r.stderr
    add_case(home, "R-BIGG")
    assert run_rights("log", "R-BIGG", "sent", "--date", "2026-11-02", env=env).returncode == 0
    big = tmp_path / "export.bin"
    total = SIZE_MB * 1024 * 1024 + 123
    digest = hashlib.sha256()
    with open(big, "wb") as fh:
        for block in blocks(total):
            digest.update(block)
            fh.write(block)
    expected = digest.hexdigest()
    r = run_rights(
        "log", "R-BIGG", "replied", "--attach", str(big), env=env, timeout=900, measure=True
    )
    assert r.returncode == 0, r.stderr
    assert f"attached export.bin ({total} bytes)" in r.stderr
    after_log = r.peak_mb
    big.unlink()  # the store holds the only copy now

    out = tmp_path / "back.bin"
    r = run_rights(
        "attachment", "get", "R-BIGG", "1", "--out", str(out), env=env, timeout=900, measure=True
    )
    assert r.returncode == 0, r.stderr
    after_get = r.peak_mb
    assert out.stat().st_size == total
    assert sha256_of(out) == expected
    print(
        f"\npeak RSS: log --attach {after_log:.0f} MB, attachment get {after_get:.0f} MB, "
        f"file {SIZE_MB} MB"
    )
    assert after_log < RSS_LIMIT_MB
    assert after_get < RSS_LIMIT_MB
    wal = home / "profiles" / "default" / "rights.db-wal"
    if wal.exists():
        assert wal.stat().st_size < 64 * 1024 * 1024  # batches, never the whole file
