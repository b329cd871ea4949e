"""``rights followup REF`` without ``--via`` picks a channel that works: the case's own, else
the record's email, else a letter to the postal address; or says which to choose (issue 12
point 12)."""

from __future__ import annotations

import email
import json
from email import policy

from tests.conftest import pdf_text
from tests.helpers.followup import new_case


def test_an_email_case_with_out_writes_the_eml(berlin, late, tmp_path):
    out = tmp_path / "letters"
    r = berlin("followup", late, "--out", str(out), "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["via"] == "eml" and done["logged"] is True
    eml = out / f"{late}-reminder.eml"
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["To"].addresses[0].addr_spec == "datenschutz@acxiom.com"
    assert late in message["Subject"]


def test_without_a_working_channel_it_names_the_options(berlin, late):
    r = berlin("followup", late)
    assert r.code == 3, r.err
    assert f"{late}: say how the reminder should go to Acxiom Deutschland GmbH" in r.err
    assert "add --send to email it to datenschutz@acxiom.com" in r.err
    assert "--via pdf --out DIR for a letter to Speicherstraße 57-59" in r.err
    assert "--via text" in r.err
    kinds = [e["kind"] for e in json.loads(berlin("show", late, "--json").out)["events"]]
    assert kinds == ["sent"]  # nothing logged


def test_a_bounced_email_goes_by_post(berlin, late, tmp_path, monkeypatch):
    """The record's email bounced (flagged), so the reminder goes as a letter."""
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    other = new_case(berlin, "acxiom", "deletion", "--lang", "en")
    assert berlin("log", other, "sent").code == 0
    assert berlin("log", other, "bounced").code == 0  # datenschutz@acxiom.com is suspect now
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    out = tmp_path / "letters"
    r = berlin("followup", late, "--out", str(out), "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["via"] == "pdf"
    text = " ".join(pdf_text(out / f"{late}-reminder.pdf").split())
    assert "Speicherstraße 57-59" in text and late in text


def test_a_web_form_case_is_reminded_through_its_form(californian, monkeypatch):
    monkeypatch.setenv("RIGHTS_TODAY", "2026-09-01")
    ref = new_case(californian, "amobee", "deletion", "--via", "webform")
    assert californian("log", ref, "sent").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-26")
    r = californian("followup", ref, "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["via"] == "webform" and done["url"] and ref in done["text"]
