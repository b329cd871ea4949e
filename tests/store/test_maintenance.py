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
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".lock") == ["b.db", "s.db"]
