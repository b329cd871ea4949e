"""Key sources: the keyring first, the passphrase variables in order, never a hang."""

from __future__ import annotations

import json
import shlex
import sys
import time

import pytest

from rights.errors import InputError, NoKeyError
from rights.store import keys
from tests.conftest import PASSPHRASE


def test_variables_are_read_in_the_documented_order(tmp_path):
    file = tmp_path / "p"
    file.write_text("from-file\n")
    command = f"{shlex.quote(sys.executable)} -c \"print('from-command')\""
    env = {
        "RIGHTS_PASSPHRASE_COMMAND": command,
        "RIGHTS_PASSPHRASE_FILE": str(file),
        "RIGHTS_PASSPHRASE": "from-variable",
    }
    assert keys.passphrase_from_env(env) == "from-command"
    del env["RIGHTS_PASSPHRASE_COMMAND"]
    assert keys.passphrase_from_env(env) == "from-file"  # one trailing newline dropped
    del env["RIGHTS_PASSPHRASE_FILE"]
    assert keys.passphrase_from_env(env) == "from-variable"
    assert keys.passphrase_from_env({}) is None


def test_a_failing_command_or_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(NoKeyError, match="exit code 3"):
        keys.passphrase_from_env(
            {"RIGHTS_PASSPHRASE_COMMAND": f"{shlex.quote(sys.executable)} -c 'exit(3)'"}
        )
    with pytest.raises(NoKeyError, match="RIGHTS_PASSPHRASE_FILE"):
        keys.passphrase_from_env({"RIGHTS_PASSPHRASE_FILE": str(tmp_path / "missing")})
    empty = tmp_path / "empty"
    empty.write_text("\n")
    with pytest.raises(NoKeyError, match="empty"):
        keys.passphrase_from_env({"RIGHTS_PASSPHRASE_FILE": str(empty)})


def test_quotes_in_a_passphrase_are_escaped_not_executed(cli, monkeypatch):
    tricky = "it's \"quoted\"; PRAGMA key = 'x'; --"
    monkeypatch.setenv("RIGHTS_PASSPHRASE", tricky)
    assert cli("init").code == 0
    assert cli("profile", "edit", "--full-name", "Quote Test").code == 0
    assert json.loads(cli("profile", "show", "--json").out)["full_name"] == "Quote Test"
    monkeypatch.setenv("RIGHTS_PASSPHRASE", "it's")
    assert cli("profile", "show").code == 5


def test_nul_in_a_passphrase_is_refused():
    with pytest.raises(InputError):
        keys.passphrase_from_env({"RIGHTS_PASSPHRASE": "a\x00b"})


def test_init_uses_the_keyring_when_no_passphrase_is_set(cli, home, memory_keyring):
    r = cli("init")
    assert r.code == 0, r.err
    assert "OS keyring" in r.err
    info = json.loads((home / "profiles" / "default" / "keyinfo.json").read_text())
    assert info["key_scheme"] == "keyring"
    ((service, user), secret) = next(iter(memory_keyring.entries.items()))
    assert service == "rights" and user == info["keyring_user"]
    assert len(secret) == 64 and int(secret, 16) >= 0
    assert cli("profile", "edit", "--full-name", "Keyring Person").code == 0
    assert json.loads(cli("profile", "show", "--json").out)["full_name"] == "Keyring Person"


def test_a_missing_keyring_entry_is_a_clear_error(cli, memory_keyring):
    assert cli("init").code == 0
    memory_keyring.entries.clear()
    r = cli("profile", "show")
    assert r.code == 6 and "keyring has no key" in r.err


def test_a_passphrase_variable_wins_over_the_keyring(cli, home, memory_keyring, passphrase_env):
    assert cli("init").code == 0
    info = json.loads((home / "profiles" / "default" / "keyinfo.json").read_text())
    assert info["key_scheme"] == "passphrase"
    assert memory_keyring.entries == {}


def test_short_passphrase_is_refused_on_init(cli, home, monkeypatch):
    monkeypatch.setenv("RIGHTS_PASSPHRASE", "short")
    r = cli("init")
    assert r.code == 3 and "too short" in r.err
    assert not (home / "profiles" / "default").exists()


def test_no_keyring_no_variable_no_terminal_fails_at_once(run_rights, home):
    r = run_rights("init", timeout=30)
    assert r.returncode == 6
    for name in keys.PASSPHRASE_VARIABLES:
        assert name in r.stderr
    assert not (home / "profiles" / "default").exists()


def test_keyring_choice_without_a_keyring_is_refused(cli, no_keyring):
    r = cli("init", "--key", "keyring")
    assert r.code == 11 and "no OS keyring" in r.err


def test_the_key_never_shows_in_repr():
    assert PASSPHRASE not in repr(keys.Key("passphrase", PASSPHRASE))


