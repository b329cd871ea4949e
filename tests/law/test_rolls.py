"""Roll rules per law (issue 11, "Deadline rules" item 1): a calendar-day period whose last day
is not a working day under the jurisdiction's interpretation law moves, on that rule's own
holiday calendar; `rights deadline` shows the moved date and the rule in its notes."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rights.law import deadlines as d
from rights.law import load as j
from rights.law import rolls

D = dt.date
CCP_12A = "https://casetext.com/statute/california-codes/california-code-of-civil-procedure/division-preliminary-provisions/section-12a-last-day-for-performing-act-holiday"


def deadline(cli, law_id: str, received: str, *extra: str) -> dict:
    r = cli("deadline", "--law", law_id, "--right", "access", "--received", received, "--json",
            *extra)  # fmt: skip
    assert r.code == 0, r.err
    return json.loads(r.out)


@pytest.mark.parametrize(
    ("law_id", "received", "due", "why", "source"),
    [
        # CCP §12a(a): "holiday" means all Saturdays and the CCP §135 holidays (Sunday: Gov.
        # Code §6700(a)(1)); 29 Jan + 45 = Sun 15 Mar 2026 -> Mon 16 Mar.
        ("ccpa", "2026-01-29", "2026-03-16", "a Sunday", CCP_12A),
        # CCP §135: the day after Thanksgiving is a judicial holiday; 13 Oct + 45 = Fri 27 Nov
        # 2026 -> Sat, Sun -> Mon 30 Nov.
        ("ccpa", "2026-10-13", "2026-11-30", "Day after Thanksgiving", CCP_12A),
        # C.R.S. §2-4-108(2): Saturday moves; 21 Jan + 45 = Sat 7 Mar 2026 -> Mon 9 Mar.
        ("cpa", "2026-01-21", "2026-03-09", "a Saturday", "C.R.S. §2-4-108(2)"),
        # Tex. Gov't Code §311.014(b): same rule.
        ("tdpsa", "2026-01-21", "2026-03-09", "a Saturday", "Tex. Gov't Code §311.014(b)"),
        # Interpretation Act s.26/s.35: Sunday is a holiday; 6 Feb + 30 = Sun 8 Mar -> Mon 9.
        ("pipeda", "2026-02-06", "2026-03-09", "a Sunday", "Interpretation Act s.26"),
        # s.35: Easter Monday is a holiday; 7 Mar + 30 = Mon 6 Apr 2026 -> Tue 7 Apr.
        ("pipeda", "2026-03-07", "2026-04-07", "Easter Monday", "Interpretation Act s.35"),
        # Loi d'interprétation art. 52 / 61(23)(e): 24 June; 25 May + 30 = Wed 24 Jun -> 25.
        ("qc-law25", "2026-05-25", "2026-06-25", "Fête nationale", "art. 61(23)"),
        # CO Art. 78(1), SR 173.110.3 Art. 1: Saturday; 5 Feb + 30 = Sat 7 Mar -> Mon 9 Mar.
        ("ch-fadp", "2026-02-05", "2026-03-09", "a Saturday", "SR 173.110.3 Art. 1"),
        # CC Art. 132 §1 [V2]: Tiradentes (Lei 662/1949); 6 Apr + 15 = Tue 21 Apr -> Wed 22.
        ("lgpd", "2026-04-06", "2026-04-22", "Tiradentes", "CC Art. 132 §1"),
        # Minn. Stat. §645.15 (revisor.mn.gov): Saturday omitted; 21 Jan + 45 = Sat 7 Mar -> Mon 9.
        ("mn-cdpa", "2026-01-21", "2026-03-09", "a Saturday", "Minn. Stat. §645.15"),
        # Mont. Code Ann. §1-1-306, §1-1-216(1)(a) (leg.mt.gov): Sunday is a holiday.
        ("mtcdpa", "2026-01-29", "2026-03-16", "a Sunday", "Mont. Code Ann. §1-1-306"),
        # §1-1-216(1)(g): Labor Day; 24 Jul + 45 = Mon 7 Sep 2026 -> Tue 8 Sep.
        ("mtcdpa", "2026-07-24", "2026-09-08", "Labor Day", "Mont. Code Ann. §1-1-216"),
        # Utah Code §68-3-7(2): Saturday, Sunday, legal holiday.
        ("ucpa", "2026-01-21", "2026-03-09", "a Saturday", "Utah Code §68-3-7(2)"),
        # Ala. Code §1-1-4 (alisondb): Sunday; 6 May 2027 + 45 = Sun 20 Jun -> Mon 21 Jun.
        ("apdpa", "2027-05-06", "2027-06-21", "a Sunday", "Ala. Code §1-1-4"),
        # 25 O.S. §82.1(A), (C): each Saturday is a holiday; 20 Jan 2027 + 45 = Sat 6 Mar -> Mon 8.
        ("okdpa", "2027-01-20", "2027-03-08", "a Saturday", "25 O.S. §82.1(C)"),
        # KRS 446.030(1)(a) [V2]: Saturday, Sunday, legal holiday.
        ("kcdpa", "2026-01-21", "2026-03-09", "a Saturday", "KRS 446.030(1)(a)"),
        # La. C.C.P. art. 5059(A) [V2]: legal holiday; 1 Jan 2027 + 45 = Mon 15 Feb -> Tue 16.
        ("ldpa", "2027-01-01", "2027-02-16", "Washington's Birthday", "La. C.C.P. art. 5059"),
    ],
)
def test_roll_rule_moves_the_date_and_says_why(cli, law_id, received, due, why, source):
    data = deadline(cli, law_id, received)
    assert data["due"] == due, source
    law = j.load_law(j.data_folder(), law_id)
    rule = rolls.load_roll(j.data_folder(), law.rights["access"].response.roll)
    moved = [n for n in data["notes"] if n.startswith("the period ends on")]
    assert moved and f"which is {why}; {rule.citation} moves it to" in moved[0], source
    assert any(n.startswith(f"roll ({rule.citation})") for n in data["notes"])
    assert rule.sources


@pytest.mark.parametrize(
    ("law_id", "received", "due", "source"),
    [
        # Interpretation Act s.35: Saturday is not a holiday: 5 Feb + 30 = Sat 7 Mar stays.
        ("pipeda", "2026-02-05", "2026-03-07", "Interpretation Act s.26, s.35"),
        # Loi d'interprétation art. 61(23): Saturday is not a jour férié.
        ("qc-law25", "2026-02-05", "2026-03-07", "Loi d'interprétation art. 52, 61(23)"),
        # Va. Code §1-210 covers court matters only: no roll, Sat 7 Mar 2026 stands.
        ("vcdpa", "2026-01-21", "2026-03-07", "Va. Code §1-210"),
        # Mont. Code Ann. §1-1-216: Saturday is not a holiday, so Sat 7 Mar 2026 stands.
        ("mtcdpa", "2026-01-21", "2026-03-07", "Mont. Code Ann. §1-1-306, §1-1-216"),
        # Ala. Code §1-1-4 names Sunday, not Saturday: 12 May 2027 + 45 = Sat 26 Jun stands.
        ("apdpa", "2027-05-12", "2027-06-26", "Ala. Code §1-1-4"),
        # ORS 174.120(1)-(4): civil and criminal procedure and court acts only.
        ("ocpa", "2026-01-21", "2026-03-07", "ORS 174.120"),
        # Neb. Rev. Stat. §25-2221: acts in an action or proceeding only.
        ("ndpa", "2026-01-21", "2026-03-07", "Neb. Rev. Stat. §25-2221"),
        # docs/laws.md example: CCPA received Sat 31 Jan 2026 -> Tue 17 Mar, not moved.
        ("ccpa", "2026-01-31", "2026-03-17", "CCP §12a"),
    ],
)
def test_no_move_where_the_rule_does_not_count_the_day(cli, law_id, received, due, source):
    data = deadline(cli, law_id, received)
    assert data["due"] == due, source
    assert not any(n.startswith("the period ends on") for n in data["notes"])


def test_ccpa_extension_is_rolled_too(cli):
    """CCP §12a(b): every period; 31 Jan 2026 + 90 = Fri 1 May 2026 (a working day)."""
    assert deadline(cli, "ccpa", "2026-01-31")["extended_due"] == "2026-05-01"


def test_swiss_cantonal_holidays_come_from_the_controller(cli):
    """CO Art. 78(1): holidays recognised at the place of performance; 1 Aug (Bundesfeiertag)
    2025 is a Friday: 2 Jul + 30 -> Mon 4 Aug."""
    assert deadline(cli, "ch-fadp", "2025-07-02", "--country", "CH-ZH")["due"] == "2025-08-04"


@pytest.mark.parametrize(
    ("roll_id", "day", "name"),
    [
        # Interpretation Act s.35 / Holidays Act: Victoria Day, the Monday preceding 25 May.
        ("ca-interpretation-26", D(2026, 5, 18), "Victoria Day"),
        ("ca-interpretation-26", D(2026, 4, 3), "Good Friday"),  # Easter 2026 is 5 Apr
        ("ca-interpretation-26", D(2026, 9, 30), "National Day for Truth and Reconciliation"),
        # art. 61(23)(f): 2 July when 1 July is a Sunday (1 Jul 2029 is a Sunday).
        ("qc-interpretation-52", D(2029, 7, 2), "Anniversaire de la Confédération"),
        ("qc-interpretation-52", D(2026, 9, 7), "Fête du Travail"),
        # CCP §135: Thanksgiving (fourth Thursday of November) and the day after.
        ("ccp-12a", D(2026, 11, 26), "Thanksgiving Day"),
        ("ccp-12a", D(2026, 3, 31), "Cesar Chavez Day"),
    ],
)
def test_statute_calendars_give_the_listed_days(roll_id, day, name):
    cal = rolls.RollCalendar(rolls.load_roll(j.data_folder(), roll_id))
    assert cal.holiday_name(day) == name
    assert not cal.is_working_day(day)


def test_canada_and_quebec_count_saturday_as_a_working_day():
    """Interpretation Act s.35 and Loi d'interprétation art. 61(23) list Sunday, not Saturday."""
    for roll_id in ("ca-interpretation-26", "qc-interpretation-52"):
        cal = rolls.RollCalendar(rolls.load_roll(j.data_folder(), roll_id))
        assert cal.is_working_day(D(2026, 3, 7)) and not cal.is_working_day(D(2026, 3, 8))


