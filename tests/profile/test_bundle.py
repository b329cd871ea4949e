"""rights profile export / import: a profile moves to another machine as one encrypted
bundle (SQLCipher's own export), and works there: follow-ups, complaints, attachments."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.followup import new_case

NAME = "Zofia Łukasiewicz"
NOTE = "their answer quoted a secret-marker-7731"
REPLY = b"Attachment bytes \x00\x01\xff of the reply, secret-marker-4242\n"


@pytest.fixture
def moved(cli: Callable[..., Any], home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A keyring-keyed profile with a sent, late case, an attachment, and a bundle of it."""
    assert cli("init").code == 0  # the in-memory keyring holds the key
    r = cli(
        "profile", "edit", "--full-name", NAME, "--email", "zofia@example.org",
        "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE",
    )  # fmt: skip
    assert r.code == 0, r.err
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(cli, "acxiom", "access", "--lang", "en")
    assert cli("log", ref, "sent", "--date", "2026-10-01").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-05")
    reply = tmp_path / "reply.bin"
    reply.write_bytes(REPLY)
    r = cli("log", ref, "replied", "--date", "2026-10-05", "--note", NOTE, "--attach", str(reply))
    assert r.code == 0, r.err
    secret = tmp_path / "bundle-pass"
    secret.write_text("a bundle passphrase to travel\n")
    secret.chmod(0o600)
    monkeypatch.setenv("RIGHTS_BUNDLE_PASSPHRASE_FILE", str(secret))
    bundle = tmp_path / "zofia.rights"
    r = cli("profile", "export", "default", "--out", str(bundle))
    assert r.code == 0, r.err
    return ref, bundle, secret


def _other_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    other = tmp_path / "other-machine"
    monkeypatch.setenv("RIGHTS_HOME", str(other))
    return other


def test_the_bundle_is_private_and_holds_no_plaintext(moved: Any) -> None:
    _, bundle, _ = moved
    assert stat.S_IMODE(bundle.stat().st_mode) == 0o600
    data = bundle.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    for needle in (NAME.encode(), "Łukasiewicz".encode(), b"secret-marker", b"acxiom", b"Acxiom"):
        assert needle not in data


def test_import_on_another_machine_gives_a_working_profile(
    cli: Callable[..., Any], moved: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ref, bundle, _ = moved
    _other_machine(tmp_path, monkeypatch)
    r = cli("profile", "import", str(bundle), "--as", "zofia")
    assert r.code == 0, r.err
    shown = json.loads(cli("--profile", "zofia", "profile", "show", "--json").out)
    assert shown["full_name"] == NAME
    case = json.loads(cli("--profile", "zofia", "show", ref, "--json").out)
    assert [e["kind"] for e in case["events"]][:2] == ["sent", "replied"]
    got = tmp_path / "got.bin"
    r = cli("--profile", "zofia", "attachment", "get", ref, "1", "--out", str(got))
    assert r.code == 0, r.err
    assert got.read_bytes() == REPLY
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    letters = tmp_path / "letters"
    r = cli("--profile", "zofia", "followup", ref, "--via", "pdf", "--out", str(letters))
    assert r.code == 0, r.err
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-10")
    r = cli("--profile", "zofia", "escalate", ref, "--via", "text", "--lang", "en", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["status"] == "escalated"


def test_the_original_name_is_the_default_and_an_existing_one_is_refused(
    cli: Callable[..., Any], moved: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, bundle, _ = moved
    _other_machine(tmp_path, monkeypatch)
    assert cli("profile", "import", str(bundle)).code == 0
    assert "default" in cli("profile", "list").out
    r = cli("profile", "import", str(bundle))
    assert r.code == 8 and "exists already" in r.err


def test_a_wrong_passphrase_or_a_changed_bundle_is_one_error_and_writes_nothing(
    cli: Callable[..., Any], moved: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, bundle, secret = moved
    other = _other_machine(tmp_path, monkeypatch)
    wrong = tmp_path / "wrong-pass"
    wrong.write_text("not the bundle passphrase\n")
    wrong.chmod(0o600)
    monkeypatch.setenv("RIGHTS_BUNDLE_PASSPHRASE_FILE", str(wrong))
    r = cli("profile", "import", str(bundle), "--as", "x")
    assert r.code == 5, r.err
    assert "wrong passphrase, or the file was changed" in r.err
    assert not (other / "profiles" / "x").exists()
    monkeypatch.setenv("RIGHTS_BUNDLE_PASSPHRASE_FILE", str(secret))
    changed = tmp_path / "changed.rights"
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit inside a page: SQLCipher's page HMAC fails
    changed.write_bytes(bytes(data))
    r = cli("profile", "import", str(changed), "--as", "y")
    assert r.code == 5, r.err
    assert "wrong passphrase, or the file was changed" in r.err
    assert not (other / "profiles" / "y").exists()
    r = cli("profile", "import", str(tmp_path / "nowhere.rights"), "--as", "z")
    assert r.code == 4


def test_export_refuses_to_overwrite_and_names_no_secret_in_argv(
    cli: Callable[..., Any], moved: Any
) -> None:
    _, bundle, _ = moved
    before = bundle.read_bytes()
    r = cli("profile", "export", "default", "--out", str(bundle))
    assert r.code == 8
    assert bundle.read_bytes() == before
    assert "--passphrase" not in cli("profile", "export", "--help").out
    assert os.environ.get("RIGHTS_PASSPHRASE") is None  # the bundle used its own variable
