"""What the process itself keeps from leaking: no core dumps, not dumpable."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import REPO
from tests.helpers.children import wait_pid

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux)")


@linux
def test_a_rights_process_at_the_passphrase_prompt_writes_no_core(home):
    """A real ``rights init`` on a terminal, waiting for the passphrase: its limits say 0."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_PASSPHRASE")},
        "RIGHTS_HOME": str(home),
        "PYTHONPATH": str(REPO),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of its own
        os.execve(sys.executable, [sys.executable, "-m", "rights", "init"], env)
    seen = b""
    deadline = time.monotonic() + 30
    try:
        while b"Passphrase" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if ready:
                seen += os.read(fd, 1024)
        assert b"Passphrase" in seen
        with open(f"/proc/{pid}/limits", encoding="ascii") as limits:
            core = next(line for line in limits if line.startswith("Max core file size"))
        assert core.split()[4:6] == ["0", "0"], core  # soft and hard limit
    finally:
        os.kill(pid, signal.SIGKILL)
        wait_pid(pid)
        os.close(fd)


CHECK = """
import ctypes, resource
from rights.cli.main import disable_core_dumps
libc = ctypes.CDLL(None, use_errno=True)
print(resource.getrlimit(resource.RLIMIT_CORE), libc.prctl(3, 0, 0, 0, 0))
disable_core_dumps()
print(resource.getrlimit(resource.RLIMIT_CORE), libc.prctl(3, 0, 0, 0, 0))
"""


@linux
def test_the_start_up_turns_off_core_dumps_and_dumpability():
    """The same start-up function in a fresh child: PR_GET_DUMPABLE (3) turns 1 -> 0."""
    done = subprocess.run(
        [sys.executable, "-c", CHECK],
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert done.returncode == 0, done.stderr
    before, after = done.stdout.splitlines()
    assert before.endswith(" 1")  # dumpable to begin with
    assert after == "(0, 0) 0"