def test_easter_computus():
    assert [rolls.easter_sunday(y) for y in (2024, 2025, 2026, 2027)] == [
        D(2024, 3, 31), D(2025, 4, 20), D(2026, 4, 5), D(2027, 3, 28),
    ]  # fmt: skip


def test_every_calendar_day_period_names_a_roll_rule_or_none():
    """Every shipped period names `none`, `next_working_day` or a roll rule file that exists;
    every US state law without a rule says so in a counting note."""
    known = set(rolls.roll_ids(j.data_folder()))
    for law in j.load_laws(j.data_folder()):
        for right in law.rights.values():
            for period in (right.response, right.extension, right.acknowledge):
                if period is not None and period.roll_rule_id():
                    assert period.roll_rule_id() in known
        rolled = any(r.response.roll_rule_id() for r in law.rights.values())
        if law.jurisdiction.startswith("US-") and not rolled:
            assert any(n.text.startswith("Counting: no roll") for n in law.notes), law.id


def test_validate_reports_a_missing_roll_rule(cli, tmp_path):
    src = json.loads((j.data_folder() / "cpa.json").read_text(encoding="utf-8"))
    src["rights"]["access"]["response"]["roll"] = "no-such-rule"
    (tmp_path / "cpa.json").write_text(json.dumps(src), encoding="utf-8")
    r = cli("laws", "validate", str(tmp_path), "--json")
    problems = json.loads(r.out)["problems"]
    assert "cpa.json: rights.access.response.roll: no roll rule 'no-such-rule'" in problems[0]


