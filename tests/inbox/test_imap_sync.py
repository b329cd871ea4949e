"""rights.inbox.sync against a real Dovecot: the open cases' references searched, the
header check, UIDs remembered in the store, resume after a dropped connection, --move-to,
--dry-run. The import itself is the import part's (rights.inbox.importer); here a
recording importer stands in for it, so these tests see exactly what the sync hands over."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from rights.inbox import sync as syncing
from rights.inbox.imap_settings import settings_from
from rights.profile import profiles
from tests.helpers.dovecot import (
    Dovecot,
    DroppingProxy,
    dovecot_fixture,  # noqa: F401 (the fixture `dovecot`)
)

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


class Report:
    def __init__(self, labels: list[str]) -> None:
        self.labels = labels

    def to_json(self) -> dict[str, Any]:
        return {"matched": [{"source": n} for n in self.labels], "unmatched": [],
                "count": len(self.labels)}  # fmt: skip


class Recorder:
    """Keeps every (label, bytes) the sync hands to the import, and the dry-run flag."""

    def __init__(self) -> None:
        self.got: list[tuple[str, bytes]] = []
        self.dry: list[bool] = []

    def __call__(self, conn: object, messages: Iterable[tuple[str, bytes]], *, today: dt.date,
                 now: dt.datetime, dry_run: bool = False, progress: object = None) -> Report:  # fmt: skip
        batch = list(messages)
        self.got.extend(batch)
        self.dry.append(dry_run)
        return Report([name for name, _ in batch])


def reply(ref: str, n: int = 0, size: int = 200) -> bytes:
    return (
        f"From: privacy@acxiom.com\r\nTo: zofia@example.org\r\nSubject: Re: {ref} ({n})\r\n"
        f"Date: Thu, 26 Nov 2026 10:00:00 +0000\r\nMessage-ID: <{ref}.{n}@acxiom.com>\r\n\r\n"
        + "x" * size
        + "\r\n"
    ).encode()


@pytest.fixture
def cases(cli, passphrase_env, home) -> Iterator[tuple[list[str], Any]]:
    """Two open cases and one closed one; the store, open."""
    assert cli("init").code == 0
    assert cli("profile", "edit", "--full-name", "Zofia Nowak", "--email", "zofia@example.org",
               "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE",
               "--region", "BE").code == 0  # fmt: skip
    refs = []
    for company in ("acxiom", "schufa", "google"):
        r = cli("request", "new", "--company", company, "--right", "access", "--lang", "en",
                "--json")  # fmt: skip
        assert r.code == 0, r.err
        refs.append(json.loads(r.out)[0]["ref"])
    assert cli("abandon", refs[2], "--yes").code == 0
    with profiles.open_store(home, profiles.resolve(home, None)) as store:
        yield refs, store


def imap_settings(server: Dovecot, port: int | None = None, **extra: Any):
    return settings_from({"host": "127.0.0.1", "port": port or server.port, "user": server.user,
                          "security": "none", **extra})  # fmt: skip


def run(store: Any, server: Dovecot, recorder: Recorder, port: int | None = None, **kw: Any):
    return syncing.sync(store.conn, imap_settings(server, port), server.password, today=TODAY,
                        now=NOW, importer=recorder, **kw)  # fmt: skip


def test_open_cases_only_and_a_second_sync_fetches_nothing(dovecot: Dovecot, cases) -> None:
    refs, store = cases
    open_a, open_b, closed = refs
    assert syncing.open_refs(store.conn) == sorted([open_a, open_b])
    dovecot.deliver(reply(open_a))
    dovecot.deliver(b"From: a@b.example\r\nSubject: lunch?\r\n\r\nhi\r\n")
    dovecot.deliver(reply(closed))
    dovecot.deliver(reply(open_b + "9"))  # a longer code the server's search also finds
    dovecot.deliver(reply(open_b, 1))
    recorder = Recorder()
    first = run(store, dovecot, recorder)
    assert [name for name, _ in recorder.got] == [
        f"imap:INBOX:{first.uidvalidity}:1", f"imap:INBOX:{first.uidvalidity}:5"]  # fmt: skip
    assert recorder.got[0][1] == reply(open_a)  # the exact bytes
    assert (first.found, first.not_ours, first.fetched, first.lost) == (3, 1, 2, None)
    assert first.to_json()["import"]["matched"] == [{"source": n} for n, _ in recorder.got]
    again = Recorder()
    second = run(store, dovecot, again)
    assert again.got == [] and second.fetched == 0 and second.seen_before == 3
    dovecot.deliver(reply(open_a, 2))
    third = run(store, dovecot, again)
    assert third.fetched == 1 and again.got[0][0].endswith(":6")
    assert dovecot.uids("INBOX") == [1, 2, 3, 4, 5, 6]  # nothing moved or deleted


def test_the_seen_uids_are_kept_in_the_store_per_uidvalidity(dovecot: Dovecot, cases) -> None:
    refs, store = cases
    for n in range(3):
        dovecot.deliver(reply(refs[0], n))
    done = run(store, dovecot, Recorder())
    assert syncing.load_seen(store.conn, "INBOX", done.uidvalidity) == {1, 2, 3}
    assert syncing.load_seen(store.conn, "INBOX", done.uidvalidity + 1) == set()
    assert syncing.load_seen(store.conn, "Other", done.uidvalidity) == set()


def test_dry_run_records_nothing(dovecot: Dovecot, cases) -> None:
    refs, store = cases
    dovecot.deliver(reply(refs[0]))
    dovecot.deliver(b"Subject: x\r\n\r\nx\r\n", folder="Done")
    recorder = Recorder()
    dry = run(store, dovecot, recorder, dry_run=True, move_to="Done")
    assert dry.fetched == 1 and recorder.dry == [True] and dry.moved == 0
    assert syncing.load_seen(store.conn, "INBOX", dry.uidvalidity) == set()
    real = Recorder()
    assert run(store, dovecot, real).fetched == 1 and real.dry == [False]
    assert dovecot.uids("INBOX") == [1] and len(dovecot.uids("Done")) == 1


def test_move_to_moves_the_matched_messages_only(dovecot: Dovecot, cases) -> None:
    refs, store = cases
    dovecot.deliver(reply(refs[0]))
    dovecot.deliver(b"From: a@b.example\r\nSubject: lunch?\r\n\r\nhi\r\n")
    dovecot.deliver(reply(refs[1]))
    dovecot.deliver(b"Subject: x\r\n\r\nx\r\n", folder="Rights")
    done = run(store, dovecot, Recorder(), move_to="Rights")
    assert done.moved == 2
    assert dovecot.uids("INBOX") == [2]
    assert len(dovecot.uids("Rights")) == 3


def test_a_dropped_connection_resumes_and_records_nothing_twice(dovecot: Dovecot, cases) -> None:
    refs, store = cases
    total = 2 * syncing.BATCH + 5
    for n in range(total):
        dovecot.deliver(reply(refs[n % 2], n, size=3000))
    proxy = DroppingProxy(dovecot.port, b"BODY[] {", occurrence=syncing.BATCH + 3)
    try:
        recorder = Recorder()
        cut = run(store, dovecot, recorder, port=proxy.port)
    finally:
        proxy.close()
    assert proxy.cuts == 1
    assert cut.lost and "connection lost" in cut.lost
    assert cut.fetched == syncing.BATCH + 2  # the whole first batch and the complete ones after
    resumed = Recorder()
    again = run(store, dovecot, resumed)
    assert again.lost is None and again.fetched == total - cut.fetched
    names = [n for n, _ in recorder.got + resumed.got]
    assert len(names) == len(set(names)) == total
    assert run(store, dovecot, Recorder()).fetched == 0


def test_no_open_case_searches_nothing(dovecot: Dovecot, cli, passphrase_env, home) -> None:
    assert cli("init").code == 0
    dovecot.deliver(reply("R-AAAA"))
    with profiles.open_store(home, profiles.resolve(home, None)) as store:
        done = run(store, dovecot, Recorder())
    assert (done.found, done.fetched) == (0, 0)


def test_a_missing_folder_is_a_clear_error_before_anything_is_recorded(
    dovecot: Dovecot, cases
) -> None:
    from rights.errors import DeliveryError

    refs, store = cases
    dovecot.deliver(reply(refs[0]))
    with pytest.raises(DeliveryError, match="no folder 'Nowhere'") as caught:
        run(store, dovecot, Recorder(), move_to="Nowhere")
    assert "create it" in (caught.value.hint or "")
    with pytest.raises(DeliveryError, match="SELECT refused"):
        syncing.sync(store.conn, imap_settings(dovecot, folder="Missing"), dovecot.password,
                     today=TODAY, now=NOW, importer=Recorder())  # fmt: skip
    assert syncing.load_seen(store.conn, "INBOX", 0) == set()
    assert run(store, dovecot, Recorder()).fetched == 1
