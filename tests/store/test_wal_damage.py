"""A damaged write-ahead log is found before SQLite's recovery drops what follows the damage.

Real stores: a child process commits ten changes and kills itself (SIGKILL), so the log
and its index stay behind holding committed frames; the test then damages the log.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from rights.errors import StoreDamagedError
from tests.conftest import REPO

FRAME = 24 + 4096

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from rights.profile import profiles
    from rights.store import repo
    from rights.store.connect import transaction
    store = profiles.open_store(Path(sys.argv[1]), "default")
    for i in range(10):
        with transaction(store.conn):
            repo.set_setting(store.conn, f"k{i}", "v" * 300)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def _flip(data: bytes) -> bytes:
    at = 32 + FRAME + 24 + 100  # inside the page of frame 2
    return data[:at] + bytes([data[at] ^ 0x01]) + data[at + 1 :]


def _cut(data: bytes) -> bytes:
    return data[:-FRAME]


def _zero_header(data: bytes) -> bytes:
    return bytes(32) + data[32:]


DAMAGES: dict[str, Callable[[bytes], bytes]] = {
    "flipped byte in a frame": _flip,
    "truncated tail": _cut,
    "zeroed header": _zero_header,
}


def _crash_after_commits(home: Path) -> Path:
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(home)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    wal = home / "profiles" / "default" / "rights.db-wal"
    assert wal.stat().st_size > 5 * FRAME
    return wal


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_sound_log_left_by_a_crash_is_not_called_damaged(cli, home, passphrase_env):
    from rights.profile import profiles

    assert cli("init").code == 0
    _crash_after_commits(home)
    r = cli("store", "verify")
    assert r.code == 0, r.err
    with profiles.open_store(home, "default") as store:
        rows = dict(store.conn.execute("SELECT key, value FROM settings").fetchall())
    assert {f"k{i}" for i in range(10)} <= rows.keys()


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_log_is_reported_and_kept(cli, home, passphrase_env, damage):
    assert cli("init").code == 0
    wal = _crash_after_commits(home)
    wal.write_bytes(DAMAGES[damage](wal.read_bytes()))
    before = _digest(wal)

    verify = cli("store", "verify")
    assert verify.code == StoreDamagedError.exit_code, verify.out + verify.err
    assert "write-ahead log" in verify.out + verify.err
    shown = cli("profile", "show")
    assert shown.code == StoreDamagedError.exit_code
    assert "write-ahead log" in shown.err and "rights store recover" in shown.err
    assert _digest(wal) == before  # nothing was changed, nothing recovered away

    recovered = cli("store", "recover")
    assert recovered.code == 0, recovered.err
    kept = list(wal.parent.glob("rights.db-wal.damaged-*"))
    assert len(kept) == 1 and _digest(kept[0]) == before
    assert kept[0].stat().st_mode & 0o777 == 0o600
    assert cli("store", "verify").code == 0
    assert cli("profile", "show").code == 0
