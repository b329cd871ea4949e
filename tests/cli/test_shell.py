"""The CLI shell: help on every command, exit codes, the error boundary, Ctrl-C."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
import typer

from rights.cli.main import app
from rights.errors import ERROR_TYPES
from tests.conftest import REPO
from tests.helpers.children import wait_pid


def _commands(group=None, path=()):
    import typer.main

    group = group or typer.main.get_command(app)
    if not hasattr(group, "list_commands"):  # a group of either click (rights/cli/_click.py)
        return
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield (*path, name), command
        yield from _commands(command, (*path, name))


def test_every_command_has_help_with_an_example(cli):
    found = list(_commands())
    assert len(found) >= 50
    for path, command in found:
        r = cli(*path, "--help")
        assert r.code == 0, path
        if not hasattr(command, "list_commands"):
            assert "Example:" in r.out, f"rights {' '.join(path)} --help has no example"
        else:
            assert "Example:" in r.out or "Commands:" in r.out


def test_exit_codes_are_distinct_and_documented():
    codes = [t.exit_code for t in ERROR_TYPES]
    assert len(set(codes)) == len(codes)
    assert not {0, 1, 2, 130} & set(codes)
    doc = (REPO / "docs" / "cli.md").read_text()
    for error_type in ERROR_TYPES:
        assert re.search(rf"\|\s*{error_type.exit_code}\s*\|\s*{error_type.kind}\s*\|", doc), (
            f"docs/cli.md does not list exit code {error_type.exit_code} ({error_type.kind})"
        )


def test_usage_errors_exit_2(cli):
    r = cli("profile", "show", "--no-such-option")
    assert r.code == 2
    assert "No such option" in r.err
    assert cli("no-such-command").code == 2


def test_version(cli):
    r = cli("--version")
    assert r.code == 0 and r.out.startswith("rights ")


def test_unexpected_errors_are_one_line_without_debug(cli, monkeypatch, passphrase_env):
    from rights.profile import profiles

    def boom(*args, **kwargs):
        raise RuntimeError("something broke")

    monkeypatch.setattr(profiles, "create", boom)
    r = cli("init")
    assert r.code == 1
    assert r.err.splitlines()[0] == "error: unexpected RuntimeError: something broke"
    assert "Traceback" not in r.err
    r = cli("--debug", "init")
    assert r.code == 1 and "Traceback" in r.err


def test_keyboard_interrupt_exits_130(cli, monkeypatch, passphrase_env):
    from rights.profile import profiles

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(profiles, "create", interrupted)
    assert cli("init").code == 130


def test_ctrl_c_at_the_passphrase_prompt_exits_130(home):
    """A real SIGINT to a process waiting at the hidden prompt, on a real terminal."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_PASSPHRASE")},
        "RIGHTS_HOME": str(home),
        "PYTHONPATH": str(REPO),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of its own
        os.execve(sys.executable, [sys.executable, "-m", "rights", "init"], env)
    seen = b""
    deadline = time.monotonic() + 30
    try:
        while b"Passphrase" not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 1)
            if ready:
                seen += os.read(fd, 1024)
        assert b"Passphrase" in seen
        os.kill(pid, signal.SIGINT)
        status = wait_pid(pid, timeout=30)
    finally:
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 130
    assert not (Path(home) / "profiles" / "default" / "rights.db").exists()


def test_json_output_is_sorted_and_stable(cli, passphrase_env):
    assert cli("init").code == 0
    out = cli("profile", "list", "--json").out
    keys = re.findall(r'^\s+"(\w+)":', out, flags=re.M)
    assert keys == sorted(keys)


def test_cli_modules_do_not_import_heavy_libraries_at_start():
    import subprocess

    code = (
        "import sys, rights.cli.main;"
        "heavy = {'rich', 'pydantic', 'sqlcipher3', 'keyring', 'jinja2', 'holidays', 'typst'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("value", ["2026-13-01", "tomorrow"])
def test_a_bad_rights_today_is_a_clear_error(cli, passphrase_env, monkeypatch, value):
    assert cli("init").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", value)
    r = cli("profile", "edit", "--full-name", "X")
    assert r.code == 3 and "RIGHTS_TODAY" in r.err


@pytest.mark.parametrize(
    "args",
    [["--bogus"], ["list", "--bogus"], ["companies", "search"], ["deadline", "--law"]],
)
def test_a_bad_option_is_a_usage_error_with_any_supported_typer(args):
    """typer 0.26+ carries its own copy of click, whose exceptions the error boundary must
    know too (they once ended as "unexpected NoSuchOption", exit 1): whatever typer is
    installed, a bad option or a missing argument is click's usage error, exit 2."""
    done = subprocess.run(
        [sys.executable, "-m", "rights", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert done.returncode == 2, (typer.__version__, done.stderr)
    assert "unexpected" not in done.stderr
    assert "Error: " in done.stderr


def test_command_modules_keep_annotations_evaluated():
    """typer evaluates every string annotation twice per command at start-up (about 40 ms
    over the whole tree); command modules therefore do without postponed annotations."""
    for path in (REPO / "rights" / "cli").glob("*.py"):
        if path.name.startswith("_"):
            continue
        assert "from __future__ import annotations" not in path.read_text(), path.name


def test_every_command_is_in_the_cli_docs():
    doc = (REPO / "docs" / "cli.md").read_text()
    missing = []
    for path, command in _commands():
        if hasattr(command, "list_commands"):
            continue
        group, name = (path[0], path[-1]) if len(path) > 1 else (None, path[0])
        if group is None:
            found = re.search(rf"^rights {re.escape(name)}\b", doc, re.M)
        else:  # `rights group a|b|c` lists the subcommands of a group on one or more lines
            found = re.search(rf"^rights {re.escape(group)} .*\b{re.escape(name)}\b", doc, re.M)
            found = found or re.search(rf"^\s+\|.*\b{re.escape(name)}\b", doc, re.M)
        if not found:
            missing.append(" ".join(path))
    assert missing == [], f"docs/cli.md does not list: {', '.join(missing)}"


def test_a_command_loads_only_its_own_module():
    import subprocess

    code = (
        "import sys; from rights.cli.main import main;"
        "main(['profile', '--help']);"
        "print(sorted(m for m in sys.modules if m.startswith('rights.cli.') and not m.startswith('rights.cli._')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
        timeout=60,
    )
    assert done.stdout.strip().splitlines()[-1] == "['rights.cli.main', 'rights.cli.profile']"


def test_every_registered_command_exists():
    from rights.cli.main import COMMANDS, load_command

    for name, _, _ in COMMANDS:
        assert load_command(name) is not None, name
    assert load_command("no-such-command") is None


def test_help_pays_for_no_ctypes_or_dataclasses():
    """``rights --help`` builds the command table only: the prctl's ctypes and the
    dataclasses module stay unloaded (every other command still turns dumpability off).
    What typer itself imports (typer 0.29 uses dataclasses) is not ours to save."""
    import subprocess

    code = (
        "import sys; import typer.main; typer_own = set(sys.modules);"
        "from rights.cli.main import main;"
        "main(['--help']);"
        "print(sorted({'ctypes', 'dataclasses', 'pydantic', 'rich', 'typst'} & set(sys.modules)"
        " - typer_own))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        check=True,
        timeout=60,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
