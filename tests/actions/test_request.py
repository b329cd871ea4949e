"""rights request new: law choice, letters through every channel, least disclosure,
batches with failures, a real SMTP server, agents."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import pytest

from tests.conftest import pdf_text


@pytest.fixture
def berlin(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli(
        "profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
        "--address", "Musterstraße 1, 10115 Berlin", "--birth-date", "1990-05-17",
        "--country", "DE", "--region", "BE",
    )  # fmt: skip
    assert r.code == 0, r.err
    return cli


@pytest.fixture
def californian(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli(
        "profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
        "--address", "742 Evergreen Terrace, Sacramento, CA 95814", "--country", "US",
        "--region", "CA",
    )  # fmt: skip
    assert r.code == 0, r.err
    return cli


def test_pdf_letter_cites_gdpr_and_is_a_draft(berlin, tmp_path):
    out = tmp_path / "letters"
    r = berlin("request", "new", "--company", "schufa", "--right", "access", "--via", "pdf",
               "--out", str(out), "--lang", "en", "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    assert req["law"] == "gdpr" and req["status"] == "draft" and req["via"] == "pdf"
    assert req["ref"].startswith("R-")
    (pdf,) = req["files"]
    assert Path(pdf).stat().st_mode & 0o777 == 0o600
    text = pdf_text(Path(pdf))
    assert "Zofia Łukasiewicz" in text
    assert "Art. 15 GDPR" in text
    assert req["ref"] in text
    assert "1990-05-17" not in text  # least disclosure: schufa asks for name and address only
    assert "Musterstraße 1" in text


def test_language_follows_residence_and_unknown_language_lists_the_available(berlin, tmp_path):
    r = berlin("request", "new", "--company", "acxiom", "--right", "deletion", "--via", "text",
               "--out", str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    body = Path(req["files"][0]).read_text()
    assert ("Art. 17" in body and "DSGVO" in body) or "Löschung" in body
    bad = berlin("request", "new", "--company", "acxiom", "--right", "access", "--lang", "xx",
                 "--via", "text", "--out", str(tmp_path))  # fmt: skip
    assert bad.code == 3
    assert "languages: de, en, es, fr, it, nl, pl" in bad.err


def test_ccpa_for_a_californian_and_a_right_the_law_lacks(californian, tmp_path):
    r = californian("request", "new", "--company", "spokeo", "--right", "deletion", "--via",
                    "pdf", "--out", str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    assert req["law"] == "ccpa"
    text = pdf_text(Path(req["files"][0]))
    assert "Cal. Civ. Code §1798.105" in text
    assert "DROP" in r.err and "rights drop" in r.err  # California residents are pointed to DROP
    withdraw = californian("request", "new", "--company", "spokeo", "--right",
                           "withdraw-consent", "--via", "pdf", "--out", str(tmp_path))  # fmt: skip
    assert withdraw.code == 3
    assert "no law we know" in withdraw.err


def test_no_contact_for_the_channel_names_those_it_has(californian, tmp_path):
    r = californian("request", "new", "--company", "schufa", "--right", "access", "--via",
                    "webform")  # fmt: skip
    assert r.code == 3
    assert "no webform" in r.err and "channels it has:" in r.err


def test_missing_identity_fields_are_listed(cli, passphrase_env, tmp_path):
    assert cli("init").code == 0
    assert cli("profile", "edit", "--country", "DE", "--email", "x@example.org").code == 0
    r = cli("request", "new", "--company", "schufa", "--right", "access", "--via", "pdf",
            "--out", str(tmp_path))  # fmt: skip
    assert r.code == 3
    assert "name" in r.err and "address" in r.err


def test_batch_reports_failures_and_goes_on(berlin, tmp_path):
    r = berlin("request", "new", "--company", "schufa", "--company", "amazon-de", "--company",
               "acxiom", "--right", "access", "--via", "eml", "--out", str(tmp_path),
               "--json")  # fmt: skip
    assert r.code == 0, r.err
    made = json.loads(r.out)
    assert {m["company"] for m in made} == {"schufa", "amazon-de", "acxiom"}
    for m in made:
        message = email.message_from_bytes(Path(m["files"][0]).read_bytes(), policy=policy.default)
        assert m["ref"] in message["Subject"]
    listed = json.loads(berlin("list", "--json").out)
    assert len(listed) == 3 and {c["status"] for c in listed} == {"draft"}
    mixed = berlin("request", "new", "--company", "spokeo", "--company", "acxiom", "--right",
                   "access", "--via", "eml", "--out", str(tmp_path / "b"), "--json")  # fmt: skip
    assert mixed.code == 0
    assert [(m["company"], m["existing"]) for m in json.loads(mixed.out)] == [("acxiom", True)]
    assert "skipped spokeo" in mixed.err
    unknown = berlin("request", "new", "--company", "no-such-company-xyz", "--right", "access")
    assert unknown.code == 4 and "no company" in unknown.err


def test_files_need_an_out_folder(berlin):
    r = berlin("request", "new", "--company", "schufa", "--right", "access", "--via", "pdf")
    assert r.code == 3 and "--out" in r.err


def test_send_through_a_real_smtp_server(berlin, smtp_server, monkeypatch):
    inbox, port = smtp_server
    r = berlin("config", "smtp", "--host", "127.0.0.1", "--port", str(port), "--security", "none")
    assert r.code == 0, r.err
    r = berlin("request", "new", "--company", "acxiom", "--right", "access", "--lang", "en",
               "--send", "--yes", "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    assert req["status"] == "sent"
    (message,) = inbox.messages
    assert message["To"].addresses[0].addr_spec == "datenschutz@acxiom.com"
    assert req["ref"] in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert "Art. 15 GDPR" in body
    shown = json.loads(berlin("show", req["ref"], "--json").out)
    assert shown["status"] == "sent" and shown["sent"] == "2026-11-26"
    assert shown["due"] == "2026-12-28"  # 26 Dec 2026 is a Saturday: rolled to Monday
    assert shown["due"] in body or "28 December 2026" in body


def test_smtp_failure_keeps_the_draft(berlin):
    from tests.conftest import _free_port

    assert berlin("config", "smtp", "--host", "127.0.0.1", "--port", str(_free_port()),
                  "--security", "none").code == 0  # fmt: skip
    r = berlin("request", "new", "--company", "acxiom", "--right", "access", "--send", "--yes")
    assert r.code != 0
    (case,) = json.loads(berlin("list", "--json").out)
    assert case["status"] == "draft"


def test_send_needs_confirmation_without_a_terminal(berlin):
    r = berlin("request", "new", "--company", "acxiom", "--right", "access", "--send")
    assert r.code == 3 and "--yes" in r.err
    assert json.loads(berlin("list", "--json").out) == []


def test_plaintext_smtp_to_a_remote_host_is_refused(berlin):
    r = berlin("config", "smtp", "--host", "smtp.example.org", "--port", "25", "--security", "none")
    assert r.code == 3 and "plaintext SMTP" in r.err
    assert json.loads(berlin("config", "show", "--json").out)["smtp"] is None


def test_smtp_password_never_in_a_plain_file(berlin, home, monkeypatch, no_keyring):
    monkeypatch.setenv("RIGHTS_SMTP_PASSWORD", "smtp-secret-value-123")
    r = berlin("config", "smtp", "--host", "smtp.example.org", "--username", "zofia")
    assert r.code == 0, r.err
    assert "encrypted store" in r.err
    shown = json.loads(berlin("config", "show", "--json").out)
    assert shown["smtp"]["password"] == "in the encrypted store"
    for path in home.rglob("*"):
        if path.is_file():
            assert b"smtp-secret-value-123" not in path.read_bytes()


def test_agent_letters_and_the_authorization_form(cli, passphrase_env, tmp_path):
    assert cli("init", "--profile", "clinic").code == 0
    assert cli("profile", "edit", "--profile", "clinic", "--full-name", "Privacy Law Clinic",
               "--address", "1 Campus Way, Oakland CA 94601").code == 0  # fmt: skip
    assert cli("profile", "new", "client-1").code == 0
    assert cli("profile", "edit", "--profile", "client-1", "--full-name", "Jiří Dvořák",
               "--email", "jiri@example.org", "--address", "5 Elm St, Oakland, CA 94607",
               "--country", "US", "--region", "CA").code == 0  # fmt: skip
    r = cli("request", "new", "--profile", "clinic", "--client", "client-1", "--company",
            "spokeo", "--right", "access", "--via", "pdf", "--out", str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    text = pdf_text(Path(req["files"][0]))
    assert "Privacy Law Clinic" in text and "Jiří Dvořák" in text and "7063" in text
    # the case belongs to the client
    assert len(json.loads(cli("list", "--profile", "client-1", "--json").out)) == 1
    form = tmp_path / "auth.pdf"
    r = cli("request", "authorization", "--profile", "clinic", "--client", "client-1",
            "--out", str(form))  # fmt: skip
    assert r.code == 0, r.err
    text = pdf_text(form)
    assert "Jiří Dvořák" in text and "Privacy Law Clinic" in text and "Signature" in text
    again = cli("request", "authorization", "--profile", "clinic", "--client", "client-1",
                "--out", str(form))  # fmt: skip
    assert again.code == 8


def test_an_agents_reminder_names_the_agent(cli, passphrase_env, tmp_path, monkeypatch):
    assert cli("init", "--profile", "clinic").code == 0
    assert (
        cli("profile", "edit", "--profile", "clinic", "--full-name", "Privacy Law Clinic").code == 0
    )
    assert cli("profile", "new", "client-1").code == 0
    assert cli("profile", "edit", "--profile", "client-1", "--full-name", "Jiří Dvořák",
               "--email", "jiri@example.org", "--country", "US", "--region", "CA").code == 0  # fmt: skip
    monkeypatch.setenv("RIGHTS_TODAY", "2026-09-01")  # written and sent then, late by today
    r = cli("request", "new", "--profile", "clinic", "--client", "client-1", "--company",
            "spokeo", "--right", "deletion", "--via", "text", "--out", str(tmp_path), "--json")  # fmt: skip
    ref = json.loads(r.out)[0]["ref"]
    assert cli("log", ref, "sent", "--profile", "client-1").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-26")
    r = cli(
        "followup",
        ref,
        "--profile",
        "client-1",
        "--via",
        "text",
        "--out",
        str(tmp_path / "f"),
        "--json",
    )
    assert r.code == 0, r.err
    text = "\n".join(p.read_text() for p in (tmp_path / "f").iterdir())
    assert "Privacy Law Clinic" in text and "Jiří Dvořák" in text


def test_text_without_out_prints_every_letter_as_followup_does(berlin, tmp_path):
    r = berlin("request", "new", "--company", "acxiom", "--company", "schufa", "--right",
               "access", "--via", "text")  # fmt: skip
    assert r.code == 0, r.err
    refs = [line.split()[0] for line in r.out.splitlines() if line.startswith("R-")]
    assert len(refs) == 2
    for ref in refs:  # each letter's subject (with its reference) is on stdout
        assert sum(1 for line in r.out.splitlines() if ref in line and "Art. 15" in line) == 1
    assert "Art. 15" in r.out and "Zofia Łukasiewicz" in r.out
    assert not list(tmp_path.rglob("*.txt"))  # no letter file written without --out
    listed = berlin("list", "--status", "draft", "--json")
    assert {c["ref"] for c in json.loads(listed.out)} == set(refs)


def test_eml_and_pdf_still_need_out(berlin):
    for via in ("eml", "pdf"):
        r = berlin("request", "new", "--company", "acxiom", "--right", "access", "--via", via)
        assert r.code == 3, (via, r.out)
        assert f"--via {via} writes files: say where with --out DIR" in r.err


@pytest.fixture
def utahn(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli(
        "profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
        "--address", "1 Temple Sq, Salt Lake City, UT 84101", "--country", "US",
        "--region", "UT",
    )  # fmt: skip
    assert r.code == 0, r.err
    return cli


def test_utah_correction_is_refused_before_1_july_2026(utahn, tmp_path, monkeypatch):
    """law.md §6.4: Utah's correction right (Utah Code §13-61-201(4)) was added by HB 418 and
    is in force from 1 Jul 2026 [V2]; before then a letter would claim a right Utah did not
    give. Source: https://lexace.ai/us/statute/utah/13-61-201"""
    monkeypatch.setenv("RIGHTS_TODAY", "2026-06-30")
    args = ("request", "new", "--company", "spokeo", "--right", "correction", "--via", "pdf",
            "--out", str(tmp_path), "--details", "My address is 1 Main St, not 2.")  # fmt: skip
    explicit = utahn(*args, "--law", "ucpa")
    assert explicit.code == 3
    assert "the right 'correction' under UCPA (ucpa) is not yet in force on 2026-06-30" in (
        explicit.err
    )
    assert "hint: it applies from 2026-07-01" in explicit.err
    chosen = utahn(*args)  # the automatic choice does not pick a law for a right not yet given
    assert chosen.code == 3 and "no law we know" in chosen.err
    monkeypatch.setenv("RIGHTS_TODAY", "2026-07-01")
    r = utahn(*args, "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)[0]["law"] == "ucpa"


def test_correction_without_details_is_a_usage_error_naming_the_option(berlin):
    r = berlin("request", "new", "--company", "schufa", "--right", "correction", "--via", "text")
    assert r.code == 3, r.err
    assert r.err.splitlines()[0] == (
        "error: a correction request needs --details: what is wrong and what is right"
    )
    assert "unexpected" not in r.err
    assert berlin("list", "--json").out.strip() == "[]"  # nothing stored
    r = berlin("request", "new", "--company", "schufa", "--right", "rectification", "--via",
               "text")  # fmt: skip
    assert r.code == 3 and "needs --details" in r.err  # the alias too


def test_explicit_law_not_yet_in_force_is_refused(utahn, tmp_path, monkeypatch):
    """law.md §6.19: the Oklahoma Data Privacy Act (SB 546) applies from 1 Jan 2027 [V]; on
    3 Dec 2026 a letter citing it would claim rights Oklahoma does not yet give, so an
    explicit --law okdpa is a usage error naming the date, as `rights deadline` does. Source:
    https://www.didomi.io/blog/oklahoma-consumer-data-privacy-law-sb-546"""
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-03")
    args = ("request", "new", "--company", "spokeo", "--right", "access", "--via", "pdf",
            "--out", str(tmp_path), "--law", "okdpa")  # fmt: skip
    r = utahn(*args)
    assert r.code == 3, (r.out, r.err)
    assert "OKDPA (okdpa) is not yet in force on 2026-12-03 (today)" in r.err
    assert r.err.count("error:") == 1
    assert "hint: it applies from 2027-01-01" in r.err
    assert utahn("list", "--json").out.strip() == "[]"  # nothing stored
    monkeypatch.setenv("RIGHTS_TODAY", "2027-01-01")
    later = utahn(*args, "--json")  # in force now, but a Utahn cannot invoke Oklahoma's law
    assert later.code == 3 and "--law okdpa cannot apply to Spokeo" in later.err, later.err
    assert "hint: laws that can: ucpa" in later.err


def test_ccpa_letter_prints_the_date_ccp_12a_moves(californian, tmp_path, monkeypatch):
    """CCP §12a(a)-(b): a last day that is a holiday (Sunday, Gov. Code §6700(a)(1)) moves to
    the next day that is not; a letter posted Mon 26 Jan 2026 is taken to arrive Thu 29 Jan and
    is due 45 days later, Sun 15 Mar, so Mon 16 Mar 2026, and the letter says so. Source: https://casetext.com/statute/
    california-codes/california-code-of-civil-procedure/division-preliminary-provisions/
    section-12a-last-day-for-performing-act-holiday"""
    monkeypatch.setenv("RIGHTS_TODAY", "2026-01-26")
    r = californian("request", "new", "--company", "spokeo", "--right", "access", "--via",
                    "pdf", "--out", str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    text = pdf_text(Path(req["files"][0]))
    assert req["law"] == "ccpa" and req["due"] == "2026-03-16"
    assert "16 March 2026" in text or "March 16, 2026" in text, text


def test_a_second_request_for_an_open_case_reuses_it_unless_again(berlin, tmp_path):
    """Issue 12 point 10: one case per request. The store is reopened by each command."""
    args = ("request", "new", "--company", "acxiom", "--right", "access", "--via", "text")
    first = berlin(*args, "--json")
    assert first.code == 0, first.err
    (made,) = json.loads(first.out)
    assert made["existing"] is False
    again = berlin(*args, "--json")
    assert again.code == 0, again.err
    (reused,) = json.loads(again.out)
    assert reused["existing"] is True and reused["ref"] == made["ref"]
    assert "already open" in again.err and "--again" in again.err
    listed = json.loads(berlin("list", "--json").out)
    assert [c["ref"] for c in listed] == [made["ref"]]
    forced = berlin(*args, "--again", "--json")
    (second,) = json.loads(forced.out)
    assert second["existing"] is False and second["ref"] != made["ref"]
    assert len(json.loads(berlin("list", "--json").out)) == 2
    # an equivalent right counts too: an opt-out after an open objection is the same request
    berlin("request", "new", "--company", "acxiom", "--right", "objection", "--via", "text")
    r = berlin("request", "new", "--company", "acxiom", "--right", "opt-out", "--via", "text",
               "--json")  # fmt: skip
    assert json.loads(r.out)[0]["existing"] is True
