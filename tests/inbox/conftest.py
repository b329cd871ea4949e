"""Fixtures of the inbox tests: a Berlin profile whose GDPR request to Acxiom went out by
SMTP to a real server on loopback (aiosmtpd), so the case keeps its Message-ID."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from tests.helpers.followup import smtp


@dataclass
class Sent:
    """A request sent by email: its case reference and the message the server took."""

    ref: str
    message_id: str
    subject: str
    recipient: str


@pytest.fixture
def berlin(cli, passphrase_env, monkeypatch):
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    assert cli("init").code == 0
    r = cli(
        "profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
        "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE",
    )  # fmt: skip
    assert r.code == 0, r.err
    return cli


def send_request(cli, inbox, company: str = "acxiom") -> Sent:
    """Send a request by SMTP through the CLI; return what went out."""
    r = cli("request", "new", "--company", company, "--right", "access", "--lang", "en",
            "--send", "--yes", "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    message = inbox.messages[-1]
    return Sent(req["ref"], str(message["Message-ID"]), " ".join(str(message["Subject"]).split()),
                message["To"].addresses[0].addr_spec)  # fmt: skip


@pytest.fixture
def sent(berlin, smtp_server, monkeypatch) -> Sent:
    """An access request to Acxiom sent on 1 Oct 2026; today is 20 Oct 2026."""
    inbox, port = smtp_server
    smtp(berlin, port)
    done = send_request(berlin, inbox)
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-20")
    return done
