"""Roll rules as data: ``jurisdictions/rolls/<id>.json``, one interpretation-law rule per file.

A roll rule says what happens to a period whose last day is not a working day, citing the
statute that says so (CCP §12a for California, Interpretation Act s.26 for federal Canada...),
and carries its own holiday calendar: the days that statute's holiday list names, written as
rules (a fixed date, "the first Monday of September", Good Friday as Easter - 2, "the Monday
preceding 25 May", a Sunday holiday observed on the Monday). A calendar may add the public
holidays of a ``holidays``-package ``table``: a fixed code where no statute list was read (said
in the file, tagged U), or the controller's place where the statute refers to local holidays
(Switzerland: the place of performance).

The evaluation is pure date arithmetic; loading is at the bottom (``load_roll``).
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

Tag = Literal["V", "V2", "K", "U"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[str, ...] = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)  # fmt: skip
ROLLS_DIR = "rolls"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Day(_Model):
    """One holiday of a statute's list, as a rule giving its date in any year.

    Exactly one of: ``date`` (``MM-DD``), ``nth`` with ``month`` and ``weekday`` (1 = first,
    -1 = last; ``offset`` days after it, e.g. the day after Thanksgiving), ``easter`` (days
    from Western Easter Sunday: Good Friday -2), ``before`` with ``month`` and ``weekday``
    (the ``weekday`` preceding that day of the month: Victoria Day, the Monday before 25 May).
    ``observed``: weekday -> days to move, when the date falls on that weekday and the
    statute observes it elsewhere (``{"sunday": 1}``: a Sunday holiday is also kept on the
    Monday). ``since``/``until``: the years the day is on the list.
    """

    name: str = Field(min_length=1)
    date: str | None = Field(default=None, pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
    month: int | None = Field(default=None, ge=1, le=12)
    weekday: Weekday | None = None
    nth: int | None = Field(default=None, ge=-1, le=5)
    offset: int = 0
    easter: int | None = Field(default=None, ge=-60, le=60)
    before: int | None = Field(default=None, ge=1, le=31)
    observed: dict[Weekday, int] = Field(default_factory=dict)
    since: int | None = None
    until: int | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Day:
        kinds = [self.date is not None, self.nth is not None, self.easter is not None,
                 self.before is not None]  # fmt: skip
        if sum(kinds) != 1:
            raise ValueError("give exactly one of date, nth, easter, before")
        if (self.nth is not None or self.before is not None) and not (self.month and self.weekday):
            raise ValueError("nth and before need month and weekday")
        return self

    def dates(self, year: int) -> list[dt.date]:
        """The day's dates in ``year`` (with its observed day, if any); [] off the list."""
        if (self.since and year < self.since) or (self.until and year > self.until):
            return []
        day = self._base(year)
        found = [day]
        move = self.observed.get(WEEKDAYS[day.weekday()])  # type: ignore[call-overload]
        if move:
            found.append(day + dt.timedelta(days=move))
        return found

    def _base(self, year: int) -> dt.date:
        if self.date is not None:
            month, dom = (int(p) for p in self.date.split("-"))
            return dt.date(year, month, dom)
        if self.easter is not None:
            return easter_sunday(year) + dt.timedelta(days=self.easter)
        assert self.month is not None and self.weekday is not None
        target = WEEKDAYS.index(self.weekday)
        if self.before is not None:
            day = dt.date(year, self.month, self.before) - dt.timedelta(days=1)
            while day.weekday() != target:
                day -= dt.timedelta(days=1)
            return day
        assert self.nth is not None
        return nth_weekday(year, self.month, target, self.nth) + dt.timedelta(days=self.offset)


class Calendar(_Model):
    """The non-working days of one roll rule: weekly rest days plus a statute's list."""

    citation: str = Field(min_length=1)
    rest_days: list[Weekday]
    days: list[Day] = Field(default_factory=list)
    table: str | None = Field(
        default=None,
        pattern=r"^(controller|[A-Z]{2}(-[A-Z0-9]{1,3})?)$",
        description="also a public-holiday table of the holidays package: a fixed ISO code, "
        "or 'controller' (the controller's country) for statutes that refer to local holidays",
    )
    tag: Tag
    uncertain: str | None = None

    @model_validator(mode="after")
    def _u_needs_note(self) -> Calendar:
        if self.tag == "U" and not self.uncertain:
            raise ValueError("a calendar tagged U needs an 'uncertain' note")
        return self


