"""Legal deadlines: PURE date arithmetic (dates in, dates out; no clock, no IO).

The rules come from the jurisdiction files as data: a length, a unit (months, calendar days,
business days), a start (the day the request was received), a roll (move a deadline that
lands on a weekend or public holiday to the next working day, or not) and a holiday table
(the controller's country, or a fixed one such as ``US-CA``). See docs/laws.md.

Counting (reference: Reg. 1182/71 Art. 3 for the EU month rule, the ICO's guidance for the
UK, Cal. Civ. Code §10 for "N days after receipt"):

- months: the same date N months later; if that month is too short, its last day;
- calendar days: the receipt day is not counted, so the deadline is receipt + N;
- business days: the Nth day after receipt that is a working day of the calendar (the
  country's weekend and public holidays, from the holidays package; Monday-Friday without one).

Public holidays come from the ``holidays`` package (imported lazily, only when needed).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol

from rights.errors import InputError
from rights.law.deadline_notes import calendar_notes, fmt, moved_note, roll_notes, sentence
from rights.law.deadline_notes import describe as describe  # re-exported for the CLI

if TYPE_CHECKING:
    from rights.law.rolls import RollRule

UNITS = (
    "months",
    "calendar_days",
    "business_days",
    "calendar_days_beginning_on",
    "calendar_days_not_later_than",
)
"""``calendar_days``: N days after receipt, the receipt day not counted (receipt + N).
``calendar_days_beginning_on``: "the N-day period beginning on" receipt: the receipt day is
day 1, so the period ends on receipt + N - 1. ``calendar_days_not_later_than``: "not later
than N days after" receipt: ends on receipt + N (the same day as ``calendar_days``, named
for statutes worded so)."""
ROLLS = ("next_working_day", "none")
CONTROLLER = "controller"
"""The ``holidays`` value meaning: the controller's country, given by the user."""

DEFAULT_TRANSIT_DAYS = 3
"""Days a posted letter is assumed to travel when no delivery date is known (an estimate)."""

DEFAULT_REGIONS: dict[str, tuple[str, str]] = {
    "GB": (
        "GB-ENG",
        "GB taken as England & Wales: give --country GB-SCT or GB-NIR for Scotland or "
        "Northern Ireland",
    ),
}
"""Countries whose bare code has no usable holiday table, and the region assumed instead:
the bare ``GB`` table lacks Easter Monday and the late-summer bank holiday, which England and
Wales keep (company records usually say only ``GB``)."""

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class Period:
    """A period counted from receipt: ``length`` ``unit``, rolled or not, on a holiday table.

    ``holidays`` is ``None`` (weekends only), ``"controller"`` (the controller's country,
    given at computation time) or a fixed ISO code such as ``US-CA`` or ``GB-SCT``.
    """

    length: int
    unit: str
    roll: str = "none"
    holidays: str | None = None
    roll_rule: RollRule | None = None
    """A statute's roll rule (``jurisdictions/rolls/``): ``roll`` is then its id, and a last
    day that is not a working day under the rule's own calendar moves to the next one."""

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unit must be one of {', '.join(UNITS)}")
        if self.roll_rule is not None:
            if self.roll != self.roll_rule.id:
                raise ValueError("roll must be the id of the roll rule given")
        elif self.roll not in ROLLS:
            raise ValueError(f"roll must be one of {', '.join(ROLLS)} or a roll rule id")
        if self.length <= 0:
            raise ValueError("length must be positive")


@dataclass(frozen=True)
class Rule:
    """Everything needed to compute one right's deadlines under one law.

    ``pauses_on_info_request``: a company's request for information stops the clock, which
    runs again from the day the information is given (UK GDPR Art. 12A); elsewhere the due
    date stays. ``recheck_days``: days between checks once done (DROP submissions).
    """

    label: str
    response: Period
    extension: Period | None = None
    acknowledge: Period | None = None
    notes: tuple[str, ...] = ()
    pauses_on_info_request: bool = False
    recheck_days: int | None = None
    variants: tuple[tuple[str, Period], ...] = ()
    """Other periods in named situations (label, period), computed beside the due date."""


