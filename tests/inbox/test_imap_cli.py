"""rights config imap / config show / inbox sync through the CLI, and the two things a
configured mailbox adds to sending: the copy in the Sent folder and the threading headers
(In-Reply-To / References) of follow-ups to the company. Real SMTP (aiosmtpd), real
Dovecot, real store."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest

from tests.helpers.dovecot import (
    Dovecot,
    dovecot_fixture,  # noqa: F401 (the fixture `dovecot`)
)
from tests.helpers.followup import smtp


@pytest.fixture
def zofia(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Nowak", "--email", "zofia@example.org",
            "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def configure(cli, server: Dovecot, monkeypatch, *extra: str, password: str | None = None):
    monkeypatch.setenv("RIGHTS_IMAP_PASSWORD", password or server.password)
    return cli("config", "imap", "--host", "127.0.0.1", "--port", str(server.tls_port),
               "--user", server.user, "--cafile", str(server.cafile), *extra)  # fmt: skip


def test_config_imap_keeps_the_password_out_of_the_settings(zofia, dovecot, monkeypatch,
                                                            memory_keyring, home):  # fmt: skip
    r = configure(zofia, dovecot, monkeypatch)
    assert r.code == 0, r.err
    assert "password: the OS keyring" in r.err
    shown = json.loads(zofia("config", "show", "--json").out)
    assert shown["imap"]["host"] == "127.0.0.1" and shown["imap"]["security"] == "tls"
    assert shown["imap"]["folder"] == "INBOX" and shown["imap"]["password"] == "in the OS keyring"
    assert shown["smtp"] is None
    assert dovecot.password not in json.dumps(shown)
    assert dovecot.password in memory_keyring.entries.values()
    text = zofia("config", "show")
    assert "imap host" in text.out and dovecot.password not in text.out
    for path in home.rglob("*"):
        if path.is_file():
            assert dovecot.password.encode() not in path.read_bytes(), path


def test_without_a_keyring_the_password_goes_to_the_store(zofia, dovecot, monkeypatch,
                                                          no_keyring):  # fmt: skip
    r = configure(zofia, dovecot, monkeypatch)
    assert r.code == 0 and "the encrypted store" in r.err
    monkeypatch.delenv("RIGHTS_IMAP_PASSWORD")
    done = zofia("inbox", "sync", "--json")
    assert done.code == 0, done.err
    assert json.loads(done.out)["complete"] is True


def test_bad_settings_are_refused(zofia, monkeypatch, tmp_path):
    monkeypatch.setenv("RIGHTS_IMAP_PASSWORD", "x")
    plain = zofia("config", "imap", "--host", "imap.example.org", "--user", "zofia",
                  "--security", "none")  # fmt: skip
    assert plain.code == 3 and "plaintext IMAP to imap.example.org is refused" in plain.err
    bad = zofia("config", "imap", "--host", "imap.example.org", "--user", "zofia",
                "--security", "ssl")  # fmt: skip
    assert bad.code == 3 and "security" in bad.err
    folder = zofia("config", "imap", "--host", "imap.example.org", "--user", "zofia",
                   "--folder", 'In"box')  # fmt: skip
    assert folder.code == 3 and "folder" in folder.err
    ca = zofia("config", "imap", "--host", "imap.example.org", "--user", "zofia",
               "--cafile", str(tmp_path / "missing.pem"))  # fmt: skip
    assert ca.code == 3 and "--cafile" in ca.err
    monkeypatch.delenv("RIGHTS_IMAP_PASSWORD")
    monkeypatch.setattr("sys.stdin.isatty", lambda: False, raising=False)
    none = zofia("config", "imap", "--host", "imap.example.org", "--user", "zofia")
    assert none.code == 3 and "no IMAP password given" in none.err
    assert "never the command line" in none.err
    assert json.loads(zofia("config", "show", "--json").out)["imap"] is None


def test_sync_without_a_mailbox_and_bad_options(zofia):
    r = zofia("inbox", "sync")
    assert r.code == 3 and "no IMAP mailbox set up" in r.err and "rights config imap" in r.err
    assert zofia("inbox", "sync", "--since", "yesterday").code == 3
    assert zofia("inbox", "sync", "--move-to", 'a"b').code == 3


def test_a_server_that_is_gone_is_a_delivery_error(zofia, dovecot, monkeypatch):
    assert configure(zofia, dovecot, monkeypatch).code == 0
    dovecot.process.terminate()
    dovecot.process.wait(timeout=10)
    r = zofia("inbox", "sync")
    assert r.code == 10 and "IMAP 127.0.0.1" in r.err and "unexpected" not in r.err


def test_a_sent_request_is_copied_to_sent_and_followups_thread_on_it(
    zofia, dovecot, smtp_server, monkeypatch, tmp_path
):
    inbox, port = smtp_server
    smtp(zofia, port)
    assert configure(zofia, dovecot, monkeypatch).code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    r = zofia("request", "new", "--company", "acxiom", "--right", "access", "--lang", "en",
              "--send", "--yes", "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    (request,) = inbox.messages
    request_id = request["Message-ID"]
    (uid,) = dovecot.uids("Sent")
    copy, flags = dovecot.fetch("Sent", uid)
    assert b"\\Seen" in flags
    assert copy.rstrip(b"\r\n") == inbox.envelopes[0].content.rstrip(b"\r\n")  # type: ignore[attr-defined]
    assert message_from_bytes(copy, policy=policy.default)["Message-ID"] == request_id
    assert request["In-Reply-To"] is None
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    assert zofia("followup", req["ref"], "--send", "--yes").code == 0
    reminder = inbox.messages[-1]
    assert reminder["In-Reply-To"] == request_id and reminder["References"] == request_id
    assert reminder["Message-ID"] != request_id
    assert len(dovecot.uids("Sent")) == 2
    out = tmp_path / "letters"
    assert (
        zofia("reply", req["ref"], "--to", "id-copy", "--via", "eml", "--out", str(out)).code == 0
    )
    (answer,) = out.glob("*.eml")
    parsed = message_from_bytes(answer.read_bytes(), policy=policy.default)
    assert parsed["In-Reply-To"] == request_id
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-10")
    regulator = tmp_path / "regulator"
    r = zofia("escalate", req["ref"], "--via", "eml", "--out", str(regulator), "--lang", "en")
    assert r.code == 0, r.err
    (complaint,) = (p for p in regulator.glob("*.eml") if "evidence" not in p.name)
    to_regulator = message_from_bytes(complaint.read_bytes(), policy=policy.default)
    assert to_regulator["In-Reply-To"] is None  # another recipient: no thread of theirs


def test_a_mailbox_that_refuses_the_copy_does_not_undo_the_sending(
    zofia, dovecot, smtp_server, monkeypatch
):
    inbox, port = smtp_server
    smtp(zofia, port)
    assert configure(zofia, dovecot, monkeypatch, password="wrong").code == 0
    r = zofia("request", "new", "--company", "acxiom", "--right", "access", "--lang", "en",
              "--send", "--yes", "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    assert req["status"] == "sent" and len(inbox.messages) == 1
    assert "no copy in your Sent folder" in r.err + r.out
    assert dovecot.uids("Sent") == []


def test_a_reply_in_the_mailbox_becomes_an_event_and_a_second_sync_imports_nothing(
    zofia, dovecot, monkeypatch, home: Path
):
    """The acceptance test end to end: IMAP fetch, the import, the second sync."""
    r = zofia("request", "new", "--company", "acxiom", "--right", "access", "--lang", "en",
              "--json")  # fmt: skip
    ref = json.loads(r.out)[0]["ref"]
    assert zofia("log", ref, "sent").code == 0
    secret = "Your file number is 4711-SECRET"
    dovecot.deliver(
        (f"From: privacy@acxiom.com\r\nTo: zofia@example.org\r\nSubject: Re: {ref}\r\n"
         f"Date: Thu, 26 Nov 2026 10:00:00 +0000\r\nMessage-ID: <a1@acxiom.com>\r\n\r\n"
         f"{secret}\r\n").encode()
    )  # fmt: skip
    dovecot.deliver(b"From: x@shop.example\r\nSubject: Sale!\r\n\r\nbuy\r\n")
    assert configure(zofia, dovecot, monkeypatch).code == 0
    first = zofia("inbox", "sync", "--json")
    assert first.code == 0, first.err
    done = json.loads(first.out)
    assert done["fetched"] == 1 and len(done["import"]["matched"]) == 1
    events = json.loads(zofia("show", ref, "--json").out)["events"]
    assert [e["kind"] for e in events] == ["sent", "replied"]
    second = json.loads(zofia("inbox", "sync", "--json").out)
    assert second["fetched"] == 0
    assert len(json.loads(zofia("show", ref, "--json").out)["events"]) == 2
    for path in home.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path


def test_deleting_the_profile_removes_the_imap_password(cli, memory_keyring, monkeypatch):
    monkeypatch.setenv("RIGHTS_IMAP_PASSWORD", "imap secret")
    assert cli("init").code == 0
    assert cli("config", "imap", "--host", "imap.example.org", "--user", "ada").code == 0
    assert "imap secret" in memory_keyring.entries.values()
    assert cli("profile", "delete", "default", "--yes").code == 0
    assert memory_keyring.entries == {}


def test_sync_says_what_it_found_in_words(zofia, dovecot, monkeypatch):
    dovecot.deliver(b"From: x@shop.example\r\nSubject: Sale!\r\n\r\nbuy\r\n")
    assert configure(zofia, dovecot, monkeypatch).code == 0
    r = zofia("inbox", "sync", "--dry-run")
    assert r.code == 0, r.err
    assert "INBOX: 0 message(s) name a case's reference" in r.out
    assert "would import 0" in r.out and "dry run: nothing was recorded" in r.err
    assert dovecot.uids("INBOX") == [1]
