"""The ics writer (rights.exports.ics): escaping and folding, read back by a real parser."""

from __future__ import annotations

import icalendar

from rights.exports.ics import ics_escape, ics_fold


def test_ics_escaping_and_folding_survive_a_real_parser() -> None:
    text = "Ünïcödé, semi; back\\slash\nnew line " + "é" * 60
    line = "SUMMARY:" + ics_escape(text)
    folded = ics_fold(line)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    cal = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\r\n"
        "DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20260101\r\n" + folded + "\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    event = icalendar.Calendar.from_ical(cal).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == text
