"""rights.inbox.imap against a real Dovecot: TLS and STARTTLS with certificate checks,
plaintext only to loopback, subject search with the header check, fetch, append, move."""

from __future__ import annotations

import datetime as dt

import pytest

from rights.errors import DeliveryError, InputError
from rights.inbox import imap
from rights.inbox.imap_settings import settings_from
from rights.inbox.sync import refs_in_subject
from tests.helpers.dovecot import (
    Dovecot,
    dovecot_fixture,  # noqa: F401 (the fixture `dovecot`)
)


def mail(subject: str, body: str = "Hello", sender: str = "privacy@acxiom.com") -> bytes:
    return (
        f"From: {sender}\r\nTo: zofia@example.org\r\nSubject: {subject}\r\n"
        f"Date: Thu, 26 Nov 2026 10:00:00 +0000\r\nMessage-ID: <{abs(hash(subject))}@acxiom.com>\r\n"
        f"\r\n{body}\r\n"
    ).encode()


def login(settings: object, password: str) -> None:
    with imap.connect(settings, password):  # type: ignore[arg-type]
        pass


def settings(server: Dovecot, security: str = "tls", **extra: object):
    port = server.tls_port if security == "tls" else server.port
    values = {"host": "127.0.0.1", "port": port, "user": server.user, "security": security,
              "cafile": str(server.cafile), **extra}  # fmt: skip
    return settings_from(values)


@pytest.mark.parametrize("security", ["tls", "starttls", "none"])
def test_each_security_logs_in_and_reads_the_folder(dovecot: Dovecot, security: str) -> None:
    dovecot.deliver(mail("Re: your request R-AB12"))
    with imap.connect(settings(dovecot, security), dovecot.password) as box:
        validity = box.select("INBOX")
        assert validity > 0
        assert box.search_subjects(["R-AB12"]) == [1]


def test_a_certificate_from_an_unknown_ca_is_refused(dovecot: Dovecot) -> None:
    plain = settings_from({"host": "127.0.0.1", "port": dovecot.tls_port, "user": "ada"})
    with pytest.raises(DeliveryError, match="certificate is not trusted") as caught:
        login(plain, dovecot.password)
    assert "--cafile" in (caught.value.hint or "")
    starttls = settings_from({"host": "127.0.0.1", "port": dovecot.port, "user": "ada",
                              "security": "starttls"})  # fmt: skip
    with pytest.raises(DeliveryError, match="certificate"):
        login(starttls, dovecot.password)


def test_the_host_name_is_checked_against_the_certificate(dovecot: Dovecot, tmp_path) -> None:
    # The certificate names localhost and 127.0.0.1; ::1 or another name must not pass.
    wrong = settings_from({"host": "127.0.0.2", "port": dovecot.tls_port, "user": "ada",
                           "cafile": str(dovecot.cafile)})  # fmt: skip
    with pytest.raises(DeliveryError), imap.connect(wrong, dovecot.password):
        pass


def test_a_wrong_password_is_a_clear_refusal(dovecot: Dovecot) -> None:
    with pytest.raises(DeliveryError, match="login refused") as caught:
        login(settings(dovecot), "not the password")
    assert "password" in (caught.value.hint or "")


def test_plaintext_to_another_host_is_refused_before_connecting() -> None:
    with pytest.raises(InputError, match=r"plaintext IMAP to imap\.example\.org is refused"):
        settings_from({"host": "imap.example.org", "user": "ada", "security": "none"})


def test_nothing_listens_is_a_delivery_error() -> None:
    from tests.conftest import _free_port

    closed = settings_from({"host": "127.0.0.1", "port": _free_port(), "user": "ada",
                            "security": "none"})  # fmt: skip
    with pytest.raises(DeliveryError, match=r"IMAP 127\.0\.0\.1"), imap.connect(closed, "x"):
        pass


