"""Header injection through RFC 2047 encoded words (issue 10, finding 1).

Python's header folding (3.11 before 3.11.10, 3.12 before 3.12.5) decodes an encoded word
such as ``=?utf-8?b?DQpCY2M6IHNweUBldmlsLmV4YW1wbGU=?=`` (CRLF + ``Bcc: spy@evil.example``)
and writes the result raw. Every route is refused at input time, and every message is
checked once more, serialised, before it is written or sent. Real parts: the CLI, the
encrypted store, files on disk and an SMTP server on loopback.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path

import pytest

from rights.delivery import Attachment, Options, deliver
from rights.delivery.email import SmtpSettings, build_message, check_message, send_email
from rights.errors import InputError
from rights.letters.context import Letter, Recipient
from rights.letters.render import render
from tests.helpers.letter_data import context

B_WORD = "=?utf-8?b?DQpCY2M6IHNweUBldmlsLmV4YW1wbGU=?="
Q_WORD = "=?utf-8?q?=0D=0ABcc:_spy@evil.example?="
PAYLOADS = pytest.mark.parametrize("payload", [B_WORD, Q_WORD], ids=["base64", "q"])
DATE = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def _letter() -> Letter:
    return render(context("gdpr", "en", "access"))


def _refused_everywhere(letter: Letter, out: Path, smtp_server: tuple[object, int]) -> None:
    """The letter is refused as an .eml (nothing written) and by SMTP (nothing received)."""
    inbox, port = smtp_server
    out.mkdir(exist_ok=True)
    with pytest.raises(InputError, match="header"):
        deliver("eml", letter, Options(out_dir=out, sender_email="zofia@example.org", date=DATE))
    assert list(out.iterdir()) == []
    settings = SmtpSettings(host="127.0.0.1", port=port, security="none")
    with pytest.raises(InputError, match="header"):
        deliver("email", letter, Options(smtp=settings, sender_email="zofia@example.org"))
    assert inbox.messages == []  # type: ignore[attr-defined]


# ------------------------------------------------------------------ input time, CLI routes


def _ready(cli, port: int) -> None:
    assert cli("init").code == 0
    assert cli("profile", "edit", "--full-name", "Zofia Nowak", "--email", "zofia@example.org",
               "--country", "DE").code == 0  # fmt: skip
    assert cli("config", "smtp", "--host", "127.0.0.1", "--port", str(port),
               "--security", "none").code == 0  # fmt: skip


def _no_mail_for(cli, slug: str, out: Path, inbox) -> None:
    """No request to ``slug`` can be written as an .eml or sent: nothing on disk or received."""
    out.mkdir()
    r = cli("request", "new", "--company", slug, "--right", "access", "--via", "eml",
            "--out", str(out))  # fmt: skip
    assert r.code != 0 and list(out.iterdir()) == []
    r = cli("request", "new", "--company", slug, "--right", "access", "--send", "--yes")
    assert r.code != 0 and inbox.messages == []


@PAYLOADS
def test_a_user_added_company_name_with_an_encoded_word_is_refused(
    cli, passphrase_env, tmp_path, smtp_server, payload
):
    inbox, port = smtp_server
    _ready(cli, port)
    r = cli("companies", "add", "--name", f"Evil {payload} Corp", "--email", "p@evil.example")
    assert r.code == 3 and "encoded word" in r.err, r.err
    hits = json.loads(cli("companies", "search", "evil corp", "--json").out)
    assert not [hit for hit in hits if hit["mine"]]
    r = cli("companies", "edit", "spokeo", "--name", payload)
    assert r.code == 3 and "encoded word" in r.err, r.err
    r = cli("companies", "add", "--name", "Evil Corp", "--email", f"{payload}@evil.example")
    assert r.code == 3, r.err
    _no_mail_for(cli, "evil-corp", tmp_path / "out", inbox)


@PAYLOADS
def test_companies_import_of_a_file_with_an_encoded_word_is_refused(
    cli, passphrase_env, tmp_path, smtp_server, payload
):
    inbox, port = smtp_server
    _ready(cli, port)
    fixture = Path(__file__).parents[1] / "fixtures" / "datenanfragen" / "companies"
    record = json.loads((fixture / "schufa.json").read_text())
    record.update(slug="evil-corp", name=f"Evil {payload}")
    path = tmp_path / "evil-corp.json"
    path.write_text(json.dumps(record))
    r = cli("companies", "import", str(path))
    assert r.code == 9 and "encoded word" in r.err, r.err
    assert "nothing imported" in r.err
    r = cli("companies", "show", "evil-corp")
    assert r.code == 4
    _no_mail_for(cli, "evil-corp", tmp_path / "out", inbox)


@PAYLOADS
def test_the_senders_full_name_with_an_encoded_word_is_refused(
    cli, passphrase_env, tmp_path, payload, smtp_server
):
    inbox, port = smtp_server
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", f"Zofia {payload}", "--email", "z@example.org")
    assert r.code == 3 and "encoded word" in r.err, r.err
    shown = json.loads(cli("profile", "show", "--json").out)
    assert payload not in json.dumps(shown)
    # with no name kept, no letter can be made either: nothing written, nothing sent
    assert cli("config", "smtp", "--host", "127.0.0.1", "--port", str(port),
               "--security", "none").code == 0  # fmt: skip
    r = cli("request", "new", "--company", "acxiom", "--right", "access", "--via", "eml",
            "--out", str(tmp_path))  # fmt: skip
    assert r.code != 0
    assert not list(tmp_path.glob("*.eml"))
    r = cli("request", "new", "--company", "acxiom", "--right", "access", "--send", "--yes")
    assert r.code != 0 and inbox.messages == []


# ------------------------------------------------------------------ build time, every header


@PAYLOADS
def test_a_subject_carrying_a_hostile_company_name_is_refused(tmp_path, smtp_server, payload):
    """An imported case brings its own subject: the builder refuses it by itself."""
    letter = dataclasses.replace(_letter(), subject=f"Access request to Evil {payload} R-7K3M")
    _refused_everywhere(letter, tmp_path / "out", smtp_server)


@PAYLOADS
@pytest.mark.parametrize("where", ["recipient name", "sender name", "recipient email"])
def test_every_header_value_is_checked_at_build_time(tmp_path, smtp_server, payload, where):
    letter = _letter()
    if where == "recipient name":
        recipient = Recipient(name=f"Evil {payload}", email="privacy@example.com")
        letter = dataclasses.replace(letter, recipient=recipient)
    elif where == "sender name":
        letter = dataclasses.replace(letter, sender={"name": payload, "email": "z@example.org"})
    else:
        recipient = Recipient(name="Evil", email=f"{payload}@example.com")
        letter = dataclasses.replace(letter, recipient=recipient)
    _refused_everywhere(letter, tmp_path / "out", smtp_server)


def test_an_attachment_name_with_an_encoded_word_is_refused():
    with pytest.raises(InputError, match="header"):
        build_message(
            _letter(),
            sender_email="zofia@example.org",
            attachments=(Attachment(f"{B_WORD}.pdf", b"%PDF-1.7"),),
        )


# ------------------------------------------------------------------ the serialised check


def test_the_header_block_check_catches_an_extra_header(smtp_server):
    inbox, port = smtp_server
    message = build_message(_letter(), sender_email="zofia@example.org", date=DATE)
    check_message(message)  # a message as built passes
    message["Bcc"] = "spy@evil.example"
    with pytest.raises(InputError, match="Bcc"):
        check_message(message)
    settings = SmtpSettings(host="127.0.0.1", port=port, security="none")
    with pytest.raises(InputError, match="Bcc"):
        send_email(settings, None, message)
    assert inbox.messages == []


def test_the_header_block_check_catches_a_decoded_encoded_word():
    """A message built by hand, past every input check: the Python bug itself is caught
    (on a patched Python the folding keeps the word encoded and the message passes)."""
    message = EmailMessage()
    message["From"] = Address(display_name=B_WORD, username="zofia", domain="example.org")
    message["To"] = Address(display_name="Example", username="privacy", domain="example.com")
    message["Subject"] = "Access R-7K3M"
    message["Date"] = "Thu, 26 Nov 2026 09:30:00 +0000"
    message["Message-ID"] = "<1@example.org>"
    message.set_content("Hello\n")
    data = message.as_bytes()
    if b"\nBcc:" not in data:
        pytest.skip("this Python keeps encoded words encoded when folding")
    with pytest.raises(InputError, match="header"):
        check_message(message)


def test_the_check_catches_a_duplicate_header():
    message = build_message(_letter(), sender_email="zofia@example.org", date=DATE)
    message["Content-Language"] = "fr"  # the message has one already
    with pytest.raises(InputError, match="Content-Language header appears twice"):
        check_message(message)
