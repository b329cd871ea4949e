"""A printable PDF letter (A4 or US Letter), laid out by typst with its embedded fonts.

The recipient's address sits where an envelope window shows it:

* A4: DIN 5008 form B address field, 20 mm from the left edge and 45 mm from the top,
  85 mm wide; the recipient lines start below the 17.7 mm return-address zone; fold marks
  at 105 mm and 210 mm. Fits a DL or C5/6 window envelope. A long address may start
  higher, at 55 mm (still under the return line, inside the 45 mm window).
* US Letter: a standard #10 window envelope (window 4.5 x 1.125 in, 7/8 in from the left,
  1/2 in from the bottom) with the letter folded in thirds: the block starts 2 1/8 in from
  the top and 1 in from the left, 3 3/8 in wide and 1 in tall (the window is 1 1/8 in).

The letter's text is passed to typst as JSON data, never as markup, so a name such as
``#set`` or ``*x*`` prints as it is.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.delivery import Options, Outcome, output_path, write_private
from rights.errors import DeliveryError, InputError

if TYPE_CHECKING:
    import datetime as dt

    from rights.letters.context import Letter

_LAYOUT = Path(__file__).with_name("letter.typ")
_PARTS = Path(__file__).with_name("letter_parts.typ")

# Millimetres from the page's top-left corner.
GEOMETRY: dict[str, dict[str, Any]] = {
    "a4": {
        "paper": "a4",
        "margin_left": 25.0,
        "margin_right": 20.0,
        "margin_top": 20.0,
        "window_left": 20.0,
        "window_width": 85.0,
        "return_top": 50.0,
        "address_top": 62.7,
        "address_height": 27.3,
        # A long address may rise into the lower lines of the additional-information zone,
        # still under the return line and inside a 45 mm window starting at 45 mm.
        "address_top_min": 55.0,
        "body_top": 103.0,
        "fold_marks": [105.0, 210.0],
    },
    "letter": {
        "paper": "us-letter",
        "margin_left": 25.4,
        "margin_right": 25.4,
        "margin_top": 12.7,
        "window_left": 25.4,
        "window_width": 85.7,
        "return_top": 48.0,
        "address_top": 54.0,
        "address_height": 25.4,
        "address_top_min": 54.0,
        "body_top": 100.0,
        "fold_marks": [],
    },
}


@lru_cache(maxsize=2)
def layout_source(path: Path = _LAYOUT) -> bytes:
    """A typst layout (``letter.typ``, ``booklet.typ``) with the letter's parts
    (``letter_parts.typ``: the window address, the body) put in front of it."""
    return _PARTS.read_bytes() + b"\n" + path.read_bytes()


def _locale(letter: Letter) -> str:
    from rights.letters.families import locale_for
    from rights.paths import data_home

    return locale_for(letter.family, letter.lang, data_home())


def _address_lines(value: str | list[str] | None) -> list[str]:
    """The sender's address as lines; a line with commas is split as a registry's is."""
    from rights.delivery.postal import address_lines

    if value is None:
        return []
    given = [value] if isinstance(value, str) else list(value)
    return [part for line in given for part in address_lines(line)]


SIGNATURE_ROOM = 15.0
"""Millimetres left blank between the closing word and the signer's name, to sign by hand."""


def _split_body(body: str) -> tuple[list[list[str]], list[list[str]], list[str], list[str]]:
    """The body's paragraphs: those that may break across pages; the last one, kept with
    the closing; the closing word; the signer's lines (every template ends with the closing
    word, then the signer)."""
    paragraphs = [p.split("\n") for p in body.strip().split("\n\n")]
    if len(paragraphs) < 3:
        return paragraphs, [], [], []
    *free, last, closing, signer = paragraphs
    return free, [last], closing, signer


