"""Mail as it comes back, written by the tests in the shapes real systems produce: a reply
from a company, automatic replies (RFC 3834 and vendor headers), and bounces: Postfix and
Gmail (RFC 3464 reports), Exchange/Office 365 (a report with an HTML notice), Exim (its
default plain-text bounce, no report)."""

from __future__ import annotations

import datetime as dt
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

DATE = format_datetime(dt.datetime(2026, 10, 12, 9, 30, tzinfo=dt.UTC))


def reply(
    subject: str,
    *,
    sender: str = "privacy@acxiom.com",
    in_reply_to: str | None = None,
    body: str = "Dear Ms Łukasiewicz,\nwe are looking into your request.\n",
    message_id: str | None = "<reply-1@mail.acxiom.com>",
    attachments: list[tuple[str, bytes, str]] = (),
    **headers: str,
) -> bytes:  # type: ignore[assignment]
    msg = EmailMessage()
    msg["From"] = f"Acxiom Privacy <{sender}>"
    msg["To"] = "Zofia Łukasiewicz <zofia@example.org>"
    msg["Subject"] = subject
    msg["Date"] = DATE
    if message_id:
        msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    for name, value in headers.items():
        msg[name.replace("_", "-")] = value
    msg.set_content(body)
    for name, data, ctype in attachments:
        main, _, sub = ctype.partition("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg.as_bytes(policy=policy.SMTP)


def _original_headers(sent_subject: str, message_id: str, to: str) -> str:
    return (
        f"From: Zofia =?utf-8?q?=C5=81ukasiewicz?= <zofia@example.org>\r\n"
        f"To: {to}\r\nSubject: {sent_subject}\r\nMessage-ID: {message_id}\r\n"
        f"Date: {DATE}\r\n"
    )


def _report(
    top: str,
    notice_type: str,
    notice: str,
    status: str,
    to: str,
    original: str,
    original_type: str = "text/rfc822-headers",
) -> bytes:
    boundary = "=_report_7f3a"
    return (
        f"{top}"
        f"MIME-Version: 1.0\r\n"
        f"Content-Type: multipart/report; report-type=delivery-status;\r\n"
        f'\tboundary="{boundary}"\r\n\r\n'
        f"This is a MIME-encapsulated message.\r\n\r\n"
        f"--{boundary}\r\nContent-Type: {notice_type}; charset=utf-8\r\n\r\n{notice}\r\n"
        f"--{boundary}\r\nContent-Type: message/delivery-status\r\n\r\n{status}\r\n"
        f"--{boundary}\r\nContent-Type: {original_type}\r\n\r\n{original}\r\n"
        f"--{boundary}--\r\n"
    ).encode()


def postfix_bounce(sent_subject: str, message_id: str, to: str, code: str = "5.1.1") -> bytes:
    """Postfix's bounce: a report from MAILER-DAEMON with the returned headers."""
    top = (
        f"From: MAILER-DAEMON@mail.example.org (Mail Delivery System)\r\n"
        f"To: zofia@example.org\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        f"Date: {DATE}\r\nAuto-Submitted: auto-replied\r\n"
        f"Message-Id: <20261012093000.4B2C1@mail.example.org>\r\n"
    )
    smtp = "550" if code.startswith("5") else "451"
    notice = (
        f"This is the mail system at host mail.example.org.\r\n\r\n"
        f"I'm sorry to have to inform you that your message could not\r\n"
        f"be delivered to one or more recipients.\r\n\r\n"
        f"<{to}>: host mx.acxiom.com[192.0.2.10] said: {smtp} {code}\r\n"
        f"    <{to}>: Recipient address rejected: User unknown (in reply to RCPT TO\r\n"
        f"    command)\r\n"
    )
    action = "failed" if code.startswith("5") else "delayed"
    status = (
        f"Reporting-MTA: dns; mail.example.org\r\nX-Postfix-Queue-ID: 4B2C1\r\n"
        f"Arrival-Date: {DATE}\r\n\r\n"
        f"Final-Recipient: rfc822; {to}\r\nOriginal-Recipient: rfc822;{to}\r\n"
        f"Action: {action}\r\nStatus: {code}\r\nRemote-MTA: dns; mx.acxiom.com\r\n"
        f"Diagnostic-Code: smtp; {smtp} {code} <{to}>: Recipient address rejected:\r\n"
        f"    User unknown\r\n"
    )
    return _report(
        top, "text/plain", notice, status, to, _original_headers(sent_subject, message_id, to)
    )


def gmail_bounce(sent_subject: str, message_id: str, to: str) -> bytes:
    """Gmail's "Address not found" report, with the whole original message returned."""
    top = (
        f"From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>\r\n"
        f"To: zofia@example.org\r\nSubject: Delivery Status Notification (Failure)\r\n"
        f"Date: {DATE}\r\nAuto-Submitted: auto-replied\r\n"
        f"Message-ID: <5f2a.gmail.bounce@mx.google.com>\r\n"
        f"References: {message_id}\r\nIn-Reply-To: {message_id}\r\n"
    )
    notice = (
        "** Address not found **\r\n\r\nYour message wasn't delivered to "
        f"{to} because the address couldn't be found.\r\n\r\n"
        "The response from the remote server was:\r\n"
        f"550 5.1.1 The email account that you tried to reach does not exist.\r\n"
    )
    status = (
        f"Reporting-MTA: dns; googlemail.com\r\n\r\nFinal-Recipient: rfc822; {to}\r\n"
        "Action: failed\r\nStatus: 5.1.1\r\n"
        "Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach "
        "does not exist.\r\n"
    )
    original = _original_headers(sent_subject, message_id, to) + "\r\nDear Sir or Madam,\r\n"
    return _report(top, "text/plain", notice, status, to, original, "message/rfc822")


def exchange_bounce(sent_subject: str, message_id: str, to: str) -> bytes:
    """Exchange Online's non-delivery report: HTML notice, report fields, headers."""
    top = (
        f"From: Microsoft Outlook <postmaster@outlook.com>\r\nTo: zofia@example.org\r\n"
        f"Subject: Undeliverable: {sent_subject}\r\nDate: {DATE}\r\n"
        f"Message-ID: <ndr-7731@DB8PR01MB.eurprd01.prod.outlook.com>\r\n"
        f"X-MS-Exchange-Message-Is-Ndr: \r\n"
    )
    notice = (
        "<html><body><p><b>Your message to " + to + " couldn't be delivered.</b></p>"
        "<p>Remote Server returned '550 5.4.1 Recipient address rejected: Access "
        "denied. AS(201806281)'</p></body></html>"
    )
    status = (
        f"Reporting-MTA: dns;DB8PR01MB.eurprd01.prod.outlook.com\r\n\r\n"
        f"Final-Recipient: rfc822;{to}\r\nAction: failed\r\nStatus: 5.4.1\r\n"
        f"Diagnostic-Code: smtp;550 5.4.1 Recipient address rejected: Access denied.\r\n"
    )
    return _report(
        top, "text/html", notice, status, to, _original_headers(sent_subject, message_id, to)
    )


def exim_bounce(sent_subject: str, message_id: str, to: str) -> bytes:
    """Exim's default bounce: plain text, X-Failed-Recipients, the original below."""
    return (
        f"From: Mail Delivery System <Mailer-Daemon@mail.example.org>\r\n"
        f"To: zofia@example.org\r\nSubject: Mail delivery failed: returning message to sender\r\n"
        f"Date: {DATE}\r\nX-Failed-Recipients: {to}\r\nAuto-Submitted: auto-replied\r\n"
        f"Message-Id: <E1tq-0007Xy-2b@mail.example.org>\r\n\r\n"
        f"This message was created automatically by mail delivery software.\r\n\r\n"
        f"A message that you sent could not be delivered to one or more of its\r\n"
        f"recipients. This is a permanent error. The following address(es) failed:\r\n\r\n"
        f"  {to}\r\n    host mx.acxiom.com [192.0.2.10]\r\n"
        f"    SMTP error from remote mail server after RCPT TO:<{to}>:\r\n"
        f"    550 5.1.1 <{to}>: Recipient address rejected: User unknown\r\n\r\n"
        f"------ This is a copy of the message, including all the headers. ------\r\n\r\n"
        + _original_headers(sent_subject, message_id, to)
        + "\r\nDear Sir or Madam,\r\n"
    ).encode()
