"""rights demo: a fictional person per country, the whole flow offline, one letter shown on
screen, the letters left in a folder, and (--keep) commands that work as printed."""

from __future__ import annotations

import email
import os
import re
import stat
import subprocess
import sys
from email import policy
from pathlib import Path

import pytest

from rights.actions.demo_personas import PERSONAS, persona_for_locale
from tests.conftest import pdf_text

RULE = "   " + "-" * 78


def _words(text: str) -> str:
    """Text as one line of words: soft hyphens at line ends joined, spacing collapsed."""
    return " ".join(re.sub(r"-\n\s*", "-", text).split())


def _page_one(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        check=True,
        timeout=60,
    )
    return _words(done.stdout.decode())


def _shown_page(out: str) -> list[str]:
    lines = out.splitlines()
    start = lines.index(RULE)
    end = lines.index(RULE, start + 1)
    return [line.strip() for line in lines[start + 1 : end]]


def _letter(out: str, folder: Path, suffix: str) -> Path:
    """The first request letter of that kind the demo wrote (the order of its step 3)."""
    names = [line.rsplit("-> ", 1)[1] for line in _request_lines(out)]
    found = [folder / name for name in names if name.endswith(suffix)]
    assert found and found[0].exists(), (names, sorted(p.name for p in folder.iterdir()))
    return found[0]


def _request_lines(out: str) -> list[str]:
    """The demo's lines for the requests it wrote (step 3)."""
    return [line for line in out.splitlines() if re.match(r"   R-\w{4}  .*: \w+ under ", line)]


def _eml(path: Path) -> email.message.EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, email.message.EmailMessage)
    return message


@pytest.fixture
def cwd(tmp_path: Path) -> Path:
    """The folder run_rights runs in (also its TMPDIR)."""
    return tmp_path / "tmp"


def test_demo_us_writes_ccpa_letters_in_english_to_us_companies(run_rights, cwd, home):
    r = run_rights("demo", "--persona", "us", env={"CI": "true"}, timeout=120)
    assert r.returncode == 0, r.stderr
    letters = cwd / "rights-demo-letters"
    requests = _request_lines(r.stdout)
    assert len(requests) == 3 and all("under CCPA" in line for line in requests), requests
    assert all("letter in en" in line for line in requests)
    posted = pdf_text(_letter(r.stdout, letters, ".pdf"))
    assert "Spokeo, Inc." in posted and "Pasadena, CA 91101" in posted
    assert "California Consumer" in posted and "Dear" in posted and "Sincerely" in posted
    assert "Jordan Q. Sample" in posted and "Sacramento, CA 95814" in posted
    message = _eml(_letter(r.stdout, letters, ".eml"))
    assert message["To"].addresses[0].domain == "enformion.com"
    assert message["From"].addresses[0].addr_spec == "jordan.sample@example.org"
    body = message.get_body(("plain",)).get_content()
    assert "1798.105" in body and "delete" in body  # the CCPA right to delete, in English
    ref = _letter(r.stdout, letters, ".pdf").stem
    complaint = letters / f"{ref}-complaint.txt"  # the CPPA takes complaints by web form
    text = complaint.read_text()
    assert "California Privacy Protection Agency" in r.stdout
    assert "Spokeo" in text and "1798" in text
    assert "Spokeo" in pdf_text(letters / f"{ref}-reminder.pdf")
    assert "OVERDUE" in r.stdout and "overdue since" in r.stdout
    assert "Integrity check of the store: ok" in r.stdout
    assert "Readable personal data in the store files: none" in r.stdout
    assert "skipped" not in r.stdout
    # nothing else is touched: the user's data folder, the temp folder (also the cwd here)
    assert not home.exists()
    assert sorted(p.name for p in cwd.iterdir()) == ["rights-demo-letters"]
    assert stat.S_IMODE(letters.stat().st_mode) == 0o700
    assert {stat.S_IMODE(p.stat().st_mode) for p in letters.iterdir()} == {0o600}


