"""Delivery channels with real parts: an SMTP server on loopback, pdftotext, files on disk."""

from __future__ import annotations

import dataclasses
import datetime as dt
import email
import shutil
import ssl
import stat
import subprocess
from email import policy
from pathlib import Path

import pytest

from rights.delivery import CHANNELS, Attachment, Options, deliver
from rights.delivery.email import SmtpSettings, build_message, is_loopback, send_email
from rights.delivery.mailto import MAILTO_LIMIT, link
from rights.delivery.pdf import render_pdf
from rights.errors import ConflictError, DeliveryError, InputError
from rights.letters.context import Letter, Recipient
from rights.letters.render import render
from tests.conftest import Inbox, _free_port, pdf_text
from tests.helpers.letter_data import context

DATE = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def _letter(**extra: object) -> Letter:
    return render(context("gdpr", "de", "access", **extra))


def test_email_reaches_a_real_smtp_server(smtp_server):
    inbox, port = smtp_server
    letter = _letter(sender={"name": "Jürgen Groß", "email": "juergen@example.org"})
    settings = SmtpSettings(host="127.0.0.1", port=port, security="none")
    outcome = deliver(
        "email",
        letter,
        Options(smtp=settings, sender_email="juergen@example.org", date=DATE),
    )
    assert outcome.sent and outcome.channel == "email"
    (msg,) = inbox.messages
    assert msg["To"].addresses[0].addr_spec == "privacy@example.com"
    assert msg["To"].addresses[0].display_name == "Example Data GmbH"
    assert msg["From"].addresses[0].display_name == "Jürgen Groß"
    assert "R-7K3M" in msg["Subject"]
    assert msg["Subject"] == letter.subject
    assert msg["X-Unsent"] is None  # only a draft file is marked unsent
    body = msg.get_content()
    assert "Art. 15 DSGVO" in body
    assert "Art. 15 Abs. 1 lit. h DSGVO" in body
    assert "28. Dezember 2026" in body
    assert "Jürgen Groß" in body


def test_attachment_travels_with_the_email(smtp_server):
    inbox, port = smtp_server
    settings = SmtpSettings(host="localhost", port=port, security="none")
    msg = build_message(
        _letter(),
        sender_email="zofia@example.org",
        attachments=(Attachment("authorisation.pdf", b"%PDF-1.7 test"),),
    )
    send_email(settings, None, msg)
    (got,) = inbox.messages
    (part,) = list(got.iter_attachments())
    assert part.get_filename() == "authorisation.pdf"
    assert part.get_content() == b"%PDF-1.7 test"


def test_refused_recipient_is_a_delivery_error(smtp_server):
    _, port = smtp_server
    settings = SmtpSettings(host="127.0.0.1", port=port, security="none")
    with pytest.raises(DeliveryError, match="recipient refused"):
        deliver(
            "email",
            _letter(),
            Options(smtp=settings, sender_email="z@example.org", to="nobody@refused.example"),
        )


def test_unreachable_server_is_a_delivery_error():
    settings = SmtpSettings(host="127.0.0.1", port=_free_port(), security="none", timeout=5)
    with pytest.raises(DeliveryError, match=r"SMTP 127\.0\.0\.1"):
        deliver("email", _letter(), Options(smtp=settings, sender_email="z@example.org"))


@pytest.mark.parametrize("host", ["smtp.example.com", "10.0.0.1", "192.0.2.7", "::2"])
def test_plaintext_smtp_to_a_remote_host_is_refused_before_connecting(host, monkeypatch):
    import smtplib

    def no_connect(*args, **kwargs):
        raise AssertionError("must not connect")

    monkeypatch.setattr(smtplib.SMTP, "connect", no_connect)
    settings = SmtpSettings(host=host, port=25, security="none")
    with pytest.raises(InputError, match="plaintext SMTP"):
        send_email(settings, "secret", build_message(_letter(), sender_email="z@example.org"))


