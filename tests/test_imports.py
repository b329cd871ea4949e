"""Import discipline of everyday commands, checked on real processes: what a command does
not need, it does not import (``-X importtime``, through PYTHONPROFILEIMPORTTIME, lists
every module a process imports). ``rights --help``: tests/cli/test_shell.py."""

from __future__ import annotations

import subprocess

import pytest

from tests.conftest import PASSPHRASE


def _imported(done: subprocess.CompletedProcess[str]) -> set[str]:
    """The modules the process imported (the last column of -X importtime's lines)."""
    names = set()
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def _top(names: set[str]) -> set[str]:
    return {n.split(".")[0] for n in names}


@pytest.fixture
def rights_imports(run_rights):
    """Run ``rights ARGS`` in a child with a passphrase; (result, modules imported)."""

    def run(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
        env = {"RIGHTS_PASSPHRASE": PASSPHRASE, "PYTHONPROFILEIMPORTTIME": "1"}
        done = run_rights(*args, env=env, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
        return done, _imported(done)

    return run


@pytest.fixture
def profile(rights_imports):
    """A profile with a name, an email and a country (DE), and no companies of its own."""
    rights_imports("init")
    rights_imports(
        "profile", "edit", "--full-name", "Erika Muster", "--email", "e@example.org",
        "--country", "DE",
    )  # fmt: skip


def test_the_probe_sees_imports(rights_imports, profile):
    _, names = rights_imports("profile", "show")
    assert {"sqlcipher3", "rights"} <= _top(names)  # the store was opened: the probe works


def test_due_imports_neither_holidays_nor_typst_nor_keyring(rights_imports, profile):
    done, names = rights_imports("due")
    assert "nothing due" in done.stdout + done.stderr
    assert "sqlcipher3" in _top(names)  # it did open the store
    assert not _top(names) & {"holidays", "typst", "keyring", "jinja2"}


def test_list_with_a_passphrase_imports_no_keyring(rights_imports, profile):
    _, names = rights_imports("list")
    assert not _top(names) & {"holidays", "typst", "keyring"}


def test_a_search_without_own_companies_does_not_open_the_store(rights_imports, profile):
    done, names = rights_imports("companies", "search", "acxiom")
    assert "acxiom" in done.stdout
    assert not _top(names) & {"sqlcipher3", "keyring"}


def test_a_search_with_own_companies_opens_the_store(rights_imports, profile):
    rights_imports("companies", "add", "--name", "Acme Data LLC", "--email", "p@acme.example")
    done, names = rights_imports("companies", "search", "acme")
    assert "acme-data" in done.stdout
    assert "sqlcipher3" in _top(names)


def test_a_deadline_with_a_country_imports_one_holiday_module(rights_imports):
    done, names = rights_imports(
        "deadline", "--law", "gdpr", "--right", "access", "--received", "2026-01-31",
        "--country", "DE-BY", "--json",
    )  # fmt: skip
    assert '"due": "2026-03-02"' in done.stdout
    assert "holidays" in _top(names)
    assert "holidays.countries" not in names  # its __init__ imports all 250 countries
    assert not _top(names) & {"sqlcipher3", "keyring", "typst"}


def test_a_deadline_without_a_country_imports_no_holidays(rights_imports):
    _, names = rights_imports(
        "deadline", "--law", "gdpr", "--right", "access", "--received", "2026-01-31"
    )
    assert not _top(names) & {"holidays", "sqlcipher3", "keyring", "typst"}