@dataclass(frozen=True)
class Deadline:
    """The result: the due dates, a human sentence for the rule, and notes to show with it."""

    received: dt.date
    due: dt.date
    extended_due: dt.date | None
    acknowledge_by: dt.date | None
    rule: str
    notes: tuple[str, ...] = field(default_factory=tuple)
    variants: tuple[tuple[str, dt.date], ...] = ()
    """The due date in each situation the rule names (label, date)."""

    def to_dict(self, law: str, right: str) -> dict[str, Any]:
        """The ``rights deadline --json`` contract (ISO dates, null when absent)."""
        return {
            "law": law,
            "right": right,
            "received": self.received.isoformat(),
            "due": self.due.isoformat(),
            "extended_due": self.extended_due.isoformat() if self.extended_due else None,
            "acknowledge_by": self.acknowledge_by.isoformat() if self.acknowledge_by else None,
            "rule": self.rule,
            "notes": list(self.notes),
            "variants": [{"label": label, "due": day.isoformat()} for label, day in self.variants],
        }


# --- holiday tables -------------------------------------------------------------------------


class WorkingDays(Protocol):
    """What the engine asks of a calendar (a HolidayCalendar, or a roll rule's RollCalendar)."""

    code: str | None

    def is_working_day(self, day: dt.date) -> bool:
        """True on a working day."""

    def why_not_working(self, day: dt.date) -> str:
        """Why ``day`` is not a working day."""


class HolidayCalendar:
    """Weekends plus the public holidays of one country (and subdivision), if any."""

    def __init__(self, code: str | None) -> None:
        self.code = code
        self._table: Any = None
        if code:
            country, _, subdiv = code.partition("-")
            self._table = _country_table(country, subdiv or None)

    def holiday_name(self, day: dt.date) -> str | None:
        """The name of the public holiday on ``day``, or None."""
        if self._table is None:
            return None
        name = self._table.get(day)
        return str(name) if name else None

    def is_working_day(self, day: dt.date) -> bool:
        """Not a weekend day of the country and not a public holiday, as the ``holidays``
        package counts them (its weekend is the country's: Saturday and Sunday in most,
        Friday and Saturday in Israel or Saudi Arabia; a Saturday made a working day counts
        as one); with no country, Monday to Friday."""
        if self._table is None:
            return day.weekday() < 5
        return bool(self._table.is_working_day(day))

    def why_not_working(self, day: dt.date) -> str:
        """The holiday's name, or the weekday ('Saturday', 'Friday', ...)."""
        return self.holiday_name(day) or _WEEKDAYS[day.weekday()]


@lru_cache(maxsize=32)
def holiday_calendar(code: str | None) -> HolidayCalendar:
    """The calendar for an ISO code like ``DE``, ``GB-SCT`` or ``US-CA`` (None: weekends only).

    Raises InputError for a code that is not a country, or that has no holiday table.
    """
    if not code:
        return HolidayCalendar(None)
    return HolidayCalendar(normalise_country(code))


def _country_table(country: str, subdiv: str | None) -> Any:
    """The ``holidays`` table of one country (and subdivision), importing only its module.

    ``holidays.country_holidays`` imports the package ``holidays.countries``, whose
    ``__init__`` imports all of its 250 country modules (some 70 ms); the module that holds
    the one table needed is loaded from its file instead (``rights.core.holiday_regions``
    names it), registered under its own name so a later import of the package reuses it.
    Any surprise (a renamed module or class) falls back to ``country_holidays``.
    """
    from rights.core.holiday_regions import TABLES

    entry = TABLES.get(country)
    if entry is not None:
        try:
            kind = getattr(_country_module(entry[0]), entry[1])
            return kind(subdiv=subdiv)
        except (ImportError, AttributeError, OSError):
            pass
    import holidays

    return holidays.country_holidays(country, subdiv=subdiv)


