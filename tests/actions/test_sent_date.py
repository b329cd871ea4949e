"""A letter cannot leave before the day it is dated: ``rights log REF sent`` refuses an
earlier date (issue 12 point 11); DROP submissions and the demo's time travel are not letters
of the day."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from tests.helpers.followup import new_case


def test_sent_before_the_letter_date_is_refused(berlin: Callable[..., Any], monkeypatch) -> None:
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-05")
    ref = new_case(berlin, "acxiom", "access", "--lang", "en")
    r = berlin("log", ref, "sent", "--date", "2026-10-04")
    assert r.code == 3, r.err
    assert f"{ref}: the letter is dated 2026-10-05" in r.err
    assert "2026-10-04" in r.err and "--date" in r.err
    shown = json.loads(berlin("show", ref, "--json").out)
    assert shown["status"] == "draft" and shown["events"] == []  # nothing stored
    r = berlin("log", ref, "sent", "--date", "2026-10-05")  # the letter's own day is fine
    assert r.code == 0, r.err
    assert json.loads(berlin("show", ref, "--json").out)["sent"] == "2026-10-05"


def test_drop_may_be_recorded_for_an_earlier_day(californian: Callable[..., Any]) -> None:
    r = californian("drop", "--date", "2026-09-01", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["sent"] == "2026-09-01"


def test_no_event_may_be_dated_before_the_letter(berlin: Callable[..., Any], monkeypatch) -> None:
    """A workshop sets RIGHTS_TODAY in the past after writing letters today: an event logged
    on that earlier day is refused with the letter's date (issue 17 point 11)."""
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-05")
    ref = new_case(berlin, "acxiom", "access", "--lang", "en")
    monkeypatch.setenv("RIGHTS_TODAY", "2026-09-20")  # the clock turned back
    for kind in ("note", "abandoned", "sent"):
        r = berlin("log", ref, kind)
        assert r.code == 3, (kind, r.err)
        assert "the letter is dated 2026-10-05, so it cannot have been" in r.err, r.err
    assert json.loads(berlin("show", ref, "--json").out)["events"] == []
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-20")
    assert berlin("log", ref, "note", "--date", "2026-10-06").code == 0
