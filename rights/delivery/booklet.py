"""A booklet of letters as one PDF (``rights packs print``): a cover with instructions, the
contents (each company and the page its letter starts on), then every letter from a new
page in the window-envelope layout of ``rights.delivery.pdf``; page numbers on every page.

The cover is in English. Its words come from the booklet (``rights.actions.booklet``): the
laws' deadlines and the authorities to complain to are the law files'.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.errors import DeliveryError

if TYPE_CHECKING:
    from rights.actions.booklet import Booklet, Entry

_LAYOUT = Path(__file__).with_name("booklet.typ")


def cover(book: Booklet, more: str | None = None) -> dict[str, Any]:
    """The cover's title, subtitle and sections (headings, paragraphs, list items).

    ``more``: how to reach the companies left out (a command), said under "Not in this
    booklet"."""
    from rights.core.countries import country_in_text, country_name, region_name
    from rights.core.vocabulary import RIGHT_WISHES, letter_kind

    kind = letter_kind(book.right)
    wish = RIGHT_WISHES.get(kind, f"answer your request ({kind})")
    where = country_in_text(book.place.country)
    if book.place.region:  # "California, United States"
        region = region_name(book.place.country, book.place.region)
        where = f"{region}, {country_name(book.place.country)}"
    laws = ", ".join(n.name for n in book.laws)
    today = book.today.isoformat()
    sections = [
        _section(
            "What this is",
            f"{len(book.entries)} letters, one per company, each asking the company to {wish}. "
            f"They are written for a person living in {where} and cite {laws}.",
            "Nothing of this booklet is stored on a computer: it is a print. No case is kept, "
            "so nobody will remind you of the deadlines; note them yourself (the contents "
            "page lists each letter's due date).",
        ),
        _fill_in(book),
        _section(
            "Sign, fold and post",
            items=[
                "Sign each letter in the space between the closing words and your name, at "
                "its end.",
                "Fold it in three so that the company's address shows in the window of a "
                + (
                    "#10 window envelope."
                    if book.paper == "letter"
                    else "DL or C5/6 window envelope (fold at the two marks on the left edge)."
                ),
                "One letter per envelope, with a stamp. A letter of two pages: both pages, "
                "stapled, in the same envelope.",
                f"Post the letters soon: their dates and due dates assume they go out on {today}.",
                "Keep a copy or a photo of each signed letter and write down the day you "
                "posted it.",
            ],
        ),
        _enclose(book),
        _section(
            "When to expect an answer",
            "Each letter names the day its answer is due. The law counts from the day the "
            f"letter arrives: posted on {today}, it likely arrives around "
            f"{book.arrival.isoformat() if book.arrival else today}.",
            items=[f"{n.deadline}" for n in book.laws],
        ),
        _section(
            "If a company does not answer, or refuses",
            "Write to it again, quoting the reference in the subject line of your letter and "
            "the day you posted it. If it still does not answer in full, complain to the "
            "authority:",
            items=[f"{n.name}: {r}" for n in book.laws for r in n.regulators]
            or ["the data protection authority of where you live"],
        ),
    ]
    if book.skipped:
        sections.insert(1, _skipped(book, more))
    subtitle = f"Requests under {laws} · printed {today}"
    return {"title": f"Letters to {book.title}", "subtitle": subtitle, "sections": sections}


def _enclose(book: Booklet) -> dict[str, Any]:
    """What goes in the envelope: nothing, except where a law's letters say that proof of
    identity is enclosed (the FCRA's "proper identification")."""
    with_id = [n for n in book.laws if n.identification]
    rest = (
        "Do not send a copy of your ID card or passport unless a company asks for one in its "
        "answer; even then send only what it needs to find you (you may black out the photo "
        "and the document number). The details in the letter are what the company needs to "
        "find your records."
    )
    if not with_id:
        return _section("What to enclose", f"Nothing. {rest}")
    cites = "; ".join(f"{n.name}, {n.identification}" for n in with_id)
    others = "" if len(with_id) == len(book.laws) else " With the other letters: nothing."
    return _section(
        "What to enclose",
        f"The letters under {', '.join(n.name for n in with_id)} say that proof of identity "
        f"is enclosed ({cites}): with those letters, put in a copy of a document that shows "
        "your name and current address (a driving licence, or a recent utility bill or bank "
        f"statement; you may black out the photo and the document number).{others} Send no "
        "other copy of an ID document unless a company asks for one in its answer.",
    )


def _fill_in(book: Booklet) -> dict[str, Any]:
    from rights.core.vocabulary import letter_kind

    correction = (
        ["in the middle of each letter, what is wrong in the data the company holds about you "
         "and what is right (one line or more; cross out the lines you do not need)."]
        if letter_kind(book.right) == "correction" else []
    )  # fmt: skip
    if not book.blank:
        return _section(
            "Check your details",
            "Each letter carries your details from your profile: only those the company "
            "needs to find you. Check them before you sign.",
            items=[f"Write {correction[0]}"] if correction else None,
        )
    return _section(
        "Fill in",
        "Write your details on the lines of each letter, clearly, in capitals:",
        items=[
            *correction,
            "your full name (at the end of the letter too, under your signature);",
            "your postal address, where you live now;",
            "the email address the company should answer to (leave it empty to get the "
            "answer by post);",
            "any other line a letter has: some companies ask for a date of birth or an "
            "account number to find your records.",
        ],
    )


