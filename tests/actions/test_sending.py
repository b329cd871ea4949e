"""An email the SMTP server accepted just before rights was killed is never a silent draft:
the next run says it may have been sent (and does not send it again) until the case gets
an event. A real loopback SMTP server kills the sending child with SIGKILL on DATA."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys

import pytest

from rights.actions.sending import unsure_sends
from rights.profile import profiles
from rights.store import cases_repo
from tests.conftest import PASSPHRASE, REPO, Inbox, _free_port


class KillingInbox(Inbox):
    """Keeps the message (the server accepted it), then kills the client before it hears so."""

    victim: int | None = None

    async def handle_DATA(self, server, session, envelope):
        reply = await super().handle_DATA(server, session, envelope)
        if self.victim is not None:
            os.kill(self.victim, signal.SIGKILL)
        return reply


@pytest.fixture
def killing_server():
    from aiosmtpd.controller import Controller

    inbox = KillingInbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@pytest.fixture
def person(cli, passphrase_env):
    assert cli("init", "--key", "passphrase").code == 0
    r = cli(
        "profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
        "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE",
    )  # fmt: skip
    assert r.code == 0, r.err
    return cli


def _child_env(home, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_PASSPHRASE")}
    env.update(RIGHTS_HOME=str(home), RIGHTS_PASSPHRASE=PASSPHRASE, PYTHONPATH=str(REPO),
               PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", TMPDIR=str(tmp_path))  # fmt: skip
    return env


def _send_in_a_child(home, tmp_path, inbox):
    argv = [sys.executable, "-m", "rights", "request", "new", "--company", "acxiom",
            "--right", "access", "--lang", "en", "--send", "--yes"]  # fmt: skip
    child = subprocess.Popen(argv, env=_child_env(home, tmp_path), stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)  # fmt: skip
    inbox.victim = child.pid
    try:
        _, err = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
    return child.returncode, err.decode()


def test_an_email_accepted_before_a_kill_is_reported_not_resent(
    person, home, tmp_path, killing_server
):
    inbox, port = killing_server
    r = person("config", "smtp", "--host", "127.0.0.1", "--port", str(port), "--security", "none")
    assert r.code == 0, r.err
    code, err = _send_in_a_child(home, tmp_path, inbox)
    assert code == -signal.SIGKILL, err
    (message,) = inbox.messages
    ref = re.search(r"R-[0-9A-Z]{4}", str(message["Subject"])).group(0)

    later = person("request", "new", "--company", "google", "--right", "access", "--via", "text")
    assert later.code == 0, later.err
    (warning,) = [line for line in later.err.splitlines() if "may have been sent" in line]
    assert warning.startswith(f"warning: {ref}: may have been sent")
    assert "check your sent folder" in warning and f"rights log {ref} sent" in warning
    assert len(inbox.messages) == 1  # never resent by itself
    due = person("due")
    assert due.code == 0 and f"warning: {ref}: may have been sent" in due.err
    with profiles.open_store(home, "default") as store:
        case = cases_repo.get_case(store.conn, ref)
        assert case is not None and case.status == "draft"

    assert person("log", ref, "sent", "--date", "2026-11-26").code == 0
    after = person("request", "new", "--company", "google", "--right", "access", "--via", "text")
    assert after.code == 0 and "may have been sent" not in after.err


def test_a_sent_or_refused_email_leaves_no_marker(person, home, smtp_server):
    inbox, port = smtp_server
    assert person("config", "smtp", "--host", "127.0.0.1", "--port", str(port),
                  "--security", "none").code == 0  # fmt: skip
    sent = person("request", "new", "--company", "acxiom", "--right", "access", "--send", "--yes")
    assert sent.code == 0, sent.err
    assert person("companies", "add", "--name", "Refusing Ltd", "--email",
                  "privacy@refused.example", "--country", "DE").code == 0  # fmt: skip
    refused = person("request", "new", "--company", "refusing", "--right", "access",
                     "--send", "--yes")  # fmt: skip
    assert refused.code == 10, refused.err
    assert len(inbox.messages) == 1
    with profiles.open_store(home, "default") as store:
        assert unsure_sends(store.conn) == []