def test_demo_de_writes_german_gdpr_letters_to_german_companies(run_rights, cwd):
    r = run_rights("demo", "--persona", "de", timeout=120)
    assert r.returncode == 0, r.stderr
    letters = cwd / "rights-demo-letters"
    requests = _request_lines(r.stdout)
    assert len(requests) == 3 and all("under GDPR" in line for line in requests), requests
    assert all("letter in de" in line for line in requests)
    posted = pdf_text(_letter(r.stdout, letters, ".pdf"))
    assert "SCHUFA Holding AG" in posted and "65201 Wiesbaden" in posted
    assert "Sehr geehrte" in posted and "DSGVO" in posted
    assert "Deutschland" not in posted.split("SCHUFA Holding AG")[-1].split("DSGVO")[0]
    message = _eml(_letter(r.stdout, letters, ".eml"))
    assert message["To"].addresses[0].domain == "acxiom.com"
    body = message.get_body(("plain",)).get_content()
    assert "Art. 17 DSGVO" in body and "Löschung" in body
    complaint = pdf_text(letters / f"{_letter(r.stdout, letters, '.pdf').stem}-complaint.pdf")
    assert "Berliner Beauftragte für Datenschutz" in complaint and "Beschwerde" in complaint


def test_demo_uk_complains_to_the_company_first_then_to_the_ico(run_rights, cwd):
    r = run_rights("demo", "--persona", "uk", timeout=120)
    assert r.returncode == 0, r.stderr
    letters = cwd / "rights-demo-letters"
    requests = _request_lines(r.stdout)
    assert len(requests) == 3 and all("under UK-GDPR" in line for line in requests), requests
    posted = pdf_text(_letter(r.stdout, letters, ".pdf"))
    assert "Experian Ltd." in posted and "Nottingham" in posted
    assert "UK GDPR" in posted and "Data Protection Act 2018" in posted
    assert "Dear" in posted and "Robin Placeholder" in posted
    message = _eml(_letter(r.stdout, letters, ".eml"))
    assert message["To"].addresses[0].domain == "acxiom.com"
    assert "UK GDPR" in message.get_body(("plain",)).get_content()
    ref = _letter(r.stdout, letters, ".pdf").stem
    first = pdf_text(letters / f"{ref}-controller-complaint.pdf")
    assert "Experian Ltd." in first and "Information Commissioner" not in first
    regulator = pdf_text(letters / f"{ref}-complaint.pdf")
    assert "Information Commissioner" in regulator
    assert r.stdout.index("complaint to Experian Ltd. itself") < r.stdout.index(
        "The complaint to The Information Commissioner"
    )


@pytest.mark.parametrize("persona", ["us", "de"])
def test_the_page_shown_is_the_first_page_of_the_pdf(run_rights, cwd, persona):
    r = run_rights("demo", "--persona", persona, timeout=120)
    assert r.returncode == 0, r.stderr
    shown = _shown_page(r.stdout)
    pdf = _letter(r.stdout, cwd / "rights-demo-letters", ".pdf")
    assert f"({pdf.name})" in r.stdout
    page = _page_one(pdf)
    body = [line for line in shown if line and not line.startswith("[…")]
    assert len(body) > 20
    for line in body:  # every line shown is on the PDF's first page, nothing from page 2
        assert _words(line) in page, line
    assert shown[-1].startswith("[… the letter goes on")


def test_out_takes_a_folder_and_refuses_one_that_holds_files(run_rights, cwd):
    r = run_rights("demo", "--persona", "de", "--out", "handout", timeout=120)
    assert r.returncode == 0, r.stderr
    handout = cwd / "handout"
    before = {p.name: p.read_bytes() for p in handout.iterdir()}
    assert len(before) >= 4 and not (cwd / "rights-demo-letters").exists()
    assert "are in handout" in r.stdout
    again = run_rights("demo", "--persona", "de", "--out", "handout", timeout=120)
    assert again.returncode == 8, again.stderr
    assert "handout already holds files" in again.stderr
    assert {p.name: p.read_bytes() for p in handout.iterdir()} == before


def test_the_default_folder_is_never_written_over(run_rights, cwd):
    old = cwd / "rights-demo-letters"
    old.mkdir()
    (old / "notes.txt").write_text("mine")
    r = run_rights("demo", "--persona", "de", timeout=120)
    assert r.returncode == 0, r.stderr
    assert "rights-demo-letters already holds files (left as they are): using " in r.stdout
    assert [p.name for p in old.iterdir()] == ["notes.txt"]
    assert len(list((cwd / "rights-demo-letters-2").glob("R-*.pdf"))) >= 2


