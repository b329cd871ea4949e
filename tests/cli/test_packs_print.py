"""``rights packs print`` (issue 17, point 10): one PDF booklet, a cover with instructions,
the contents with page numbers, one window-envelope letter per company with a postal
address. ``--blank`` reads and writes nothing personal (the store is not even opened);
nothing is stored either way. Every PDF is read back with pdftotext and pdfinfo."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, pdf_text

NAME = "Quillon Marchetti-Varga"
EMAIL = "quillon.mv@example.org"
STREET = "17 Larkspur Row"


def _pages(path: Path) -> int:
    done = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60
    )
    line = next(x for x in done.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split(":", 1)[1])


def _flat(text: str) -> str:
    """The text with every run of white space as one space (names may wrap in a cell)."""
    return re.sub(r"\s+", " ", text)


def _with_address(pack: str) -> list[str]:
    """The names of the pack's companies whose record has a postal address."""
    from rights.companies.lookup import resolve
    from rights.paths import shipped

    found = resolve([], pack, folder=shipped("companies"), mine=[])
    return [c.name for c in found if c.address]


def _store_digest(home: Path) -> dict[str, str]:
    """Every file of the data folder but the cache of shipped law data (rights.law.cache)."""
    return {
        str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(home.rglob("*"))
        if p.is_file() and p.relative_to(home).parts[0] != "cache"
    }


@pytest.fixture
def profile_made(cli, passphrase_env):
    """A profile with a name, email and address that must never show in a blank booklet."""
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", NAME, "--email", EMAIL,
            "--address", f"{STREET}, Sacramento, CA 95814", "--country", "US", "--region", "CA")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def test_blank_people_search_booklet_names_every_company_and_nobody(
    profile_made, run_rights, home, tmp_path
):
    """The acceptance command: every company of the pack with a postal address is in the
    booklet (its contents and its letter), the cover and the contents are there, every page
    is numbered, and the profile's details are not: the store is not opened (no passphrase
    is given to this run) and not changed."""
    before = _store_digest(home)
    out = tmp_path / "b.pdf"
    done = run_rights("packs", "print", "people-search", "--right", "deletion", "--blank",
                      "--out", str(out), timeout=180)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _store_digest(home) == before
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    text = pdf_text(out)
    flat = _flat(text)
    names = _with_address("people-search")
    assert len(names) > 20
    for name in names:
        assert flat.count(_flat(name)) >= 2, name  # the contents and the letter
    for heading in ("Letters to People-search sites", "What to enclose", "Fill in",
                    "When to expect an answer", "Contents", "Not in this booklet"):  # fmt: skip
        assert heading in text, heading
    assert "copy of your ID card" in text
    assert "California Privacy Protection Agency" in text
    total = _pages(out)
    assert total >= len(names) + 2
    numbers = re.findall(r"(\d+) ?/ ?(\d+)\s*$", text, flags=re.M)
    assert {int(t) for _, t in numbers} == {total}
    assert sorted(int(n) for n, _ in numbers) == list(range(1, total + 1))
    for personal in (NAME, EMAIL, STREET, "Quillon", "Marchetti"):
        assert personal not in text
    assert "Name: ____" in text and "Postal address: ____" in text
    assert re.search(r"skipped \d+ companies: no postal address", done.stderr)
    assert "nothing stored" in done.stderr


