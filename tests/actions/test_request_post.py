"""Postal letters (issue 12, points 3 and 5): the sender's address on every letter that goes
by post (return line and letter head), refused before anything is stored when the profile
has none; the paper follows the person's country unless --paper; no country line on a
domestic letter. Every PDF is read back with pdftotext and pdfinfo."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import pdf_text

LETTER_PT = "612 x 792 pts"
A4_PT = "595.276 x 841.89 pts"


def page_size(path: Path) -> str:
    """The first page's size as pdfinfo (poppler-utils) prints it."""
    done = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("Page size:"))
    return line.split(":", 1)[1].split("(")[0].strip()


@pytest.fixture
def californian(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
            "--address", "742 Evergreen Terrace, Sacramento, CA 95814",
            "--country", "US", "--region", "CA")  # fmt: skip
    assert r.code == 0, r.err
    return cli


@pytest.fixture
def berliner(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
            "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def _pdf(run, company: str, out: Path, *extra: str) -> Path:
    r = run("request", "new", "--company", company, "--right", "access", "--via", "pdf",
            "--out", str(out), "--json", *extra)  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    return Path(req["files"][0])


def test_postal_letter_shows_the_senders_address_in_return_line_and_head(californian, tmp_path):
    """Spokeo's record asks for no address, but a letter by post carries it: the return line
    above the window and the letter head (both read back from the PDF)."""
    text = pdf_text(_pdf(californian, "spokeo", tmp_path))
    head = text.split("Spokeo")[0]
    assert "Dana Whitfield · 742 Evergreen Terrace · Sacramento, CA 95814" in head  # return line
    assert text.count("742 Evergreen Terrace") >= 2  # return line and letter head
    assert text.count("Sacramento, CA 95814") >= 2


def test_postal_request_without_an_address_is_refused_before_anything_is_stored(
    cli, passphrase_env, tmp_path
):
    assert cli("init").code == 0
    assert cli("profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
               "--country", "US", "--region", "CA").code == 0  # fmt: skip
    r = cli("request", "new", "--company", "spokeo", "--right", "access", "--via", "pdf",
            "--out", str(tmp_path))  # fmt: skip
    assert r.code == 3, r.err
    assert "error:" in r.err and "postal address" in r.err
    assert "hint:" in r.err and "rights profile edit --address" in r.err
    assert "unexpected" not in r.err
    assert json.loads(cli("list", "--json").out) == []
    assert not list(tmp_path.glob("*.pdf"))


def test_paper_follows_the_persons_country_unless_paper(californian, tmp_path):
    """US Letter for a person in the US or Canada, A4 elsewhere; --paper overrides."""
    assert page_size(_pdf(californian, "spokeo", tmp_path / "us")) == LETTER_PT
    assert (
        page_size(_pdf(californian, "spokeo", tmp_path / "a4", "--paper", "a4", "--again")) == A4_PT
    )


def test_paper_is_a4_for_a_berliner(berliner, tmp_path):
    assert page_size(_pdf(berliner, "schufa", tmp_path)) == A4_PT
    letter = _pdf(berliner, "schufa", tmp_path / "l", "--paper", "letter", "--again")
    assert page_size(letter) == LETTER_PT


def test_domestic_letter_has_no_country_line(berliner, tmp_path):
    """A Berliner's letter to SCHUFA (Wiesbaden) drops 'Deutschland'."""
    home = pdf_text(_pdf(berliner, "schufa", tmp_path / "de"))
    assert "65201 Wiesbaden" in home and "Deutschland" not in home


def test_letter_abroad_keeps_the_country_line(californian, tmp_path):
    abroad = pdf_text(_pdf(californian, "schufa", tmp_path / "de"))
    assert "65201 Wiesbaden" in abroad and "Deutschland" in abroad
    home = pdf_text(_pdf(californian, "spokeo", tmp_path / "us"))
    assert "Pasadena, CA 91101" in home and "United States" not in home


def test_reminder_by_post_has_the_address_and_the_persons_paper(californian, tmp_path, monkeypatch):
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    r = californian("request", "new", "--company", "spokeo", "--right", "access", "--via",
                    "pdf", "--out", str(tmp_path / "r"), "--json")  # fmt: skip
    ref = json.loads(r.out)[0]["ref"]
    assert californian("log", ref, "sent", "--date", "2026-10-01").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2027-01-20")
    out = tmp_path / "rem"
    done = californian("followup", ref, "--via", "pdf", "--out", str(out))
    assert done.code == 0, done.err
    (pdf,) = out.glob("*.pdf")
    assert page_size(pdf) == LETTER_PT
    assert pdf_text(pdf).count("742 Evergreen Terrace") >= 2
