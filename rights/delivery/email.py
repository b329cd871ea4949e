"""SMTP email: the message (``email.message.EmailMessage``) and the sending.

STARTTLS or implicit TLS; plaintext SMTP only to a loopback host (127.0.0.0/8, ::1,
localhost), refused before any connection is made. The password is passed in by the
caller, who keeps it in the keyring or the encrypted store.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rights.core import values as validate
from rights.delivery import Attachment, Options, Outcome, check_header
from rights.errors import DeliveryError, InputError

if TYPE_CHECKING:
    from rights.letters.context import Letter


class SmtpSettings(BaseModel):
    """How to reach the user's outgoing mail server (no password: that is kept apart)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    host: str = Field(min_length=1, max_length=253)
    port: int = Field(ge=1, le=65535)
    username: str | None = None
    security: Literal["starttls", "tls", "none"] = "starttls"
    timeout: float = Field(default=30.0, gt=0, le=600)
    cafile: str | None = Field(default=None, description="extra CA bundle (self-hosted servers)")

    @field_validator("host", "username")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        if value is not None and (value != value.strip() or any(c.isspace() for c in value)):
            raise ValueError("spaces and line breaks are not allowed")
        return value


def no_smtp_server() -> InputError:
    """The one error for email without an outgoing mail server set up."""
    return InputError("no SMTP server set up", hint="rights config smtp --host H --port P")


def is_loopback(host: str) -> bool:
    """True for ``localhost``, 127.0.0.0/8 and ::1 (no name lookup is made)."""
    name = host.strip().strip("[]").lower().rstrip(".")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def build_message(
    letter: Letter,
    *,
    sender_email: str,
    to: str | None = None,
    date: dt.datetime | None = None,
    attachments: tuple[Attachment, ...] = (),
) -> EmailMessage:
    """The letter as an email: From the sender, To the recipient, the reference code in
    the Subject, the body as UTF-8 text. Every header value is checked for CR/LF."""
    from email.headerregistry import Address
    from email.utils import format_datetime, make_msgid

    to_addr = to or letter.recipient.email
    if not to_addr:
        raise InputError(f"{letter.recipient.name} has no email address for this letter")
    check_header(letter.subject, "subject")
    check_header(letter.sender_name, "sender name")
    check_header(letter.recipient.name, "recipient name")
    sender = validate.email(check_header(sender_email, "sender email"))
    recipient = validate.email(check_header(to_addr, "recipient email"))
    msg = EmailMessage()
    s_local, _, s_domain = sender.rpartition("@")
    r_local, _, r_domain = recipient.rpartition("@")
    msg["From"] = Address(display_name=letter.sender_name, username=s_local, domain=s_domain)
    msg["To"] = Address(display_name=letter.recipient.name, username=r_local, domain=r_domain)
    msg["Subject"] = letter.subject
    msg["Date"] = format_datetime(date or dt.datetime.now(dt.UTC))
    msg["Message-ID"] = make_msgid(idstring=letter.ref, domain=s_domain)
    msg["Content-Language"] = letter.lang
    msg.set_content(letter.body)
    for item in attachments:
        check_header(item.filename, "attachment name")
        maintype, _, subtype = item.mime_type.partition("/")
        msg.add_attachment(
            item.data, maintype=maintype, subtype=subtype or "octet-stream", filename=item.filename
        )
    return msg


def send_email(settings: SmtpSettings, password: str | None, message: EmailMessage) -> None:
    """Send ``message`` through the server in ``settings``.

    Raises InputError before connecting when plaintext SMTP is asked for a host that is not
    loopback, or a username has no password; DeliveryError for anything the server or the
    network refuses (the caller keeps the request a draft).
    """
    if settings.security == "none" and not is_loopback(settings.host):
        raise InputError(
            f"plaintext SMTP to {settings.host} is refused: it would expose the password "
            "and the letter",
            hint="use --security starttls or tls (plaintext is allowed only to localhost)",
        )
    if settings.username and password is None:
        raise InputError(f"no SMTP password for {settings.username}@{settings.host}")
    import smtplib
    import ssl

    where = f"{settings.host}:{settings.port}"
    try:
        context = ssl.create_default_context(cafile=settings.cafile)
        with _connect(settings, context) as smtp:
            if settings.security == "starttls":
                smtp.ehlo()
                smtp.starttls(context=context)
                smtp.ehlo()
            if settings.username:
                smtp.login(settings.username, password or "")
            refused = smtp.send_message(message)
    except smtplib.SMTPAuthenticationError:
        raise DeliveryError(
            f"SMTP {where}: login refused", hint="check the username and password"
        ) from None
    except smtplib.SMTPRecipientsRefused as exc:
        addrs = ", ".join(exc.recipients)
        raise DeliveryError(f"SMTP {where}: recipient refused: {addrs}") from None
    except smtplib.SMTPNotSupportedError:
        raise DeliveryError(
            f"SMTP {where}: the server does not offer STARTTLS", hint="try --security tls"
        ) from None
    except (smtplib.SMTPException, OSError) as exc:
        raise DeliveryError(f"SMTP {where}: {exc or type(exc).__name__}") from None
    if refused:
        raise DeliveryError(f"SMTP {where}: recipient refused: {', '.join(refused)}")


def _connect(settings: SmtpSettings, context: Any) -> Any:
    """An SMTP connection (implicit TLS for ``tls``; STARTTLS is the caller's)."""
    import smtplib

    if settings.security == "tls":
        return smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    return smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)


def message_for(letter: Letter, options: Options) -> EmailMessage:
    """The message of ``letter`` with the From, To, Date and attachments of ``options``."""
    if not options.sender_email:
        raise InputError("no sender email address for the From line")
    return build_message(
        letter,
        sender_email=options.sender_email,
        to=options.to,
        date=options.date,
        attachments=options.attachments,
    )


def deliver(letter: Letter, options: Options) -> Outcome:
    """Build the message and send it with ``options.smtp`` and ``options.password``."""
    if options.smtp is None:
        raise no_smtp_server()
    message = message_for(letter, options)
    send_email(options.smtp, options.password, message)
    return Outcome(
        channel="email",
        sent=True,
        details={"to": str(message["To"]), "message_id": str(message["Message-ID"])},
    )