def test_contents_page_numbers_point_at_the_letters(run_rights, tmp_path):
    """Each company's page in the contents is the page its letter starts on."""
    out = tmp_path / "b.pdf"
    done = run_rights("packs", "print", "--company", "spokeo", "--company", "whitepages",
                      "--right", "access", "--blank", "--country", "US-CA", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    pages = pdf_text(out).split("\f")
    rows = dict(re.findall(r"^\s*\d+\s+(Spokeo, Inc\.|Whitepages, Inc\.)\s+CCPA\s+\S+\s+(\d+)",
                           pages[1], flags=re.M))  # fmt: skip
    assert set(rows) == {"Spokeo, Inc.", "Whitepages, Inc."}
    for name, page in rows.items():
        assert name in pages[int(page) - 1].split("Request")[0]  # in the address window
        footer = pages[int(page) - 1].strip().splitlines()[-1]
        assert re.match(rf"{re.escape(name)} · P\d{{6}}-0\d\s+{page} ?/ ?{len(pages) - 1}$",
                        footer.strip()), footer  # fmt: skip


def test_blank_works_without_any_profile(run_rights, home, tmp_path):
    """No data folder, no profile, no key: a blank booklet still prints, and no profile
    or store is created."""
    out = tmp_path / "b.pdf"
    done = run_rights("packs", "print", "--company", "spokeo", "--right", "deletion",
                      "--blank", "--country", "US-CA", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Spokeo" in pdf_text(out)
    assert not list(home.rglob("*.db")) and not (home / "profiles").exists()


def test_profile_booklet_carries_the_profile_and_stores_nothing(profile_made, tmp_path):
    cli = profile_made
    out = tmp_path / "mine.pdf"
    r = cli("packs", "print", "--company", "spokeo", "--company", "whitepages", "--right",
            "deletion", "--out", str(out))  # fmt: skip
    assert r.code == 0, r.err
    text = pdf_text(out)
    assert NAME in text and EMAIL in text and STREET in text
    assert "Check your details" in text and "____" not in text
    assert "Spokeo" in text and "Whitepages" in text
    assert json.loads(cli("list", "--json").out) == []


def test_out_dash_writes_the_pdf_to_stdout(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_PASSPHRASE")}
    env.update(PYTHONPATH=str(REPO), PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    done = subprocess.run(
        [sys.executable, "-m", "rights", "packs", "print", "--company", "spokeo", "--right",
         "deletion", "--blank", "--country", "US-CA", "--out", "-"],
        capture_output=True, env=env, timeout=120, stdin=subprocess.DEVNULL, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"%PDF-")
    (tmp_path / "s.pdf").write_bytes(done.stdout)
    assert "Spokeo" in pdf_text(tmp_path / "s.pdf")
    assert list(tmp_path.iterdir()) == [tmp_path / "s.pdf"]


def test_an_existing_file_is_refused_unless_force(cli, tmp_path):
    out = tmp_path / "b.pdf"
    out.write_bytes(b"mine")
    args = ("packs", "print", "--company", "spokeo", "--right", "deletion", "--blank",
            "--country", "US-CA", "--out", str(out))  # fmt: skip
    r = cli(*args)
    assert r.code == 8, r.err
    assert "exists" in r.err and out.read_bytes() == b"mine"
    r = cli(*args, "--force")
    assert r.code == 0, r.err
    assert out.read_bytes().startswith(b"%PDF-")


def test_companies_without_postal_address_are_skipped_and_named(cli, tmp_path):
    out = tmp_path / "b.pdf"
    r = cli("packs", "print", "--company", "spokeo", "--company", "192-com", "--right",
            "deletion", "--blank", "--country", "US-CA", "--out", str(out))  # fmt: skip
    assert r.code == 0, r.err
    assert "skipped 192-com: no postal address" in r.err
    text = pdf_text(out)
    assert "1 company has no postal address" in _flat(text)
    assert "Spokeo" in text


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("people-serch", "--right", "deletion", "--blank"), 4, "did you mean: people-search"),
        (("people-search", "--right", "dance", "--blank"), 3, "unknown right 'dance'"),
        (("--company", "spokeo", "--right", "contest", "--blank", "--country", "US-CA"), 3,
         "no letter to print"),
        (("--company", "192-com", "--right", "deletion", "--blank"), 3,
         "none of these companies has a postal address"),
        (("--company", "spokeo", "--right", "deletion", "--country", "DE"), 3,
         "--country is for a blank booklet"),
        (("--company", "spokeo", "--right", "deletion", "--blank", "--country", "Atlantis"), 3,
         "not a country"),
        (("--company", "spokeo", "--right", "deletion", "--blank", "--paper", "a5"), 3, "a5"),
        (("--right", "deletion", "--blank"), 3, "name a pack or companies"),
        (("people-search", "--blank"), 3, "--right is needed"),
    ],
)  # fmt: skip
def test_bad_input_is_one_clear_error_and_writes_nothing(cli, tmp_path, args, code, words):
    out = tmp_path / "b.pdf"
    r = cli("packs", "print", *args, "--out", str(out))
    assert r.code == code, r.err
    assert words in r.err and "Traceback" not in r.err
    assert not out.exists()


def test_profile_booklet_without_profile_is_refused(cli, tmp_path):
    """Without --blank the profile is needed: no profile, the usual error (nothing made)."""
    out = tmp_path / "b.pdf"
    r = cli("packs", "print", "--company", "spokeo", "--right", "deletion", "--out", str(out))
    assert r.code != 0 and "error:" in r.err
    assert not out.exists()


def test_an_address_that_fits_no_window_is_skipped_not_cut(cli, tmp_path):
    """ContactOut's record has an address too long for any envelope window: its letter is
    left out (named on stderr), the others are printed."""
    out = tmp_path / "b.pdf"
    r = cli("packs", "print", "--company", "contactout", "--company", "spokeo", "--right",
            "deletion", "--blank", "--country", "US-CA", "--out", str(out))  # fmt: skip
    assert r.code == 0, r.err
    assert "skipped contactout: its address does not fit the envelope window" in r.err
    text = pdf_text(out)
    assert "Spokeo" in text and "ContactOut" not in text.split("Contents")[1]


def test_blank_letter_has_a_line_for_every_field_the_company_requires(cli, tmp_path):
    """Marriott's record requires an account number: a blank letter has a line for it."""
    out = tmp_path / "b.pdf"
    r = cli("packs", "print", "--company", "marriott", "--right", "deletion", "--blank",
            "--country", "US-CA", "--out", str(out))  # fmt: skip
    assert r.code == 0, r.err
    assert re.search(r"Account or customer ID: _{10,}", pdf_text(out))


def test_cover_says_to_enclose_proof_of_identity_where_the_letters_say_so(cli, tmp_path):
    """An FCRA file disclosure letter says proper identification is enclosed: the cover
    says to enclose it with those letters (and nothing with the others)."""
    out = tmp_path / "b.pdf"
    r = cli("packs", "print", "--company", "equifax-information-services", "--company", "spokeo", "--right",
            "access", "--blank", "--country", "US-CA", "--out", str(out))  # fmt: skip
    assert r.code == 0, r.err
    text = _flat(pdf_text(out))
    assert "I enclose proper identification" in text
    cover = text.split("When to expect an answer")[0]
    assert "The letters under FCRA say that proof of identity is enclosed" in cover
    assert "With the other letters: nothing." in cover


def test_a_profile_without_postal_address_is_refused_before_any_layout(
    cli, passphrase_env, tmp_path
):
    assert cli("init").code == 0
    assert cli("profile", "edit", "--full-name", NAME, "--email", EMAIL, "--country", "US",
               "--region", "CA").code == 0  # fmt: skip
    out = tmp_path / "b.pdf"
    r = cli("packs", "print", "--company", "spokeo", "--right", "deletion", "--out", str(out))
    assert r.code == 3 and "postal address" in r.err and "rights profile edit --address" in r.err
    assert not out.exists()


def test_paper_follows_the_place_unless_given(cli, tmp_path):
    def size(*extra: str) -> str:
        out = tmp_path / f"b{len(extra)}.pdf"
        r = cli("packs", "print", "--company", "spokeo", "--right", "deletion", "--blank",
                "--country", "US-CA", "--out", str(out), *extra)  # fmt: skip
        assert r.code == 0, r.err
        done = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True,
                              check=True, timeout=60)  # fmt: skip
        return next(x for x in done.stdout.splitlines() if x.startswith("Page size:"))

    assert "(letter)" in size()
    assert "(A4)" in size("--paper", "a4")


