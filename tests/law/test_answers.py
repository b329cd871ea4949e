"""Answers to brush-offs (rights.law.answers): data from jurisdictions/answers/, quoting
only facts from the law files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rights.errors import DataFileError, InputError
from rights.law import answers
from rights.law import load as j

ROOT = j.data_folder()


@pytest.mark.parametrize("brush_off", [b.id for b in answers.brush_offs()])
@pytest.mark.parametrize("law", ["gdpr", "uk-gdpr", "ccpa"])
def test_every_brush_off_answers_with_facts_from_the_law_file(brush_off: str, law: str) -> None:
    loaded = j.load_law(ROOT, law)
    answer = answers.brush_off_answer(brush_off, loaded, "access")
    assert answer["facts"], "an answer cites at least one fact"
    texts = [f["text"] for f in answer["facts"]]
    file_text = (ROOT / f"{law}.json").read_text(encoding="utf-8")
    for fact in answer["facts"]:
        core = fact["text"].split(" [")[0]
        assert core in file_text  # never invented: it is in the law file
    if brush_off in ("web-form", "device-ids"):
        assert answer["uncertain"]
    assert texts


def test_more_info_answer_quotes_the_clock_notes() -> None:
    uk = answers.brush_off_answer("more-info", j.load_law(ROOT, "uk-gdpr"), "access")
    assert any("Stop the clock" in f["text"] for f in uk["facts"])
    eu = answers.brush_off_answer("more-info", j.load_law(ROOT, "gdpr"), "access")
    assert any("does not statutorily pause the clock" in f["text"] for f in eu["facts"])
    with pytest.raises(InputError, match="unknown brush-off"):
        answers.brush_off_answer("go-away", j.load_law(ROOT, "gdpr"), "access")


def test_the_shipped_brush_offs_in_their_order() -> None:
    ids = [b.id for b in answers.brush_offs()]
    assert ids == ["web-form", "id-copy", "device-ids", "more-info"]


def test_a_user_brush_off_file_replaces_the_shipped_one_and_is_validated(home: Path) -> None:
    folder = home / "jurisdictions" / "answers"
    folder.mkdir(parents=True)
    mine = {"brush_offs": [{"id": "busy", "says": "We are busy.", "answer": "The law sets the"
                            " time, not the company.", "facts": ["right"]}]}  # fmt: skip
    (folder / "brush-offs.json").write_text(json.dumps(mine), encoding="utf-8")
    answer = answers.brush_off_answer("busy", j.load_law(ROOT, "gdpr"), "access")
    assert answer["facts"][0]["citation"] == "Art. 15"
    mine["brush_offs"][0]["facts"] = ["colour"]
    (folder / "brush-offs.json").write_text(json.dumps(mine), encoding="utf-8")
    answers._load.cache_clear()
    with pytest.raises(DataFileError, match="facts: unknown keys: colour"):
        answers.brush_offs()
