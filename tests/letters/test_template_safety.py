"""Hostile user templates through the real CLI: each one fails quickly as a bad template
(exit 9, one ``error:`` line, a hint naming the file), never as an "unexpected" error, and
no template (or family.json) is read from outside the templates folders.

Every run is a child process with a timeout (the bound on "quickly"); no test measures wall
clock time itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from rights.errors import DataFileError
from tests.conftest import PASSPHRASE

BAD_TEMPLATE = DataFileError.exit_code
TIMEOUT = 45  # generous: start-up, store opening and key derivation included

HOSTILE = {
    "range of 10**9": "{{ ref }}\n{% for i in range(10**9) %}x{% endfor %}",
    "string of 10**8": "{{ ref }}\n{{ 'x' * 10**8 }}",
    "string of 10**10": "{{ ref }}\n{{ 'x' * 10**10 }}",
    "list of 10**9": "{{ ref }}\n{{ ([1] * 10**9)|length }}",
    "huge power": "{{ ref }}\n{{ 10 ** 100000000 }}",
    "output too long": "{{ ref }}\n{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}",
    "loop that never yields": (
        "{{ ref }}\n{% for i in range(100000) %}{% for j in range(100000) %}"
        "{% endfor %}{% endfor %}"
    ),
    "slow loop in a macro": (
        "{{ ref }}\n{% macro m() %}{% for i in range(100000) %}{% for j in range(100000) %}"
        "{% endfor %}{% endfor %}{% endmacro %}{{ m() }}"
    ),
    "long text in a set block": (
        "{{ ref }}\n{% set s %}{% for i in range(100000) %}{{ 'y' * 200 }}{% endfor %}{% endset %}"
        "{{ s|length }}"
    ),
    "doubling": (
        "{{ ref }}\n{% set ns = namespace(s='x') %}{% for i in range(64) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
    ),
    "macro calling itself": "{{ ref }}\n{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}",
    "template including itself": '{{ ref }}\n{% include "gdpr/en/access.j2" %}',
    "template extending itself": '{% extends "gdpr/en/access.j2" %}',
    "attribute escape": "{{ ref }}\n{{ ''.__class__.__mro__ }}",
    "globals escape": "{{ ref }}\n{{ cycler.__init__.__globals__ }}",
    "format escape": "{{ ref }}\n{{ '{0.__class__}'.format(ref) }}",
    # the first render stops at the missing value; the recording re-render meets the rest
    "missing value, then recursion": (
        "{{ ref }} {{ nope }}\n{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"
    ),
    "missing value, then escape": "{{ ref }} {{ nope }}\n{{ ''.__class__.__mro__ }}",
    "missing value, then overflow": (
        "{{ ref }} {{ nope }}\n{% for i in range(10**9) %}x{% endfor %}"
    ),
    "missing value, then slow loop": (
        "{{ ref }} {{ nope }}\n{% for i in range(100000) %}{% for j in range(100000) %}"
        "{% endfor %}{% endfor %}"
    ),
}
if sys.platform.startswith("linux"):  # the memory cap is set with RLIMIT_AS (Linux only)
    HOSTILE["ten gigabytes in one call"] = (
        "{{ ref }}\n{{ ('x' * 100000)|replace('', 'x' * 100000) }}"
    )


@pytest.fixture
def person(cli, passphrase_env):
    """A profile opened by a passphrase (the child processes get it in their environment)."""
    assert cli("init", "--key", "passphrase").code == 0
    r = cli(
        "profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
        "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE",
    )  # fmt: skip
    assert r.code == 0, r.err


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _request(run_rights, *via: str):
    return run_rights(
        "request", "new", "--company", "acxiom", "--right", "access", "--lang", "en",
        "--via", *(via or ("text",)), env={"RIGHTS_PASSPHRASE": PASSPHRASE}, timeout=TIMEOUT,
    )  # fmt: skip


def _assert_bad_template(done, file: Path) -> list[str]:
    lines = done.stderr.splitlines()
    errors = [line for line in lines if line.startswith("error:")]
    hints = [line for line in lines if line.startswith("hint:")]
    assert done.returncode == BAD_TEMPLATE, done.stderr
    assert len(errors) == 1, done.stderr
    assert "unexpected" not in done.stderr and "Traceback" not in done.stderr
    assert any(str(file) in hint for hint in hints), done.stderr
    return errors


@pytest.mark.parametrize("payload", sorted(HOSTILE))
def test_a_hostile_template_is_a_bad_template(person, home, run_rights, payload):
    file = _write(home / "templates" / "gdpr" / "en" / "access.j2", HOSTILE[payload])
    done = _request(run_rights)
    _assert_bad_template(done, file)
    assert len(done.stdout) < 64 * 1024  # nothing huge reached the terminal


def test_a_template_symlinked_to_a_file_outside_is_refused(person, home, tmp_path, run_rights):
    secret = _write(tmp_path / "elsewhere" / "secret.txt", "{{ ref }}\nTOP-SECRET-CONTENT")
    link = home / "templates" / "gdpr" / "en" / "access.j2"
    link.parent.mkdir(parents=True)
    link.symlink_to(secret)
    done = _request(run_rights)
    (error,) = _assert_bad_template(done, link)
    assert "outside" in error
    assert "TOP-SECRET-CONTENT" not in done.stdout + done.stderr


def test_an_include_through_a_symlinked_folder_is_refused(person, home, tmp_path, run_rights):
    _write(tmp_path / "elsewhere" / "part.j2", "TOP-SECRET-CONTENT")
    (home / "templates").mkdir()
    (home / "templates" / "parts").symlink_to(tmp_path / "elsewhere")
    file = _write(home / "templates" / "gdpr" / "en" / "access.j2",
                  '{{ ref }}\n{% include "parts/part.j2" %}')  # fmt: skip
    done = _request(run_rights)
    (error,) = _assert_bad_template(done, home / "templates" / "parts" / "part.j2")
    assert "outside" in error and str(file) not in error
    assert "TOP-SECRET-CONTENT" not in done.stdout + done.stderr


def test_a_family_file_symlinked_outside_is_refused(person, home, tmp_path, run_rights):
    shipped = json.loads((Path(__file__).parents[2] / "templates/gdpr/family.json").read_text())
    outside = _write(tmp_path / "elsewhere" / "family.json", json.dumps(shipped))
    link = home / "templates" / "gdpr" / "family.json"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    _write(home / "templates" / "gdpr" / "en" / "access.j2", "Mine {{ ref }}\n\nHello")
    done = _request(run_rights, "pdf", "--out", str(tmp_path / "letters"))  # reads the paper
    assert done.returncode == BAD_TEMPLATE, done.stderr
    assert "outside" in done.stderr and str(link) in done.stderr


def test_a_symlink_that_stays_inside_the_folder_is_fine(person, home, run_rights):
    real = _write(home / "templates" / "mine" / "access.j2", "Mine {{ ref }}\n\nHello")
    link = home / "templates" / "gdpr" / "en" / "access.j2"
    link.parent.mkdir(parents=True)
    link.symlink_to(real)
    done = _request(run_rights)
    assert done.returncode == 0, done.stderr
    assert "Mine R-" in done.stdout


def test_a_fifo_is_not_a_template(person, home, run_rights):
    import os

    folder = home / "templates" / "gdpr" / "en"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "access.j2")
    done = _request(run_rights)  # opening a FIFO for reading would wait for ever
    _assert_bad_template(done, folder / "access.j2")


def test_letters_check_reports_a_hostile_template(person, home, run_rights):
    _write(home / "templates" / "gdpr" / "en" / "access.j2", HOSTILE["macro calling itself"])
    done = run_rights("letters", "check", "--json", env={"RIGHTS_PASSPHRASE": PASSPHRASE},
                      timeout=TIMEOUT)  # fmt: skip
    assert done.returncode == BAD_TEMPLATE and "unexpected" not in done.stderr, done.stderr
    problems = json.loads(done.stdout)["problems"]
    assert problems and all(p["template"] == "gdpr/en/access.j2" for p in problems)
    assert all("recursion" in p["problem"] for p in problems)
