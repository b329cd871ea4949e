"""Shell completion (issue 16 point 1): the click/typer completion route that bash, zsh and
fish call (``_RIGHTS_COMPLETE``), run as a real process, with value candidates."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO


def complete(home: Path, line: str, shell: str = "bash", **env: str) -> list[str]:
    words = line.split(" ")
    full = {**os.environ, "RIGHTS_HOME": str(home), "PYTHONPATH": str(REPO), **env}
    full.update(
        _RIGHTS_COMPLETE=f"complete_{shell}",
        COMP_WORDS=line,
        COMP_CWORD=str(len(words) - 1),
        _TYPER_COMPLETE_ARGS=line,
        _TYPER_COMPLETE_FISH_ACTION="get-args",
    )
    done = subprocess.run(
        [sys.executable, "-m", "rights"], capture_output=True, text=True, env=full,
        stdin=subprocess.DEVNULL, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "unexpected" not in done.stderr
    return done.stdout.split()


@pytest.mark.parametrize(
    ("line", "wanted"),
    [
        ("rights pro", "profile"),
        ("rights request new --company experian-information", "experian-information-solutions"),
        ("rights request new --pack people", "people-search"),
        ("rights request new --law uk", "uk-gdpr"),
        ("rights request new --right era", "erasure"),
        ("rights request new --via em", "email"),
        ("rights log R-AAAA ful", "fulfilled"),
        ("rights packs print people", "people-search"),
        ("rights packs print people-search --right dele", "deletion"),
        ("rights packs show credit-and", "credit-and-scoring"),
    ],
)
def test_bash_completes_commands_and_values(home: Path, line: str, wanted: str) -> None:
    assert wanted in complete(home, line)


def test_profiles_and_case_references_complete_without_a_prompt(
    cli: Callable[..., Any], home: Path, passphrase_env: str
) -> None:
    assert cli("init").code == 0
    assert cli("profile", "new", "client-42").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Ł", "--email", "z@example.org",
            "--address", "Musterstraße 1, 10115 Berlin",
            "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    r = cli("request", "new", "--company", "acxiom", "--right", "access", "--via", "text",
            "--json")  # fmt: skip
    ref = json.loads(r.out)[0]["ref"]
    assert complete(home, "rights list --profile cli") == ["client-42"]
    assert ref in complete(home, "rights show R-", RIGHTS_PASSPHRASE=passphrase_env)
    # no key source: nothing offered, and no prompt (stdin is closed, the process ends)
    assert complete(home, "rights show R-", RIGHTS_PASSPHRASE="") == []


def test_zsh_and_fish_get_candidates_too(home: Path) -> None:
    assert any("uk-gdpr" in c for c in complete(home, "rights request new --law uk", "zsh"))
    assert any("uk-gdpr" in c for c in complete(home, "rights request new --law uk", "fish"))


def test_the_completion_script_is_printed_for_each_shell(cli: Callable[..., Any]) -> None:
    for shell in ("bash", "zsh", "fish"):
        r = cli("--show-completion", shell)
        assert r.code == 0, r.err
        assert "_RIGHTS_COMPLETE" in r.out
    r = cli("--show-completion", "tcsh")
    assert r.code == 3 and "bash, zsh, fish" in r.err