def test_new_key_sources_for_rekey(tmp_path, monkeypatch, no_keyring):
    from rights.errors import InputError, KeyringError, NoKeyError
    from rights.store.keys import new_key

    with pytest.raises(KeyringError, match="no OS keyring"):
        new_key("p", "keyring")
    file = tmp_path / "new"
    file.write_text("a long new passphrase\n")
    monkeypatch.setenv("RIGHTS_NEW_PASSPHRASE", "from the variable")
    assert new_key("p", "passphrase", passphrase_file=file).secret == "a long new passphrase"
    assert new_key("p", "passphrase").secret == "from the variable"
    monkeypatch.setenv("RIGHTS_NEW_PASSPHRASE", "short")
    with pytest.raises(InputError, match="too short"):
        new_key("p", "passphrase")
    monkeypatch.delenv("RIGHTS_NEW_PASSPHRASE")
    with pytest.raises(NoKeyError, match="no new passphrase given"):
        new_key("p", "passphrase")


# --- which keyring backends count as "the OS keyring" ------------------------------------

PLAINTEXT = "keyrings.alt.file.PlaintextKeyring"


def _plaintext_env(tmp_path, **extra):
    """A child's environment selecting keyrings.alt's plaintext file backend."""
    env = {
        "PYTHON_KEYRING_BACKEND": PLAINTEXT,
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "RIGHTS_KEYRING_BACKEND_OK": "",
    }
    env.update(extra)
    return env


def _plaintext_file(tmp_path):
    found = list((tmp_path / "xdg-data").rglob("*.cfg"))
    return found[0].read_text() if found else ""


def test_a_plaintext_keyring_is_not_the_os_keyring(run_rights, home, tmp_path):
    r = run_rights("init", env=_plaintext_env(tmp_path), timeout=30)
    assert r.returncode == 6, r.stderr  # no key source: no protected keyring, no passphrase
    assert PLAINTEXT in r.stderr and "does not protect" not in r.stdout
    assert "RIGHTS_KEYRING_BACKEND_OK" in r.stderr
    assert not (home / "profiles" / "default").exists()
    assert "rights" not in _plaintext_file(tmp_path)

    r = run_rights("init", "--key", "keyring", env=_plaintext_env(tmp_path), timeout=30)
    assert r.returncode == 11 and PLAINTEXT in r.stderr, r.stderr
    assert "RIGHTS_KEYRING_BACKEND_OK=" + PLAINTEXT in r.stderr

    r = run_rights("init", env=_plaintext_env(tmp_path, RIGHTS_PASSPHRASE=PASSPHRASE))
    assert r.returncode == 0, r.stderr
    info = json.loads((home / "profiles" / "default" / "keyinfo.json").read_text())
    assert info["key_scheme"] == "passphrase"
    assert "rights" not in _plaintext_file(tmp_path)


def test_a_plaintext_keyring_is_used_when_the_user_opts_in(run_rights, home, tmp_path):
    env = _plaintext_env(tmp_path, RIGHTS_KEYRING_BACKEND_OK=PLAINTEXT)
    r = run_rights("init", env=env, timeout=30)
    assert r.returncode == 0, r.stderr
    assert PLAINTEXT in r.stderr and "RIGHTS_KEYRING_BACKEND_OK" in r.stderr
    info = json.loads((home / "profiles" / "default" / "keyinfo.json").read_text())
    assert info["key_scheme"] == "keyring"
    assert "rights" in _plaintext_file(tmp_path)
    r = run_rights("store", "path", "--json", env=env, timeout=30)
    assert r.returncode == 0, r.stderr
    shown = json.loads(r.stdout)
    assert shown["key_backend"] == PLAINTEXT and shown["key_scheme"] == "keyring"
    r = run_rights("profile", "show", "--json", env=env, timeout=30)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["key_backend"] == PLAINTEXT
    r = run_rights("store", "path", env=env, timeout=30)
    assert r.stdout.strip().endswith("rights.db") and PLAINTEXT in r.stderr


class Keyring:
    """A backend that merely borrows the name of the Secret Service one."""

    priority = 1


Keyring.__module__ = "keyring.backends.SecretService"


def test_backends_are_judged_by_class_not_by_name(monkeypatch):
    from keyring.backends import SecretService, chainer, fail
    from keyrings.alt.file import PlaintextKeyring

    from rights.store import oskeyring

    monkeypatch.delenv("RIGHTS_KEYRING_BACKEND_OK")
    assert oskeyring.judge(SecretService.Keyring()).usable
    impostor = oskeyring.judge(Keyring())
    assert impostor.name == "keyring.backends.SecretService.Keyring" and not impostor.usable
    assert not oskeyring.judge(PlaintextKeyring()).usable
    assert not oskeyring.judge(fail.Keyring()).present

    def chain(*backends):
        return type("Chain", (chainer.ChainerBackend,), {"backends": list(backends)})()

    secret_service, plaintext = SecretService.Keyring(), PlaintextKeyring()
    assert not oskeyring.judge(chain(secret_service, plaintext)).usable  # one is plain text
    assert oskeyring.judge(chain(secret_service)).usable
    assert not oskeyring.judge(chain()).present
    monkeypatch.setenv("RIGHTS_KEYRING_BACKEND_OK", f"x.Y, {PLAINTEXT}")
    judged = oskeyring.judge(chain(secret_service, plaintext))
    assert judged.usable and judged.opted_in


