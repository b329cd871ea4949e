"""Template families and languages as data: ``templates/<family>/family.json`` and
``templates/_lang/<lang>.json``.

A family is a folder of ``templates/`` that has a ``family.json``: the languages it is written
in, the paper its PDFs use and the locale its dates are written in, per language. A language
file holds the month names and date pattern of ``longdate`` and the labels of a complaint's
annex. Both are validated by pydantic models with ``extra="forbid"``. A family in the user's
``<RIGHTS_HOME>/templates`` replaces the shipped one of the same name (its ``family.json``
wins, read only if it resolves inside the user's or the shipped templates folder); language
files are read from the shipped folder.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from rights.errors import DataFileError, NotFoundError

FAMILY_FILE = "family.json"
LANG_DIR = "_lang"
M = TypeVar("M", bound=BaseModel)
Lang = Annotated[str, Field(pattern=r"^[a-z]{2}$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Family(_Model):
    """A letter family: its languages, paper and date locales.

    ``locales`` maps a language to the locale its dates are written in (``en`` -> ``en-US``);
    a language not named writes dates in its own locale.
    """

    description: str = Field(min_length=1)
    languages: list[Lang] = Field(min_length=1)
    paper: Literal["a4", "letter"]
    locales: dict[Lang, str] = Field(default_factory=dict)
    kinds: list[str] | None = Field(
        default=None,
        min_length=1,
        description="the letter kinds the family writes; none: every kind (LETTER_KINDS)",
    )

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, value: list[str] | None) -> list[str] | None:
        from rights.core.vocabulary import LETTER_KINDS

        unknown = [k for k in value or () if k not in LETTER_KINDS]
        if unknown:
            raise ValueError(f"unknown letter kinds {unknown}: one of {', '.join(LETTER_KINDS)}")
        return value

    def locale(self, lang: str) -> str:
        """The locale the family writes dates in for ``lang``."""
        return self.locales.get(lang, lang)

    def letter_kinds(self) -> tuple[str, ...]:
        """The kinds of letter the family writes (a family serving a narrow law, such as
        the FCRA's, names them; the others write every kind)."""
        from rights.core.vocabulary import LETTER_KINDS

        return tuple(self.kinds) if self.kinds is not None else LETTER_KINDS


class AnnexLabels(_Model):
    """The words of a complaint's summary and annex (the case file) in one language."""

    summary: str = Field(min_length=1, description="with {ref}")
    sent: str
    due: str
    late: str
    status: str
    annex: str
    timeline: str
    letters: str
    replies: str
    none: str
    attachment: str
    files: str
    company: str | None = Field(default=None, description="the company and its postal address")


class CitationStyle(_Model):
    """How a language writes a citation (see ``rights.letters.native``): formats with
    ``{n}`` (the article or section), ``{last}``, ``{p}`` (a paragraph), ``{x}`` (a point or
    item), ``{law}`` (the law's words, from ``law_words`` or ``law_default``)."""

    article: str
    articles: str | None = None
    section: str | None = None
    paragraph: str
    para: str | None = Field(default=None, description="a Canadian unnumbered paragraph")
    point: str
    item: str | None = None
    items: str | None = None
    and_word: str = "and"
    law: str = " {law}"
    law_after_parts: str = " {law}"
    law_words: dict[str, str] = Field(default_factory=dict)
    law_default: str = "{law}"
    point_by_law: dict[str, str] = Field(default_factory=dict)
    ordinal_below: int = 0
    ordinal_mark: str = ""


class Language(_Model):
    """Dates in words and annex labels for one language.

    ``date``: the pattern of a long date, with ``{day}``, ``{month}`` and ``{year}``;
    ``date_by_region``: other patterns per region (``en-US``: ``{month} {day}, {year}``);
    ``first_day``: how the first day of a month is written, if not as ``1`` (``1er``).
    """

    months: list[str] = Field(min_length=12, max_length=12)
    date: str = Field(min_length=1)
    date_by_region: dict[str, str] = Field(default_factory=dict)
    first_day: str | None = None
    annex: AnnexLabels | None = None
    citation: CitationStyle | None = None
    phrases: dict[str, str] = Field(
        default_factory=dict,
        description="English phrases of the law data (an agent rule) -> this language; "
        "``{cite}`` stands for the citation in it",
    )
    case_words: dict[str, str] = Field(
        default_factory=dict, description="case states and event kinds in this language"
    )
    contractions: list[tuple[str, str]] = Field(
        default_factory=list, description="regex -> replacement run over the rendered letter"
    )
    spelling_by_law: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="law id -> letters replaced in its letters (ß -> ss)"
    )

    def longdate(self, day: int, month: int, year: int, region: str = "") -> str:
        """The date in words."""
        pattern = self.date_by_region.get(region, self.date)
        shown = self.first_day if day == 1 and self.first_day else str(day)
        return pattern.format(day=shown, month=self.months[month - 1], year=year)


