"""rights.store.maintenance: whole-file work, on real SQLCipher files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rights.errors import ConflictError, InputError
from rights.store import Store, maintenance, repo
from rights.store.connect import transaction
from rights.store.keys import new_raw_key

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


def _store(path: Path) -> Store:
    store = Store.open(path, new_raw_key(), profile="t", now=NOW, create=True)
    with transaction(store.conn):
        repo.set_setting(store.conn, "k", "v")
    return store


def test_backup_is_a_sound_copy_and_refuses_to_overwrite(tmp_path):
    with _store(tmp_path / "s.db") as store:
        dest = maintenance.backup(store, tmp_path / "b.db")
        with pytest.raises(ConflictError, match="exists already"):
            maintenance.backup(store, dest)
        with pytest.raises(InputError, match="is a folder"):
            maintenance.backup(store, tmp_path)
        key = store.key
    assert maintenance.verify(dest, key, profile="t") == []
    maintenance.check_candidate(dest, key, profile="t")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.db", "s.db"]


def test_a_failed_rekey_leaves_the_old_store_and_no_temp_file(tmp_path):
    path = tmp_path / "s.db"
    with _store(path) as store:
        key = store.key

    def fail() -> None:
        raise RuntimeError("keyring refused")

    with pytest.raises(RuntimeError):
        maintenance.rekey(
            path, key, new_raw_key(), profile="t", scheme="keyring", now=NOW, before_swap=fail
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]
    with Store.open(path, key, profile="t", now=NOW) as again:
        assert repo.get_setting(again.conn, "k") == "v"


def test_rekey_swaps_in_a_copy_under_the_new_key(tmp_path):
    path = tmp_path / "s.db"
    with _store(path) as store:
        key = store.key
    new = new_raw_key()
    maintenance.rekey(path, key, new, profile="t", scheme="keyring", now=NOW)
    with Store.open(path, new, profile="t", now=NOW) as again:
        assert repo.get_setting(again.conn, "k") == "v"
        assert repo.get_meta(again.conn, "key_scheme") == "keyring"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.db"]