def test_the_test_keyring_counts_only_because_the_tests_opt_in(cli, monkeypatch, home):
    monkeypatch.delenv("RIGHTS_KEYRING_BACKEND_OK")
    r = cli("init", "--key", "keyring")
    assert r.code == 11 and "MemoryKeyring" in r.err


# --- the passphrase command and file: deadlines, limits, permissions, encodings --------------


def test_a_command_leaving_a_background_child_returns_at_once():
    """The child keeps stdout open for 300 s; the passphrase arrives and the group is killed."""
    started = time.monotonic()
    command = "sh -c 'echo secret-from-command; sleep 300 &'"
    assert keys.passphrase_from_env({"RIGHTS_PASSPHRASE_COMMAND": command}) == (
        "secret-from-command"
    )
    assert time.monotonic() - started < 10


def test_a_hanging_command_times_out(monkeypatch):
    monkeypatch.setenv("RIGHTS_PASSPHRASE_TIMEOUT", "1")
    started = time.monotonic()
    with pytest.raises(NoKeyError, match="within 1 seconds"):
        keys.passphrase_from_env({"RIGHTS_PASSPHRASE_COMMAND": "sleep 300"})
    assert time.monotonic() - started < 10
    monkeypatch.setenv("RIGHTS_PASSPHRASE_TIMEOUT", "soon")
    with pytest.raises(NoKeyError, match="RIGHTS_PASSPHRASE_TIMEOUT"):
        keys.passphrase_from_env({"RIGHTS_PASSPHRASE_COMMAND": "true"})


def test_a_command_printing_too_much_is_refused():
    command = f"{shlex.quote(sys.executable)} -c \"print('x' * 100000)\""
    with pytest.raises(NoKeyError, match="more than 4096 bytes"):
        keys.passphrase_from_env({"RIGHTS_PASSPHRASE_COMMAND": command})


def test_a_passphrase_file_others_can_read_gives_a_warning(tmp_path, capsys):
    file = tmp_path / "pass"
    file.write_text("a passphrase\n")
    file.chmod(0o644)
    assert keys.passphrase_from_env({"RIGHTS_PASSPHRASE_FILE": str(file)}) == "a passphrase"
    assert "warning: RIGHTS_PASSPHRASE_FILE" in capsys.readouterr().err
    file.chmod(0o600)
    assert keys.passphrase_from_env({"RIGHTS_PASSPHRASE_FILE": str(file)}) == "a passphrase"
    assert capsys.readouterr().err == ""


def test_non_utf8_passphrase_is_the_same_clear_error_from_file_and_command(tmp_path):
    file = tmp_path / "latin1"
    file.write_bytes("geheimnis-\xe4\xf6\xfc\n".encode("latin-1"))
    file.chmod(0o600)
    command = f"cat {shlex.quote(str(file))}"
    messages = []
    for env in ({"RIGHTS_PASSPHRASE_FILE": str(file)}, {"RIGHTS_PASSPHRASE_COMMAND": command}):
        with pytest.raises(NoKeyError, match="not valid UTF-8") as caught:
            keys.passphrase_from_env(env)
        messages.append(caught.value.message.split(" from ")[0])
    assert messages[0] == messages[1]


def test_the_key_is_read_from_the_backend_the_key_info_names(run_rights, home, tmp_path):
    """keyinfo.json names the backend that holds the key; the store opens from it directly,
    even where keyring's own choice would find nothing (its fail backend here)."""
    env = _plaintext_env(tmp_path, RIGHTS_KEYRING_BACKEND_OK=PLAINTEXT)
    r = run_rights("init", env=env, timeout=30)
    assert r.returncode == 0, r.stderr
    keyinfo = home / "profiles" / "default" / "keyinfo.json"
    info = json.loads(keyinfo.read_text())
    assert info["keyring_backend"] == PLAINTEXT and info["key_scheme"] == "keyring"
    elsewhere = {**env, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    r = run_rights("profile", "show", "--json", env=elsewhere, timeout=30)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["key_backend"] == PLAINTEXT

    # a backend that neither protects secrets nor is opted in is never loaded by name
    not_opted = {**elsewhere, "RIGHTS_KEYRING_BACKEND_OK": ""}
    r = run_rights("profile", "show", env=not_opted, timeout=30)
    assert r.returncode == 11 and "the OS keyring failed" in r.stderr, r.stderr
    # nor is a name that is no backend; keyring's own choice answers (the plaintext file)
    keyinfo.write_text(json.dumps({**info, "keyring_backend": "os.getcwd"}))
    r = run_rights("profile", "show", env=env, timeout=30)
    assert r.returncode == 0, r.stderr


def test_key_info_without_a_backend_name_still_opens(cli, home, memory_keyring):
    """A profile from before the backend was recorded: keyring's own choice is asked."""
    assert cli("init").code == 0
    keyinfo = home / "profiles" / "default" / "keyinfo.json"
    info = json.loads(keyinfo.read_text())
    assert info["keyring_backend"].endswith("MemoryKeyring")
    del info["keyring_backend"]
    keyinfo.write_text(json.dumps(info))
    r = cli("profile", "show")
    assert r.code == 0, r.err
