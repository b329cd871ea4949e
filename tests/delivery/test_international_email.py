"""Internationalised addresses (RFC 6531): a Unicode domain goes out as punycode to any
server; a Unicode local part needs a server that offers SMTPUTF8, is refused clearly by one
that does not, and is written with UTF-8 headers in an .eml draft. Real aiosmtpd servers."""

from __future__ import annotations

import datetime as dt
import email
from collections.abc import Iterator
from email import policy

import pytest

from rights.core import values
from rights.delivery import Options, deliver
from rights.delivery.email import SmtpSettings, build_message, check_message, needs_smtputf8
from rights.errors import DeliveryError, InputError
from rights.letters.render import render
from tests.conftest import Inbox, _free_port
from tests.helpers.letter_data import context

DATE = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def _letter():
    return render(context("gdpr", "de", "access"))


@pytest.fixture(params=[True, False], ids=["smtputf8", "ascii-only"])
def server(request: pytest.FixtureRequest) -> Iterator[tuple[Inbox, int, bool]]:
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, enable_SMTPUTF8=request.param)
    controller.start()
    try:
        yield inbox, port, request.param
    finally:
        controller.stop()


def test_email_check_normalises_and_accepts_international_addresses():
    assert values.email("Anna.K@Example.COM") == "Anna.K@example.com"
    assert values.email("jörg@bücher.de") == "jörg@bücher.de"
    assert values.email("anna@BÜCHER.de") == "anna@bücher.de"
    info = values.email_info("anna@bücher.de")
    assert info.ascii_email == "anna@xn--bcher-kva.de"
    assert values.email_info("jörg@example.de").ascii_email is None  # needs SMTPUTF8


@pytest.mark.parametrize(
    "bad",
    [
        "a@b",
        "a..b@example.org",
        ".a@example.org",
        "a@-x.org",
        "no-at.example.org",
        "a@x.123",
        "a b@example.org",
        "=?utf-8?q?x?=@example.org",
        "a@example.org\nBcc: b@example.org",
    ],
)
def test_bad_addresses_are_refused_with_one_line(bad):
    with pytest.raises(InputError) as caught:
        values.email(bad)
    assert "\n" not in caught.value.message


def test_unicode_domain_goes_out_as_punycode_to_any_server(server):
    inbox, port, _ = server
    settings = SmtpSettings(host="127.0.0.1", port=port, security="none")
    outcome = deliver(
        "email",
        _letter(),
        Options(
            smtp=settings, sender_email="anna@bücher.de", to="datenschutz@müller.example", date=DATE
        ),
    )
    assert outcome.sent
    (envelope,) = inbox.envelopes
    assert envelope.mail_from == "anna@xn--bcher-kva.de"
    assert envelope.rcpt_tos == ["datenschutz@xn--mller-kva.example"]
    assert "SMTPUTF8" not in envelope.mail_options
    (msg,) = inbox.messages
    assert msg["To"].addresses[0].addr_spec == "datenschutz@xn--mller-kva.example"
    assert "@xn--bcher-kva.de>" in msg["Message-ID"]


def test_unicode_local_part_needs_smtputf8(server):
    inbox, port, offers_smtputf8 = server
    settings = SmtpSettings(host="127.0.0.1", port=port, security="none")
    options = Options(smtp=settings, sender_email="jörg@bücher.de", date=DATE)
    if not offers_smtputf8:
        with pytest.raises(DeliveryError, match="does not offer SMTPUTF8") as caught:
            deliver("email", _letter(), options)
        assert "jörg@bücher.de" in caught.value.message
        assert "nothing was sent" in caught.value.message
        assert inbox.messages == []
        return
    outcome = deliver("email", _letter(), options)
    assert outcome.sent
    (envelope,) = inbox.envelopes
    assert envelope.mail_from == "jörg@bücher.de"
    assert "SMTPUTF8" in envelope.mail_options
    # RFC 6532 headers are UTF-8: read them as text (the bytes parser would escape them)
    msg = email.message_from_string(envelope.content.decode("utf-8"), policy=policy.default)
    assert msg["From"].addresses[0].addr_spec == "jörg@bücher.de"
    assert "R-7K3M" in msg["Subject"]


def test_eml_draft_with_a_unicode_local_part_has_utf8_headers(tmp_path):
    outcome = deliver(
        "eml",
        _letter(),
        Options(out_dir=tmp_path, sender_email="jörg@bücher.de", date=DATE),
    )
    (path,) = outcome.files
    raw = path.read_bytes()
    head = raw.partition(b"\r\n\r\n")[0]
    (from_line,) = [line for line in head.split(b"\r\n") if line.startswith(b"From:")]
    assert from_line.endswith("<jörg@bücher.de>".encode())
    assert b"=?" not in from_line  # the address is never an encoded word
    msg = email.message_from_string(raw.decode("utf-8"), policy=policy.default)
    assert msg["From"].addresses[0].addr_spec == "jörg@bücher.de"
    assert msg["X-Unsent"] == "1"


def test_ascii_addresses_keep_ascii_headers():
    msg = build_message(_letter(), sender_email="zofia@example.org", date=DATE)
    assert not needs_smtputf8(msg)
    head = check_message(msg).partition(b"\r\n\r\n")[0]
    assert head.isascii()


def test_the_letter_language_is_a_header_of_the_message_with_or_without_attachments():
    from rights.delivery import Attachment

    for attachments in ((), (Attachment("authorisation.pdf", b"%PDF-1.7 x"),)):
        msg = build_message(
            _letter(), sender_email="zofia@example.org", date=DATE, attachments=attachments
        )
        parsed = email.message_from_bytes(check_message(msg), policy=policy.default)
        assert parsed["Content-Language"] == "de"
        assert all(part["Content-Language"] is None for part in parsed.iter_parts())
