"""Faults the store must survive or report clearly: wrong key, damage, kills, concurrency."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, REPO

DISTINCT = {
    "full_name": "Quirinus Zebedee Vandermolen",
    "email": "quirinus.vandermolen@example.net",
    "address": "Xylophonweg 77, 99999 Nirgendwo",
    "phone": "+49 170 9876543",
}


def _init_with_data(run_rights, pass_file: Path) -> None:
    env = {"RIGHTS_PASSPHRASE_FILE": str(pass_file)}
    r = run_rights("init", env=env)
    assert r.returncode == 0, r.stderr
    r = run_rights(
        "profile", "edit",
        "--full-name", DISTINCT["full_name"],
        "--email", DISTINCT["email"],
        "--address", DISTINCT["address"],
        "--phone", DISTINCT["phone"],
        "--birth-date", "1977-07-07",
        env=env,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr


@pytest.fixture
def pass_file(tmp_path: Path) -> Path:
    path = tmp_path / "pass.txt"
    path.write_text(PASSPHRASE + "\n")
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_wrong_passphrase_is_one_clear_line(run_rights, pass_file, home):
    _init_with_data(run_rights, pass_file)
    r = run_rights("profile", "show", env={"RIGHTS_PASSPHRASE": "not the passphrase"})
    assert r.returncode == 5
    lines = r.stderr.strip().splitlines()
    assert lines[0] == (
        "error: cannot unlock profile 'default': wrong passphrase or key, or not a rights store"
    )
    assert lines[1].startswith("hint: ")
    assert len(lines) == 2  # no traceback, no SQLCipher log lines
    assert r.stdout == ""


def test_a_file_that_is_not_a_store_cannot_be_unlocked(run_rights, pass_file, home):
    _init_with_data(run_rights, pass_file)
    db = home / "profiles" / "default" / "rights.db"
    db.write_bytes(os.urandom(4096 * 3))
    r = run_rights("profile", "show", env={"RIGHTS_PASSPHRASE_FILE": str(pass_file)})
    assert r.returncode == 5
    assert "cannot unlock profile 'default'" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("cut", [1000, 4096])
def test_truncated_store_is_reported_damaged_and_left_alone(run_rights, pass_file, home, cut):
    _init_with_data(run_rights, pass_file)
    db = home / "profiles" / "default" / "rights.db"
    data = db.read_bytes()
    db.write_bytes(data[: len(data) - cut])
    before = _digest(db)
    env = {"RIGHTS_PASSPHRASE_FILE": str(pass_file)}
    shown = run_rights("profile", "show", env=env)
    verify = run_rights("store", "verify", env=env)
    assert verify.returncode == 7, verify.stderr
    assert "store damaged" in verify.stderr
    assert shown.returncode in (0, 7)
    if shown.returncode == 7:
        assert "store damaged" in shown.stderr
    assert "Traceback" not in shown.stderr + verify.stderr
    assert _digest(db) == before


def test_flipped_bytes_are_found_by_verify(run_rights, pass_file, home):
    _init_with_data(run_rights, pass_file)
    db = home / "profiles" / "default" / "rights.db"
    data = bytearray(db.read_bytes())
    assert len(data) >= 3 * 4096
    for offset in range(2 * 4096 + 100, 2 * 4096 + 140):  # inside page 3, not page 1
        data[offset] ^= 0xFF
    db.write_bytes(bytes(data))
    before = _digest(db)
    r = run_rights("store", "verify", "--json", env={"RIGHTS_PASSPHRASE_FILE": str(pass_file)})
    assert r.returncode == 7
    assert '"ok": false' in r.stdout
    assert "store damaged" in r.stderr
    assert "Traceback" not in r.stderr
    assert _digest(db) == before


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from rights.profile import profiles
    from rights.store import repo
    from rights.store.connect import transaction
    home, prefix, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    with profiles.open_store(home, "default") as store:
        for i in range(count):
            with transaction(store.conn):
                repo.set_setting(store.conn, f"{prefix}-{i}", "x" * 200)
            print(i, flush=True)
    """
)


def _writer(home: Path, prefix: str, count: int) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "RIGHTS_PASSPHRASE": PASSPHRASE}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(home), prefix, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
    )


def _settings(home: Path) -> dict[str, str]:
    from rights.profile import profiles

    with profiles.open_store(home, "default") as store:
        assert store.problems() == []
        return dict(store.conn.execute("SELECT key, value FROM settings").fetchall())


