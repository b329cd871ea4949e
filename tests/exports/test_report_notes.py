"""The notes rights keeps about the files it wrote never reach a report: every wording of
``how_it_went`` for files is recognised, other notes are kept as they are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rights.actions.send import how_it_went
from rights.core.case import Event
from rights.delivery import Outcome
from rights.exports.report import WRITTEN_FOR_YOU, public_note

DAY = dt.date(2026, 11, 2)
FOLDER = "/home/someone/clinic/out"


def event(kind: str, note: str, **data: object) -> Event:
    return Event(ref="R-AAAA", kind=kind, on_date=DAY, note=note, data=dict(data))


@pytest.mark.parametrize("names", [("R-AAAA-reminder.pdf",), ("R-AAAA.eml", "R-AAAA-ev-1.pdf")])
def test_a_note_about_files_written_names_no_file(names: tuple[str, ...]) -> None:
    files = tuple(Path(FOLDER) / n for n in names)
    how = how_it_went("pdf", None, Outcome(channel="pdf", files=files))
    paths = [str(p) for p in files]
    assert public_note(event("reminder", how, files=paths)) == WRITTEN_FOR_YOU
    said = public_note(event("complaint", f"complaint to the ICO: {how}", files=paths))
    assert said == f"complaint to the ICO: {WRITTEN_FOR_YOU}"
    # a note event that said only that is left out; one carrying a letter stays
    assert public_note(event("note", how, files=paths)) is None
    assert public_note(event("note", how, files=paths, letter="answer")) == WRITTEN_FOR_YOU


def test_other_notes_stay_and_paths_in_them_become_names() -> None:
    sent = how_it_went("email", "dpo@acme.example", Outcome(channel="email", sent=True))
    assert public_note(event("sent", sent)) == "sent by email to dpo@acme.example"
    assert public_note(event("refused", "says nothing held")) == "says nothing held"
    assert public_note(event("note", "")) == ""
    path = f"{FOLDER}/R-AAAA.txt"
    assert public_note(event("note", f"copied {path} by hand", files=[path])) == (
        "copied R-AAAA.txt by hand"
    )
