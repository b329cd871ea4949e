"""Keyring entries of a profile: one set per data folder, all removed with the profile,
entries under the names older versions used still found."""

from __future__ import annotations

import json

import pytest

from rights.delivery import smtp_settings
from rights.profile import profiles
from rights.store import keys, repo
from rights.store.connect import transaction

SMTP = ("config", "smtp", "--host", "smtp.example.org", "--port", "587")


def _smtp_password(home):
    with profiles.open_store(home, "default") as store:
        loaded = smtp_settings.load(store)
    assert loaded is not None
    return loaded[1]


def _entries(memory_keyring, service):
    return {user: secret for (s, user), secret in memory_keyring.entries.items() if s == service}


def test_two_data_folders_with_the_same_profile_keep_their_own_entries(
    cli, tmp_path, monkeypatch, memory_keyring
):
    homes = [tmp_path / "one", tmp_path / "two"]
    for number, home in enumerate(homes):
        monkeypatch.setenv("RIGHTS_HOME", str(home))
        monkeypatch.setenv("RIGHTS_SMTP_PASSWORD", f"password {number}")
        assert cli("init").code == 0
        assert cli(*SMTP, "--username", "ada").code == 0
    assert len(_entries(memory_keyring, "rights")) == 2
    assert len(_entries(memory_keyring, "rights-smtp")) == 2
    assert [_smtp_password(home) for home in homes] == ["password 0", "password 1"]
    monkeypatch.setenv("RIGHTS_HOME", str(homes[0]))
    assert cli("profile", "delete", "default", "--yes").code == 0
    assert _smtp_password(homes[1]) == "password 1"  # the other folder's entry is kept


def test_delete_removes_the_store_key_and_the_smtp_password(cli, memory_keyring, monkeypatch):
    monkeypatch.setenv("RIGHTS_SMTP_PASSWORD", "smtp secret")
    assert cli("init").code == 0
    assert cli(*SMTP, "--username", "ada").code == 0
    assert len(memory_keyring.entries) == 2
    r = cli("profile", "delete", "default", "--yes")
    assert r.code == 0, r.err
    assert memory_keyring.entries == {}


def test_a_passphrase_profile_deletes_its_smtp_password_too(
    cli, memory_keyring, monkeypatch, passphrase_env
):
    monkeypatch.setenv("RIGHTS_SMTP_PASSWORD", "smtp secret")
    assert cli("init").code == 0
    assert cli(*SMTP, "--username", "ada").code == 0
    assert len(memory_keyring.entries) == 1
    monkeypatch.delenv("RIGHTS_PASSPHRASE")  # delete needs no key
    assert cli("profile", "delete", "default", "--yes").code == 0
    assert memory_keyring.entries == {}


def test_a_new_smtp_user_removes_the_old_users_password(cli, memory_keyring, monkeypatch, home):
    monkeypatch.setenv("RIGHTS_SMTP_PASSWORD", "first secret")
    assert cli("init").code == 0
    assert cli(*SMTP, "--username", "ada").code == 0
    monkeypatch.setenv("RIGHTS_SMTP_PASSWORD", "second secret")
    assert cli(*SMTP, "--username", "lovelace").code == 0
    assert list(_entries(memory_keyring, "rights-smtp").values()) == ["second secret"]
    assert _smtp_password(home) == "second secret"
    assert cli(*SMTP).code == 0  # no user: no password at all
    assert _entries(memory_keyring, "rights-smtp") == {}


LEGACY_SMTP = "default:ada@smtp.example.org"  # the name used before the folder digest


@pytest.fixture
def legacy(cli, memory_keyring, home):
    """A profile as older versions left it: the store key under a name without the folder
    digest, the SMTP password under ``PROFILE:USER@HOST``."""
    assert cli("init").code == 0
    folder = home / "profiles" / "default"
    info = keys.read_keyinfo(folder, "default")
    secret = memory_keyring.entries.pop(("rights", info.keyring_user))
    memory_keyring.entries[("rights", "default")] = secret
    keys.write_keyinfo(folder, keys.KeyInfo("keyring", "default"))
    with profiles.open_store(home, "default") as store, transaction(store.conn):
        stored = {"host": "smtp.example.org", "port": 587, "username": "ada",
                  "security": "starttls", "password_in": {"keyring": LEGACY_SMTP}}  # fmt: skip
        repo.set_setting(store.conn, smtp_settings.SETTING, json.dumps(stored))
    memory_keyring.entries[("rights-smtp", LEGACY_SMTP)] = "legacy secret"
    return memory_keyring


def test_entries_under_the_old_names_are_still_found(legacy, cli, home):
    assert cli("profile", "show").code == 0
    assert _smtp_password(home) == "legacy secret"


def test_a_new_smtp_setting_replaces_an_old_named_entry(legacy, cli, monkeypatch, home):
    monkeypatch.setenv("RIGHTS_SMTP_PASSWORD", "new secret")
    assert cli(*SMTP, "--username", "ada").code == 0
    assert ("rights-smtp", LEGACY_SMTP) not in legacy.entries
    assert _smtp_password(home) == "new secret"


def test_delete_removes_old_named_entries(legacy, cli):
    assert cli("profile", "delete", "default", "--yes").code == 0
    assert legacy.entries == {}