def test_new_counting_units_boundaries():
    """'the N-day period beginning on' receipt: the receipt day is day 1 (ends receipt+N-1);
    'not later than N days after' receipt: ends receipt + N."""
    received = D(2026, 3, 2)
    begin = d.Rule("x", d.Period(30, "calendar_days_beginning_on"))
    later = d.Rule("x", d.Period(30, "calendar_days_not_later_than"))
    assert d.compute(begin, received).due == D(2026, 3, 31)
    assert d.compute(later, received).due == D(2026, 4, 1)
    assert (
        d.compute(d.Rule("x", d.Period(1, "calendar_days_beginning_on")), received).due == received
    )
    assert "(the receipt day counts as day 1)" in d.compute(begin, received).rule


@pytest.mark.parametrize(
    ("roll_id", "day", "name"),
    [
        # Mont. Code Ann. §1-1-216(2)(b): a listed day on a Saturday is kept on the Friday before
        # (4 Jul 2026 is a Saturday).
        ("mt-1-1-306", D(2026, 7, 3), "Independence Day"),
        # 25 O.S. §82.1(A): the day after Thanksgiving.
        ("ok-25-82-1", D(2027, 11, 26), "Day after Thanksgiving"),
    ],
)
def test_us_state_statute_calendars(roll_id, day, name):
    cal = rolls.RollCalendar(rolls.load_roll(j.data_folder(), roll_id))
    assert cal.holiday_name(day) == name
    assert not cal.is_working_day(day)


def test_us_states_without_a_rule_say_what_was_searched():
    """Every US state law without a roll rule says why in its counting note (no general rule
    found, or one for court matters only) and what was searched."""
    for law in j.load_laws(j.data_folder()):
        if not law.jurisdiction.startswith("US-"):
            continue
        if any(r.response.roll_rule_id() for r in law.rights.values()):
            continue
        note = next(n for n in law.notes if n.text.startswith("Counting: no roll"))
        assert note.uncertain or law.id == "vcdpa", law.id
        if law.id != "vcdpa":
            assert "searched" in (note.uncertain or ""), law.id
