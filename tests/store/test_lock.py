"""The profile lock: every open holds it shared, rekey and restore hold it exclusive.

Real processes throughout: ``rights log`` commands run in a loop in child processes while
``rights store rekey`` and ``rights store restore --force`` run in others.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from rights.errors import StoreError
from tests.conftest import PASSPHRASE, REPO

IN_USE = "the store is in use by another rights process"

# One writer: run `rights log REF note --note W-j` until the stop file appears; print
# "j rc" per run, and keep the stderr of every failed run.
WRITER = textwrap.dedent(
    """
    import subprocess, sys
    from pathlib import Path
    ref, tag, stop = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    j = 0
    while not stop.exists() and j < 400:
        done = subprocess.run(
            [sys.executable, "-m", "rights", "log", ref, "note", "--note", f"{tag}-{j}"],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
        )
        print(j, done.returncode, flush=True)
        if done.returncode:
            print("ERR", done.stderr.replace(chr(10), " | "), flush=True)
        j += 1
    """
)


def _env(home: Path, tmp_path: Path, pass_file: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_PASSPHRASE")}
    env.update(
        RIGHTS_HOME=str(home),
        TMPDIR=str(tmp_path),
        PYTHONPATH=str(REPO),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        RIGHTS_PASSPHRASE_FILE=str(pass_file),
    )
    return env


def _rights(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rights", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _case(env: dict[str, str]) -> str:
    assert _rights(env, "init").returncode == 0
    edit = _rights(
        env, "profile", "edit", "--full-name", "Lock Person", "--email", "l@example.org",
        "--address", "Weg 1, 12345 Stadt", "--country", "DE",
    )  # fmt: skip
    assert edit.returncode == 0, edit.stderr
    made = _rights(env, "request", "new", "--company", "acxiom", "--right", "access", "--json")
    assert made.returncode == 0, made.stderr
    ref: str = json.loads(made.stdout)[0]["ref"]
    assert _rights(env, "log", ref, "sent").returncode == 0
    return ref


def _notes(env: dict[str, str], ref: str) -> set[str]:
    shown = _rights(env, "show", ref, "--json")
    assert shown.returncode == 0, shown.stderr
    return {event["note"] for event in json.loads(shown.stdout)["events"]}


def _run_writers_during(env, tmp_path, ref, operation) -> tuple[set[str], list[str]]:
    """Start three writers, run ``operation`` three times while they write, stop them;
    return the notes whose command printed success and the errors of the others."""
    stop = tmp_path / "stop"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, ref, f"w{n}", str(stop)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for n in range(3)
    ]
    try:
        time.sleep(1.5)
        for _ in range(3):
            done = operation()
            assert done.returncode == 0, done.stderr
            time.sleep(0.7)
    finally:
        stop.write_text("")
    succeeded: set[str] = set()
    errors: list[str] = []
    for n, child in enumerate(writers):
        out, err = child.communicate(timeout=180)
        assert child.returncode == 0, err
        for line in out.splitlines():
            if line.startswith("ERR "):
                errors.append(line)
                continue
            j, rc = line.split()
            if rc == "0":
                succeeded.add(f"w{n}-{j}")
    return succeeded, errors


def test_no_write_that_printed_success_is_lost_during_rekey(home, tmp_path):
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASSPHRASE + "\n")
    env = _env(home, tmp_path, pass_file)
    ref = _case(env)

    def rekey() -> subprocess.CompletedProcess[str]:  # the same passphrase, a fresh salt
        return _rights(env, "store", "rekey", "--new-passphrase-file", str(pass_file))

    succeeded, errors = _run_writers_during(env, tmp_path, ref, rekey)
    assert len(succeeded) >= 6
    missing = succeeded - _notes(env, ref)
    assert missing == set(), f"{len(missing)} logged events lost: {sorted(missing)[:5]}"
    for line in errors:
        assert IN_USE in line, line
    assert _rights(env, "store", "verify").returncode == 0


def test_no_write_that_printed_success_is_lost_during_restore(home, tmp_path):
    pass_file = tmp_path / "pass.txt"
    pass_file.write_text(PASSPHRASE + "\n")
    env = _env(home, tmp_path, pass_file)
    ref = _case(env)
    backup = tmp_path / "backup.db"
    assert _rights(env, "store", "backup", str(backup)).returncode == 0

    _, errors = _run_writers_during(
        env, tmp_path, ref, lambda: _rights(env, "store", "restore", str(backup), "--force")
    )
    # A restore throws away what was written before it: only writes after the last
    # restore can be checked, so the check is that the store holds every note written
    # after it and nothing is half there.
    notes = _notes(env, ref)
    assert _rights(env, "store", "verify").returncode == 0
    for line in errors:
        assert IN_USE in line, line
    late = {f"late-{j}" for j in range(3)}
    for note in late:
        assert _rights(env, "log", ref, "note", "--note", note).returncode == 0
    assert late <= _notes(env, ref)
    assert notes <= _notes(env, ref)


def test_rekey_refuses_while_a_store_is_open(cli, home, passphrase_env, monkeypatch):
    from rights.profile import profiles
    from rights.store import lock

    monkeypatch.setattr(lock, "EXCLUSIVE_WAIT_S", 0.3)
    assert cli("init").code == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; from rights.profile import profiles\n"
            "s = profiles.open_store(Path(sys.argv[1]), 'default'); print('open', flush=True)\n"
            "time.sleep(60)",
            str(home),
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        monkeypatch.setenv("RIGHTS_NEW_PASSPHRASE", "another long passphrase")
        r = cli("store", "rekey")
        assert r.code == StoreError.exit_code
        assert r.err.startswith(f"error: {IN_USE}; try again"), r.err
        with profiles.open_store(home, "default") as store:  # shared opens still work
            assert store.problems() == []
    finally:
        holder.kill()
        holder.wait(timeout=30)
    assert cli("store", "rekey").code == 0


def test_the_lock_file_is_private_and_opens_nest_in_one_process(cli, home, passphrase_env):
    from rights.profile import profiles

    assert cli("init").code == 0
    with profiles.open_store(home, "default"), profiles.open_store(home, "default"):
        lock_file = home / "profiles" / "default" / "rights.db.lock"
        assert lock_file.stat().st_mode & 0o777 == 0o600
    assert (home / "profiles" / "default").stat().st_mode & 0o777 == 0o700