def test_sigkill_during_writes_loses_no_committed_change(cli, home, passphrase_env):
    assert cli("init").code == 0
    child = _writer(home, "kill", 100_000)
    committed = -1
    assert child.stdout is not None
    for line in child.stdout:
        committed = int(line)
        if committed >= 150:
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=60)
    assert child.returncode == -signal.SIGKILL
    rows = _settings(home)
    for i in range(committed + 1):
        assert f"kill-{i}" in rows
    r = cli("store", "verify")
    assert r.code == 0, r.err


def test_two_writers_at_once_both_succeed(cli, home, passphrase_env):
    assert cli("init").code == 0
    first, second = _writer(home, "a", 300), _writer(home, "b", 300)
    for child in (first, second):
        _, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
    rows = _settings(home)
    assert {f"a-{i}" for i in range(300)} <= rows.keys()
    assert {f"b-{i}" for i in range(300)} <= rows.keys()


def test_no_plaintext_anywhere(run_rights, pass_file, home, tmp_path):
    _init_with_data(run_rights, pass_file)
    env = {"RIGHTS_PASSPHRASE_FILE": str(pass_file)}
    backup = home / "backup.db"
    assert run_rights("store", "backup", str(backup), env=env).returncode == 0
    assert run_rights("profile", "show", "--json", env=env).returncode == 0
    needles = [v.encode() for v in DISTINCT.values()] + [b"Vandermolen", b"1977-07-07"]
    needles += [v.encode("utf-16-le") for v in DISTINCT.values()]
    scanned = 0
    for folder in (home, tmp_path / "tmp"):
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                scanned += 1
                for needle in needles:
                    assert needle not in data, f"{needle!r} found in {path.name}"
    assert scanned >= 3


def test_files_and_folders_are_private(run_rights, pass_file, home):
    _init_with_data(run_rights, pass_file)
    env = {"RIGHTS_PASSPHRASE_FILE": str(pass_file)}
    assert run_rights("store", "backup", str(home / "b.db"), env=env).returncode == 0
    for path in [home, *home.rglob("*")]:
        mode = path.stat().st_mode & 0o777
        if path.is_dir():
            assert mode == 0o700, path.name
        else:
            assert mode == 0o600, path.name


def test_requests_and_letters_leave_no_plaintext(run_rights, pass_file, home, tmp_path):
    """Drafts, rendered letters, a logged reply with an attachment: all inside the store."""
    _init_with_data(run_rights, pass_file)
    env = {"RIGHTS_PASSPHRASE_FILE": str(pass_file)}
    assert run_rights("profile", "edit", "--country", "DE", env=env).returncode == 0
    made = run_rights(
        "request", "new", "--company", "acxiom", "--right", "access", "--json", env=env
    )
    assert made.returncode == 0, made.stderr
    ref = json.loads(made.stdout)[0]["ref"]
    assert run_rights("log", ref, "sent", env=env).returncode == 0
    reply = tmp_path / "reply.txt"
    reply.write_text("Dear Quirinus Zebedee Vandermolen, we hold nothing.")
    assert run_rights("log", ref, "replied", "--attach", str(reply), env=env).returncode == 0
    reply.unlink()
    # imported mail too (issue 15): the message, its attachment, its sender and subject
    mail = tmp_path / "mail.eml"
    mail.write_bytes(
        f"From: Acxiom <privacy@acxiom.com>\r\nSubject: Re: {ref} Vandermolen\r\n"
        "Message-ID: <imported-1@acxiom.com>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
        "Content-Type: text/plain\r\n\r\nDear Quirinus Zebedee Vandermolen, your data.\r\n"
        "--b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=x.csv\r\n"
        "\r\nname,street\r\nVandermolen,Xylophonweg 77\r\n--b--\r\n".encode()
    )
    imported = run_rights("inbox", "import", str(mail), "--json", env=env)
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["counts"]["recorded"] == 1
    mail.unlink()
    assert run_rights("show", ref, env=env).returncode == 0
    for folder in (home, tmp_path / "tmp"):
        for path in folder.rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                for needle in (b"Vandermolen", b"quirinus.vandermolen", b"Xylophonweg",
                               b"imported-1@acxiom.com"):  # fmt: skip
                    assert needle not in data, f"{needle!r} found in {path.name}"