def test_loopback_hosts():
    for host in ("localhost", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "LOCALHOST."):
        assert is_loopback(host), host
    for host in ("localhost.example.com", "128.0.0.1", "example.org", "::2"):
        assert not is_loopback(host), host


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs openssl to make a cert")
def test_starttls_with_a_real_certificate(tmp_path):
    from aiosmtpd.controller import Controller

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
        timeout=60,
    )  # fmt: skip
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    inbox, port = Inbox(), _free_port()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, tls_context=server_ctx, require_starttls=True
    )
    controller.start()
    try:
        good = SmtpSettings(host="127.0.0.1", port=port, security="starttls", cafile=str(cert))
        send_email(good, None, build_message(_letter(), sender_email="z@example.org"))
        assert len(inbox.messages) == 1
        untrusted = SmtpSettings(host="127.0.0.1", port=port, security="starttls")
        with pytest.raises(DeliveryError):
            send_email(untrusted, None, build_message(_letter(), sender_email="z@example.org"))
        plain = SmtpSettings(host="127.0.0.1", port=port, security="none")
        with pytest.raises(DeliveryError):  # the server demands STARTTLS
            send_email(plain, None, build_message(_letter(), sender_email="z@example.org"))
    finally:
        controller.stop()


def test_username_without_password_is_refused():
    settings = SmtpSettings(host="127.0.0.1", port=25, username="ada")
    with pytest.raises(InputError, match="no SMTP password"):
        send_email(settings, None, build_message(_letter(), sender_email="z@example.org"))


def test_bad_smtp_settings():
    from pydantic import ValidationError

    for bad in (
        {"host": "smtp.example.com\r\n", "port": 25},
        {"host": "smtp.example.com", "port": 0},
        {"host": "smtp.example.com", "port": 25, "security": "ssl3"},
        {"host": "smtp.example.com", "port": 25, "extra": 1},
    ):
        with pytest.raises(ValidationError):
            SmtpSettings.model_validate(bad)


# ---------------------------------------------------------------- header injection


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"subject": "Access R-7K3M\r\nBcc: victim@example.org"}, "subject"),
        ({"subject": "Access R-7K3M\nX-Evil: 1"}, "subject"),
        ({"recipient": Recipient(name="ok", email="privacy@example.com")}, None),
        ({"sender": {"name": "Ada\nBcc: x@example.org", "email": "a@example.org"}}, "sender"),
    ],
)
def test_header_injection_is_refused(change, where):
    letter = dataclasses.replace(_letter(), **change)
    if where is None:  # the recipient model itself refuses line breaks
        from pydantic import ValidationError

        with pytest.raises(ValidationError):
            Recipient(name="Evil\r\nBcc: x@example.org", email="a@example.org")
        return
    with pytest.raises(InputError, match="header injection"):
        build_message(letter, sender_email="z@example.org")
    if where == "subject":
        with pytest.raises(InputError, match="header injection"):
            link(letter)


def test_header_injection_in_addresses_is_refused():
    with pytest.raises(InputError, match="header injection"):
        build_message(_letter(), sender_email="z@example.org\r\nBcc: x@example.org")
    with pytest.raises(InputError, match="header injection"):
        build_message(_letter(), sender_email="z@example.org", to="a@example.org\nCc: b@x.org")
    with pytest.raises(InputError, match="header injection"):
        build_message(
            _letter(),
            sender_email="z@example.org",
            attachments=(Attachment("a\r\n.pdf", b""),),
        )


# ---------------------------------------------------------------- files


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_eml_file_is_private_and_parses(tmp_path):
    outcome = deliver(
        "eml", _letter(), Options(out_dir=tmp_path, sender_email="z@example.org", date=DATE)
    )
    (path,) = outcome.files
    assert path == tmp_path / "R-7K3M.eml"
    assert _mode(path) == 0o600
    msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert "R-7K3M" in msg["Subject"]
    assert msg["Date"] == "Thu, 26 Nov 2026 09:30:00 +0000"
    assert msg["X-Unsent"] == "1"  # Outlook opens it as a draft to send
    assert "28. Dezember 2026" in msg.get_content()