def test_search_finds_each_reference_and_the_header_check_drops_lookalikes(
    dovecot: Dovecot,
) -> None:
    refs = [f"R-{n:04d}" for n in range(1000, 1045)]  # more than one SEARCH chunk
    dovecot.deliver(mail("Your data R-1000"))
    dovecot.deliver(mail("Unrelated newsletter"))
    dovecot.deliver(mail("Ticket R-10001 opened"))  # a longer code: not ours
    dovecot.deliver(mail("=?utf-8?q?Ihre_Anfrage_R-1044_=C3=BCber_Daten?="))
    with imap.connect(settings(dovecot), dovecot.password) as box:
        box.select("INBOX")
        found = box.search_subjects(refs)
        assert found == [1, 3, 4]  # the server's substring match
        heads = box.subjects(found)
        kept = [uid for uid in found if refs_in_subject(heads[uid], set(refs))]
        assert kept == [1, 4]
        assert refs_in_subject(heads[4], set(refs)) == {"R-1044"}
        got = dict(box.fetch(kept))
    assert got[1] == mail("Your data R-1000")
    assert b"R-1044" in got[4]
    _, flags = dovecot.fetch("INBOX", 1)
    assert b"\\Seen" not in flags  # reading with BODY.PEEK marks nothing read


def test_since_limits_the_search_by_date(dovecot: Dovecot) -> None:
    dovecot.deliver(mail("Your data R-1000"))
    with imap.connect(settings(dovecot), dovecot.password) as box:
        box.select("INBOX")
        tomorrow = dt.date.today() + dt.timedelta(days=2)
        assert box.search_subjects(["R-1000"], since=tomorrow) == []
        assert box.search_subjects(["R-1000"], since=dt.date(2020, 1, 1)) == [1]


def test_append_creates_the_folder_and_flags_seen(dovecot: Dovecot) -> None:
    raw = mail("Request R-1000", sender="zofia@example.org")
    with imap.connect(settings(dovecot), dovecot.password) as box:
        box.append("Sent", raw)
    (uid,) = dovecot.uids("Sent")
    body, flags = dovecot.fetch("Sent", uid)
    assert body == raw and b"\\Seen" in flags


def test_move_moves_exactly_the_uids_given(dovecot: Dovecot) -> None:
    for n in range(3):
        dovecot.deliver(mail(f"Reply R-100{n}"))
    dovecot.deliver(b"Subject: x\r\n\r\nx\r\n", folder="Done")
    with imap.connect(settings(dovecot), dovecot.password) as box:
        box.select("INBOX", readonly=False)
        box.move([1, 3], "Done")
    assert dovecot.uids("INBOX") == [2]
    assert len(dovecot.uids("Done")) == 3


def test_uid_sets_round_trip() -> None:
    uids = {1, 2, 3, 7, 9, 10}
    assert imap.uid_set(uids) == "1:3,7,9:10"
    assert imap.parse_uid_set(imap.uid_set(uids)) == uids
    assert imap.parse_uid_set("") == set()
    assert imap.or_subjects(["R-A", "R-B", "R-C"]) == (
        '(OR SUBJECT "R-A" (OR SUBJECT "R-B" SUBJECT "R-C"))'
    )
    assert imap.imap_date(dt.date(2026, 12, 4)) == "4-Dec-2026"


def test_a_read_write_session_never_expunges_what_the_user_flagged_deleted(
    dovecot: Dovecot,
) -> None:
    dovecot.deliver(mail("Reply R-1000"))
    dovecot.deliver(mail("Something the user deleted in their client"))
    with dovecot.client() as client:
        client.select("INBOX")
        client.uid("STORE", "2", "+FLAGS", r"(\Deleted)")
    with imap.connect(settings(dovecot), dovecot.password) as box:
        box.select("INBOX", readonly=False)
        assert box.search_subjects(["R-1000"]) == [1]
    assert dovecot.uids("INBOX") == [1, 2]