@pytest.mark.parametrize("blank", [True, False])
def test_a_correction_booklet_leaves_lines_for_what_is_wrong(profile_made, tmp_path, blank):
    """A correction needs what is wrong and what is right, which differ per company: the
    printed letters leave lines for it (there is no --details), and the cover says so."""
    out = tmp_path / "c.pdf"
    extra = ("--blank", "--country", "US-CA") if blank else ()
    r = profile_made("packs", "print", "--company", "spokeo", "--right", "correction",
                     "--out", str(out), *extra)  # fmt: skip
    assert r.code == 0, r.err
    text = pdf_text(out)
    assert len(re.findall(r"^\s*_{60,}\s*$", text, flags=re.M)) == 4
    assert "what is wrong in the data the company holds about you" in _flat(text)
    assert (NAME in text) is not blank


def test_the_booklet_is_pdfa_2b(run_rights, tmp_path):
    """The booklet is written as every PDF is (rights.delivery.typeset): PDF/A-2b, its
    fonts embedded, readable by qpdf; its title in the metadata."""
    from tests.helpers.pdfa import assert_pdfa_2b, xmp

    out = tmp_path / "b.pdf"
    done = run_rights("packs", "print", "--company", "spokeo", "--company", "whitepages",
                      "--right", "access", "--blank", "--country", "US-CA", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    pdf = out.read_bytes()
    assert_pdfa_2b(pdf, tmp_path)
    meta = xmp(pdf)
    assert "Letters to" in meta and re.search(r"<xmp:CreateDate>\d{4}-\d\d-\d\d", meta), meta


def test_a_cjk_name_in_a_booklet_is_refused_naming_the_part(cli, passphrase_env, tmp_path):
    """A name the PDF fonts cannot show stops the booklet before any layout: the error
    names the characters and where they are (the sender's details, the letters' text),
    not a PDF with empty boxes; nothing is written. The same booklet blank prints."""
    from rights.errors import InputError

    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "山田太郎", "--email", EMAIL,
            "--address", f"{STREET}, Sacramento, CA 95814", "--country", "US", "--region", "CA")  # fmt: skip
    assert r.code == 0, r.err
    out = tmp_path / "b.pdf"
    args = ("packs", "print", "--company", "spokeo", "--right", "deletion", "--out", str(out))
    r = cli(*args)
    assert r.code == InputError.exit_code, r.err
    assert "山 (U+5C71), 田 (U+7530), 太 (U+592A), 郎 (U+90CE)" in r.err
    assert "the sender's name and address" in r.err and "the letters' text" in r.err
    assert "RIGHTS_FONT_PATH" in r.err and "Traceback" not in r.err
    assert not out.exists()
    r = cli(*args, "--blank", "--country", "US-CA")
    assert r.code == 0, r.err
    assert "山" not in pdf_text(out)
