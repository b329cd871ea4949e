"""``rights escalate``: it waits for the reminder's own deadline unless --now, --preview
changes nothing, the complaint names the company's postal address, a postal complaint carries
the sender's address, and a partial answer is never called unanswered (issue 12 points 3, 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rights.profile import profiles
from rights.store import cases_repo
from tests.conftest import pdf_text
from tests.helpers.followup import new_case


def _snapshot(cli, home: Path, ref: str) -> tuple[str, str, list[tuple[str, str]]]:
    """The case as ``show`` and ``list`` print it, and its events read from the store reopened."""
    shown, listed = cli("show", ref, "--json").out, cli("list", "--json").out
    with profiles.open_store(home, "default") as store:
        events = [(e.kind, e.on_date.isoformat()) for e in cases_repo.events_for(store.conn, ref)]
    return shown, listed, events


def test_escalate_waits_for_the_reminders_deadline_unless_now(berlin, late, monkeypatch):
    assert berlin("followup", late, "--via", "text").code == 0  # gives until 2026-12-04
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-04")
    r = berlin("escalate", late, "--via", "text")
    assert r.code == 3, r.err
    assert (
        "2026-12-04" in r.err and "reminder" in r.err and f"rights escalate {late} --now" in r.err
    )
    kinds = [e["kind"] for e in json.loads(berlin("show", late, "--json").out)["events"]]
    assert kinds == ["sent", "reminder"]
    r = berlin("escalate", late, "--via", "text", "--now", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["status"] == "escalated"


def test_escalate_after_the_reminders_deadline_goes(berlin, late, monkeypatch):
    assert berlin("followup", late, "--via", "text").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-05")
    r = berlin("escalate", late, "--via", "text", "--json")
    assert r.code == 0, r.err


def test_escalate_preview_changes_nothing(berlin, late, home, tmp_path, monkeypatch):
    assert berlin("followup", late, "--via", "text").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-10")
    before = _snapshot(berlin, home, late)
    out = tmp_path / "letters"
    r = berlin("escalate", late, "--via", "pdf", "--out", str(out), "--preview")
    assert r.code == 0, r.err
    assert "nothing sent or logged" in r.err and "Acxiom Deutschland GmbH" in r.out
    assert not out.exists()  # no file written
    assert _snapshot(berlin, home, late) == before


def test_complaint_names_the_companys_postal_address(berlin, late, tmp_path):
    out = tmp_path / "letters"
    r = berlin("escalate", late, "--via", "pdf", "--out", str(out), "--lang", "en", "--json")
    assert r.code == 0, r.err
    flat = " ".join(pdf_text(out / f"{late}-complaint.pdf").split())
    assert "Acxiom Deutschland GmbH" in flat
    assert "Speicherstraße 57-59, 60327 Frankfurt am Main" in flat  # the record's address
    assert "Musterstraße 1" in flat  # a posted complaint carries the sender's address
    de = berlin("escalate", late, "--via", "text", "--lang", "de", "--preview")
    assert "Speicherstraße 57-59, 60327 Frankfurt am Main" in de.out
    assert "Unternehmen und Postanschrift: Acxiom Deutschland GmbH" in de.out


def test_a_postal_complaint_without_an_address_is_refused_before_anything_is_stored(
    cli, passphrase_env, home, tmp_path, monkeypatch
):
    assert cli("init").code == 0
    assert cli("profile", "edit", "--full-name", "Jan Ohneort", "--email", "jan@example.org",
               "--country", "DE", "--region", "BE").code == 0  # fmt: skip
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(cli, "1und1-webde", "access", "--lang", "en")  # asks for no address
    assert cli("log", ref, "sent").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-26")
    before = _snapshot(cli, home, ref)
    out = tmp_path / "letters"
    r = cli("escalate", ref, "--via", "pdf", "--out", str(out))
    assert r.code == 3, r.err
    assert "postal address" in r.err and "rights profile edit --address" in r.err
    assert not out.exists()
    assert _snapshot(cli, home, ref) == before
    r = cli("escalate", ref, "--via", "text", "--json")  # not by post: no address needed
    assert r.code == 0, r.err


@pytest.mark.parametrize("lang", ["en", "de", "fr", "es", "it", "nl", "pl"])
def test_a_partial_answer_is_never_called_unanswered(berlin, late, lang):
    assert berlin("log", late, "partial", "--date", "2026-11-10").code == 0
    r = berlin("escalate", late, "--via", "text", "--lang", lang, "--preview")
    assert r.code == 0, r.err
    text = r.out.lower()
    for word in ("unanswered", "unbeantwortet", "sans réponse", "sin respuesta",
                 "senza risposta", "onbeantwoord", "bez odpowiedzi"):  # fmt: skip
        assert word not in text
    if lang == "en":
        assert "status now: answered only in part" in text


PARTIAL_SUBJECT = {
    "en": "is answered only in part",
    "de": "ist nur teilweise beantwortet",
    "fr": "n'a reçu qu'une réponse partielle",
    "es": "solo se ha respondido en parte",
    "it": "ha ricevuto solo una risposta parziale",
    "nl": "is slechts gedeeltelijk beantwoord",
    "pl": "niepełna odpowiedź",
}


@pytest.mark.parametrize("lang", sorted(PARTIAL_SUBJECT))
def test_a_reminder_after_a_partial_answer_says_so(berlin, late, lang):
    assert berlin("log", late, "partial", "--date", "2026-11-10").code == 0
    r = berlin("followup", late, "--via", "text", "--lang", lang, "--preview")
    assert r.code == 0, r.err
    subject = r.out.splitlines()[0]
    assert PARTIAL_SUBJECT[lang] in subject
    for word in ("unanswered", "unbeantwortet", "sans réponse", "sin respuesta",
                 "senza risposta", "onbeantwoord", "brak odpowiedzi"):  # fmt: skip
        assert word not in subject.lower()
