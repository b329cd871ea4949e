"""Backup, restore, rekey and delete, through the CLI, with real SQLCipher files."""

from __future__ import annotations

import json

from tests.conftest import PASSPHRASE


def _setup(cli):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Backup Person", "--email", "b@example.org")
    assert r.code == 0, r.err


def test_backup_then_restore_into_a_new_profile(cli, home, passphrase_env, tmp_path):
    _setup(cli)
    file = tmp_path / "backup.db"
    assert cli("store", "backup", str(file)).code == 0
    assert file.stat().st_mode & 0o777 == 0o600
    again = cli("store", "backup", str(file))
    assert again.code == 8 and "exists already" in again.err
    r = cli("store", "restore", str(file), "--profile", "copy")
    assert r.code == 0, r.err
    shown = json.loads(cli("profile", "show", "--profile", "copy", "--json").out)
    assert shown["full_name"] == "Backup Person"


def test_restore_refuses_to_overwrite_without_force(cli, home, passphrase_env, tmp_path):
    _setup(cli)
    file = tmp_path / "backup.db"
    cli("store", "backup", str(file))
    cli("profile", "edit", "--full-name", "Changed Later")
    refused = cli("store", "restore", str(file))
    assert refused.code == 8 and "--force" in refused.err
    assert json.loads(cli("profile", "show", "--json").out)["full_name"] == "Changed Later"
    assert cli("store", "restore", str(file), "--force").code == 0
    assert json.loads(cli("profile", "show", "--json").out)["full_name"] == "Backup Person"


def test_restore_with_the_wrong_passphrase_writes_nothing(cli, home, monkeypatch, tmp_path):
    monkeypatch.setenv("RIGHTS_PASSPHRASE", PASSPHRASE)
    _setup(cli)
    file = tmp_path / "backup.db"
    cli("store", "backup", str(file))
    monkeypatch.setenv("RIGHTS_PASSPHRASE", "another passphrase entirely")
    r = cli("store", "restore", str(file), "--profile", "other")
    assert r.code == 5
    assert not (home / "profiles" / "other").exists()


def test_restore_of_a_missing_file(cli, passphrase_env, tmp_path):
    _setup(cli)
    r = cli("store", "restore", str(tmp_path / "nope.db"), "--profile", "x")
    assert r.code == 4 and "no backup file" in r.err


def test_rekey_passphrase_to_keyring_and_back(cli, home, monkeypatch, memory_keyring, tmp_path):
    monkeypatch.setenv("RIGHTS_PASSPHRASE", PASSPHRASE)
    _setup(cli)
    assert cli("store", "rekey", "--to", "keyring").code == 0
    info = json.loads((home / "profiles" / "default" / "keyinfo.json").read_text())
    assert info["key_scheme"] == "keyring"
    monkeypatch.delenv("RIGHTS_PASSPHRASE")
    assert json.loads(cli("profile", "show", "--json").out)["full_name"] == "Backup Person"
    new_pass = tmp_path / "new.txt"
    new_pass.write_text("a brand new passphrase\n")
    r = cli("store", "rekey", "--to", "passphrase", "--new-passphrase-file", str(new_pass))
    assert r.code == 0, r.err
    assert memory_keyring.entries == {}  # the old key is gone from the keyring
    monkeypatch.setenv("RIGHTS_PASSPHRASE", PASSPHRASE)
    assert cli("profile", "show").code == 5  # the old passphrase no longer opens it
    monkeypatch.setenv("RIGHTS_PASSPHRASE", "a brand new passphrase")
    assert cli("profile", "show", "--json").code == 0
    assert cli("store", "verify").code == 0


def test_rekey_refuses_a_short_passphrase(cli, passphrase_env, monkeypatch):
    _setup(cli)
    monkeypatch.setenv("RIGHTS_NEW_PASSPHRASE", "short")
    r = cli("store", "rekey")
    assert r.code == 3 and "too short" in r.err
    assert cli("profile", "show").code == 0


def test_delete_needs_confirmation_without_a_terminal(cli, home, memory_keyring):
    assert cli("init").code == 0  # keyring key
    assert len(memory_keyring.entries) == 1
    refused = cli("profile", "delete", "default")
    assert refused.code == 3 and "--yes" in refused.err
    assert (home / "profiles" / "default" / "rights.db").exists()
    assert cli("profile", "delete", "default", "--yes").code == 0
    assert not (home / "profiles" / "default").exists()
    assert memory_keyring.entries == {}
    assert cli("profile", "show").code == 4