def templates_root() -> Path:
    """The shipped ``templates`` folder."""
    from rights.paths import shipped

    return shipped("templates")


def _roots(home: Path | None) -> list[Path]:
    """The template folders, the user's first."""
    roots = [templates_root()]
    if home is not None and (home / "templates").is_dir():
        roots.insert(0, home / "templates")
    return roots


def family_ids(home: Path | None = None) -> list[str]:
    """The families: the folders of ``templates/`` (shipped or the user's) with a family.json."""
    return sorted({p.parent.name for root in _roots(home) for p in root.glob(f"*/{FAMILY_FILE}")})


def load_family(family: str, home: Path | None = None) -> Family:
    """The family's data (the user's family.json over the shipped one); NotFoundError if none."""
    if "/" not in family and "\\" not in family:
        for root in _roots(home):
            path = root / family / FAMILY_FILE
            if os.path.lexists(path):
                return _family_cached(path, tuple(_roots(home)))
    raise NotFoundError(
        f"no letter family {family!r}", hint=f"families: {', '.join(family_ids(home))}"
    )


def family_kinds(family: str, home: Path | None = None) -> tuple[str, ...]:
    """The letter kinds ``family`` writes (every kind for a folder without a family.json)."""
    from rights.core.vocabulary import LETTER_KINDS

    try:
        return load_family(family, home).letter_kinds()
    except NotFoundError:
        return LETTER_KINDS


def locale_for(family: str, lang: str, home: Path | None = None) -> str:
    """The date locale of ``family`` in ``lang`` (``lang`` itself for a folder that is not a
    family, such as ``_forms``)."""
    try:
        return load_family(family, home).locale(lang)
    except NotFoundError:
        return lang


def language_ids() -> list[str]:
    """The languages with a language file, sorted."""
    return sorted(p.stem for p in (templates_root() / LANG_DIR).glob("*.json"))


def load_language(lang: str) -> Language | None:
    """The shipped data of a language, or None if there is no file for it."""
    if "/" in lang or "\\" in lang:
        return None
    path = templates_root() / LANG_DIR / f"{lang}.json"
    return _language_cached(path) if path.is_file() else None


def annex_labels(lang: str) -> dict[str, str]:
    """The complaint annex's labels in ``lang``, or in English if that language has none."""
    for code in (lang, "en"):
        words = load_language(code)
        if words is not None and words.annex is not None:
            return words.annex.model_dump()
    raise NotFoundError("no annex labels in the language files", hint="see templates/_lang/")


@lru_cache(maxsize=32)
def _family_cached(path: Path, roots: tuple[Path, ...]) -> Family:
    return _parse(path, f"{path.parent.name}/{FAMILY_FILE}", Family, roots)


@lru_cache(maxsize=64)
def _language_cached(path: Path) -> Language:
    return _parse(path, f"{LANG_DIR}/{path.name}", Language, (templates_root(),))


def _parse(path: Path, shown: str, model: type[M], roots: tuple[Path, ...]) -> M:
    """Read and validate a data file that must resolve inside ``roots`` (symlinks too)."""
    from rights.law.load import validation_lines
    from rights.letters.source import read_inside

    try:
        data: Any = json.loads(read_inside(path, roots, shown))
    except json.JSONDecodeError as exc:
        raise DataFileError(f"{shown}: cannot read: {exc}") from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        lines = validation_lines(shown, exc)
        error = DataFileError("\n".join(["template data is not valid:", *lines]))
        error.problems = lines  # type: ignore[attr-defined]
        raise error from None
