"""Typesetting (rights.delivery.typeset): every PDF is PDF/A-2b (qpdf, the XMP metadata,
pdffonts); a character the fonts lack is refused by name and field, never printed as an
empty box; RIGHTS_FONT_PATH adds fonts; a batch of PDFs is typeset by one compiler."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from rights.delivery import typeset
from rights.delivery.pdf import render_pdf
from rights.errors import DeliveryError, InputError
from rights.letters.context import Enclosure, Letter, Recipient
from rights.letters.render import render
from tests.helpers.letter_data import context
from tests.helpers.pdfa import assert_pdfa_2b, fonts, images_on_page, xmp

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
TIFINAGH = "ⵜⴰⵎⴰⵣⵉⵖⵜ"  # in DejaVu Sans, not in typst's own fonts


def text_of(pdf: bytes) -> str:
    done = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True,
                          check=True, timeout=60)  # fmt: skip
    return done.stdout.decode()


def letter_from(name: str, recipient: str = "Example Data GmbH") -> Letter:
    ctx = context("gdpr", "en", "access", sender={"name": name, "email": "a@example.org"})
    letter = render(ctx)
    return dataclasses.replace(
        letter,
        recipient=Recipient(name=recipient, address_lines=["Musterstraße 1", "10115 Berlin"]),
    )


def test_a_letter_is_pdfa_2b_with_its_fonts_embedded_and_its_own_date(tmp_path):
    pdf = render_pdf(letter_from("Zofia Łukasiewicz"), "a4", dt.date(2026, 11, 26))
    assert_pdfa_2b(pdf, tmp_path)
    meta = xmp(pdf)
    assert "2026-11-26" in meta  # the letter's date, not the moment it was typeset
    assert "Zofia Łukasiewicz" in meta  # the author


@pytest.mark.parametrize(
    "name",
    [
        "Zofia Łukasiewicz-Żółć",
        "Ελένη Παπαδοπούλου",
        "Анна Сергеевна Иванова",
        "Jiří Dvořák",
        "Şebnem Öztürk",
        "Ngô Bảo Châu",
    ],
)
def test_latin_greek_and_cyrillic_names_are_typeset(name, tmp_path):
    pdf = render_pdf(letter_from(name, recipient=f"{name} Ltd"), "a4", dt.date(2026, 11, 26))
    text = " ".join(text_of(pdf).split())
    assert name in text and f"{name} Ltd" in text
    assert_pdfa_2b(pdf, tmp_path)


@pytest.mark.parametrize(("name", "chars"), [("王小明", "王小明"), ("山田 太郎", "山田太郎")])
def test_a_chinese_or_japanese_name_is_refused_by_character_and_field(name, chars):
    with pytest.raises(InputError) as caught:
        render_pdf(letter_from(f"Mei {name}"), "a4", dt.date(2026, 11, 26))
    err = caught.value
    assert "the sender's name and address" in err.message
    for c in chars:
        assert f"{c} (U+{ord(c):04X})" in err.message
    assert "(U+004D)" not in err.message  # the M of Mei has its glyph: not named
    assert err.hint and typeset.FONT_PATH_VARIABLE in err.hint and "--via text" in err.hint


def test_the_recipients_field_is_named_when_only_the_recipient_has_the_gap():
    with pytest.raises(InputError) as caught:
        render_pdf(letter_from("Zofia", recipient="株式会社 Example"), "a4")
    message = caught.value.message
    assert "in the recipient's name and address (株式会社 Example)" in message
    assert "the sender's" not in message and "株 (U+682A)" in message


@pytest.mark.skipif(not DEJAVU.exists(), reason="needs fonts-dejavu-core")
def test_a_font_from_rights_font_path_covers_what_typsts_fonts_lack(monkeypatch, tmp_path):
    monkeypatch.delenv(typeset.FONT_PATH_VARIABLE, raising=False)
    letter = letter_from(f"Tamazight {TIFINAGH}")
    with pytest.raises(InputError, match=re.escape("ⵜ (U+2D5C), ⴰ (U+2D30)")):
        render_pdf(letter, "a4")
    folder = tmp_path / "fonts"
    folder.mkdir()
    shutil.copy(DEJAVU, folder)
    monkeypatch.setenv(typeset.FONT_PATH_VARIABLE, str(folder))
    pdf = render_pdf(letter, "a4", dt.date(2026, 11, 26))
    assert TIFINAGH in text_of(pdf)
    assert_pdfa_2b(pdf, tmp_path)
    (tmp_path / "l.pdf").write_bytes(pdf)
    assert any("DejaVuSans" in row["name"] for row in fonts(tmp_path / "l.pdf"))


def test_a_font_path_that_does_not_exist_is_an_input_error(monkeypatch, tmp_path):
    monkeypatch.setenv(typeset.FONT_PATH_VARIABLE, str(tmp_path / "no-such-fonts"))
    with pytest.raises(InputError, match=r"RIGHTS_FONT_PATH: .*does not exist"):
        render_pdf(letter_from("Zofia"), "a4")


def test_typst_s_own_message_of_a_missing_glyph_is_read_back_with_its_escapes():
    class Fake(Exception):
        diagnostic = (
            'error: PDF/A-2b error: the text `"王"` could not be displayed with font `"X"`\n'
            'error: PDF/A-2b error: the text `"\\u{e000}"` could not be displayed with font'
        )

    assert typeset._not_displayed(Fake()) == ["王", "\ue000"]
    assert typeset._not_displayed(Exception("another error")) == []


def test_a_batch_of_pdfs_is_typeset_by_one_compiler(cli, passphrase_env, tmp_path, monkeypatch):
    monkeypatch.delenv(typeset.FONT_PATH_VARIABLE, raising=False)
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--address",
            "Musterstraße 1, 10115 Berlin", "--country", "DE", "--email", "z@example.org")  # fmt: skip
    assert r.code == 0, r.err
    typeset._compiler.cache_clear()
    before = typeset.compilers_made
    out = tmp_path / "out"
    r = cli("request", "new", "--company", "schufa", "--company", "experian-de", "--company",
            "crifbuergel", "--right", "access", "--via", "pdf", "--out", str(out), "--json")  # fmt: skip
    assert r.code == 0, r.err
    files = [Path(f) for req in json.loads(r.out) for f in req["files"]]
    assert len(files) == 3
    for file in files:
        assert_pdfa_2b(file.read_bytes(), tmp_path)
    assert typeset.compilers_made - before == 1


def test_a_cjk_name_stops_a_pdf_request_and_writes_nothing(cli, passphrase_env, tmp_path):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "山田太郎", "--address",
            "Musterstraße 1, 10115 Berlin", "--country", "DE")  # fmt: skip
    assert r.code == 0, r.err
    out = tmp_path / "out"
    r = cli("request", "new", "--company", "schufa", "--right", "access", "--via", "pdf",
            "--out", str(out))  # fmt: skip
    assert r.code == InputError.exit_code, r.err
    assert "山 (U+5C71)" in r.err and "RIGHTS_FONT_PATH" in r.err
    assert not list(out.glob("*.pdf")) if out.exists() else True


def pages_of(pdf: bytes) -> int:
    done = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, timeout=60)
    line = next(x for x in done.stdout.decode().splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def test_an_enclosed_pdf_s_pages_follow_the_letter_as_images(tmp_path):
    two = typeset.pdf(b"= Form\n#lorem(30)\n#pagebreak()\n= Page two", {}, {})
    assert pages_of(two) == 2
    plain = render_pdf(letter_from("Zofia"), "a4", dt.date(2026, 11, 26))
    enclosed = Enclosure(filename="form.pdf", mime_type="application/pdf", data=two)
    letter = dataclasses.replace(letter_from("Zofia"), enclosures=(enclosed,))
    pdf = render_pdf(letter, "a4", dt.date(2026, 11, 26))
    assert_pdfa_2b(pdf, tmp_path)
    assert pages_of(pdf) == pages_of(plain) + 2
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    for page in (pages_of(pdf) - 1, pages_of(pdf)):
        ((width, height, _),) = images_on_page(path, page, tmp_path)
        assert (width, height) == (1654, 2339)  # an A4 page at 200 ppi


def test_an_enclosed_png_is_appended_as_it_is(tmp_path):
    (png,) = typeset.compile_pages(b"#set page(width: 5cm, height: 3cm)\nSigned", {}, "png", 72)
    enclosed = Enclosure(filename="signed.png", mime_type="image/png", data=png)
    letter = dataclasses.replace(letter_from("Zofia"), enclosures=(enclosed,))
    pdf = render_pdf(letter, "a4", dt.date(2026, 11, 26))
    assert_pdfa_2b(pdf, tmp_path)
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    ((width, height, _),) = images_on_page(path, pages_of(pdf), tmp_path)
    assert (width, height) == (142, 85)  # 5 x 3 cm at 72 ppi


def test_an_enclosed_pdf_that_cannot_be_read_is_a_delivery_error():
    broken = Enclosure(filename="form.pdf", mime_type="application/pdf", data=b"%PDF-1.7 junk")
    letter = dataclasses.replace(letter_from("Zofia"), enclosures=(broken,))
    with pytest.raises(DeliveryError, match="the enclosed PDF cannot be read"):
        render_pdf(letter, "a4")
