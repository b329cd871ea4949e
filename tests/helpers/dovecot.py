"""A real IMAP server for the tests: Debian's Dovecot (package dovecot-imapd), started as a
throwaway instance on loopback ports with its own config, Maildir and passwd-file user.

Two listeners: ``port`` (plaintext IMAP that also offers STARTTLS) and ``tls_port``
(implicit TLS). The certificate is made here with openssl, signed by a CA made here too;
the client trusts it through ``cafile`` (the settings' test-only CA path), never by turning
certificate checks off. Start-up and shutdown have deadlines. When the dovecot binary is
missing the tests skip with the reason, except under CI, which installs it
(``scripts/test``) and where they fail instead.
"""

from __future__ import annotations

import contextlib
import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "ada"
PASSWORD = "imap test secret"
START_DEADLINE = 20.0
STOP_DEADLINE = 10.0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def dovecot_binary() -> str | None:
    """The dovecot binary, or None (the tests then skip)."""
    return shutil.which("dovecot") or (
        "/usr/sbin/dovecot" if os.access("/usr/sbin/dovecot", os.X_OK) else None
    )


@dataclass
class Dovecot:
    """A running server: where it listens, who logs in, the CA that signed its cert."""

    root: Path
    port: int
    tls_port: int
    cafile: Path
    process: subprocess.Popen[bytes]
    user: str = USER
    password: str = PASSWORD

    def client(self) -> imaplib.IMAP4:
        """A logged-in plaintext client (the test's own view of the mailbox)."""
        client = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        client.login(self.user, self.password)
        return client

    def deliver(self, raw: bytes, folder: str = "INBOX") -> int:
        """Put a message in ``folder`` (as a mail server would); return its UID."""
        with self.client() as client:
            if folder != "INBOX":
                client.create(folder)
            status, data = client.append(folder, "", None, raw)
            assert status == "OK", data
            code = data[0].decode() if isinstance(data[0], bytes) else str(data[0])
        return int(code.split("APPENDUID ")[1].split()[1].rstrip("]"))

    def uids(self, folder: str = "INBOX") -> list[int]:
        """The UIDs in ``folder``."""
        with self.client() as client:
            status, _ = client.select(f'"{folder}"', readonly=True)
            if status != "OK":
                return []
            _, data = client.uid("SEARCH", "ALL")
        return [int(n) for n in data[0].split()]

    def fetch(self, folder: str, uid: int) -> tuple[bytes, bytes]:
        """The raw message with UID ``uid`` in ``folder``, and its flags."""
        with self.client() as client:
            client.select(f'"{folder}"', readonly=True)
            _, data = client.uid("FETCH", str(uid), "(FLAGS BODY.PEEK[])")
        head, body = data[0]  # type: ignore[misc]
        return bytes(body), bytes(head)


def _make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A CA and a server certificate for localhost / 127.0.0.1 signed by it."""
    ca_key, ca_crt = folder / "ca.key", folder / "ca.crt"
    key, csr, crt, ext = (
        folder / "server.key",
        folder / "server.csr",
        folder / "server.crt",
        (folder / "server.ext"),
    )
    quiet = {"check": True, "capture_output": True, "timeout": 60}
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=rights test CA", "-keyout", ca_key, "-out", ca_crt,
         # Python 3.13 verifies strictly (VERIFY_X509_STRICT): a CA needs its key usage
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign",
         "-addext", "subjectKeyIdentifier=hash"],
        **quiet,
    )  # fmt: skip
    subprocess.run(
        ["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
         "-keyout", key, "-out", csr],
        **quiet,
    )  # fmt: skip
    ext.write_text(
        "basicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\n"
        "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n"
        "subjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n"
    )
    subprocess.run(
        ["openssl", "x509", "-req", "-in", csr, "-CA", ca_crt, "-CAkey", ca_key,
         "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", crt],
        **quiet,
    )  # fmt: skip
    return ca_crt, crt, key


def _accounts() -> tuple[str, str, int, int]:
    """(internal user, login user, mail uid, mail gid): the current user for everything,
    or, when the tests run as root, Debian's dovecot/dovenull accounts (dovecot refuses
    to run its processes as root)."""
    if os.geteuid() != 0:
        name = pwd.getpwuid(os.getuid()).pw_name
        return name, name, os.getuid(), os.getgid()
    internal = pwd.getpwnam("dovecot")
    return "dovecot", "dovenull", internal.pw_uid, internal.pw_gid


def _config(root: Path, port: int, tls_port: int, cert: Path, key: Path) -> str:
    internal, login, _, _ = _accounts()
    return f"""
