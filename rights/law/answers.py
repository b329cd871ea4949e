"""Answers to the usual brush-offs, as data: ``jurisdictions/answers/brush-offs.json``.

Each answer quotes only facts from the law files (with their evidence tags), never invented
citations. The file is validated by ``BrushOffs`` (``extra="forbid"``); a user's
``<RIGHTS_HOME>/jurisdictions/answers/brush-offs.json`` replaces the shipped one.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rights.errors import InputError

if TYPE_CHECKING:
    from rights.law.model import Law

ANSWERS_FILE = "answers/brush-offs.json"
_FACT_KEY = r"^(identity|fees|agents|appeal|complaints|right|notes:[a-z-]+)$"


class BrushOff(BaseModel):
    """A usual brush-off, the gist of the answer, and which law facts back it.

    ``facts`` name fields of the law file: ``identity``, ``fees``, ``agents``, ``appeal``,
    ``complaints``, ``right`` (the right's citation and summary) or ``notes:WORD`` (the law's
    notes mentioning WORD). ``uncertain`` says what rights' data does not settle.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    says: str = Field(min_length=1)
    answer: str = Field(min_length=1)
    facts: tuple[str, ...] = Field(min_length=1)
    uncertain: str | None = None

    @model_validator(mode="after")
    def _fact_keys(self) -> BrushOff:
        import re

        bad = [key for key in self.facts if not re.match(_FACT_KEY, key)]
        if bad:
            raise ValueError(f"facts: unknown keys: {', '.join(bad)}")
        return self


class BrushOffs(BaseModel):
    """The file: the brush-offs in the order they are offered."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    brush_offs: tuple[BrushOff, ...] = Field(min_length=1)


def answers_file() -> Path:
    """The brush-offs file in use: the user's if there is one, else the shipped one."""
    from rights.law.load import data_folder, folders

    for folder in folders(data_folder()):
        path = folder / ANSWERS_FILE
        if path.is_file():
            return path
    return data_folder() / ANSWERS_FILE


def brush_offs() -> tuple[BrushOff, ...]:
    """Every brush-off, validated (cached)."""
    return _load(answers_file()).brush_offs


@lru_cache(maxsize=8)
def _load(path: Path) -> BrushOffs:
    from rights.law.load import read_model

    return read_model(path, ANSWERS_FILE, BrushOffs)


def brush_off_answer(brush_off_id: str, law: Law, right: str) -> dict[str, Any]:
    """A brush-off's answer under ``law`` for ``right``, with the law's facts and tags."""
    from rights.law.model import fact_text

    known = brush_offs()
    found = next((b for b in known if b.id == brush_off_id), None)
    if found is None:
        ids = ", ".join(b.id for b in known)
        raise InputError(f"unknown brush-off {brush_off_id!r}", hint=f"known: {ids}")
    facts: list[dict[str, str | None]] = []
    for key in found.facts:
        if key == "right":
            granted = law.right(right)
            facts.append({"key": "right", "citation": granted.citation, "text": granted.summary})
        elif key.startswith("notes:"):
            word = key.split(":", 1)[1]
            for note in law.notes:
                if word in note.text.lower():
                    facts.append({"key": key, "citation": None, "text": fact_text(note)})
        else:
            fact = getattr(law, key)
            if fact is not None:
                facts.append({"key": key, "citation": None, "text": fact_text(fact)})
    return {
        "id": found.id,
        "says": found.says,
        "answer": found.answer,
        "law": law.id,
        "law_citation": law.citation,
        "facts": facts,
        "uncertain": found.uncertain,
    }
