"""Run ``RIGHTS_PASSPHRASE_COMMAND``: a deadline, a size limit, no wait on its children.

The command runs in a process group of its own, with no stdin and its stderr dropped. Its
output is read until end of file, or until the command itself has exited and nothing more
is waiting (a background child still holding stdout open is not waited for), within the
deadline
(``RIGHTS_PASSPHRASE_TIMEOUT`` seconds, default 30) and up to ``MAX_OUTPUT`` bytes. Then
the whole process group is killed.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time

from rights.errors import NoKeyError

TIMEOUT_VARIABLE = "RIGHTS_PASSPHRASE_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
MAX_OUTPUT = 4096
SOURCE = "RIGHTS_PASSPHRASE_COMMAND"


def timeout_seconds() -> float:
    """The deadline from ``RIGHTS_PASSPHRASE_TIMEOUT``, else 30 s; NoKeyError if bad."""
    raw = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not 0 < value <= 3600:
        raise NoKeyError(
            f"{TIMEOUT_VARIABLE}: {raw!r} is not a number of seconds between 0 and 3600"
        )
    return value


def run(argv: list[str]) -> bytes:
    """The command's output (raw bytes); NoKeyError when it fails, hangs or says too much."""
    timeout = timeout_seconds()
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except (OSError, ValueError) as exc:
        raise NoKeyError(f"{SOURCE} could not run: {exc}") from None
    deadline = time.monotonic() + timeout
    try:
        data = _read(proc, deadline, timeout)
        code = proc.wait(timeout=max(0.1, deadline - time.monotonic()))
    except subprocess.TimeoutExpired:
        raise NoKeyError(
            f"{SOURCE} did not finish within {timeout:g} seconds",
            hint=f"check the command; {TIMEOUT_VARIABLE} sets the limit",
        ) from None
    finally:
        _kill_group(proc)
    if code != 0:
        raise NoKeyError(f"{SOURCE} failed with exit code {code}")
    return data


def _read(proc: subprocess.Popen[bytes], deadline: float, timeout: float) -> bytes:
    import selectors

    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    data = b""
    with selectors.DefaultSelector() as selector:
        selector.register(fd, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise subprocess.TimeoutExpired(SOURCE, timeout)
            exited = proc.poll() is not None
            if not selector.select(0.05 if exited else min(left, 0.2)):
                if exited:
                    return data  # the command is done; a child may still hold the pipe
                continue
            chunk = os.read(fd, MAX_OUTPUT + 1)
            if not chunk:
                return data
            data += chunk
            if len(data) > MAX_OUTPUT:
                raise NoKeyError(f"{SOURCE} printed more than {MAX_OUTPUT} bytes")


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=5)
    if proc.stdout is not None:
        proc.stdout.close()