def layout_data(
    letter: Letter, paper: str, today: dt.date | None, home_country: str | None = None
) -> dict[str, Any]:
    """The JSON the typst layout reads: geometry, addresses, date line, paragraphs.

    ``home_country`` (the sender's ISO country code) leaves the recipient's country line
    out of a domestic letter."""
    from rights.delivery.postal import window_lines
    from rights.letters.filters import longdate

    sender_lines = [letter.sender_name, *_address_lines(letter.sender.get("address"))]
    head = sender_lines if len(sender_lines) > 1 else []
    free, last, closing, signer = _split_body(letter.body)
    recipient = window_lines(letter.recipient.name, letter.recipient.address_lines, home_country)
    return {
        **GEOMETRY[paper],
        "lang": letter.lang,
        "ref": letter.ref,
        "subject": letter.subject,
        "signer": letter.sender_name,
        "return_line": " · ".join(sender_lines),
        "head_lines": head,
        "recipient": recipient,
        "date_line": longdate(today, _locale(letter)) if today else "",
        "date": [today.year, today.month, today.day] if today else None,
        "paragraphs": free,
        "last_paragraphs": last,
        "closing": closing,
        "signer_lines": signer,
        "signature_room": SIGNATURE_ROOM if closing else 0.0,
    }


def check_paper(paper: str) -> str:
    """``a4`` or ``letter``, as ``--paper`` gives it; InputError otherwise."""
    if paper not in GEOMETRY:
        raise InputError(f"--paper: {paper!r} is not a4 or letter", hint="--paper a4 or letter")
    return paper


LETTER_COUNTRIES = ("US", "CA")
"""The countries whose paper is US Letter (ISO codes); A4 everywhere else."""


def paper_for(country: str | None, explicit: str | None = None) -> str:
    """The paper of a PDF: ``explicit`` (``--paper``) when given, else US Letter for a person
    in the US or Canada, A4 elsewhere (``country``: the person's ISO code, ``US-CA`` too)."""
    if explicit:
        return check_paper(explicit)
    code = (country or "").split("-")[0].strip().upper()
    return "letter" if code in LETTER_COUNTRIES else "a4"


def render_pdf(
    letter: Letter,
    paper: str = "a4",
    today: dt.date | None = None,
    home_country: str | None = None,
) -> bytes:
    """The letter as PDF/A-2b bytes (:mod:`rights.delivery.typeset`); ``paper`` is ``a4``
    or ``letter``.

    Raises InputError when the recipient's address does not fit the envelope window even
    at the smallest type size (nothing is cut), or when a character has no glyph in the
    fonts (the field is named)."""
    from rights.delivery import typeset

    if paper not in GEOMETRY:
        raise DeliveryError(f"unknown paper size {paper!r}", hint="a4 or letter")
    from rights.delivery.postal import joined

    layout = layout_data(letter, paper, today, home_country)
    images = [image for e in letter.enclosures for image in _images(e.data, e.mime_type)]
    inputs = {f"enc{n}": numbers for n, (_, numbers) in enumerate(images)}
    layout["enclosures"] = [{"format": fmt} for fmt, _ in images]
    fields = glyph_fields(letter, layout)
    asked: list[str] = layout["recipient"]
    lines: list[str] | None = asked
    while True:
        data = json.dumps(layout, ensure_ascii=False)
        try:
            return typeset.pdf(layout_source(), {"data": data, **inputs}, fields, instead=_AS_TEXT)
        except typeset.LayoutError as exc:
            if "rights:address-does-not-fit" not in exc.detail:
                raise
            lines = joined(layout["recipient"])
            if lines is None:
                raise _does_not_fit(letter, asked, paper) from None
            layout["recipient"] = lines


_AS_TEXT = "write the letter as text or e-mail (--via text, --via eml)"


def glyph_fields(letter: Letter, layout: dict[str, Any]) -> dict[str, str]:
    """The letter's text by the name a user knows each part by (for the glyph check)."""
    return {
        "the sender's name and address": "\n".join([layout["return_line"], *layout["head_lines"]]),
        f"the recipient's name and address ({letter.recipient.name})": "\n".join(
            layout["recipient"]
        ),
        "the subject": letter.subject,
        "the reference and date": f"{letter.ref} {layout['date_line']}",
        "the letter's text": letter.body,
    }