base_dir = {root}/run
state_dir = {root}/state
instance_name = rights-test-{port}
protocols = imap
listen = 127.0.0.1
default_internal_user = {internal}
default_login_user = {login}
first_valid_uid = 1
log_path = {root}/dovecot.log
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = {root}/passwd
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""


def _wait_ready(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    """Wait until a login succeeds (the greeting comes before the auth process is ready)."""
    deadline = time.monotonic() + START_DEADLINE
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dovecot exited at start: {log.read_text(errors='replace')}")
        with (
            contextlib.suppress(OSError, imaplib.IMAP4.error),
            imaplib.IMAP4("127.0.0.1", port, timeout=2) as client,
        ):
            client.login(USER, PASSWORD)
            return
        time.sleep(0.05)
    raise RuntimeError(f"dovecot not ready after {START_DEADLINE:.0f} s: {log.read_text()}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_DEADLINE)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STOP_DEADLINE)


@contextlib.contextmanager
def running_dovecot() -> Iterator[Dovecot]:
    """Start a throwaway Dovecot; stop it and remove its folder afterwards."""
    binary = dovecot_binary()
    if binary is None:
        reason = "dovecot is not installed (apt-get install dovecot-imapd; scripts/test does)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)  # CI installs it: a skip there would hide the IMAP tests
        pytest.skip(reason)
    # Not the test's tmp_path: dovecot's own users must reach the Maildir, and pytest's
    # folders are private to the user running the tests.
    root = Path(tempfile.mkdtemp(prefix="rights-dovecot-"))
    process = None
    try:
        root.chmod(0o755)
        _, _, uid, gid = _accounts()
        for name in ("run", "state", "mail"):
            (root / name).mkdir()
            (root / name).chmod(0o755)  # whatever the umask: dovecot's users read them
        os.chown(root / "mail", uid, gid)
        cafile, cert, key = _make_certificates(root)
        (root / "passwd").write_text(
            f"{USER}:{{PLAIN}}{PASSWORD}:{uid}:{gid}::{root}/mail/{USER}::\n"
        )
        port, tls_port = _free_port(), _free_port()
        conf = root / "dovecot.conf"
        conf.write_text(_config(root, port, tls_port, cert, key))
        for readable in (conf, root / "passwd", cafile, cert):
            readable.chmod(0o644)
        process = subprocess.Popen([binary, "-F", "-c", str(conf)], stdin=subprocess.DEVNULL)
        _wait_ready(process, port, root / "dovecot.log")
        yield Dovecot(root=root, port=port, tls_port=tls_port, cafile=cafile, process=process)
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(name="dovecot")
def dovecot_fixture() -> Iterator[Dovecot]:
    """A running Dovecot with an empty mailbox (see :func:`running_dovecot`)."""
    with running_dovecot() as server:
        yield server


class DroppingProxy:
    """A loopback TCP proxy to ``port`` that cuts the connection in the middle of the
    server's ``occurrence``-th ``marker`` (e.g. the third message a FETCH sends): a server
    that drops the connection mid-sync, for real. Only the first connection is cut."""

    def __init__(self, port: int, marker: bytes, occurrence: int) -> None:
        self.target = port
        self.marker = marker
        self.occurrence = occurrence
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.cuts = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                client, _ = self.listener.accept()
                threading.Thread(target=self._pipe, args=(client,), daemon=True).start()

    def _cut_point(self, stream: bytes) -> int | None:
        at = -1
        for _ in range(self.occurrence):
            at = stream.find(self.marker, at + 1)
            if at < 0:
                return None
        return at + len(self.marker) + 16

    def _pipe(self, client: socket.socket) -> None:
        server = socket.create_connection(("127.0.0.1", self.target), timeout=10)
        cutting = self.cuts == 0
        stream = bytearray()

        def upstream() -> None:
            with contextlib.suppress(OSError):
                while data := client.recv(65536):
                    server.sendall(data)

        threading.Thread(target=upstream, daemon=True).start()
        with contextlib.suppress(OSError):
            while data := server.recv(65536):
                before = len(stream)
                stream.extend(data)
                cut = self._cut_point(bytes(stream)) if cutting else None
                if cut is not None:
                    client.sendall(bytes(stream[before:cut]))
                    self.cuts += 1
                    break
                client.sendall(data)
        for sock in (client, server):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self.listener.close()
