"""The recipient's address in the envelope window: never cut, read back from the PDF.

Word positions come from a real extractor (``pdftotext -bbox``): every word of the address
must lie inside the window rectangle of the paper's geometry, or the letter is refused with
a clear error. The addresses are the longest of the shipped directory, found at test time.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from rights.core.company import Company
from rights.delivery.pdf import GEOMETRY, render_pdf
from rights.delivery.postal import address_lines, joined, window_lines
from rights.delivery.routing import letter_recipient
from rights.errors import InputError
from rights.letters.context import Letter, Recipient
from rights.letters.render import render
from tests.helpers.letter_data import context

COMPANIES = Path(__file__).resolve().parents[2] / "companies"
PT_PER_MM = 72 / 25.4
ASCENT_SLACK = 3.0  # points
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def _words(pdf: bytes, tmp_path: Path) -> list[tuple[float, float, float, float, str]]:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return [(*map(float, m.groups()[:4]), unescape(m.group(5))) for m in WORD.finditer(done.stdout)]


def _window_mm(paper: str) -> tuple[float, float, float, float]:
    g = GEOMETRY[paper]
    bottom = g["address_top"] + g["address_height"]
    return g["window_left"], g["address_top_min"], g["window_left"] + g["window_width"], bottom


def _letter(recipient: Recipient) -> Letter:
    return dataclasses.replace(render(context("gdpr", "en", "access")), recipient=recipient)


def _longest(count: int) -> list[Company]:
    """The shipped companies with the most address lines, and those with the longest line."""
    found = []
    for file in COMPANIES.glob("*.json"):
        data = json.loads(file.read_text())
        lines = address_lines(data.get("address"))
        if lines:
            found.append((len(lines), max(len(x) for x in [data["name"], *lines]), data))
    by_lines = sorted(found, key=lambda f: (-f[0], -f[1]))[:count]
    by_width = sorted(found, key=lambda f: -f[1])[:count]
    return [Company.model_validate(f[2]) for f in by_lines + by_width]


def _assert_inside(pdf: bytes, lines: list[str], paper: str, tmp_path: Path) -> None:
    left, top, right, bottom = (v * PT_PER_MM for v in _window_mm(paper))
    words = _words(pdf, tmp_path)
    wanted = "".join("".join(line.split()) for line in lines)
    # A word's box starts at the font's ascent, a little above the type block's top.
    inside = [w for w in words if w[0] >= left - 0.5 and w[2] <= right + 0.5
              and w[1] >= top - ASCENT_SLACK and w[3] <= bottom + 0.5]  # fmt: skip
    # Compared as one string without spaces: a long name may wrap at a space or a hyphen.
    shown = "".join(w[4] for w in inside)
    assert shown == wanted, f"outside the window or cut: {wanted!r} shows as {shown!r}"


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_longest_shipped_addresses_are_whole_in_the_window_or_refused(
    paper: str, tmp_path: Path
) -> None:
    fitted = refused = 0
    for company in _longest(8):
        letter = _letter(letter_recipient(company))
        try:
            pdf = render_pdf(letter, paper)
        except InputError as exc:
            assert company.name in str(exc) and "envelope window" in str(exc)
            assert exc.hint and "--via text" in exc.hint
            refused += 1
            continue
        block = window_lines(company.name, letter.recipient.address_lines, None)
        _assert_inside(pdf, block, paper, tmp_path)
        fitted += 1
    if paper == "a4":
        assert refused == 0, "every shipped address fits the DIN 5008 window"
    assert fitted > 0


def test_seven_line_address_fits_a4_in_smaller_type(tmp_path: Path) -> None:
    lines = ["c/o Agent Ireland Ltd.", "Unit 3D North Point House", "North Point Business Park",
             "New Mallow Road", "Cork", "T23AT2P", "Ireland"]  # fmt: skip
    pdf = render_pdf(_letter(Recipient(name="Space Example Corp.", address_lines=lines)), "a4")
    _assert_inside(pdf, ["Space Example Corp.", *lines], "a4", tmp_path)


def test_too_many_lines_for_us_letter_is_refused_not_cut() -> None:
    lines = [f"Line {n} of a very long address" for n in range(1, 10)]
    with pytest.raises(InputError) as caught:
        render_pdf(_letter(Recipient(name="Overlong Address Inc.", address_lines=lines)), "letter")
    assert "Overlong Address Inc. (10 lines" in str(caught.value)


def test_registry_address_is_split_at_the_right_commas() -> None:
    one_line = (
        "BDO USA, LLP -- Office of the General Counsel (Attn. CCPA Counsel), "
        "100 Park Avenue, New York, NY 10017, United States"
    )
    assert address_lines(one_line) == [
        "BDO USA, LLP -- Office of the General Counsel (Attn. CCPA Counsel)",
        "100 Park Avenue",
        "New York, NY 10017",
        "United States",
    ]
    assert address_lines("66 King St W, Suite 5300, Toronto, ON M5K 1E6, Canada") == [
        "66 King St W", "Suite 5300", "Toronto, ON M5K 1E6", "Canada",
    ]  # fmt: skip
    assert address_lines("Musterstraße 1\n10115 Berlin, Mitte") == [
        "Musterstraße 1",
        "10115 Berlin, Mitte",
    ]
    assert address_lines("  ") == [] and address_lines(None) == []


def test_domestic_letter_has_no_country_line(tmp_path: Path) -> None:
    recipient = Recipient(
        name="Example Data GmbH", address_lines=["Musterstraße 1", "10115 Berlin", "Deutschland"]
    )
    home = render_pdf(_letter(recipient), "a4", home_country="DE")
    abroad = render_pdf(_letter(recipient), "a4", home_country="US")
    assert "Deutschland" not in [w[4] for w in _words(home, tmp_path)]
    assert "Deutschland" in [w[4] for w in _words(abroad, tmp_path)]
    assert window_lines("X", ["1 Main St", "Springfield, IL 62701", "United States of America"], "US-CA") == [
        "X", "1 Main St", "Springfield, IL 62701",
    ]  # fmt: skip


def test_postcode_line_joins_the_line_before() -> None:
    assert joined(["Name", "Cork", "T23AT2P", "Ireland"]) == ["Name", "Cork T23AT2P", "Ireland"]
    assert joined(["Name", "Street 1", "Ireland"]) is None


def test_second_page_never_holds_only_the_signature(tmp_path: Path) -> None:
    """However long the details, the last page carries text before the closing word."""
    seen_two_pages = False
    for words in range(0, 400, 12):
        details = " ".join(["reason"] * words)
        letter = render(context("gdpr", "en", "objection", details=details))
        path = tmp_path / "o.pdf"
        path.write_bytes(render_pdf(letter, "a4"))
        pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, check=True, timeout=60
        ).stdout).group(1))  # type: ignore[union-attr]  # fmt: skip
        last = subprocess.run(
            ["pdftotext", "-f", str(pages), "-l", str(pages), str(path), "-"],
            capture_output=True, text=True, check=True, timeout=60,
        ).stdout  # fmt: skip
        body = [line for line in last.splitlines() if line.strip() and "R-7K3M" not in line]
        assert body[0].strip() != "Yours faithfully,", (
            f"{words} words: closing alone on page {pages}"
        )
        assert len(body) > 2
        seen_two_pages |= pages > 1
    assert seen_two_pages