def test_files_only_where_asked(tmp_path):
    with pytest.raises(InputError, match="output folder"):
        deliver("eml", _letter(), Options(sender_email="z@example.org"))
    with pytest.raises(InputError, match="does not exist"):
        deliver("pdf", _letter(), Options(out_dir=tmp_path / "nope"))
    deliver("text", _letter(), Options(out_dir=tmp_path))
    with pytest.raises(ConflictError):
        deliver("text", _letter(), Options(out_dir=tmp_path))
    deliver("text", _letter(), Options(out_dir=tmp_path, overwrite=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["R-7K3M.txt"]


def test_mailto_short_and_long(tmp_path):
    short = render(context("gdpr", "en", "withdraw-consent"))
    outcome = deliver("mailto", short, Options())
    assert outcome.url is not None and outcome.url.startswith("mailto:privacy@example.com?")
    assert len(outcome.url) <= MAILTO_LIMIT
    assert "R-7K3M" in outcome.url
    long = _letter()
    with pytest.raises(InputError, match="too long for a mailto"):
        deliver("mailto", long, Options())
    fell_back = deliver("mailto", long, Options(out_dir=tmp_path, sender_email="z@example.org"))
    assert fell_back.fallback == "eml" and fell_back.url is None
    assert "too long" in (fell_back.note or "")
    assert fell_back.files == (tmp_path / "R-7K3M.eml",)


def test_mailto_without_email_address():
    letter = dataclasses.replace(_letter(), recipient=Recipient(name="Paper Only Inc."))
    with pytest.raises(InputError, match="no email address"):
        deliver("mailto", letter, Options())


def test_webform_and_text():
    letter = _letter()
    outcome = deliver("webform", letter, Options(webform_url="https://example.com/privacy"))
    assert outcome.url == "https://example.com/privacy"
    assert outcome.text == letter.text
    with pytest.raises(InputError):
        deliver("webform", letter, Options(webform_url="javascript:alert(1)"))
    with pytest.raises(InputError, match="no web form"):
        deliver("webform", letter, Options())
    assert deliver("text", letter, Options()).text == letter.text


def test_registry():
    import importlib

    for name, module in CHANNELS.items():
        assert callable(importlib.import_module(module).deliver), name
    with pytest.raises(InputError, match="unknown channel"):
        deliver("fax", _letter(), Options())


# ---------------------------------------------------------------- PDF

NAMES = ["Zofia Łukasiewicz", "Jiří Dvořák", "Αλέξης Παπαδόπουλος", "Søren Ærø", "Jürgen Groß"]


def _page_size(path: Path) -> str:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, timeout=60)
    line = next(x for x in out.stdout.decode().splitlines() if x.startswith("Page size"))
    return line.split(":", 1)[1].strip()


pytestmark_pdf = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")


@pytestmark_pdf
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("name", NAMES)
def test_pdf_has_the_unicode_name_and_the_citation(tmp_path, paper, name):
    letter = render(
        context(
            "gdpr",
            "pl",
            "access",
            sender={"name": name, "email": "x@example.org", "address": ["Długa 5", "Kraków"]},
            recipient=Recipient(name=f"{name} Sp. z o.o.", address_lines=["ul. Ćmielowska 3"]),
        )
    )
    outcome = deliver(
        "pdf", letter, Options(out_dir=tmp_path, paper=paper, today=dt.date(2026, 11, 26))
    )
    (path,) = outcome.files
    assert _mode(path) == 0o600
    text = pdf_text(path)
    assert name in text
    assert f"{name} Sp. z o.o." in text
    assert "art. 15 RODO" in text
    assert "R-7K3M" in text
    assert "26 listopada 2026 r." in text
    size = _page_size(path)
    assert ("(A4)" in size) if paper == "a4" else ("(letter)" in size)


@pytestmark_pdf
def test_pdf_prints_markup_characters_as_text(tmp_path):
    letter = dataclasses.replace(
        _letter(), recipient=Recipient(name="#set page(width: 1pt) *bold* $x$ [a] \\ _u_")
    )
    path = tmp_path / "x.pdf"
    path.write_bytes(render_pdf(letter, "a4"))
    assert "#set page(width: 1pt) *bold* $x$ [a] \\ _u_" in pdf_text(path)
