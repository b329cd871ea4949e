"""The inbox's parts on their own: the streaming MIME walk against the stdlib parser, the
classifier on report variants, the domain rule, and ``import_messages`` (the entry an IMAP
sync calls) on a real store."""

from __future__ import annotations

import datetime as dt
import email
import io
from email import policy
from email.message import EmailMessage

import pytest

from rights.inbox import mime
from rights.inbox.classify import classify
from rights.inbox.importer import import_messages
from rights.inbox.match import registrable, same_organisation
from rights.inbox.parse import scan
from rights.profile import profiles
from tests.helpers import mail_samples as samples


def _nested() -> bytes:
    msg = EmailMessage()
    msg["Subject"] = "nested"
    msg.set_content("plain text\n")
    msg.add_alternative("<p>html <b>text</b></p>\n", subtype="html")
    msg.add_attachment(b"\x00" * 3000 + b"end", maintype="application", subtype="pdf",
                       filename="a.pdf")  # fmt: skip
    msg.add_attachment("größe=100%\n", subtype="plain", filename="b.txt", cte="quoted-printable")
    inner = EmailMessage()
    inner["Subject"] = "inner"
    inner.set_content("inner body\n")
    msg.add_attachment(inner)
    return msg.as_bytes(policy=policy.SMTP)


def test_the_walk_decodes_every_leaf_as_the_stdlib_parser_does():
    raw = _nested()
    ours = [(p.content_type, b"".join(p.body)) for p in mime.walk(io.BytesIO(raw))]
    theirs = email.message_from_bytes(raw, policy=policy.default)
    expected = []

    def leaves(part) -> None:  # a returned message is a leaf for the walk
        if part.get_content_type() == "message/rfc822":
            expected.append(("message/rfc822", b""))
        elif part.is_multipart():
            for sub in part.iter_parts():
                leaves(sub)
        else:
            expected.append((part.get_content_type(), part.get_payload(decode=True)))

    leaves(theirs)
    assert [t for t, _ in ours] == [t for t, _ in expected]
    for (ctype, mine), (_, std) in zip(ours, expected, strict=True):
        if ctype != "message/rfc822":
            assert mine.replace(b"\r\n", b"\n") == std.replace(b"\r\n", b"\n"), ctype


def test_the_walk_survives_truncation_at_every_point():
    raw = _nested()
    for cut in range(0, len(raw), 97):
        for part in mime.walk(io.BytesIO(raw[:cut])):  # never an exception
            assert isinstance(b"".join(part.body), bytes)


def test_scan_finds_text_attachments_and_the_key():
    raw = _nested()
    found = scan(lambda: io.BytesIO(raw))
    assert "plain text" in found.text and "html" in found.text and "<b>" not in found.text
    assert [a.name for a in found.attachments] == ["a.pdf", "b.txt", "part-5.eml"]
    assert found.key.startswith("sha256:") and found.message_id == ""


def test_classify_report_variants():
    sent_id, to = "<1.R-7K3M@example.org>", "privacy@acxiom.com"

    def kind(raw: bytes):
        return classify(scan(lambda: io.BytesIO(raw)))

    assert kind(samples.postfix_bounce("s", sent_id, to)).kind == "bounce"
    delayed = kind(samples.postfix_bounce("s", sent_id, to, code="4.4.1"))
    assert (delayed.kind, delayed.status) == ("notice", "4.4.1")
    exim = kind(samples.exim_bounce("s", sent_id, to))
    assert (exim.kind, exim.status, exim.recipient) == ("bounce", "5.1.1", to)
    assert "Recipient address rejected" in exim.diagnostic
    gmail = kind(samples.gmail_bounce("s", sent_id, to))
    assert gmail.status == "5.1.1" and gmail.recipient == to
    assert kind(samples.reply("Re: R-7K3M", Auto_Submitted="auto-replied")).kind == "auto-reply"
    assert kind(samples.reply("Re: R-7K3M")).kind == "reply"


@pytest.mark.parametrize(
    ("sender", "company", "same"),
    [
        ("mail.acxiom.com", "acxiom.com", True),
        ("acxiom.com", "privacy.acxiom.com", True),
        ("bbc.co.uk", "privacy.bbc.co.uk", True),
        ("evil.co.uk", "bbc.co.uk", False),
        ("acxiom-privacy.example", "acxiom.com", False),
    ],
)
def test_the_company_domain_rule(sender, company, same):
    assert same_organisation(sender, [company]) is same
    assert registrable("a.b.example.com") == "example.com"


def test_import_messages_is_the_entry_for_other_sources(cli, sent, home):
    """What an IMAP sync calls: (label, bytes) pairs, a progress callback, a dry run."""
    reply = samples.reply(f"Re: {sent.subject}", message_id="<imap-1@acxiom.com>")
    unrelated = samples.reply("Hello", message_id="<x@shop.example>", sender="a@shop.example",
                              body="nothing\n")  # fmt: skip
    seen: list[int] = []
    today, now = dt.date(2026, 10, 20), dt.datetime(2026, 10, 20, 12, tzinfo=dt.UTC)
    with profiles.open_store(home, "default") as store:
        dry = import_messages(store.conn, [("INBOX/1", reply)], today=today, now=now,
                              dry_run=True)  # fmt: skip
        assert dry.matched[0].event == "replied" and dry.to_json()["counts"]["recorded"] == 0
        report = import_messages(store.conn, [("INBOX/1", reply), ("INBOX/2", unrelated)],
                                 today=today, now=now, progress=seen.append)  # fmt: skip
        again = import_messages(store.conn, [("INBOX/1", reply)], today=today, now=now)
    assert seen == [1, 2]
    (item,) = report.matched
    assert (item.source, item.ref, item.event, item.duplicate) == (
        "INBOX/1", sent.ref, "replied", False)  # fmt: skip
    assert [i.source for i in report.unmatched] == ["INBOX/2"]
    assert again.matched[0].duplicate is True
    doc = report.to_json()
    assert set(doc) == {"counts", "dry_run", "matched", "unmatched"}
    assert set(doc["matched"][0]) == {"attachments", "date", "duplicate", "event", "flags",
                                      "message_id", "reason", "ref", "sender", "source",
                                      "subject"}  # fmt: skip


def test_the_progress_counter_on_a_terminal(capsys):
    from rights.cli.inbox import _progress

    show = _progress(250)
    for n in range(1, 251):
        show(n)
    err = capsys.readouterr().err
    assert err.split("\r")[1:] == ["reading mail: 100/250", "reading mail: 200/250",
                                   "reading mail: 250/250"]  # fmt: skip