def _rights_on_path(tmp_path: Path) -> str:
    """A bin folder whose ``rights`` runs this checkout: the PATH a user has after install."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "rights"
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m rights "$@"\n')
    shim.chmod(0o755)
    return f"{bin_dir}{os.pathsep}{os.environ['PATH']}"


def test_keep_prints_one_line_and_every_suggested_command_works(run_rights, cwd, tmp_path):
    r = run_rights("demo", "--persona", "us", "--keep", timeout=120)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    (export,) = [line.strip() for line in lines if line.strip().startswith("export ")]
    assert "RIGHTS_PASSPHRASE_FILE=" in export and "RIGHTS_PASSPHRASE=" not in export
    kept = cwd / "rights-demo"
    secret = kept / "demo-passphrase"
    assert f"RIGHTS_HOME={kept}" in export and f"RIGHTS_PASSPHRASE_FILE={secret}" in export
    assert stat.S_IMODE(kept.stat().st_mode) == 0o700
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert secret.read_text() not in r.stdout  # the passphrase is never printed
    start = lines.index("Then try:") + 1
    commands = [line.strip() for line in lines[start:] if line.startswith("   rights ")]
    assert len(commands) >= 4 and any("followup" in c for c in commands)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_") and k != "CI"} | {
        "PATH": _rights_on_path(tmp_path),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    for command in commands:
        done = subprocess.run(
            ["bash", "-c", f"{export}\n{command}"],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, (command, done.stdout, done.stderr)
        if command == "rights due":
            assert "overdue" in done.stdout
        if command.startswith("rights followup"):
            assert "reminder to" in done.stderr


def test_keep_never_takes_over_a_folder_that_holds_files(run_rights, cwd):
    (cwd / "rights-demo").mkdir()
    (cwd / "rights-demo" / "mine.txt").write_text("x")
    r = run_rights("demo", "--persona", "de", "--keep", timeout=120)
    assert r.returncode == 0, r.stderr
    assert "using rights-demo-2" in r.stdout
    assert (cwd / "rights-demo-2" / "demo-passphrase").exists()
    assert [p.name for p in (cwd / "rights-demo").iterdir()] == ["mine.txt"]


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "en_US.UTF-8"}, "us"),
        ({"LANG": "en_GB.UTF-8"}, "uk"),
        ({"LANG": "de_AT.UTF-8"}, "de"),
        ({"LANG": "fr_FR.UTF-8"}, "de"),
        ({"LANG": "C.UTF-8"}, "de"),
        ({}, "de"),
        ({"LANG": "de_DE.UTF-8", "LC_ALL": "en_US.UTF-8"}, "us"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": ""}, "us"),
        ({"LANG": "en-GB"}, "uk"),
    ],
)
def test_the_persona_follows_the_locale(env, expected):
    assert persona_for_locale(env) == expected


def test_the_locale_picks_the_persona_of_a_run(run_rights):
    r = run_rights("demo", env={"LANG": "en_GB.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""})
    assert r.returncode == 0, r.stderr
    assert "Robin Placeholder" in r.stdout and "under UK-GDPR" in r.stdout


def test_a_bad_persona_is_a_usage_error(run_rights, cwd):
    r = run_rights("demo", "--persona", "fr")
    assert r.returncode == 2
    assert "'fr' is not one of us, uk, de" in r.stderr
    assert list(cwd.iterdir()) == []


@pytest.mark.parametrize("key", sorted(PERSONAS))
def test_each_persona_writes_to_complete_records_of_its_country(key):
    from rights.companies.lookup import resolve
    from rights.paths import shipped

    persona = PERSONAS[key]
    assert persona.key == key and persona.requests[0][2] == "pdf"  # the letter shown
    assert all(e.endswith("@example.org") for e in persona.changes.emails or [])
    for slug, _, _ in persona.requests:
        (company,) = resolve([slug], None, folder=shipped("companies"), mine=[])
        assert company.address and company.email, slug
        assert company.countries == [persona.changes.country], slug