def _country_module(module: str) -> Any:
    """``holidays.countries.<module>``, without running ``holidays/countries/__init__.py``."""
    import importlib.util
    import sys
    from pathlib import Path

    name = f"holidays.countries.{module}"
    if name in sys.modules:
        return sys.modules[name]
    package = importlib.util.find_spec("holidays")
    if package is None or not package.submodule_search_locations:
        raise ImportError("holidays is not installed")
    path = Path(next(iter(package.submodule_search_locations))) / "countries" / f"{module}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"no holidays module {name}")
    loaded = importlib.util.module_from_spec(spec)
    sys.modules[name] = loaded
    try:
        spec.loader.exec_module(loaded)
    except BaseException:
        del sys.modules[name]
        raise
    return loaded


def normalise_country(value: str) -> str:
    """Check ``CC`` or ``CC-SUB`` against ISO 3166 and the holiday tables; return it upper-cased."""
    from rights.core import values as validate

    raw = value.strip().upper()
    country_part, sep, sub_part = raw.partition("-")
    country = validate.country(country_part)
    from rights.core.holiday_regions import TABLES

    if country not in TABLES:
        raise InputError(
            f"country: no public-holiday table for {country}",
            hint="leave --country out to count weekends only",
        )
    if not sep:
        return country
    region = validate.region(sub_part, country)
    if region not in TABLES[country][2]:
        raise InputError(
            f"country: no public-holiday table for {country}-{region}",
            hint=f"give {country} alone for its national public holidays",
        )
    return f"{country}-{region}"


# --- arithmetic -----------------------------------------------------------------------------


def default_region(code: str | None) -> tuple[str | None, str | None]:
    """A bare country code with an assumed region (``GB`` -> ``GB-ENG``), and the note that
    says so; any other code unchanged, with no note."""
    if code is None or code.upper() not in DEFAULT_REGIONS:
        return code, None
    return DEFAULT_REGIONS[code.upper()]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same date ``months`` later; the month's last day when that date does not exist."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def next_working_day(day: dt.date, cal: WorkingDays) -> dt.date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while not cal.is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def add_business_days(day: dt.date, count: int, cal: HolidayCalendar) -> dt.date:
    """The ``count``-th working day after ``day`` (``day`` itself is not counted)."""
    remaining = count
    while remaining > 0:
        day += dt.timedelta(days=1)
        if cal.is_working_day(day):
            remaining -= 1
    return day


def raw_end(period: Period, received: dt.date, cal: HolidayCalendar) -> dt.date:
    """The last day of ``period`` counted from ``received``, before any roll."""
    if period.unit == "months":
        return add_months(received, period.length)
    if period.unit in ("calendar_days", "calendar_days_not_later_than"):
        return received + dt.timedelta(days=period.length)
    if period.unit == "calendar_days_beginning_on":
        return received + dt.timedelta(days=period.length - 1)
    return add_business_days(received, period.length, cal)


def end_of(
    period: Period, received: dt.date, cal: HolidayCalendar, roll_cal: WorkingDays | None = None
) -> dt.date:
    """The last day of ``period``, rolled to the next working day when the rule says so
    (``roll_cal``: the calendar of the period's roll rule, when it has one)."""
    end = raw_end(period, received, cal)
    if period.roll_rule is not None and roll_cal is not None:
        return next_working_day(end, roll_cal)
    if period.roll == "next_working_day":
        return next_working_day(end, cal)
    return end


# --- the whole computation ------------------------------------------------------------------


def start_date(
    *,
    received: dt.date | None = None,
    delivered: dt.date | None = None,
    posted: dt.date | None = None,
    transit_days: int = DEFAULT_TRANSIT_DAYS,
) -> tuple[dt.date, tuple[str, ...]]:
    """The day the clock starts, and notes about how it was found.

    The clock starts when the request reaches the controller: the receipt date, or for a
    posted letter its delivery date; failing that, the posting date plus ``transit_days``,
    which is only an estimate.
    """
    given = [v for v in (received, delivered, posted) if v is not None]
    if len(given) != 1:
        raise InputError(
            "give exactly one of --received, --delivered or --posted",
            hint="--received for email/web requests; --delivered or --posted for letters",
        )
    if received is not None:
        return received, ()
    if delivered is not None:
        return delivered, ("postal request: the clock starts on the delivery date",)
    assert posted is not None
    start = posted + dt.timedelta(days=transit_days)
    return start, (
        f"ESTIMATE: posted {fmt(posted)}; delivery assumed {transit_days} days later "
        f"({fmt(start)}); log the real delivery date to get the legal deadline",
    )


