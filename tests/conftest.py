"""Shared fixtures: every test gets an empty data folder, an in-memory keyring, a fixed
date, a pinned terminal width and no passphrase variables from the outside world."""

from __future__ import annotations

import email
import email.message
import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import policy
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from rights.cli.main import main

PASSPHRASE = "correct horse battery staple"
FIXED_TODAY = "2026-11-26"


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in a dict: a real backend class, no OS service."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.entries:
            raise PasswordDeleteError(username)
        del self.entries[(service, username)]


MEMORY_KEYRING = f"{MemoryKeyring.__module__}.{MemoryKeyring.__qualname__}"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    home = tmp_path / "home"
    monkeypatch.setenv("RIGHTS_HOME", str(home))
    monkeypatch.setenv("RIGHTS_TODAY", FIXED_TODAY)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    for name in (
        "RIGHTS_PASSPHRASE",
        "RIGHTS_PASSPHRASE_FILE",
        "RIGHTS_PASSPHRASE_COMMAND",
        "RIGHTS_NEW_PASSPHRASE",
        "RIGHTS_PROFILE",
        "RIGHTS_DEBUG",
    ):
        monkeypatch.delenv(name, raising=False)
    # The in-memory keyring protects nothing: rights accepts it only because the tests
    # opt in by name, as a user would for a backend of their choice.
    monkeypatch.setenv("RIGHTS_KEYRING_BACKEND_OK", MEMORY_KEYRING)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    """The in-memory keyring installed for this test."""
    backend = keyring.get_keyring()
    assert isinstance(backend, MemoryKeyring)
    return backend


@pytest.fixture
def no_keyring() -> None:
    """Make the OS keyring unavailable (the fail backend)."""
    from keyring.backends import fail

    keyring.set_keyring(fail.Keyring())


@pytest.fixture
def home() -> Path:
    """The data folder of this test (RIGHTS_HOME)."""
    return Path(os.environ["RIGHTS_HOME"])


@pytest.fixture
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> str:
    """Set RIGHTS_PASSPHRASE for this test; return it."""
    monkeypatch.setenv("RIGHTS_PASSPHRASE", PASSPHRASE)
    return PASSPHRASE


@dataclass
class Result:
    """What a CLI run gave: exit code, stdout, stderr."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run ``rights ARGS...`` in-process through the real error boundary."""

    def run(*args: str) -> Result:
        capsys.readouterr()
        code = main(list(args))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


REPO = Path(__file__).resolve().parents[1]


def pdf_text(path: Path) -> str:
    """The text of a PDF, read back by a real extractor (pdftotext, from poppler-utils)."""
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode()


_PEAK_WRAPPER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "print('peak-kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)


@pytest.fixture
def run_rights(home: Path, tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run ``python -m rights ARGS`` as a separate process: no terminal, stdin closed,
    no OS keyring (the fail backend), temp files confined to a folder of this test."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()

    def run(
        *args: str, env: dict[str, str] | None = None, timeout: float = 60, measure: bool = False
    ) -> subprocess.CompletedProcess[str]:
        full = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("RIGHTS_PASSPHRASE") and k != "PYTHON_KEYRING_BACKEND"
        }
        full.update(
            RIGHTS_HOME=str(home),
            TMPDIR=str(tmpdir),
            PYTHONPATH=str(REPO),
            PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        )
        full.update(env or {})
        argv = [sys.executable, "-m", "rights", *args]
        if measure:  # a fresh parent, so ru_maxrss is this command's own peak
            argv = [sys.executable, "-c", _PEAK_WRAPPER, *argv]
        done = subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            env=full,
            timeout=timeout,
            cwd=tmpdir,
        )
        if measure:
            head, _, last = done.stderr.rstrip("\n").rpartition("\n")
            done.peak_mb = int(last.split()[-1]) / 1024  # type: ignore[attr-defined]
            done.stderr = head + "\n" if head else ""
        return done

    return run


# --- a real SMTP server on loopback (aiosmtpd) ----------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    """An aiosmtpd handler keeping every message; refuses recipients at refused.example."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[object] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.endswith("@refused.example"):
            return "550 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()
