"""Migrations: replay from empty, upgrade the committed schema-1 fixture, refuse the future."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from rights.errors import StoreError
from rights.profile import profiles
from rights.store import Store, repo
from rights.store.connect import connect
from rights.store.keys import Key, KeyInfo, write_keyinfo
from rights.store.migrations import LATEST, MIGRATIONS, Migration, migrate, schema_version

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "store-schema1.db"
FIXTURE_KEY = Key("passphrase", "fixture schema one passphrase")
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


def test_migrations_are_numbered_one_by_one():
    assert [m.version for m in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert len({m.name for m in MIGRATIONS}) == len(MIGRATIONS)


def test_replay_from_empty(tmp_path):
    key = Key("passphrase", "a passphrase for this test")
    conn = connect(tmp_path / "s.db", key, profile="t", create=True)
    try:
        assert schema_version(conn) == 0
        assert migrate(conn, key=key, backup_dir=tmp_path / "b", now=NOW) == list(
            range(1, LATEST + 1)
        )
        assert schema_version(conn) == LATEST
        assert migrate(conn, key=key, backup_dir=tmp_path / "b", now=NOW) == []
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"meta", "identity", "settings"} <= tables
    finally:
        conn.close()
    assert not (tmp_path / "b").exists()  # a new store needs no backup


def _fixture_profile(home: Path) -> Path:
    folder = home / "profiles" / "fixture"
    folder.mkdir(parents=True)
    shutil.copyfile(FIXTURE, folder / "rights.db")
    write_keyinfo(folder, KeyInfo("passphrase"))
    return folder


def test_committed_schema1_fixture_opens_and_upgrades(home, monkeypatch):
    folder = _fixture_profile(home)
    monkeypatch.setenv("RIGHTS_PASSPHRASE", FIXTURE_KEY.secret)
    with profiles.open_store(home, "fixture") as store:
        assert schema_version(store.conn) == LATEST
        person = repo.get_identity(store.conn)
        assert store.problems() == []
        assert repo.get_setting(store.conn, "fixture") == "schema-1"
    assert person.full_name == "Fixture Person Schema-One"
    assert person.birth_date == dt.date(1980, 2, 29)
    assert person.accounts == {"acme": ["customer-0001"]}
    backups = list((folder / "backups").glob("*.db")) if (folder / "backups").exists() else []
    assert len(backups) == (1 if LATEST > 1 else 0)


def test_an_old_store_is_backed_up_before_migrating(tmp_path):
    db = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, db)
    extra = (*MIGRATIONS, Migration(LATEST + 1, "test_extra", "CREATE TABLE extra (x)"))
    conn = connect(db, FIXTURE_KEY, profile="fixture")
    try:
        migrate(conn, key=FIXTURE_KEY, backup_dir=tmp_path / "backups", now=NOW, migrations=extra)
        assert schema_version(conn) == LATEST + 1
    finally:
        conn.close()
    (backup,) = (tmp_path / "backups").glob("*.db")
    assert backup.stat().st_mode & 0o777 == 0o600
    with Store.open(backup, FIXTURE_KEY, profile="fixture", now=NOW) as old:  # same key opens it
        assert repo.get_identity(old.conn).full_name == "Fixture Person Schema-One"


def test_a_newer_store_is_refused_untouched(tmp_path):
    db = tmp_path / "new.db"
    shutil.copyfile(FIXTURE, db)
    conn = connect(db, FIXTURE_KEY, profile="fixture")
    conn.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match="newer"):
        Store.open(db, FIXTURE_KEY, profile="fixture", now=NOW)
    assert db.read_bytes() == before


def test_failed_migration_rolls_back(tmp_path):
    db = tmp_path / "s.db"
    shutil.copyfile(FIXTURE, db)
    bad = (*MIGRATIONS, Migration(LATEST + 1, "broken", "CREATE TABLE ok (x); SELECT nope FROM"))
    conn = connect(db, FIXTURE_KEY, profile="fixture")
    try:
        with pytest.raises(Exception, match=r"syntax|incomplete"):
            migrate(conn, key=FIXTURE_KEY, backup_dir=None, now=NOW, migrations=bad)
        assert schema_version(conn) == LATEST
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        assert "ok" not in names
    finally:
        conn.close()


def test_interrupted_migrations_keep_one_backup_per_schema_version(tmp_path):
    """A migration that fails every time (killed, a full disk...) is retried on each open;
    each try writes a backup first, and only the newest one per schema version is kept."""
    db = tmp_path / "old.db"
    shutil.copyfile(FIXTURE, db)

    def broken(conn) -> None:
        raise RuntimeError("interrupted")

    failing = (MIGRATIONS[0], Migration(2, "broken", broken))
    conn = connect(db, FIXTURE_KEY, profile="fixture")
    try:
        for minute in range(3):
            with pytest.raises(RuntimeError):
                migrate(
                    conn, key=FIXTURE_KEY, backup_dir=tmp_path / "backups",
                    now=NOW + dt.timedelta(minutes=minute), migrations=failing,
                )  # fmt: skip
        assert schema_version(conn) == 1
    finally:
        conn.close()
    backups = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert backups == [f"rights-schema1-{(NOW + dt.timedelta(minutes=2)):%Y%m%dT%H%M%S%fZ}.db"]


def test_attachment_chunks_move_to_a_rowid_table_unchanged(tmp_path):
    """Migration 6: the chunks of a schema-5 store come through byte for byte, in order,
    into a table with a rowid; the attachment streams back out the same."""
    from rights.store import attachments

    key = Key("passphrase", "a passphrase for this test")
    conn = connect(tmp_path / "s.db", key, profile="t", create=True)
    try:
        migrate(conn, key=key, backup_dir=tmp_path / "b", now=NOW, migrations=MIGRATIONS[:5])
        table_sql = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'attachment_chunks'"
        ).fetchone()[0]
        assert "WITHOUT ROWID" in table_sql
        conn.execute(
            "INSERT INTO requests (ref, company, company_name, right, law, lang, via, status, "
            "created_at) VALUES ('R-AAAA', 'acme', 'Acme', 'access', 'gdpr', 'en', 'pdf', "
            "'sent', '2026-11-01')"
        )
        conn.execute(
            "INSERT INTO attachments (id, ref, name, size, sha256, complete, created_at) "
            "VALUES (7, 'R-AAAA', 'a.bin', 0, '', 1, '2026-11-01T00:00:00+00:00')"
        )
        blocks = [bytes([n]) * (1000 + n) for n in range(5)]
        for seq in (3, 0, 4, 1, 2):  # written out of order: the seq decides
            conn.execute(
                "INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (7, ?, ?)",
                (seq, blocks[seq]),
            )
        assert migrate(conn, key=key, backup_dir=tmp_path / "b", now=NOW)[0] == 6
        table_sql = conn.execute(
            "SELECT sql FROM sqlite_master WHERE name = 'attachment_chunks'"
        ).fetchone()[0]
        assert "WITHOUT ROWID" not in table_sql
        assert list(attachments.iter_chunks(conn, 7)) == blocks
        with pytest.raises(Exception, match="UNIQUE"):
            conn.execute(
                "INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (7, 0, x'00')"
            )
        conn.execute("DELETE FROM attachments WHERE id = 7")
        assert conn.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0] == 0
    finally:
        conn.close()
    assert list((tmp_path / "b").glob("rights-schema5-*.db"))  # backed up first


def test_the_replies_to_read_are_found_through_indexes(tmp_path):
    """Migration 7: `rights due` looks for replies still to read on every run; the query
    reads the replied events from their own index and each case's last event from a
    covering one, never the whole events table."""
    from rights.store.inbox_repo import pending_replies

    key = Key("passphrase", "a passphrase for this test")
    conn = connect(tmp_path / "s.db", key, profile="t", create=True)
    try:
        migrate(conn, key=key, backup_dir=tmp_path / "b", now=NOW)
        assert pending_replies(conn) == []
        query = (
            "EXPLAIN QUERY PLAN SELECT e.ref, e.id FROM events e WHERE e.kind = 'replied' AND "
            "e.id = (SELECT max(x.id) FROM events x WHERE x.ref = e.ref AND x.kind != 'note') "
            "ORDER BY e.on_date, e.ref"
        )
        plan = " | ".join(str(row[3]) for row in conn.execute(query))
        assert not re.search(r"SCAN e(?! USING)", plan), plan  # never the whole table
        assert "events_replied" in plan and "COVERING INDEX events_ref_kind" in plan, plan
    finally:
        conn.close()