def compute(
    rule: Rule,
    received: dt.date,
    *,
    controller: str | None = None,
    today: dt.date | None = None,
) -> Deadline:
    """Compute the due date, the extended due date and the acknowledgement date.

    ``controller`` is the controller's country (``DE``, ``GB-SCT``...) for rules whose holiday
    table is ``"controller"``; without it only weekends count as non-working days there.
    """
    if controller is not None and controller.upper() == "DE" and _uses_controller(rule):
        return _latest_across_lands(rule, received, today)
    notes: list[str] = []
    cal_cache: dict[str | None, HolidayCalendar] = {}
    controller, region_note = default_region(controller)

    def cal_for(period: Period) -> HolidayCalendar:
        code = controller if period.holidays == CONTROLLER else period.holidays
        if code not in cal_cache:
            cal_cache[code] = holiday_calendar(code)
        return cal_cache[code]

    def end(period: Period, label: str) -> dt.date:
        cal, roll_cal = cal_for(period), None
        if period.roll_rule is not None:
            from rights.law.rolls import RollCalendar

            table = period.roll_rule.calendar.table
            local = controller if table == CONTROLLER else table
            roll_cal = RollCalendar(period.roll_rule, holiday_calendar(local) if local else None)
        found = end_of(period, received, cal, roll_cal)
        raw = raw_end(period, received, cal)
        if found != raw and (label == "the period" or period.roll_rule is not None):
            notes.append(moved_note(label, raw, found, roll_cal or cal, period))
        return found

    due = end(rule.response, "the period")
    extended = end(rule.extension, "the extended period") if rule.extension else None
    ack = end(rule.acknowledge, "the acknowledgement period") if rule.acknowledge else None
    variants = tuple((label, end(period, label)) for label, period in rule.variants)
    notes.extend(f"{label}: due {fmt(day)}" for label, day in variants)
    notes.extend(roll_notes(rule))
    notes.extend(calendar_notes(rule, controller, cal_for, region_note))
    notes.extend(rule.notes)
    if today is not None and received > today:
        notes.append(f"the receipt date {fmt(received)} is after today ({fmt(today)})")
    return Deadline(received, due, extended, ack, sentence(rule), tuple(notes), variants)


GERMAN_LANDS = ("BB", "BE", "BW", "BY", "HB", "HE", "HH", "MV", "NI", "NW", "RP", "SH", "SL",
                "SN", "ST", "TH")  # fmt: skip
"""The 16 Länder (ISO 3166-2:DE), whose public holidays differ (Corpus Christi, Reformation
Day, Repentance Day...)."""


def _uses_controller(rule: Rule) -> bool:
    periods = [p for p in (rule.response, rule.extension, rule.acknowledge) if p is not None]
    return any(
        p.holidays == CONTROLLER
        or (p.roll_rule is not None and p.roll_rule.calendar.table == CONTROLLER)
        for p in periods
    )


def _latest_across_lands(rule: Rule, received: dt.date, today: dt.date | None) -> Deadline:
    """A German controller whose Land is not known: every date is the latest it is in any
    Land, so a letter never claims a day too early; the notes say so."""
    from dataclasses import replace

    found = [compute(rule, received, controller=f"DE-{land}", today=today) for land in GERMAN_LANDS]
    latest = max(found, key=lambda d: d.due)

    def most(dates: list[dt.date | None]) -> dt.date | None:
        known = [d for d in dates if d is not None]
        return max(known) if known else None

    note = (
        "DE: the company's Land is not known, so each date is the latest across the 16 "
        "Länder (their public holidays differ); give --country DE-HE, DE-BY... for one Land"
    )
    return replace(
        latest,
        extended_due=most([d.extended_due for d in found]),
        acknowledge_by=most([d.acknowledge_by for d in found]),
        notes=(note, *latest.notes),
    )
