"""SMTP email: the message (``email.message.EmailMessage``) and the sending.

STARTTLS or implicit TLS; plaintext SMTP only to a loopback host (127.0.0.0/8, ::1,
localhost), refused before any connection is made. The password is passed in by the
caller, who keeps it in the keyring or the encrypted store.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import re
from email.message import EmailMessage
from typing import TYPE_CHECKING, Any, Literal, NoReturn

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rights.core import values as validate
from rights.delivery import Attachment, Options, Outcome, check_header
from rights.errors import DeliveryError, InputError

if TYPE_CHECKING:
    from email.headerregistry import Address

    from rights.letters.context import Letter


TOP_HEADERS = (
    "From",
    "Reply-To",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "In-Reply-To",
    "References",
    "Content-Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "X-Unsent",
)
"""The only header lines a message of ours may have, each at most once (``X-Unsent`` only
in an .eml draft)."""
REQUIRED_HEADERS = ("From", "To", "Subject", "Date", "Message-ID")
PART_HEADERS = ("Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "MIME-Version")
"""The only header lines of a part (the text, an attachment)."""
_HEADER_NAME = re.compile(rb"^([!-9;-~]+):")


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
    reply_to: str | None = None,
    in_reply_to: str | None = None,
) -> EmailMessage:
    """The letter as an email: From the sender, To the recipient, the reference code in
    the Subject, the body as UTF-8 text; ``reply_to`` (an agent's letter: the agent) as
    Reply-To; ``In-Reply-To``/``References`` of the message it follows up (the request).
    Every header value is checked for CR/LF."""
    from email.utils import format_datetime, make_msgid

    to_addr = to or letter.recipient.email
    if not to_addr:
        raise InputError(f"{letter.recipient.name} has no email address for this letter")
    check_header(letter.subject, "subject")
    check_header(letter.sender_name, "sender name")
    check_header(letter.recipient.name, "recipient name")
    msg = EmailMessage()
    sender, s_domain = _address(letter.sender_name, sender_email, "sender email")
    msg["From"] = _header("From", str(sender))
    if reply_to:
        answer, _ = _address(letter.sender_name, reply_to, "reply-to email")
        msg["Reply-To"] = _header("Reply-To", str(answer))
    recipient, _ = _address(letter.recipient.name, to_addr, "recipient email")
    msg["To"] = recipient
    if letter.subject.isascii():
        msg["Subject"] = letter.subject
    else:
        # Folded here, not by the email package: its folder drops or doubles the space
        # beside an encoded word on some subjects ("§", accents). Every word is encoded, so
        # the white space between encoded words carries no meaning and nothing shifts.
        msg.set_raw("Subject", encoded_words(letter.subject))
    msg["Date"] = _header("Date", format_datetime(date or dt.datetime.now(dt.UTC)))
    msg["Message-ID"] = make_msgid(idstring=letter.ref, domain=s_domain)
    if in_reply_to:
        thread = message_id(in_reply_to)
        msg["In-Reply-To"] = thread
        msg["References"] = thread
    msg.set_content(letter.body)
    for item in attachments:
        check_header(item.filename, "attachment name")
        maintype, _, subtype = item.mime_type.partition("/")
        msg.add_attachment(
            item.data, maintype=maintype, subtype=subtype or "octet-stream", filename=item.filename
        )
    # after the content: set_content and add_attachment drop or move Content-* headers
    msg["Content-Language"] = _header("Content-Language", letter.lang)
    return msg


@functools.lru_cache(maxsize=32)
def _header(name: str, value: str) -> Any:
    """The parsed header ``name: value``, parsed once for a batch: the sender, the date
    and the language repeat from letter to letter (a header object is immutable, and the
    message takes one as it is instead of parsing the text again)."""
    from email import policy

    return policy.default.header_factory(name, value)


def _address(display_name: str, value: str, field: str) -> tuple[Address, str]:
    """A header address and its domain in ASCII (for the Message-ID). An address whose
    local part is ASCII is written with its domain as punycode, so that every server takes
    it; one whose local part is not (RFC 6531) keeps its Unicode form, and the message is
    then written with UTF-8 headers (:func:`needs_smtputf8`)."""
    from email.headerregistry import Address

    info = validate.email_info(check_header(value, field))
    spec = info.ascii_email or info.normalized
    local, _, domain = spec.rpartition("@")
    return Address(display_name=display_name, username=local, domain=domain), info.ascii_domain


def needs_smtputf8(message: EmailMessage) -> bool:
    """True when an address of the message is internationalised (RFC 6531): the message is
    then written with UTF-8 headers and sent only to a server that offers SMTPUTF8."""
    for name in ("From", "Reply-To", "To"):
        header = message[name]
        if header is not None and any(not a.addr_spec.isascii() for a in header.addresses):
            return True
    return False


_MESSAGE_ID = re.compile(r"^<[!-;=?-~]+@[!-;=?-~]+>$")


def message_id(value: str) -> str:
    """A Message-ID to thread on (``<left@right>``, printable ASCII, one line), or
    InputError: it comes from the store, and a header may carry nothing else."""
    value = check_header(value.strip(), "Message-ID")
    if not _MESSAGE_ID.match(value):
        raise InputError(f"not a Message-ID to reply to: {value!r}")
    return value


def encoded_words(text: str, first_room: int = 66, room: int = 75) -> str:
    """``text`` as RFC 2047 Q-encoded UTF-8 words, one per line (lines joined by
    ``"\n "``, which the generator writes as CRLF + space), each line at most 78 characters
    with the header name. A character is never split across two words."""
    words: list[str] = []
    chunk: list[str] = []
    width = _Q_FRAME
    limit = first_room
    for char in text:
        encoded = _q_char(char)
        if width + len(encoded) > limit and chunk:
            words.append(_Q_START + "".join(chunk) + _Q_END)
            chunk, width, limit = [], _Q_FRAME, room
        chunk.append(encoded)
        width += len(encoded)
    words.append(_Q_START + "".join(chunk) + _Q_END)
    return "\n ".join(words)


_Q_START, _Q_END = "=?utf-8?q?", "?="
_Q_FRAME = len(_Q_START) + len(_Q_END)


def _q_char(char: str) -> str:
    """One character as it stands in a Q-encoded word (``_`` for a space)."""
    if char == " ":
        return "_"
    if char.isascii() and (char.isalnum() or char in "!*+-/"):
        return char
    return "".join(f"={byte:02X}" for byte in char.encode("utf-8"))


def _q_word(text: str) -> str:
    """One encoded word: ``=?utf-8?q?...?=`` with spaces as ``_``."""
    return _Q_START + "".join(_q_char(char) for char in text) + _Q_END


def send_email(settings: SmtpSettings, password: str | None, message: EmailMessage) -> str:
    """Send ``message`` through the server in ``settings``; return the server's reply to
    DATA (``250 ...``: the proof it took the message, often with its queue id).

    Raises InputError before connecting when plaintext SMTP is asked for a host that is not
    loopback, or a username has no password; DeliveryError for anything the server or the
    network refuses (the caller keeps the request a draft).
    """
    _refuse_before_connecting(settings, password)
    return _send_checked(settings, password, message, check_message(message))


def _refuse_before_connecting(settings: SmtpSettings, password: str | None) -> None:
    """InputError for plaintext SMTP to a host that is not loopback, or a username
    without a password."""
    if settings.security == "none" and not is_loopback(settings.host):
        raise InputError(
            f"plaintext SMTP to {settings.host} is refused: it would expose the password "
            "and the letter",
            hint="use --security starttls or tls (plaintext is allowed only to localhost)",
        )
    if settings.username and password is None:
        raise InputError(f"no SMTP password for {settings.username}@{settings.host}")


def _send_checked(
    settings: SmtpSettings, password: str | None, message: EmailMessage, data: bytes
) -> str:
    """:func:`send_email` of a message whose bytes ``data`` :func:`check_message` gave."""
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
            utf8 = needs_smtputf8(message)
            smtp.ehlo_or_helo_if_needed()
            if utf8 and not smtp.has_extn("smtputf8"):
                raise DeliveryError(
                    f"SMTP {where}: the server does not offer SMTPUTF8, which the address "
                    f"{_international(message)} needs (RFC 6531); nothing was sent",
                    hint="send from and to addresses whose part before the @ is ASCII, or "
                    "through a server that offers SMTPUTF8",
                )
            reply = _transmit(smtp, _addr(message, "From"), _addr(message, "To"), data, utf8)
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
    return reply


def _transmit(smtp: Any, sender: str, recipient: str, data: bytes, utf8: bool = False) -> str:
    """MAIL, RCPT and DATA (what ``sendmail`` does), keeping the reply to DATA; with
    ``utf8`` MAIL asks for SMTPUTF8 (the server was seen to offer it)."""
    import smtplib

    smtp.ehlo_or_helo_if_needed()
    code, resp = smtp.mail(sender, ["SMTPUTF8", "BODY=8BITMIME"] if utf8 else [])
    if code != 250:
        raise smtplib.SMTPSenderRefused(code, resp, sender)
    code, resp = smtp.rcpt(recipient)
    if code not in (250, 251):
        raise smtplib.SMTPRecipientsRefused({recipient: (code, resp)})
    code, resp = smtp.data(data)  # raises SMTPDataError unless 250
    return f"{code} {resp.decode('utf-8', 'replace')}"


def _international(message: EmailMessage) -> str:
    """The first internationalised address of the message (for the refusal)."""
    for name in ("From", "To"):
        for address in message[name].addresses:
            if not address.addr_spec.isascii():
                return str(address.addr_spec)
    return ""


def _addr(message: EmailMessage, name: str) -> str:
    """The address of the ``From`` or ``To`` header (one address each in our messages)."""
    return str(message[name].addresses[0].addr_spec)


def _connect(settings: SmtpSettings, context: Any) -> Any:
    """An SMTP connection (implicit TLS for ``tls``; STARTTLS is the caller's)."""
    import smtplib

    if settings.security == "tls":
        return smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    return smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)


def message_for(letter: Letter, options: Options, *, unsent: bool = False) -> EmailMessage:
    """The message of ``letter`` with the From, To, Date and attachments of ``options``,
    the letter's enclosures attached after them (an agent's signed authorisation) and its
    Reply-To; ``unsent`` marks a draft file (``X-Unsent: 1``). Serialise it with
    :func:`check_message`, which checks every header block."""
    if not options.sender_email:
        raise InputError("no sender email address for the From line")
    enclosed = tuple(
        Attachment(filename=e.filename, data=e.data, mime_type=e.mime_type)
        for e in letter.enclosures
    )
    message = build_message(
        letter,
        sender_email=options.sender_email,
        to=options.to,
        date=options.date,
        attachments=(*options.attachments, *enclosed),
        reply_to=letter.reply_to,
        in_reply_to=options.in_reply_to,
    )
    if unsent:
        message["X-Unsent"] = "1"
    return message


def check_message(message: EmailMessage) -> bytes:
    """The bytes to write or send (``policy.SMTP``: CRLF line ends), after checking them.

    Every header block (the message's and each part's) is read back line by line: only
    the names of TOP_HEADERS (PART_HEADERS for a part), each at most once, exactly the
    headers the message object has, and no CR or LF inside a value. A header value that
    the folding turned into extra lines (the RFC 2047 decoding bug of Python 3.11 before
    3.11.10 and 3.12 before 3.12.5) is refused here whatever the Python version.
    """
    from email import policy

    data = message.as_bytes(policy=policy.SMTPUTF8 if needs_smtputf8(message) else policy.SMTP)
    head, _, rest = data.partition(b"\r\n\r\n")
    _check_block(head, list(message.keys()), TOP_HEADERS, "the message")
    missing = [name for name in REQUIRED_HEADERS if message[name] is None]
    if missing:
        _refuse(f"the message has no {', '.join(missing)} header")
    if message.is_multipart():
        _check_parts(message, rest)
    return data


def _check_parts(message: EmailMessage, body: bytes) -> None:
    """Check the header block of every part of a (flat) multipart message."""
    parts = list(message.iter_parts())
    boundary = message.get_boundary()
    if boundary is None or any(part.is_multipart() for part in parts):
        _refuse("a nested or unbounded multipart message is not one of ours")
    chunks = body.split(b"--" + str(boundary).encode("ascii"))
    if len(chunks) != len(parts) + 2 or not chunks[-1].startswith(b"--"):
        _refuse("the parts of the message do not match what was built")
    for number, (part, chunk) in enumerate(zip(parts, chunks[1:-1], strict=True), start=1):
        block = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")[0]
        _check_block(block, list(part.keys()), PART_HEADERS, f"part {number}")


def _check_block(block: bytes, keys: list[str], allowed: tuple[str, ...], where: str) -> None:
    """One header block against the header names the object holds and those allowed."""
    names: list[str] = []
    for line in block.split(b"\r\n"):
        if b"\r" in line or b"\n" in line:
            _refuse(f"{where}: a line break inside a header value")
        if line[:1] in (b" ", b"\t") and names:
            continue  # a folded continuation of the header before
        match = _HEADER_NAME.match(line)
        if match is None:
            _refuse(f"{where}: a header line that is not 'Name: value'")
        names.append(match.group(1).decode("ascii"))
    canonical = {name.lower(): name for name in allowed}
    seen: set[str] = set()
    for name in names:
        if name.lower() not in canonical:
            _refuse(f"{where}: unexpected header line {name!r}")
        if name.lower() in seen:
            _refuse(f"{where}: the {canonical[name.lower()]} header appears twice")
        seen.add(name.lower())
    if [n.lower() for n in names] != [k.lower() for k in keys]:
        _refuse(f"{where}: the header lines {names} are not the headers built {keys}")


def _refuse(problem: str) -> NoReturn:
    raise InputError(
        f"email refused before it was written or sent: {problem} (header injection)",
        hint="check the company name, your name and the subject for '=?...?=' or line breaks",
    )


def deliver(letter: Letter, options: Options) -> Outcome:
    """Build the message and send it with ``options.smtp`` and ``options.password``."""
    if options.smtp is None:
        raise no_smtp_server()
    message = message_for(letter, options)
    raw = check_message(message)
    _refuse_before_connecting(options.smtp, options.password)
    reply = _send_checked(options.smtp, options.password, message, raw)
    return Outcome(
        channel="email",
        sent=True,
        details={
            "to": str(message["To"]),
            "message_id": str(message["Message-ID"]),
            "smtp_reply": reply,
        },
        message=raw,
    )
