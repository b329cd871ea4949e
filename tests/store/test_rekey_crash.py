"""A rekey killed (SIGKILL) at every step boundary leaves a store the old or the new key
opens, and the next open settles the key info.

Fault injection at named functions: a child ``python -c`` imports rights, wraps one step
function of ``rights.store.rekeying`` so the process kills itself right before or right
after that step, then runs the rekey. The test then reopens with both keys.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from rights.errors import UnlockError
from rights.store import Store, rekeying, repo
from rights.store.connect import connect, transaction
from rights.store.keys import Key, KeyInfo, new_raw_key, write_keyinfo
from tests.conftest import PASSPHRASE, REPO

NEW_PASSPHRASE = "an entirely new passphrase"
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)

CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from rights.profile import profiles
    from rights.store import rekeying
    from rights.store.keys import Key
    home, step, when, new = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    original = getattr(rekeying, step)

    def killed(*args, **kwargs):
        if when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(rekeying, step, killed)
    profiles.rekey(home, "default", to="passphrase", new_key=Key("passphrase", new))
    print("finished")
    """
)

STEPS = [
    "copy_under_new_key",
    "mark_pending",
    "store_new_key",
    "drop_old_log",
    "swap",
    "finalise",
    "forget_old_key",
]
# (step, when) -> the key that must open the store afterwards
BOUNDARIES = [(STEPS[0], "before", "old")] + [
    (step, "after", "new" if n >= STEPS.index("swap") else "old") for n, step in enumerate(STEPS)
]


def _keyinfo(home: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (home / "profiles" / "default" / "keyinfo.json").read_text()
    )
    return data


@pytest.mark.parametrize(("step", "when", "opener"), BOUNDARIES)
def test_a_rekey_killed_at_a_step_boundary_leaves_a_store_one_key_opens(
    cli, home, monkeypatch, step, when, opener
):
    monkeypatch.setenv("RIGHTS_PASSPHRASE", PASSPHRASE)
    assert cli("init").code == 0
    assert (
        cli("profile", "edit", "--full-name", "Crash Person", "--email", "c@example.org").code == 0
    )
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(home), step, when, NEW_PASSPHRASE],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    assert "finished" not in child.stdout
    right, wrong = (NEW_PASSPHRASE, PASSPHRASE) if opener == "new" else (PASSPHRASE, NEW_PASSPHRASE)

    monkeypatch.setenv("RIGHTS_PASSPHRASE", wrong)
    refused = cli("profile", "show", "--json")
    assert refused.code == UnlockError.exit_code, refused.err
    if "pending" in _keyinfo(home):
        assert "a rekey was interrupted" in refused.err

    monkeypatch.setenv("RIGHTS_PASSPHRASE", right)
    shown = cli("profile", "show", "--json")
    assert shown.code == 0, shown.err
    assert json.loads(shown.out)["full_name"] == "Crash Person"
    assert "pending" not in _keyinfo(home)  # settled by that open
    assert cli("store", "verify").code == 0
    assert cli("log", "--help").code == 0
    # and the profile can be rekeyed again from there
    monkeypatch.setenv("RIGHTS_NEW_PASSPHRASE", "a third long passphrase")
    assert cli("store", "rekey").code == 0, "rekey after the crash"
    leftovers = [
        p.name for p in (home / "profiles" / "default").iterdir() if p.name.startswith(".")
    ]
    assert leftovers == []


def test_a_failure_before_the_swap_undoes_the_pending_key_info(tmp_path, memory_keyring):
    """A keyring that refuses the new key (step 3): the old key info comes back, no temp."""
    path = tmp_path / "s.db"
    key = new_raw_key()
    old = KeyInfo("keyring", "old-user")
    memory_keyring.set_password("rights", "old-user", key.secret)
    write_keyinfo(tmp_path, old)
    with Store.open(path, key, profile="t", now=NOW, create=True) as store, transaction(store.conn):
        repo.set_setting(store.conn, "k", "v")

    def refuse(service: str, user: str, secret: str) -> None:
        raise RuntimeError("the keyring refused")

    memory_keyring.set_password = refuse  # type: ignore[method-assign]
    with pytest.raises(Exception, match="refused"):
        rekeying.rekey(
            tmp_path, path, profile="t", old=old, key=key,
            new=KeyInfo("keyring", "new-user"), new_key=new_raw_key(), now=NOW,
        )  # fmt: skip
    assert json.loads((tmp_path / "keyinfo.json").read_text()) == {
        "key_scheme": "keyring",
        "keyring_user": "old-user",
        "version": 1,
    }
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    with Store.open(path, key, profile="t", now=NOW) as again:
        assert repo.get_setting(again.conn, "k") == "v"


def test_a_rekey_swaps_in_a_copy_under_the_new_key_in_wal_mode(tmp_path):
    path = tmp_path / "s.db"
    key = Key("passphrase", PASSPHRASE)
    write_keyinfo(tmp_path, KeyInfo("passphrase"))
    with Store.open(path, key, profile="t", now=NOW, create=True) as store, transaction(store.conn):
        repo.set_setting(store.conn, "k", "v")
    new = new_raw_key()
    rekeying.rekey(
        tmp_path, path, profile="t", old=KeyInfo("passphrase"), key=key,
        new=KeyInfo("keyring", "u"), new_key=new, now=NOW,
    )  # fmt: skip
    raw = connect(path, new, profile="t")  # no Store.open: it would switch to WAL itself
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()
    with Store.open(path, new, profile="t", now=NOW) as again:
        assert repo.get_setting(again.conn, "k") == "v"
        assert repo.get_meta(again.conn, "key_scheme") == "keyring"
