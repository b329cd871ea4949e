"""Re-render or resend an existing case (issue 12, point 9): ``rights request render REF``
writes the same letter through another channel (same ref, no new case) and ``rights request
send REF`` sends a draft through a real SMTP server on loopback; a bounced case goes again
by another channel. The store is reopened by every command."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import pytest

from tests.conftest import pdf_text


@pytest.fixture
def berliner(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
            "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def _draft(run) -> str:
    r = run("request", "new", "--company", "schufa", "--right", "access", "--lang", "en",
            "--json")  # fmt: skip
    assert r.code == 0, r.err
    return str(json.loads(r.out)[0]["ref"])


def test_render_writes_the_same_letter_through_each_channel_no_new_case(berliner, tmp_path):
    ref = _draft(berliner)
    body = json.loads(berliner("show", ref, "--json").out)["body"]
    for via in ("eml", "pdf", "text"):
        r = berliner("request", "render", ref, "--via", via, "--out", str(tmp_path), "--json")
        assert r.code == 0, r.err
        assert json.loads(r.out)["ref"] == ref
    message = email.message_from_bytes((tmp_path / f"{ref}.eml").read_bytes(),
                                       policy=policy.default)  # fmt: skip
    assert message["To"].addresses[0].addr_spec == "datenschutz@schufa.de"
    sent_body = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert sent_body.strip() == body.strip()
    pdf = pdf_text(tmp_path / f"{ref}.pdf")
    assert "Art. 15 GDPR" in pdf and "Musterstraße 1" in pdf
    assert (tmp_path / f"{ref}.txt").read_text().count("Art. 15 GDPR") >= 1
    listed = json.loads(berliner("list", "--json").out)
    assert [c["ref"] for c in listed] == [ref] and listed[0]["status"] == "draft"
    bad = berliner("request", "render", ref, "--via", "fax", "--out", str(tmp_path))
    assert bad.code == 3 and "eml, pdf, text, mailto" in bad.err
    missing = berliner("request", "render", "R-NONE", "--via", "text")
    assert missing.code == 4 and "rights list" in missing.err


def test_send_a_draft_through_a_real_smtp_server(berliner, smtp_server):
    inbox, port = smtp_server
    assert berliner("config", "smtp", "--host", "127.0.0.1", "--port", str(port),
                    "--security", "none").code == 0  # fmt: skip
    ref = _draft(berliner)
    r = berliner("request", "send", ref, "--yes", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["sent"] is True
    (message,) = inbox.messages
    assert ref in message["Subject"]
    assert message["To"].addresses[0].addr_spec == "datenschutz@schufa.de"
    shown = json.loads(berliner("show", ref, "--json").out)
    assert shown["status"] == "sent"
    again = berliner("request", "send", ref, "--yes")
    assert again.code == 8 and "not a draft" in again.err and len(inbox.messages) == 1


def test_a_bounced_case_goes_again_by_post(berliner, smtp_server, tmp_path):
    _inbox, port = smtp_server
    assert berliner("config", "smtp", "--host", "127.0.0.1", "--port", str(port),
                    "--security", "none").code == 0  # fmt: skip
    ref = _draft(berliner)
    assert berliner("request", "send", ref, "--yes").code == 0
    assert berliner("log", ref, "bounced").code == 0
    refused = berliner("request", "send", ref, "--yes")
    assert refused.code == 3 and "bounced" in refused.err
    r = berliner("request", "render", ref, "--via", "pdf", "--out", str(tmp_path), "--json")
    assert r.code == 0, r.err
    assert "Kormoranweg 5" in pdf_text(Path(json.loads(r.out)["files"][0]))
    assert [c["ref"] for c in json.loads(berliner("list", "--json").out)] == [ref]