class RollRule(_Model):
    """A roll rule: the statute, what it says, and its own holiday calendar."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    rule: str = Field(min_length=1, description="what the statute says, in our words")
    tag: Tag
    uncertain: str | None = None
    calendar: Calendar
    sources: list[str] = Field(min_length=1)
    last_reviewed: dt.date

    @model_validator(mode="after")
    def _u_needs_note(self) -> RollRule:
        if self.tag == "U" and not self.uncertain:
            raise ValueError("a roll rule tagged U needs an 'uncertain' note")
        return self


# --- pure arithmetic ------------------------------------------------------------------------


def easter_sunday(year: int) -> dt.date:
    """Western (Gregorian) Easter Sunday: the anonymous Gregorian computus."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return dt.date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` ``weekday`` (0 = Monday) of the month; ``nth`` -1 is the last one."""
    if nth == -1:
        day = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        while day.weekday() != weekday:
            day -= dt.timedelta(days=1)
        return day
    day = dt.date(year, month, 1)
    while day.weekday() != weekday:
        day += dt.timedelta(days=1)
    return day + dt.timedelta(weeks=nth - 1)


class RollCalendar:
    """A roll rule's calendar for computing: ``holiday_name``, ``is_working_day``,
    ``why_not_working`` (the same interface as the deadline engine's HolidayCalendar)."""

    def __init__(self, rule: RollRule, local: object | None = None) -> None:
        self.rule = rule
        self.code: str | None = rule.id
        self._local = local
        self._years: dict[int, dict[dt.date, str]] = {}

    def _year(self, year: int) -> dict[dt.date, str]:
        if year not in self._years:
            table: dict[dt.date, str] = {}
            for entry in self.rule.calendar.days:
                for day in entry.dates(year):
                    table.setdefault(day, entry.name)
            self._years[year] = table
        return self._years[year]

    def holiday_name(self, day: dt.date) -> str | None:
        """The holiday on ``day`` under this rule's list (or the local table), or None."""
        name = self._year(day.year).get(day)
        if name is None and self._local is not None:
            name = self._local.holiday_name(day)  # type: ignore[attr-defined]
        return name

    def is_working_day(self, day: dt.date) -> bool:
        """Not a rest day of the rule and not a holiday on its list."""
        rest = WEEKDAYS[day.weekday()] in self.rule.calendar.rest_days
        return not rest and self.holiday_name(day) is None

    def why_not_working(self, day: dt.date) -> str:
        """'a Sunday', or the holiday's name."""
        name = self.holiday_name(day)
        return name if name else f"a {WEEKDAYS[day.weekday()].capitalize()}"


def roll_note(roll: RollRule) -> str:
    """The note that names a roll rule beside a deadline: citation, rule, tag and doubts."""
    text = f"roll ({roll.citation}): {roll.rule} [{roll.tag}]"
    text += f"; non-working days: {roll.calendar.citation} [{roll.calendar.tag}]"
    for doubt in (roll.uncertain, roll.calendar.uncertain):
        if doubt:
            text += f" (UNCERTAIN: {doubt})"
    return text


# --- loading --------------------------------------------------------------------------------


def roll_ids(root: Path) -> list[str]:
    """The roll rules in ``root/rolls`` (with the user's folder, see ``load.folders``)."""
    from rights.law.load import folders

    return sorted({p.stem for f in folders(root) for p in (f / ROLLS_DIR).glob("*.json")})


def load_roll(root: Path, roll_id: str) -> RollRule:
    """One roll rule, validated (cached); DataFileError naming the law data when missing."""
    from rights.errors import DataFileError
    from rights.law.load import folders

    for folder in folders(root):
        path = folder / ROLLS_DIR / f"{roll_id}.json"
        if path.is_file():
            return _load_cached(path)
    raise DataFileError(
        f"no roll rule {roll_id!r} ({ROLLS_DIR}/{roll_id}.json)",
        hint=f"roll rules: {', '.join(roll_ids(root)) or 'none'}",
    )


@lru_cache(maxsize=64)
def _load_cached(path: Path) -> RollRule:
    from rights.errors import DataFileError
    from rights.law.load import read_model

    rule = read_model(path, f"{ROLLS_DIR}/{path.name}", RollRule)
    if rule.id != path.stem:
        raise DataFileError(
            f"{ROLLS_DIR}/{path.name}: id: {rule.id!r} does not match the file name"
        )
    return rule
