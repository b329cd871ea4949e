"""What bad mail gets from ``rights inbox import``: a clear outcome for each message,
nothing lost, no unexpected error."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import mailbox
import os
import time
from email import policy
from email.message import EmailMessage

from tests.helpers import mail_samples as samples


def _import(cli, *args: str):
    r = cli("inbox", "import", *args, "--json")
    assert r.code == 0, r.err
    assert "unexpected" not in r.err
    return json.loads(r.out)


def _write(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _unrelated(n: int) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"shop{n}@shop.example"
    msg["To"] = "zofia@example.org"
    msg["Subject"] = f"Offer number {n}"
    msg["Message-ID"] = f"<offer-{n}@shop.example>"
    msg["Date"] = samples.DATE
    msg.set_content(f"Dear customer, offer {n} is waiting.\n" * 5)
    return msg.as_bytes(policy=policy.SMTP)


def test_malformed_mime_still_matches_and_keeps_the_message(cli, sent, tmp_path):
    raw = (
        f"From: privacy@acxiom.com\r\nSubject: Re: your request {sent.ref}\r\n"
        'Content-Type: multipart/mixed; boundary="never-closed"\r\n'
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
        "--never-closed\r\nContent-Type: text/plain; charset=no-such-charset\r\n\r\n"
        "We have your \xff\xfe data.\r\n"
        "--never-closed\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        'Content-Disposition: attachment; filename="answer.pdf"\r\n\r\n'
        "JVBERi0xLjQK!!!not base64 at all%%%\r\n"
    ).encode("latin-1")
    report = _import(cli, _write(tmp_path, "broken.eml", raw))
    (item,) = report["matched"]
    assert item["event"] == "replied" and item["message_id"] == ""
    case = json.loads(cli("show", sent.ref, "--json").out)
    stored = [a for a in case["attachments"] if a["name"].startswith("replied-")]
    assert stored[0]["sha256"] == hashlib.sha256(raw).hexdigest()  # kept whole
    assert "answer.pdf" in {a["name"] for a in case["attachments"]}
    # no Message-ID: the hash of the bytes is the key, so a second import is a no-op
    assert _import(cli, _write(tmp_path, "again.eml", raw))["matched"][0]["duplicate"]


def test_garbage_is_listed_as_unmatched(cli, sent, tmp_path):
    paths = [_write(tmp_path, "empty.eml", b""), _write(tmp_path, "bin.eml", os.urandom(5000)),
             _write(tmp_path, "nohead.eml", b"just some text\r\nR-\r\n")]  # fmt: skip
    report = _import(cli, *paths)
    assert report["matched"] == [] and len(report["unmatched"]) == 3
    assert all(i["reason"] for i in report["unmatched"])


def test_non_utf8_and_encoded_headers(cli, sent, tmp_path):
    # the reference only inside an RFC 2047 word (base64), the sender's name in raw Latin-1
    encoded = "=?utf-8?b?" + base64.b64encode(
        f"Réponse: {sent.ref} \u2013 données".encode()).decode() + "?="  # fmt: skip
    raw = (f"From: \"Ren\xe9e M\xfcller\" <privacy@acxiom.com>\r\nSubject: {encoded}\r\n"
           "Message-ID: <enc-1@acxiom.com>\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
           "\r\nVoil\xe0.\r\n").encode("latin-1")  # fmt: skip
    (item,) = _import(cli, _write(tmp_path, "enc.eml", raw))["matched"]
    assert item["ref"] == sent.ref and item["subject"] == f"Réponse: {sent.ref} \u2013 données"
    r = cli("show", sent.ref)
    assert r.code == 0 and "Réponse" in r.out


def test_an_mbox_with_thousands_of_unrelated_messages(cli, sent, tmp_path):
    path = tmp_path / "big.mbox"
    box = mailbox.mbox(path)
    for n in range(3000):
        box.add(_unrelated(n))
        if n == 1500:
            box.add(samples.reply(f"Re: {sent.subject}"))
    box.flush()
    box.close()
    start = time.monotonic()
    report = _import(cli, str(path))
    elapsed = time.monotonic() - start
    assert report["counts"]["messages"] == 3001 and report["counts"]["recorded"] == 1
    (item,) = report["matched"]
    assert item["ref"] == sent.ref and item["source"].endswith("#1502")
    assert elapsed < 30, elapsed  # generous: the benchmark has the real figure
    again = _import(cli, str(path))
    assert again["counts"]["recorded"] == 0 and again["counts"]["duplicates"] == 1


def test_a_maildir_folder_and_stdin(cli, sent, tmp_path, monkeypatch):
    folder = mailbox.Maildir(tmp_path / "Maildir")
    folder.add(_unrelated(1))
    folder.add(samples.reply(f"Re: {sent.subject}"))
    report = _import(cli, str(tmp_path / "Maildir"))
    assert report["counts"]["matched"] == 1 and report["counts"]["unmatched"] == 1
    raw = samples.reply(f"Re: {sent.subject}", message_id="<stdin-1@acxiom.com>")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
    (item,) = _import(cli, "-")["matched"]
    assert item["source"] == "stdin" and item["event"] == "replied"


def test_bad_paths_are_usage_errors(cli, sent, tmp_path):
    r = cli("inbox", "import", str(tmp_path / "missing.eml"))
    assert r.code == 3 and "no such file" in r.err
    (tmp_path / "plain").mkdir()
    r = cli("inbox", "import", str(tmp_path / "plain"))
    assert r.code == 3 and "not a Maildir" in r.err


def test_a_100_mb_attachment_is_streamed_into_the_store(cli, sent, tmp_path):
    """The message is written to disk and read back streamed; the figure for memory is the
    benchmark's (benchmarks/bench_inbox.py), not asserted here."""
    path = tmp_path / "huge.eml"
    block = os.urandom(57 * 1024)  # 57 bytes of data per 76-character base64 line
    digest = hashlib.sha256()
    with open(path, "wb") as fh:
        fh.write(
            (f"From: privacy@acxiom.com\r\nSubject: Re: {sent.subject}\r\n"
             "Message-ID: <huge@acxiom.com>\r\nMIME-Version: 1.0\r\n"
             "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
             "Content-Type: text/plain\r\n\r\nYour export.\r\n--b\r\n"
             "Content-Type: application/zip\r\nContent-Transfer-Encoding: base64\r\n"
             "Content-Disposition: attachment; filename=\"export.zip\"\r\n\r\n").encode()
        )  # fmt: skip
        for _ in range(100 * 1024 * 1024 // len(block)):
            digest.update(block)
            encoded = base64.encodebytes(block).replace(b"\n", b"\r\n")
            fh.write(encoded)
        fh.write(b"--b--\r\n")
    (item,) = _import(cli, str(path))["matched"]
    assert item["attachments"] == 1
    files = {a["name"]: a for a in json.loads(cli("show", sent.ref, "--json").out)["attachments"]}
    assert files["export.zip"]["size"] == 100 * 1024 * 1024 // len(block) * len(block)
    assert files["export.zip"]["sha256"] == digest.hexdigest()
    assert files["replied-2026-10-20.eml"]["size"] == path.stat().st_size  # no Date: today
