"""Waiting for child processes with a deadline: a test whose child hangs fails, it never
blocks the suite (tests/test_child_deadlines.py checks every test uses a deadline)."""

from __future__ import annotations

import os
import signal
import time


def wait_pid(pid: int, timeout: float = 60) -> int:
    """The wait status of child ``pid``, once it ends within ``timeout`` seconds; otherwise
    the child is killed and the test fails with AssertionError."""
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return status
        if time.monotonic() >= deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise AssertionError(f"child {pid} still running after {timeout} s: killed")
        time.sleep(0.02)
