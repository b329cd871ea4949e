"""rights followup / escalate / reply, and bounces: real SMTP, real PDFs, real store."""

from __future__ import annotations

import hashlib
import json

import pytest

from tests.conftest import pdf_text


@pytest.fixture
def berlin(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli(
        "profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
        "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE",
    )  # fmt: skip
    assert r.code == 0, r.err
    return cli


@pytest.fixture
def californian(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
            "--country", "US", "--region", "CA")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def new_case(cli, company: str, right: str = "access", *extra: str) -> str:
    r = cli("request", "new", "--company", company, "--right", right, *extra, "--json")
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    return str(req["ref"])


@pytest.fixture
def late(berlin, monkeypatch):
    """A GDPR access request to Acxiom, sent 1 Oct 2026 (due 2 Nov), and today 20 Nov."""
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(berlin, "acxiom", "access", "--lang", "en")
    assert berlin("log", ref, "sent", "--date", "2026-10-01").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    return ref


def smtp(cli, port: int) -> None:
    r = cli("config", "smtp", "--host", "127.0.0.1", "--port", str(port), "--security", "none")
    assert r.code == 0, r.err


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
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert "Berliner Beauftragte für Datenschutz und Informationsfreiheit" in flat
    assert "Art. 77 GDPR" in flat and late in flat
    assert "2026-10-01 sent" in flat and "2026-11-10 replied" in flat
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
    assert done["url"] == "https://cppa.ca.gov/"
    assert ref in done["text"] and "Spokeo, Inc." in done["text"]
    assert [o["id"] for o in done["other_regulators"]] == ["ca-ag"]
    assert any("web form" in n for n in done["notes"])
    ag = californian("escalate", ref, "--regulator", "ca-ag", "--preview", "--json")
    assert ag.code == 0, ag.err
    assert json.loads(ag.out)["regulator"]["id"] == "ca-ag"


def test_bad_inputs_are_refused_clearly(berlin, late, monkeypatch, tmp_path):
    unknown = berlin("followup", late[:-1] + ("A" if late[-1] != "A" else "B"))
    assert unknown.code == 4 and "did you mean" in unknown.err and late in unknown.err
    draft = new_case(berlin, "acxiom", "deletion", "--lang", "en")
    r = berlin("followup", draft, "--via", "text")
    assert r.code == 3 and f"{draft} is a draft: it was never sent" in r.err
    assert f"rights log {draft} sent" in r.err
    r = berlin("escalate", late, "--regulator", "nope", "--preview")
    assert r.code == 3 and "unknown regulator 'nope'" in r.err
    assert "competent: deberlbdi (residence)" in r.err and "frcnil" in r.err
    r = berlin("followup", late)  # by email, without --send
    assert r.code == 3 and "add --send" in r.err
    r = berlin("followup", late, "--via", "pdf")
    assert r.code == 3 and "--out DIR" in r.err
    r = berlin("reply", late, "--to", "go-away")
    assert r.code == 3 and "web-form, id-copy, device-ids, more-info" in r.err
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-20")
    r = berlin("followup", late, "--via", "text")
    assert r.code == 3 and "is not late" in r.err and "2026-11-02" in r.err
    assert [e["kind"] for e in json.loads(berlin("show", late, "--json").out)["events"]] == ["sent"]


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


def test_reply_to_a_brush_off_is_logged_and_listed_as_evidence(berlin, late, tmp_path):
    r = berlin("reply", late, "--to", "id-copy", "--via", "text", "--out", str(tmp_path),
               "--details", "My customer number is 4711.", "--json")  # fmt: skip
    assert r.code == 0, r.err
    letter = (tmp_path / f"{late}-answer.txt").read_text()
    assert "copy of an identity document" in letter and "4711" in letter
    assert "Art. 12(6)" in letter  # the law file's identity fact
    assert late in letter.splitlines()[0]
    shown = json.loads(berlin("show", late, "--json").out)
    assert shown["events"][-1]["kind"] == "note"
    complaint = berlin("escalate", late, "--via", "text", "--lang", "en", "--preview")
    assert "answer: Re: my request for access" in complaint.out  # listed among the letters


def test_reply_in_german(berlin, monkeypatch):
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(berlin, "acxiom", "access", "--lang", "de")
    assert berlin("log", ref, "sent").code == 0
    r = berlin("reply", ref, "--to", "web-form", "--preview")
    assert r.code == 0, r.err
    assert "Webformular" in r.out and "Art. 15 GDPR" in r.out and ref in r.out


def test_bounce_marks_the_address_and_new_requests_avoid_it(berlin, monkeypatch, tmp_path):
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(berlin, "acxiom", "access", "--lang", "en")
    assert berlin("log", ref, "sent").code == 0
    r = berlin("log", ref, "bounced", "--note", "550 no such user")
    assert r.code == 0, r.err
    shown = berlin("companies", "show", "acxiom", "--json")
    assert json.loads(shown.out)["bounced"] == ["datenschutz@acxiom.com"]
    assert "warning: acxiom: datenschutz@acxiom.com bounced" in shown.err
    again = berlin("request", "new", "--company", "acxiom", "--right", "access", "--json")
    assert again.code == 0, again.err
    (req,) = json.loads(again.out)
    assert req["via"] == "webform" and req["url"].startswith("https://www.acxiom.de/")
    refused = berlin("request", "new", "--company", "acxiom", "--right", "access", "--via",
                     "email")  # fmt: skip
    assert refused.code == 3 and "datenschutz@acxiom.com of Acxiom Deutschland GmbH bounced" in (
        refused.err
    )
    assert "rights companies bounced acxiom datenschutz@acxiom.com --ok" in refused.err


@pytest.mark.parametrize(
    ("family", "lang"),
    [("gdpr", "en"), ("gdpr", "de"), ("us-state", "en"), ("lgpd", "en"), ("pipeda", "en")],
)
@pytest.mark.parametrize("brush_off", ["web-form", "id-copy", "device-ids", "more-info"])
def test_every_answer_template_renders_each_brush_off(family, lang, brush_off):
    from rights.letters.render import languages, render
    from tests.helpers.letter_data import CITATIONS, context

    assert lang in languages(family, "answer")
    ctx = context(family, lang, "reminder").model_copy(
        update={"right": "answer", "answer": brush_off, "details": "Cookie ID abc-123"}
    )
    letter = render(ctx)
    assert "R-7K3M" in letter.subject and "\n" not in letter.subject
    assert CITATIONS[family]["access"] in letter.body and "Cookie ID abc-123" in letter.body
    assert "{{" not in letter.body and "\n\n\n" not in letter.body
    paragraphs = letter.body.split("\n\n")
    assert len(paragraphs) >= 6  # greeting, intro, the brush-off's paragraph, details, ...


def test_answer_letter_needs_the_brush_off():
    from pydantic import ValidationError

    from tests.helpers.letter_data import context

    with pytest.raises(ValidationError, match="needs `answer`"):
        type(context("gdpr", "en", "reminder"))(
            **{**context("gdpr", "en", "reminder").model_dump(), "right": "answer"}
        )
