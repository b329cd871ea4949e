"""The marker beside a profile's store saying whether it holds companies or contact flags
of the user's (rights.store.user_records), and the directory commands that read it."""

from __future__ import annotations

import json
from pathlib import Path

from rights.paths import profile_dir
from rights.store import user_records


def _marker(home: Path) -> Path:
    return profile_dir(home, "default") / user_records.MARKER_NAME


def _slugs(cli, *args: str) -> list[str]:
    r = cli("companies", "search", *args, "--json")
    assert r.code == 0, r.err
    return [hit["slug"] for hit in json.loads(r.out)]


def test_the_marker_follows_what_the_store_holds(cli, passphrase_env, home):
    assert cli("init").code == 0
    marker = _marker(home)
    assert json.loads(marker.read_text()) == {"user_records": False, "version": 1}
    assert oct(marker.stat().st_mode & 0o777) == "0o600"
    r = cli("companies", "add", "--name", "Acme Data LLC", "--email", "privacy@acme.example")
    assert r.code == 0, r.err
    assert json.loads(marker.read_text())["user_records"] is True
    assert "acme-data" in _slugs(cli, "acme")  # found without --mine: the store is read


def test_no_marker_means_not_known_and_the_store_is_read(cli, passphrase_env, home):
    """A profile made before the marker existed: the search opens the store, and the
    close writes the marker."""
    assert cli("init").code == 0
    r = cli("companies", "add", "--name", "Acme Data LLC", "--email", "privacy@acme.example")
    assert r.code == 0, r.err
    _marker(home).unlink()
    assert "acme-data" in _slugs(cli, "acme")
    assert json.loads(_marker(home).read_text())["user_records"] is True


def test_a_false_marker_skips_the_store(cli, passphrase_env, home):
    """What the marker says is what the search trusts (so a stale "false" would hide the
    user's records: every close of the store rewrites it)."""
    assert cli("init").code == 0
    r = cli("companies", "add", "--name", "Acme Data LLC", "--email", "privacy@acme.example")
    assert r.code == 0, r.err
    _marker(home).write_text('{"user_records": false, "version": 1}\n')
    assert "acme-data" not in _slugs(cli, "acme")
    assert "acme-data" in _slugs(cli, "acme", "--mine")  # --mine always reads the store
    assert json.loads(_marker(home).read_text())["user_records"] is True


def test_a_damaged_marker_is_not_known(cli, passphrase_env, home):
    assert cli("init").code == 0
    r = cli("companies", "add", "--name", "Acme Data LLC", "--email", "privacy@acme.example")
    assert r.code == 0, r.err
    for text in ("", "{", "[]", '{"user_records": "no"}'):
        _marker(home).write_text(text)
        assert user_records.known(_marker(home).parent) is None
        assert "acme-data" in _slugs(cli, "acme")


def test_a_restore_forgets_the_marker(cli, passphrase_env, home, tmp_path):
    assert cli("init").code == 0
    r = cli("companies", "add", "--name", "Acme Data LLC", "--email", "privacy@acme.example")
    assert r.code == 0, r.err
    backup = tmp_path / "backup.db"
    assert cli("store", "backup", str(backup)).code == 0
    _marker(home).write_text('{"user_records": false, "version": 1}\n')
    r = cli("store", "restore", str(backup), "--force")
    assert r.code == 0, r.err
    assert "acme-data" in _slugs(cli, "acme")  # the restored copy holds it