def _skipped(book: Booklet, more: str | None) -> dict[str, Any]:
    no_address = [s for s in book.skipped if "postal address" in s.reason]
    other = [s for s in book.skipped if s not in no_address]
    paragraphs = []
    if no_address:
        paragraphs.append(
            f"{_companies(len(no_address))} no postal address in the directory and "
            f"{'is' if len(no_address) == 1 else 'are'} not in this booklet: write to "
            f"{'it' if len(no_address) == 1 else 'them'} by email or through a web form"
            + (f" ({more})." if more else ".")
        )
    if other:
        names = ", ".join(s.name for s in other[:12]) + (" …" if len(other) > 12 else "")
        paragraphs.append(f"Left out for other reasons (listed when the booklet is made): "
                          f"{names}.")  # fmt: skip
    return _section("Not in this booklet", *paragraphs)


def _companies(n: int) -> str:
    return "1 company has" if n == 1 else f"{n} companies have"


def _section(heading: str, *paragraphs: str, items: list[str] | None = None) -> dict[str, Any]:
    return {"heading": heading, "paragraphs": list(paragraphs), "items": items or []}


def _letter(entry: Entry, book: Booklet) -> dict[str, Any]:
    """One letter's layout (``rights.delivery.pdf.layout_data``), the ways to write its
    address, the contents row and the footer."""
    from rights.delivery.pdf import layout_data
    from rights.delivery.postal import joined

    layout = layout_data(entry.letter, book.paper, book.today, book.place.country)
    layout["fill_in"] = True  # room to write on the lines (the blank details, a correction)
    if book.blank:  # the lines to fill in are in the body: no head, no return line of lines
        layout["head_lines"] = []
        layout["return_line"] = ""
    recipient: list[str] = layout["recipient"]
    other = joined(recipient)
    return {
        "layout": layout,
        "candidates": [recipient, *([other] if other else [])],
        "contents": {
            "name": entry.company.name,
            "law": entry.law.short_name,
            "due": entry.due.isoformat() if entry.due else "",
        },
        "footer": f"{entry.company.name} · {entry.letter.ref}",
    }


def layout(book: Booklet, more: str | None = None) -> dict[str, Any]:
    """The JSON the booklet layout reads."""
    from rights.delivery.pdf import GEOMETRY

    return {
        "title": f"Letters to {book.title}",
        "geometry": GEOMETRY[book.paper],
        "page_format": "1 / 1",
        "cover": cover(book, more),
        "contents_title": "Contents",
        "contents_header": ["", "Company", "Law", "Answer due", "Page"],
        "letters": [_letter(e, book) for e in book.entries],
        "date": [book.today.year, book.today.month, book.today.day],  # PDF/A needs one
    }


_FIT = Path(__file__).with_name("booklet_fit.typ")


def _fitting(letters: list[dict[str, Any]]) -> list[bool]:
    """For each letter's layout, whether some way of writing its address fits the envelope
    window (one typst run, on the shared compiler, that measures and lays out nothing)."""
    from rights.delivery import typeset
    from rights.delivery.pdf import layout_source

    data = json.dumps({"letters": letters}, ensure_ascii=False)
    answers = typeset.query(layout_source(_FIT), {"data": data}, "<rights-fit>")
    if len(answers) != len(letters):
        raise DeliveryError("PDF layout: the envelope check lost letters")
    return [bool(a) for a in answers]


# A booklet's parts, by the name a user knows them by: the per-letter names of
# ``rights.delivery.pdf.glyph_fields`` for all letters together (the recipients stay one by
# one: each is named with its company).
_TOGETHER = {
    "the subject": "the letters' subjects",
    "the reference and date": "the letters' references and dates",
    "the letter's text": "the letters' text",
}


def glyph_fields(data: dict[str, Any], book: Booklet) -> dict[str, str]:
    """The booklet's text by the name a user knows each part by (for the glyph check):
    the cover, the contents, the sender's details, each recipient, the letters' text."""
    from rights.delivery.pdf import glyph_fields as letter_fields

    cover = data["cover"]
    fields: dict[str, list[str]] = {
        "the cover": [
            cover["title"],
            cover["subtitle"],
            *(
                text
                for section in cover["sections"]
                for text in (section["heading"], *section["paragraphs"], *section["items"])
            ),
        ],
        "the contents": [
            " ".join([e["contents"]["name"], e["contents"]["law"], e["contents"]["due"]])
            for e in data["letters"]
        ],
    }
    for entry, shown in zip(book.entries, data["letters"], strict=True):
        for name, text in letter_fields(entry.letter, shown["layout"]).items():
            fields.setdefault(_TOGETHER.get(name, name), []).append(text)
    return {name: "\n".join(dict.fromkeys(texts)) for name, texts in fields.items()}


_AS_TEXT = (
    "write the letters as text or e-mail instead: rights request new --pack PACK (or "
    "--company NAME) --right RIGHT --via text"
)


def render(book: Booklet, more: str | None = None) -> bytes:
    """The booklet as PDF/A-2b bytes (:mod:`rights.delivery.typeset`). A letter whose
    address fits no envelope window even in 8 pt type is moved to the skipped companies
    (``book.skipped``) before the layout; DeliveryError when none is left, InputError
    naming the part when a character has no glyph in the fonts."""
    from rights.delivery import typeset
    from rights.delivery.pdf import layout_source

    fits = _fitting([_letter(e, book) for e in book.entries])
    for index in reversed([n for n, ok in enumerate(fits) if not ok]):
        book.skip(index, "its address does not fit the envelope window, even in 8 pt type")
    if not book.entries:
        raise DeliveryError("no letter left to print: no address fits the envelope window")
    data = layout(book, more)
    fields = glyph_fields(data, book)
    return typeset.pdf(
        layout_source(_LAYOUT),
        {"data": json.dumps(data, ensure_ascii=False)},
        fields,
        instead=_AS_TEXT,
    )