_FORMATS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}
MAX_ENCLOSED_PAGES = 50


@lru_cache(maxsize=2)
def _images(data: bytes, mime_type: str) -> tuple[tuple[str, str], ...]:
    """An enclosure as images, one per page, each with its typst format and its bytes as
    typst reads them (:func:`_as_numbers`): a PNG or JPEG as it is, an enclosed PDF's pages
    rasterised (PDF/A cannot embed another PDF). Cached: a batch of an agent's letters
    prepares the signed authorisation once."""
    fmt = _FORMATS[mime_type]
    if fmt != "pdf":
        return ((fmt, _as_numbers(data)),)
    return tuple(("png", _as_numbers(page)) for page in _rasterised(data))


def _as_numbers(data: bytes) -> str:
    """Bytes as a JSON list of numbers (typst reads them back with ``bytes``; nothing is
    written to disk)."""
    return json.dumps(list(data))


_RASTER = b"""#set page(width: auto, height: auto, margin: 0pt, fill: white)
#let data = bytes(json(bytes(sys.inputs.enc)))
#for page in range(1, int(sys.inputs.pages) + 1) {
  if page > 1 { pagebreak() }
  image(data, format: "pdf", page: page)
}"""


def _rasterised(data: bytes) -> list[bytes]:
    """An enclosed PDF's pages as PNG images at ``typeset.ENCLOSURE_PPI``."""
    from rights.delivery import typeset

    numbers = _as_numbers(data)
    inputs = {"enc": numbers, "pages": str(_pages(numbers))}
    return typeset.compile_pages(_RASTER, inputs, "png", typeset.ENCLOSURE_PPI)


_PROBE = b'#image(bytes(json(bytes(sys.inputs.enc))), format: "pdf", page: int(sys.inputs.page))'


def _pages(numbers: str) -> int:
    """How many pages an enclosed PDF has (its bytes as :func:`_as_numbers` gives them),
    found by asking typst for pages until one does not exist (doubling, then halving)."""
    from rights.delivery import typeset

    def exists(page: int) -> bool:
        inputs = {"enc": numbers, "page": str(page)}
        try:
            typeset.compile_pages(_PROBE, inputs, "pdf")
            return True
        except typeset.LayoutError as exc:
            if "does not exist" in exc.detail:
                return False
            raise DeliveryError(
                f"the enclosed PDF cannot be read: {exc.detail}",
                hint="keep it again as a PDF, PNG or JPEG file: rights request authorization "
                "--client NAME --signed FILE",
            ) from None

    if not exists(1):
        raise DeliveryError("the enclosed PDF has no pages")
    low, high = 1, 2
    while high <= MAX_ENCLOSED_PAGES and exists(high):
        low, high = high, high * 2
    high = min(high, MAX_ENCLOSED_PAGES + 1)
    while high - low > 1:  # low exists, high does not (or is past the limit)
        middle = (low + high) // 2
        low, high = (middle, high) if exists(middle) else (low, middle)
    return low


def _does_not_fit(letter: Letter, lines: list[str], paper: str) -> InputError:
    name = "A4" if paper == "a4" else "US Letter"
    return InputError(
        f"the address of {letter.recipient.name} ({len(lines)} lines, the longest "
        f"{max(len(line) for line in lines)} characters) does not fit the envelope window "
        f"of a {name} letter, even in 8 pt type",
        hint="shorten or rejoin its lines for yourself (rights companies edit SLUG), or "
        "write the letter as text (--via text) and address the envelope by hand",
    )


def deliver(letter: Letter, options: Options) -> Outcome:
    """Write ``<ref>.pdf`` into ``options.out_dir`` (mode 0600)."""
    path = output_path(options, f"{letter.ref}.pdf", "pdf")
    write_private(path, render_pdf(letter, options.paper, options.today, options.home_country))
    return Outcome(channel="pdf", files=(path,))
