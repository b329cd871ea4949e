"""rights escalate: the complaint to the competent regulator, with the case file as
evidence (real SMTP, real PDFs, real store)."""

from __future__ import annotations

import hashlib
import json

from tests.conftest import pdf_text
from tests.helpers.followup import new_case, smtp
from tests.helpers.pdfa import assert_pdfa_2b


def test_complaint_sent_through_a_real_smtp_server_with_the_timeline(
    berlin, late, smtp_server, monkeypatch
):
    inbox, port = smtp_server
    smtp(berlin, port)
    assert berlin("followup", late, "--send", "--yes").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-10")
    r = berlin("escalate", late, "--via", "email", "--send", "--yes", "--lang", "en", "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["regulator"]["id"] == "deberlbdi" and done["regulator"]["basis"] == "residence"
    assert done["status"] == "escalated" and done["delivered"] is True
    complaint = inbox.messages[-1]
    assert complaint["To"].addresses[0].addr_spec == "mailbox@datenschutz-berlin.de"
    assert late in complaint["Subject"] and "Art. 77 GDPR" in complaint["Subject"]
    body = complaint.get_body(("plain",)).get_content()
    assert "Acxiom Deutschland GmbH" in body and "Art. 15 GDPR" in body
    assert "2026-10-01  sent" in body and "2026-11-20  reminder" in body  # the timeline
    assert "(2) 2026-11-20 reminder: Reminder: my request for access" in body  # letters
    shown = json.loads(berlin("show", late, "--json").out)
    assert shown["status"] == "escalated"
    assert shown["events"][-1]["kind"] == "complaint"


def test_complaint_pdf_names_the_regulator_and_carries_the_evidence(berlin, late, tmp_path,
                                                                   monkeypatch):  # fmt: skip
    reply = tmp_path / "their-reply.txt"
    reply.write_text("We only answer through our form.\n")
    assert berlin("log", late, "replied", "--date", "2026-11-10", "--attach", str(reply)).code == 0
    out = tmp_path / "letters"
    r = berlin("escalate", late, "--via", "pdf", "--out", str(out), "--lang", "de", "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    pdf = out / f"{late}-complaint.pdf"
    evidence = out / f"{late}-evidence-1-their-reply.txt"
    assert done["files"] == [str(pdf), str(evidence)]
    assert evidence.read_bytes() == reply.read_bytes()
    assert_pdfa_2b(pdf.read_bytes(), tmp_path)
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert "Berliner Beauftragte für Datenschutz und Informationsfreiheit" in flat
    assert "Art. 77 DSGVO" in flat and late in flat
    assert "2026-10-01 gesendet" in flat and "2026-11-10 Antwort erhalten" in flat
    sha = hashlib.sha256(reply.read_bytes()).hexdigest()
    assert sha[:16] in text.replace("\n", "")
    assert done["delivered"] is False and done["status"] == "escalated"


def test_webform_only_regulator_gets_url_and_text(californian, tmp_path, monkeypatch):
    monkeypatch.setenv("RIGHTS_TODAY", "2026-09-01")
    ref = new_case(californian, "spokeo", "deletion")
    assert californian("log", ref, "sent", "--date", "2026-09-01").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-26")
    r = californian("escalate", ref, "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["regulator"]["id"] == "cppa" and done["via"] == "webform"
    assert done["url"] == "https://cppa.ca.gov/webapplications/complaint"  # its complaint form
    assert ref in done["text"] and "Spokeo, Inc." in done["text"]
    assert [o["id"] for o in done["other_regulators"]] == ["ca-ag"]
    assert any("web form" in n for n in done["notes"])
    ag = californian("escalate", ref, "--regulator", "ca-ag", "--preview", "--json")
    assert ag.code == 0, ag.err
    assert json.loads(ag.out)["regulator"]["id"] == "ca-ag"


def _annex_preview(berlin, late, lang: str) -> str:
    assert berlin("log", late, "replied", "--date", "2026-11-10").code == 0
    assert berlin("followup", late, "--via", "text", "--lang", "en").code == 0
    r = berlin("escalate", late, "--via", "text", "--lang", lang, "--preview")
    assert r.code == 0, r.err
    return r.out


def test_german_complaint_annex_names_states_and_events_in_german(berlin, late):
    """Issue 11: a German complaint's summary and annex print no English state names."""
    out = _annex_preview(berlin, late, "de")
    assert "- Stand: Antwort erhalten" in out or "- Stand: gesendet" in out
    assert "2026-10-01  gesendet" in out and "2026-11-10  Antwort erhalten" in out
    assert "2026-11-20  Erinnerung" in out
    assert "(1) 2026-10-01 Antrag:" in out and "(2) 2026-11-20 Erinnerung:" in out
    for english in ("  sent", "  replied", "  reminder", " request:", "Status: sent"):
        assert english not in out


def test_french_complaint_annex_is_french(berlin, late):
    """Issue 11: the French annex has French labels, states and event kinds."""
    out = _annex_preview(berlin, late, "fr")
    assert "ANNEXE" in out and "ANNEX:" not in out and "Timeline" not in out
    assert "2026-10-01  envoyée" in out and "2026-11-10  réponse reçue" in out
    assert "(1) 2026-10-01 demande :" in out or "(1) 2026-10-01 demande:" in out
    for english in ("  sent", "  replied", " request:", "Status:", "Replies received"):
        assert english not in out


def test_english_complaint_annex_is_unchanged(berlin, late):
    out = _annex_preview(berlin, late, "en")
    assert "2026-10-01  sent" in out and "2026-11-10  replied" in out
    assert "(1) 2026-10-01 request:" in out
