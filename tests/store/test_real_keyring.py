"""The store's key in a real Secret Service keyring (gnome-keyring over D-Bus).

Runs when RIGHTS_TEST_REAL_KEYRING=1 (``.ci/run`` sets it inside a D-Bus session with an
unlocked gnome-keyring); then a missing keyring is a failure, not a skip.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

pytestmark = [
    pytest.mark.real_keyring,
    pytest.mark.skipif(
        os.environ.get("RIGHTS_TEST_REAL_KEYRING") != "1",
        reason="needs RIGHTS_TEST_REAL_KEYRING=1 and a D-Bus session with gnome-keyring",
    ),
]


def _rights(home, *args, backend="keyring.backends.SecretService.Keyring"):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("RIGHTS_PASSPHRASE") and k != "PYTHON_KEYRING_BACKEND"
    }
    # keyrings.alt (a test dependency) adds a plaintext backend to keyring's chain, which
    # rights refuses: name the Secret Service backend, as a user with both installed would.
    env.update(
        RIGHTS_HOME=str(home),
        PYTHONPATH=str(REPO),
    )
    if backend:
        env["PYTHON_KEYRING_BACKEND"] = backend
    return subprocess.run(
        [sys.executable, "-m", "rights", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def test_key_is_stored_in_the_secret_service_and_opens_the_store(home):
    import secretstorage

    r = _rights(home, "init")
    assert r.returncode == 0, r.stderr
    info = json.loads((home / "profiles" / "default" / "keyinfo.json").read_text())
    assert info["key_scheme"] == "keyring"

    # Read the key back through the Secret Service itself, not through our code.
    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        query = {"service": "rights", "username": info["keyring_user"]}
        items = list(collection.search_items(query))
        assert len(items) == 1
        secret = items[0].get_secret().decode()
        assert len(secret) == 64 and int(secret, 16) >= 0
    finally:
        connection.close()

    r = _rights(home, "profile", "edit", "--full-name", "Real Keyring", "--email", "rk@example.org")
    assert r.returncode == 0, r.stderr
    shown = _rights(home, "profile", "show", "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["full_name"] == "Real Keyring"
    assert json.loads(shown.stdout)["key_backend"] == "keyring.backends.SecretService.Keyring"

    assert _rights(home, "profile", "delete", "default", "--yes").returncode == 0
    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        query = {"service": "rights", "username": info["keyring_user"]}
        left = list(collection.search_items(query))
        assert left == []
    finally:
        connection.close()


def test_a_chain_with_a_plaintext_backend_is_refused(home):
    """keyring's default chain here holds the Secret Service and keyrings.alt's files."""
    r = _rights(home, "init", backend="")
    assert r.returncode == 6, r.stderr
    assert "keyrings.alt" in r.stderr and "PYTHON_KEYRING_BACKEND=" in r.stderr
    assert not (home / "profiles" / "default").exists()
