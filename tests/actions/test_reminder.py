"""rights followup: the reminder to a late company, sent through a real SMTP server, or
written to a file; a preview logs nothing."""

from __future__ import annotations

import json

from tests.helpers.followup import smtp


def test_reminder_sent_through_a_real_smtp_server(berlin, late, smtp_server):
    inbox, port = smtp_server
    smtp(berlin, port)
    r = berlin("followup", late, "--send", "--yes", "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["delivered"] is True and done["logged"] is True
    assert done["kind"] == "reminder" and done["remind_by"] == "2026-12-04"
    (message,) = inbox.messages
    assert message["To"].addresses[0].addr_spec == "datenschutz@acxiom.com"
    assert late in message["Subject"] and message["Subject"].startswith("Reminder")
    body = message.get_body(("plain",)).get_content()
    assert "Art. 15 GDPR" in body
    assert "2 November 2026" in body  # the due date that passed
    assert "4 December 2026" in body  # the new deadline: 14 days, as the event sets it
    shown = json.loads(berlin("show", late, "--json").out)
    assert shown["status"] == "sent" and shown["remind_by"] == "2026-12-04"
    assert [e["kind"] for e in shown["events"]] == ["sent", "reminder"]
    assert "sent by email to datenschutz@acxiom.com" in shown["events"][1]["note"]
    due = json.loads(berlin("due", "--within", "30d", "--json").out)
    assert any(i["ref"] == late and i["kind"] == "reminder" for i in due["items"])


def test_preview_logs_nothing_and_a_written_reminder_is_logged_undelivered(berlin, late,
                                                                          tmp_path):  # fmt: skip
    r = berlin("followup", late, "--preview")
    assert r.code == 0 and "2 November 2026" in r.out and "nothing sent or logged" in r.err
    assert json.loads(berlin("show", late, "--json").out)["remind_by"] is None
    r = berlin("followup", late, "--via", "eml", "--out", str(tmp_path), "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["delivered"] is False and done["logged"] is True
    eml = tmp_path / f"{late}-reminder.eml"
    assert done["files"] == [str(eml)] and late in eml.read_text()
    shown = json.loads(berlin("show", late, "--json").out)
    assert shown["remind_by"] == "2026-12-04"
