"""A full disk is reported as a full disk (exit code 13), never as a damaged store.

On a really full file system: a 3 MB tmpfs mounted by the test (needs root and mount
permission; skipped with the reason otherwise), filled with a filler file.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from rights.errors import DiskFullError
from tests.conftest import PASSPHRASE

FULL = "no space left on the disk of the data folder: free some space and retry"


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 3 MB tmpfs, unmounted after the test."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "small"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True, timeout=30)


def _fill(folder: Path, leave: int = 0) -> Path:
    """Fill the file system of ``folder`` up to ``leave`` free bytes (roughly)."""
    filler = folder / f"filler-{len(list(folder.glob('filler-*')))}"
    with open(filler, "wb") as fh:
        block = b"\0" * 4096
        with contextlib.suppress(OSError):
            while True:
                stats = os.statvfs(folder)
                if stats.f_bavail * stats.f_frsize <= leave:
                    break
                fh.write(block)
                fh.flush()
    return filler


def test_a_full_disk_is_reported_as_such(run_rights, small_disk, tmp_path):
    home = small_disk / "home"
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASSPHRASE + "\n")
    env = {"RIGHTS_HOME": str(home), "RIGHTS_PASSPHRASE_FILE": str(pass_file)}
    assert run_rights("init", env=env).returncode == 0
    edit = run_rights(
        "profile", "edit", "--full-name", "Full Disk", "--email", "f@example.org",
        "--address", "Weg 1, 12345 Stadt", "--country", "DE", env=env,
    )  # fmt: skip
    assert edit.returncode == 0, edit.stderr
    made = run_rights(
        "request", "new", "--company", "acxiom", "--right", "access", "--json", env=env
    )
    assert made.returncode == 0, made.stderr
    ref = json.loads(made.stdout)[0]["ref"]
    attachment = tmp_path / "reply.bin"
    attachment.write_bytes(os.urandom(2 * 1024 * 1024))

    fillers = [_fill(small_disk, leave=256 * 1024)]
    logged = run_rights("log", ref, "note", "--attach", str(attachment), env=env)
    assert logged.returncode == DiskFullError.exit_code, logged.stderr
    assert logged.stderr.startswith(f"error: {FULL}"), logged.stderr
    assert "rollback" not in logged.stderr and "damaged" not in logged.stderr

    fillers.append(_fill(small_disk))
    for args in (("profile", "edit", "--full-name", "Changed"), ("store", "verify")):
        r = run_rights(*args, env=env)
        assert r.returncode in (0, DiskFullError.exit_code), r.stderr
        assert "damaged" not in r.stderr and "restore" not in r.stderr, r.stderr
        if r.returncode:
            assert r.stderr.startswith(f"error: {FULL}")
    rekey = run_rights("store", "rekey", "--new-passphrase-file", str(pass_file), env=env)
    assert rekey.returncode == DiskFullError.exit_code, rekey.stderr

    for filler in fillers:
        filler.unlink()
    assert run_rights("store", "verify", env=env).returncode == 0
    shown = run_rights("show", ref, "--json", env=env)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["attachments"] == []
    profile = json.loads(run_rights("profile", "show", "--json", env=env).stdout)
    assert profile["full_name"] in ("Full Disk", "Changed")


def test_a_full_disk_while_streaming_an_attachment_names_the_real_cause(small_disk, tmp_path):
    """The clean-up after a failed chunk write fails too on a full disk: its error must
    not replace the real one (it used to be "cannot rollback - no transaction is active")."""
    import datetime as dt

    from rights.store import Store, attachments, repo
    from rights.store.connect import transaction
    from rights.store.keys import new_raw_key

    now = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
    source = tmp_path / "big.bin"
    source.write_bytes(os.urandom(4 * 1024 * 1024))
    for attempt in range(5):
        path = small_disk / f"s{attempt}.db"
        with (
            pytest.raises(DiskFullError),
            Store.open(path, new_raw_key(), profile="t", now=now, create=True) as store,
        ):
            with transaction(store.conn):
                repo.set_setting(store.conn, "k", "v")
            store.conn.execute(
                "INSERT INTO requests (ref, company, company_name, right, law, lang, via, "
                "status, created_at) VALUES ('R-1', 'c', 'C', 'access', 'gdpr', 'en', "
                "'email', 'draft', 'now')"
            )
            attachments.store_file(store.conn, "R-1", source, now)
        for leftover in small_disk.iterdir():
            leftover.unlink()
