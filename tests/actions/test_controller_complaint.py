"""rights escalate for UK GDPR cases: the complaint to the controller comes first (DPA 2018
s.164A, inserted by the Data (Use and Access) Act 2025 s.103, in force 19 June 2026 (SI
2026/82 reg. 3): controllers must facilitate complaints and acknowledge them within 30 days;
https://bratby.law/data-use-and-access-act-2025-commencement/), the ICO complaint after it
(or at once with --now). Real store, real templates, a real PDF read back with pdftotext."""

from __future__ import annotations

import json

import pytest

from tests.conftest import pdf_text
from tests.helpers.followup import new_case


@pytest.fixture
def londoner(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli(
        "profile", "edit", "--full-name", "Alex Morgan", "--email", "alex@example.org",
        "--address", "1 Example Street, London SE1 1AA", "--country", "GB",
    )  # fmt: skip
    assert r.code == 0, r.err
    return cli


@pytest.fixture
def uk_late(londoner, monkeypatch):
    """A UK GDPR access request to Acxiom Ltd, sent 1 Oct 2026, and today 20 Nov 2026."""
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(londoner, "acxiom-gb", "access", "--law", "uk-gdpr", "--via", "text")
    assert londoner("log", ref, "sent", "--date", "2026-10-01").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    return ref


def test_uk_escalate_writes_the_complaint_to_the_controller_first(londoner, uk_late, tmp_path):
    """DPA 2018 s.164A: the controller's own complaints procedure comes before the ICO."""
    out = tmp_path / "letters"
    r = londoner("escalate", uk_late, "--via", "pdf", "--out", str(out), "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["kind"] == "controller-complaint"
    assert done["to"] == "Acxiom Ltd." and done["regulator"] is None
    assert done["status"] == "sent"  # still the company's turn, not escalated
    assert any("after 2026-12-20" in n and "--now" in n for n in done["notes"])
    text = " ".join(pdf_text(out / f"{uk_late}-controller-complaint.pdf").split())
    assert "DPA 2018 s.164A" in text and "Art. 15 UK GDPR" in text
    assert "Please acknowledge this complaint by 20 December 2026" in text
    shown = json.loads(londoner("show", uk_late, "--json").out)
    assert shown["events"][-1]["kind"] == "note"
    assert "s.164A" in shown["events"][-1]["note"]


def test_uk_ico_complaint_waits_for_the_controller_then_goes(londoner, uk_late, monkeypatch):
    assert londoner("escalate", uk_late, "--via", "text").code == 0
    early = londoner("escalate", uk_late, "--via", "text")
    assert early.code == 3
    assert "has until 2026-12-20 to acknowledge" in early.err
    assert "--now" in early.err
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-21")
    r = londoner("escalate", uk_late, "--via", "text", "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["kind"] == "complaint" and done["regulator"]["id"] == "gbico"
    assert done["status"] == "escalated"


def test_uk_escalate_now_skips_the_controller_step(londoner, uk_late):
    r = londoner("escalate", uk_late, "--via", "text", "--now", "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["kind"] == "complaint" and done["regulator"]["id"] == "gbico"
