"""The one deliver-then-log path (rights.actions.send): a request and a reminder go through
the same path to a real SMTP server on loopback; what it logs, and what a failure leaves."""

from __future__ import annotations

import datetime as dt

import pytest

from rights.actions import batch, reminder
from rights.actions.plan import Send
from rights.actions.send import Outgoing, carry_out, how_it_went, options_for, send
from rights.companies.lookup import resolve
from rights.delivery import Outcome
from rights.delivery.email import SmtpSettings
from rights.errors import DeliveryError, InputError
from rights.law.load import data_folder, load_laws
from rights.paths import shipped
from rights.profile import profiles
from rights.store import cases_repo, repo
from tests.helpers.letter_data import company

OCT_1, NOV_20 = dt.date(2026, 10, 1), dt.date(2026, 11, 20)


def noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def test_a_request_and_its_reminder_are_logged_by_the_same_path(berlin, home, smtp_server):
    inbox, port = smtp_server
    smtp = (SmtpSettings(host="127.0.0.1", port=port, security="none"), None)
    (acxiom,) = resolve(["acxiom"], None, folder=shipped("companies"), mine=[])
    laws, root = load_laws(data_folder()), data_folder()
    with profiles.open_store(home, "default") as store:
        person = repo.get_identity(store.conn)
        (made,) = batch.run_batch(
            store, [acxiom], batch.Batch(right="access", lang="en", send=True), identity=person,
            laws=laws, today=OCT_1, now=noon(OCT_1), home=home, smtp=smtp,
        )  # fmt: skip
        assert made.error is None and made.case is not None and made.case.status == "sent"
        ref = made.case.ref
        (sent,) = cases_repo.events_for(store.conn, ref)
        assert (sent.kind, sent.note, sent.data) == (
            "sent", "sent by email to datenschutz@acxiom.com",
            {"message_id": inbox.messages[0]["Message-ID"]},  # what replies thread on
        )  # fmt: skip
        opts = Send(send=True)
        plan = reminder.plan_reminder(store.conn, ref, opts, identity=person, today=NOV_20,
                                      root=root, home=home)  # fmt: skip
        done = carry_out(store.conn, plan, opts, today=NOV_20, now=noon(NOV_20), root=root,
                         smtp=smtp)  # fmt: skip
        assert done.delivered and done.case.remind_by == dt.date(2026, 12, 4)
        last = cases_repo.events_for(store.conn, ref)[-1]
    assert last.kind == "reminder" and last.note == "sent by email to datenschutz@acxiom.com"
    assert last.data["delivered"] is True and last.data["channel"] == "email"
    assert last.data["subject"] == plan.letter.subject and last.data["files"] == []
    subjects = [" ".join(str(m["Subject"]).split()) for m in inbox.messages]
    assert subjects == [" ".join(t.split()) for t in (made.case.subject, plan.letter.subject)]


def test_a_refused_email_leaves_the_request_a_draft_with_nothing_logged(berlin, home, smtp_server):
    inbox, port = smtp_server
    smtp = (SmtpSettings(host="127.0.0.1", port=port, security="none"), None)
    refused = company(email="privacy@refused.example", countries=["DE"])
    with profiles.open_store(home, "default") as store:
        (made,) = batch.run_batch(
            store, [refused], batch.Batch(right="access", lang="en", send=True),
            identity=repo.get_identity(store.conn), laws=load_laws(data_folder()),
            today=OCT_1, now=noon(OCT_1), home=home, smtp=smtp,
        )  # fmt: skip
        assert isinstance(made.error, DeliveryError) and "recipient refused" in made.error.message
        assert made.case is not None and made.case.status == "draft"
        assert cases_repo.events_for(store.conn, made.case.ref) == []
        stored = cases_repo.get_case(store.conn, made.case.ref)
        assert stored is not None and stored.status == "draft"
    assert inbox.messages == []


def test_a_file_is_logged_for_a_follow_up_but_not_for_a_request(berlin, home, tmp_path):
    (acxiom,) = resolve(["acxiom"], None, folder=shipped("companies"), mine=[])
    with profiles.open_store(home, "default") as store:
        (made,) = batch.run_batch(
            store, [acxiom], batch.Batch(right="access", lang="en", via="eml", out_dir=tmp_path),
            identity=repo.get_identity(store.conn), laws=load_laws(data_folder()),
            today=OCT_1, now=noon(OCT_1), home=home,
        )  # fmt: skip
        assert made.case is not None and made.case.status == "draft"
        assert made.outcome is not None
        assert made.outcome.files == (tmp_path / f"{made.case.ref}.eml",)
        assert cases_repo.events_for(store.conn, made.case.ref) == []
        letter = _letter(made.case.ref, made.case.subject, made.case.body)
        options = options_for("text", letter, smtp=None, out_dir=None, paper="a4",
                              today=OCT_1, now=noon(OCT_1))  # fmt: skip
        out = Outgoing(ref=made.case.ref, via="text", letter=letter, options=options,
                       event="note", note="copy")  # fmt: skip
        done = send(store.conn, out, today=OCT_1, now=noon(OCT_1), root=data_folder())
        assert done.case is not None and done.outcome.text == letter.text
        (event,) = cases_repo.events_for(store.conn, made.case.ref)
    assert event.note == "copy: text shown (to send yourself)"
    assert event.data["delivered"] is False and event.data["channel"] == "text"
    assert event.data["body"] == letter.body


def _letter(ref: str = "R-7K3M", subject: str = "Request R-7K3M", body: str = "Hello\n"):
    from rights.letters.context import Letter, Recipient

    return Letter(subject=subject, body=body, lang="en", ref=ref, right="access",
                  family="gdpr", template="-", recipient=Recipient(name="Acme GmbH"),
                  sender={"name": "Zofia", "email": "zofia@example.org"})  # fmt: skip


def test_email_without_an_smtp_server_is_one_error_everywhere():
    from rights.delivery import Options
    from rights.delivery import email as channel

    with pytest.raises(InputError, match=r"^no SMTP server set up$") as first:
        options_for("email", _letter(), smtp=None, out_dir=None, paper="a4", today=OCT_1,
                    now=noon(OCT_1))  # fmt: skip
    with pytest.raises(InputError, match=r"^no SMTP server set up$") as second:
        channel.deliver(_letter(), Options(sender_email="zofia@example.org"))
    assert first.value.hint == second.value.hint == "rights config smtp --host H --port P"


def test_how_a_letter_went_is_said_per_channel(tmp_path):
    assert how_it_went("email", "a@b.example", Outcome("email", sent=True)) == (
        "sent by email to a@b.example"
    )
    written = Outcome("pdf", files=(tmp_path / "R-1.pdf",))
    assert how_it_went("pdf", None, written) == "written to R-1.pdf (to send yourself)"
    form = Outcome("webform", url="https://x.example/form")
    assert how_it_went("webform", None, form).startswith("text for the web form https://")
    assert how_it_went("mailto", None, Outcome("mailto", url="mailto:x")) == (
        "mailto link made (to send yourself)"
    )
