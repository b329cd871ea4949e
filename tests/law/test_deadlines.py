"""The deadline engine: law.md §1 worked examples, and properties over random dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rights.errors import InputError
from rights.law import deadlines as d

D = dt.date
MONTH = d.Period(1, "months", "next_working_day", "controller")
THREE_MONTHS = d.Period(3, "months", "next_working_day", "controller")
GDPR = d.Rule("GDPR Art. 12(3)", MONTH, THREE_MONTHS)
CCPA = d.Rule(
    "CCPA",
    d.Period(45, "calendar_days"),
    d.Period(90, "calendar_days"),
    d.Period(10, "business_days", "none", "US-CA"),
)
CCPA_OPT_OUT = d.Rule("CCPA", d.Period(15, "business_days", "none", "US-CA"))


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2026, 3, 5), D(2026, 4, 6)),  # 5 Apr 2026 is a Sunday -> Mon 6 Apr (weekends only)
        (D(2026, 1, 31), D(2026, 3, 2)),  # 28 Feb 2026 is a Saturday -> Mon 2 Mar
        (D(2028, 1, 31), D(2028, 2, 29)),  # leap year: Tue 29 Feb
        (D(2026, 3, 31), D(2026, 4, 30)),  # clamp to 30 Apr (a Thursday)
        (D(2027, 3, 5), D(2027, 4, 5)),  # plain same-date rule (Mon 5 Apr 2027)
    ],
)
def test_gdpr_month_rule_weekends_only(received: dt.date, due: dt.date) -> None:
    assert d.compute(GDPR, received).due == due


def test_gdpr_31_january_2026_rolls_to_monday_2_march() -> None:
    result = d.compute(GDPR, D(2026, 1, 31))
    assert result.due == D(2026, 3, 2)
    assert result.extended_due == D(2026, 4, 30)
    assert result.acknowledge_by is None
    assert any("Sat 2026-02-28" in n for n in result.notes)


def test_uk_25_november_rolls_over_christmas_bank_holidays() -> None:
    # ICO example: 25 Nov -> 25 Dec, but 25 and 26 Dec are bank holidays -> 27 Dec.
    result = d.compute(GDPR, D(2023, 11, 25), controller="GB-ENG")
    assert result.due == D(2023, 12, 27)


def test_uk_regions_differ_easter_monday() -> None:
    # Mon 6 Apr 2026 is Easter Monday: a bank holiday in England, not in Scotland.
    assert d.compute(GDPR, D(2026, 3, 6), controller="GB-ENG").due == D(2026, 4, 7)
    assert d.compute(GDPR, D(2026, 3, 6), controller="GB-SCT").due == D(2026, 4, 6)


GB_NOTE = (
    "GB taken as England & Wales: give --country GB-SCT or GB-NIR for Scotland or Northern Ireland"
)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # 30 Aug 2027 is the Summer (late-summer) bank holiday in England and Wales only.
        (D(2027, 7, 30), D(2027, 8, 31)),
        # 28 Mar 2027 is Easter Sunday; Mon 29 Mar 2027 is Easter Monday (England and Wales).
        (D(2027, 2, 28), D(2027, 3, 30)),
    ],
)
def test_bare_gb_is_taken_as_england_and_wales(received: dt.date, due: dt.date) -> None:
    """law.md §1.2 (ICO, https://ico.org.uk/for-the-public/time-limits-for-responding-to-data-
    protection-rights-requests): an end date on a bank holiday moves to the next working day.
    Easter Monday and the Summer bank holiday are bank holidays in England and Wales, not in
    the bare GB table (https://www.gov.uk/bank-holidays), so a bare GB controller is counted on
    England & Wales, and the result says so."""
    result = d.compute(GDPR, received, controller="GB")
    assert result.due == due
    assert GB_NOTE in result.notes
    assert "public holidays: those of GB-ENG (the controller's)" in result.notes
    assert d.compute(GDPR, received, controller="GB-ENG").due == due
    assert GB_NOTE not in d.compute(GDPR, received, controller="GB-ENG").notes
    assert GB_NOTE not in d.compute(GDPR, received, controller="DE").notes


def test_uk_regions_differ_new_year() -> None:
    # 2 Jan 2027 is a Saturday; Scotland's 2 Jan holiday is observed on Mon 4 Jan.
    assert d.compute(GDPR, D(2026, 12, 2), controller="GB-ENG").due == D(2027, 1, 4)
    assert d.compute(GDPR, D(2026, 12, 2), controller="GB-SCT").due == D(2027, 1, 5)


def test_german_holiday_rolls() -> None:
    # 3 Oct 2025 (Fri) is German Unity Day.
    assert d.compute(GDPR, D(2025, 9, 3), controller="DE").due == D(2025, 10, 6)
    assert d.compute(GDPR, D(2025, 9, 3)).due == D(2025, 10, 3)


def test_ccpa_worked_example() -> None:
    result = d.compute(CCPA, D(2026, 1, 31))  # a Saturday
    assert result.due == D(2026, 3, 17)
    assert result.extended_due == D(2026, 5, 1)
    # 10 business days: Feb 2-6, 9-13 (Presidents' Day is 16 Feb, after).
    assert result.acknowledge_by == D(2026, 2, 13)


def test_ccpa_opt_out_skips_presidents_day() -> None:
    # 15 business days from Sat 31 Jan 2026: Mon 16 Feb is Presidents' Day.
    assert d.compute(CCPA_OPT_OUT, D(2026, 1, 31)).due == D(2026, 2, 23)


def test_ccpa_business_days_skip_cesar_chavez_day() -> None:
    # Tue 31 Mar 2026 is Cesar Chavez Day, a California state holiday.
    rule = d.Rule("x", d.Period(1, "business_days", "none", "US-CA"))
    assert d.compute(rule, D(2026, 3, 30)).due == D(2026, 4, 1)


def test_calendar_days_do_not_roll() -> None:
    rule = d.Rule("x", d.Period(45, "calendar_days"))
    result = d.compute(rule, D(2026, 1, 3))
    assert result.due == D(2026, 2, 17)
    assert any("no roll" in n for n in result.notes)
    saturday = d.compute(rule, D(2026, 1, 21)).due
    assert saturday == D(2026, 3, 7) and saturday.weekday() == 5  # stays on the Saturday


def test_iowa_ninety_days() -> None:
    rule = d.Rule("ICDPA", d.Period(90, "calendar_days"), d.Period(135, "calendar_days"))
    result = d.compute(rule, D(2026, 1, 1))
    assert (result.due, result.extended_due) == (D(2026, 4, 1), D(2026, 5, 16))


def test_postal_delivered_and_posted() -> None:
    start, notes = d.start_date(delivered=D(2026, 5, 4))
    assert start == D(2026, 5, 4) and "delivery date" in notes[0]
    start, notes = d.start_date(posted=D(2026, 5, 4))
    assert start == D(2026, 5, 7) and notes[0].startswith("ESTIMATE")
    with pytest.raises(InputError):
        d.start_date(received=D(2026, 5, 4), posted=D(2026, 5, 1))
    with pytest.raises(InputError):
        d.start_date()


def test_bad_country_codes() -> None:
    with pytest.raises(InputError):
        d.normalise_country("UK")
    with pytest.raises(InputError):
        d.normalise_country("GB-XYZ")
    assert d.normalise_country("gb-sct") == "GB-SCT"


def test_future_receipt_is_noted() -> None:
    result = d.compute(GDPR, D(2027, 1, 4), today=D(2026, 11, 26))
    assert any("after today" in n for n in result.notes)


def test_add_months_clamps() -> None:
    assert d.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert d.add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert d.add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)


dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31))
controllers = st.sampled_from([None, "DE", "FR", "GB-ENG", "GB-SCT", "IE", "US-CA"])


def _calendars(controller: str | None) -> list[d.HolidayCalendar]:
    """Bare DE is the latest date across the Länder (issue 11): the end is a working day in
    some Land, and a day is skipped only when some Land does not work on it."""
    if controller == "DE":
        return [d.holiday_calendar(f"DE-{land}") for land in d.GERMAN_LANDS]
    return [d.holiday_calendar(controller)]


@settings(max_examples=300, deadline=None)
@given(received=dates, controller=controllers)
def test_month_rule_properties(received: dt.date, controller: str | None) -> None:
    result = d.compute(GDPR, received, controller=controller)
    cals = _calendars(controller)
    assert result.due > received
    assert any(c.is_working_day(result.due) for c in cals)
    assert result.extended_due is not None and result.extended_due >= result.due
    assert any(c.is_working_day(result.extended_due) for c in cals)
    raw = d.add_months(received, 1)
    # clamp: the raw end is the same day of month, or the last day of a shorter month
    assert raw.day == received.day or (raw + dt.timedelta(days=1)).day == 1
    assert raw.day <= received.day
    # the roll never skips a working day
    day = raw
    while day < result.due:
        assert not all(c.is_working_day(day) for c in cals)
        day += dt.timedelta(days=1)


@settings(max_examples=200, deadline=None)
@given(received=dates)
def test_ccpa_properties(received: dt.date) -> None:
    result = d.compute(CCPA, received)
    assert result.due == received + dt.timedelta(days=45)
    assert result.extended_due == received + dt.timedelta(days=90)
    assert result.acknowledge_by is not None
    assert received < result.acknowledge_by < result.due
    assert d.holiday_calendar("US-CA").is_working_day(result.acknowledge_by)


def test_working_days_follow_the_countrys_weekend():
    """The holidays package's own working days: Friday and Saturday are the weekend in
    Israel, Saturday and Sunday in Germany; without a country, Monday to Friday."""
    from rights.law.deadlines import add_business_days, holiday_calendar

    friday, sunday = dt.date(2026, 12, 4), dt.date(2026, 12, 6)
    israel, germany, none = holiday_calendar("IL"), holiday_calendar("DE"), holiday_calendar(None)
    assert not israel.is_working_day(friday) and israel.is_working_day(sunday)
    assert germany.is_working_day(friday) and not germany.is_working_day(sunday)
    assert none.is_working_day(friday) and not none.is_working_day(sunday)
    assert israel.why_not_working(friday) == "Friday"
    # Thursday + 1 business day: Sunday in Israel, Friday in Germany
    thursday = dt.date(2026, 12, 3)
    assert add_business_days(thursday, 1, israel) == sunday
    assert add_business_days(thursday, 1, germany) == friday
