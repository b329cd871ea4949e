"""Edges of the store's life: journal mode after restore and rekey, a read-only data
folder, what restore errors name, and which paths are a profile's own files."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from rights.errors import StoreError
from tests.conftest import PASSPHRASE


def _journal_mode(home: Path) -> str:
    from rights.store.connect import connect
    from rights.store.keys import Key

    conn = connect(
        home / "profiles" / "default" / "rights.db",
        Key("passphrase", os.environ["RIGHTS_PASSPHRASE"]),
        profile="default",
    )
    try:
        return str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    finally:
        conn.close()


def test_restored_and_rekeyed_stores_are_in_wal_mode(
    cli, home, passphrase_env, tmp_path, monkeypatch
):
    assert cli("init").code == 0
    assert _journal_mode(home) == "wal"
    backup = tmp_path / "b.db"
    assert cli("store", "backup", str(backup)).code == 0
    assert cli("store", "restore", str(backup), "--force").code == 0
    assert _journal_mode(home) == "wal"
    monkeypatch.setenv("RIGHTS_NEW_PASSPHRASE", "another long passphrase")
    assert cli("store", "rekey").code == 0
    monkeypatch.setenv("RIGHTS_PASSPHRASE", "another long passphrase")
    assert _journal_mode(home) == "wal"


def test_restore_errors_name_the_backup_file(cli, home, passphrase_env, tmp_path, monkeypatch):
    assert cli("init").code == 0
    backup = tmp_path / "b.db"
    assert cli("store", "backup", str(backup)).code == 0
    monkeypatch.setenv("RIGHTS_PASSPHRASE", "not the passphrase at all")
    wrong = cli("store", "restore", str(backup), "--profile", "other")
    assert wrong.code == 5
    assert f"cannot unlock the backup {backup}" in wrong.err
    assert "profile 'other'" not in wrong.err
    monkeypatch.setenv("RIGHTS_PASSPHRASE", PASSPHRASE)
    backup.write_bytes(backup.read_bytes()[:-100])
    cut = cli("store", "restore", str(backup), "--force")
    assert cut.code == 7
    assert f"the backup {backup} is truncated" in cut.err
    assert "profile 'default'" not in cut.err


@pytest.fixture
def read_only_home(home: Path, tmp_path: Path) -> Iterator[Path]:
    """The data folder made read-only: a read-only tmpfs as root, else chmod."""
    if os.geteuid() != 0:
        for path in [home, *home.rglob("*")]:
            path.chmod(path.stat().st_mode & ~0o222)
        yield home
        for path in [home, *home.rglob("*")]:
            path.chmod(path.stat().st_mode | 0o200)
        return
    mount = tmp_path / "ro"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mount)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        subprocess.run(["cp", "-a", f"{home}/.", str(mount)], check=True, timeout=30)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True, timeout=30)
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=30)


def _made_case(cli) -> str:
    assert cli("init").code == 0
    edit = cli(
        "profile", "edit", "--full-name", "Read Only", "--email", "r@example.org",
        "--address", "Weg 1, 12345 Stadt", "--country", "DE",
    )  # fmt: skip
    assert edit.code == 0, edit.err
    made = cli("request", "new", "--company", "acxiom", "--right", "access", "--json")
    assert made.code == 0, made.err
    return str(json.loads(made.out)[0]["ref"])


@pytest.fixture
def case_ref(cli, home, passphrase_env) -> str:
    return _made_case(cli)


def test_a_read_only_data_folder_can_be_read_not_written(
    cli, case_ref, read_only_home, monkeypatch
):
    monkeypatch.setenv("RIGHTS_HOME", str(read_only_home))
    for args in (("profile", "show", "--json"), ("list",), ("due",), ("show", case_ref)):
        r = cli(*args)
        assert r.code == 0, f"{args}: {r.err}"
    assert json.loads(cli("profile", "show", "--json").out)["full_name"] == "Read Only"
    refused = cli("profile", "edit", "--full-name", "Changed")
    assert refused.code == StoreError.exit_code, refused.err
    assert "read-only" in refused.err and "unexpected" not in refused.err
    logged = cli("log", case_ref, "note", "--note", "x")
    assert logged.code == StoreError.exit_code and "read-only" in logged.err


def test_a_profiles_own_files_are_recognised(cli, home, passphrase_env, tmp_path):
    from rights.errors import InputError
    from rights.profile import profiles

    assert cli("init").code == 0
    folder = home / "profiles" / "default"
    for name in ("rights.db", "rights.db-wal", "rights.db-shm", "rights.db.lock", "keyinfo.json"):
        assert profiles.is_store_file(home, "default", folder / name), name
    assert profiles.is_store_file(home, "default", folder / "backups" / "x.db")
    link = tmp_path / "link.db"
    link.symlink_to(folder / "rights.db")
    assert profiles.is_store_file(home, "default", link)
    hard = home / "hard.db"
    os.link(folder / "rights.db", hard)
    assert profiles.is_store_file(home, "default", hard)
    assert not profiles.is_store_file(home, "default", tmp_path / "export.json")
    with pytest.raises(InputError, match="one of the files of profile 'default'"):
        profiles.refuse_store_target(home, "default", link)
