"""Every command's help example, and a set of bad inputs, run as a user would type them:
none may end in an "unexpected" error or print "None" (issue 12 point 15).

The examples are read from the commands' own help texts (``Example: rights ...``), so a
new command is swept too. Each runs as a separate process with no terminal, in a data
folder with one profile and one request; errors are fine, crashes and "None" are not.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE

CLI = Path(__file__).resolve().parents[2] / "rights" / "cli"
EXAMPLE = re.compile(r"Example: (rights .+?)(?:\",)?$", re.M)
SKIP = {"start", "demo"}  # the wizard needs a terminal; the demo has its own tests

BAD_INPUTS = [
    "deadline --law nope --right access --received 2026-01-31",
    "deadline --law gdpr --right access --received 2026-13-01",
    "deadline --law gdpr --right nope --received 2026-01-31",
    "request new --company acxiom --right nope",
    "request new --company no-such-company-xyz --right access",
    "request new --company acxiom --right access --via pigeon",
    "request new --company acxiom --right access --paper a5",
    "export --out no/such/folder/x.json",
    "export --format xml",
    "companies show no-such-company-xyz",
    "list --status nope",
    "log R-NOPE sent",
    "due --within soon",
    "show R-NOPE --json",
    "laws show nope",
    "config show",
    "config show --json",
    "profile show",
    "packs show nope",
    "escalate R-NOPE",
    "followup R-NOPE",
]


def _examples() -> list[str]:
    found: list[str] = []
    for path in sorted(CLI.glob("*.py")):
        for match in EXAMPLE.finditer(path.read_text(encoding="utf-8")):
            for command in match.group(1).split("&&"):
                command = command.strip().removeprefix("rights ").strip()
                if command and command.split()[0] not in SKIP and command not in found:
                    found.append(command)
    return found


@pytest.fixture
def ready(run_rights, tmp_path):
    env = {"RIGHTS_PASSPHRASE": PASSPHRASE}
    assert run_rights("init", env=env).returncode == 0
    edit = run_rights("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email",
                      "zofia@example.org", "--address", "Musterstraße 1, 10115 Berlin",
                      "--country", "DE", "--region", "BE", env=env)  # fmt: skip
    assert edit.returncode == 0, edit.stderr
    made = run_rights("request", "new", "--company", "acxiom", "--right", "access", "--via",
                      "text", env=env)  # fmt: skip
    assert made.returncode == 0, made.stderr

    def run(command: str):
        args = shlex.split(command.replace("~/", f"{tmp_path}/"))
        return run_rights(*args, env=env, timeout=120)

    return run


def test_help_examples_are_found():
    examples = _examples()
    assert len(examples) > 40
    assert "request new --company acxiom --right access --via pdf --out letters/" in examples


@pytest.mark.parametrize("command", _examples() + BAD_INPUTS)
def test_no_crash_and_no_none(ready, command, tmp_path):
    done = ready(command)
    text = (done.stdout + done.stderr).replace(str(tmp_path), "TMP")
    assert "unexpected" not in text.lower(), text
    assert "Traceback" not in text, text
    assert not re.search(r"\bNone\b", text), text
    if done.returncode != 0:
        assert "error:" in done.stderr or "Usage:" in done.stderr, text
