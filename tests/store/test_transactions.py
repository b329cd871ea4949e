"""The write transaction: re-entrant, only the outermost commits; writers never commit alone."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from rights.errors import StoreError
from rights.store import Store, attachments, companies_repo, repo
from rights.store.connect import Connection, transaction
from rights.store.keys import new_raw_key

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
STORE_DIR = Path(__file__).resolve().parents[2] / "rights" / "store"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    key = new_raw_key()
    with Store.open(tmp_path / "s.db", key, profile="t", now=NOW, create=True) as opened:
        yield opened


@pytest.fixture
def other(store: Store) -> Iterator[Connection]:
    """A second connection to the same file, to see what is committed."""
    from rights.store.connect import connect

    conn = connect(store.path, store.key, profile="t")
    try:
        yield conn
    finally:
        conn.close()


def _settings(conn: Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM settings").fetchall())


def test_a_nested_transaction_joins_the_outer_one(store, other):
    with transaction(store.conn):
        repo.set_setting(store.conn, "a", "1")
        with transaction(store.conn):
            repo.set_setting(store.conn, "b", "2")
        assert store.conn.in_transaction  # the inner block did not commit
        assert _settings(other) == {}
    assert _settings(other) == {"a": "1", "b": "2"}


def test_an_error_in_the_inner_block_undoes_only_that_block(store, other):
    with transaction(store.conn):
        repo.set_setting(store.conn, "a", "1")
        with pytest.raises(ValueError), transaction(store.conn):
            repo.set_setting(store.conn, "b", "2")
            raise ValueError("inner")
        repo.set_setting(store.conn, "c", "3")
    assert _settings(other) == {"a": "1", "c": "3"}


def test_an_error_in_the_outer_block_undoes_the_inner_one_too(store, other):
    with pytest.raises(ValueError), transaction(store.conn):
        with transaction(store.conn):
            repo.set_setting(store.conn, "b", "2")
        raise ValueError("outer")
    assert not store.conn.in_transaction
    assert _settings(other) == {}


def test_three_levels_deep_commit_once(store, other):
    with transaction(store.conn):
        for depth in range(3):
            with transaction(store.conn), transaction(store.conn):
                repo.set_setting(store.conn, f"k{depth}", "v")
    assert set(_settings(other)) == {"k0", "k1", "k2"}


@pytest.mark.parametrize(
    "write",
    [
        lambda c: repo.set_setting(c, "a", "1"),
        lambda c: repo.set_meta(c, "a", "1"),
        lambda c: companies_repo.put_companies(c, [], NOW),
        lambda c: companies_repo.delete_company(c, "acme"),
        lambda c: companies_repo.flag_contact(c, "acme", "a@acme.example", "bounced", NOW, None),
        lambda c: attachments.finish(c, 1, None, 0, ""),
    ],
    ids=["set_setting", "set_meta", "put_companies", "delete_company", "flag", "finish"],
)
def test_writers_refuse_to_run_outside_a_transaction(store, other, write):
    with pytest.raises(StoreError, match="outside a transaction"):
        write(store.conn)
    assert _settings(other) == {}


def test_streaming_an_attachment_refuses_to_join_a_transaction(store, tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("hello")
    with transaction(store.conn), pytest.raises(StoreError, match="inside a transaction"):
        attachments.store_file(store.conn, "R-0000", source, NOW)


def test_the_store_never_reads_the_clock():
    for path in sorted(STORE_DIR.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        found = re.findall(r"datetime\.now|date\.today|rights\.clock|import clock", text)
        assert not found, f"{path.name} reads the clock: {found}"


def test_a_failed_rollback_does_not_hide_why_the_commit_failed():
    """Fault injection at the connection: COMMIT fails with a full disk, then ROLLBACK
    fails as SQLite's does after it rolled back on its own."""
    import sqlcipher3.dbapi2 as sqlite

    from rights.store.connect import transaction

    class FullDisk:
        in_transaction = False

        def execute(self, sql, parameters=()):
            if sql == "BEGIN IMMEDIATE":
                self.in_transaction = True
            elif sql == "COMMIT":
                raise sqlite.OperationalError("database or disk is full")
            elif sql == "ROLLBACK":
                raise sqlite.OperationalError("cannot rollback - no transaction is active")

    with pytest.raises(sqlite.OperationalError, match="disk is full"), transaction(FullDisk()):
        pass
