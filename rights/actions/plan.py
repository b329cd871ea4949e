"""Follow-through on a case, step 1: the plan. What a reminder (``rights.actions.reminder``),
an answer to a brush-off (``rights.actions.answer``) and a complaint
(``rights.actions.complaint``) share before anything is sent.

Each of these actions has two steps, so that the CLI can ask before sending:

1. ``plan_reminder`` / ``plan_answer`` / ``plan_complaint`` check the case (the checks
   here), pick the channel, language and (for a complaint) the regulator, and render the
   letter into a :class:`Plan`. Nothing is written.
2. ``rights.actions.send.carry_out`` delivers the letter and logs the event on the case:
   ``reminder`` (its short deadline becomes ``remind_by``), ``complaint`` (the case becomes
   ``escalated``) or, for an answer, a ``note`` carrying the letter. The letter's subject
   and body go into the event's data, so the case's evidence lists them.

What is logged: every letter that left rights' hands — sent by email (``delivered`` true), or
written to a file, shown as a link, a web form's text or plain text for the user to send
(``delivered`` false: the user sends it). A ``preview`` renders the letter and logs nothing.
Email goes out only with ``send`` (and an SMTP server); files only into ``out_dir``.

Everything takes explicit ``today``/``now``; nothing here prints or reads the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rights.cases import lifecycle
from rights.core.vocabulary import (
    ANSWERABLE_STATES,
    FILE_ONLY_CHANNELS,
    POSTAL_CHANNELS,
)
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.core.case import Case
    from rights.core.company import Company
    from rights.core.identity import Identity
    from rights.delivery import Outcome
    from rights.law.model import Law
    from rights.law.regulators import RegulatorChoice
    from rights.letters.context import Agent, Letter, Previous, Recipient
    from rights.store.connect import Connection

REMINDER_DAYS = lifecycle.REMINDER_DAYS
"""The reminder's new deadline, in days: the letter prints the same date the event sets."""


@dataclass(frozen=True)
class Send:
    """How the user asked the letter to go out."""

    via: str | None = None
    out_dir: Path | None = None
    send: bool = False
    preview: bool = False
    lang: str | None = None
    details: str = ""
    force: bool = False
    paper: str | None = None  # None: the person's country decides (delivery.pdf.paper_for)


@dataclass
class Plan:
    """A rendered follow-up letter, its channel and where it goes; nothing done yet."""

    kind: str  # reminder | complaint | answer
    case: Case
    letter: Letter
    via: str
    contact: str | None  # email address, form URL or postal address, per channel
    event_kind: str
    event_note: str
    event_data: dict[str, Any] = field(default_factory=dict)
    regulator: RegulatorChoice | None = None
    others: list[RegulatorChoice] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    evidence_files: list[tuple[int, str]] = field(default_factory=list)  # (n, name)
    thread: str | None = None  # the request's Message-ID: a letter to the company replies to it

    @property
    def to(self) -> str:
        """Who the letter goes to, for a confirmation question."""
        where = f" ({self.contact})" if self.contact else ""
        return f"{self.letter.recipient.name}{where}"


@dataclass
class Done:
    """What ``carry_out`` did."""

    plan: Plan
    case: Case
    outcome: Outcome | None
    logged: bool
    files: list[Path] = field(default_factory=list)

    @property
    def delivered(self) -> bool:
        """True when rights itself sent the letter (email accepted by the server)."""
        return bool(self.outcome and self.outcome.sent)

    def to_json(self) -> dict[str, Any]:
        """The ``--json`` object of ``rights followup`` / ``escalate`` / ``reply``.

        ``recipient`` (the address, as in a case's ``--json``) and ``recipient_name`` are the
        names since contract 2; ``contact`` and ``to`` are the same values under their old
        names, kept for scripts (docs/cli.md)."""
        plan, outcome = self.plan, self.outcome
        files = [*(outcome.files if outcome else ()), *self.files]
        return {
            "ref": self.case.ref,
            "kind": plan.kind,
            "via": plan.via,
            "to": plan.letter.recipient.name,
            "contact": plan.contact,
            "recipient": plan.contact,
            "recipient_name": plan.letter.recipient.name,
            "subject": plan.letter.subject,
            "delivered": self.delivered,
            "logged": self.logged,
            "status": self.case.status,
            "remind_by": self.case.remind_by.isoformat() if self.case.remind_by else None,
            "files": [str(p) for p in files],
            "url": outcome.url if outcome else None,
            "text": outcome.text if outcome and outcome.text else None,
            "regulator": plan.regulator.to_dict() if plan.regulator else None,
            "other_regulators": [c.to_dict() for c in plan.others],
            "notes": list(plan.notes),
            "preview": plan.letter.text if not self.logged else None,
        }


# --- checks -----------------------------------------------------------------------------------


def check_state(case: Case, kind: str) -> None:
    """Refuse, with a plain reason, a follow-up the case's state does not allow."""
    event = {"reminder": "reminder", "complaint": "complaint"}.get(kind)
    allowed = lifecycle.TRANSITIONS[event][0] if event else ANSWERABLE_STATES
    what = {"reminder": "a reminder", "complaint": "a complaint", "answer": "an answer"}[kind]
    if case.via == lifecycle.DROP_VIA:
        raise InputError(
            f"{case.ref} is a DROP submission: follow it up on the DROP platform",
            hint="the California Privacy Protection Agency runs DROP",
        )
    if case.status == "draft":
        raise InputError(
            f"{case.ref} is a draft: it was never sent, so {what} makes no sense yet",
            hint=f"send it first, or if you sent it yourself: rights log {case.ref} sent "
            "--date YYYY-MM-DD",
        )
    if case.status not in allowed:
        raise InputError(
            f"{case.ref} is {case.status}: {what} makes sense only while it is "
            f"{', '.join(allowed)}",
            hint=f"allowed now: {', '.join(lifecycle.allowed_events(case.status))}",
        )


def check_late(case: Case, today: dt.date, kind: str) -> dt.date:
    """The due date that passed; InputError while the company still has time."""
    if case.due is None:
        raise InputError(
            f"{case.ref} has no due date, so there is no deadline to cite",
            hint=f"log when it was sent: rights log {case.ref} sent --date YYYY-MM-DD",
        )
    if today <= case.due:
        raise InputError(
            f"{case.ref} is not late: {case.company_name} has until {case.due.isoformat()}",
            hint=f"{kind} cites the deadline that passed: wait until after it "
            "(rights due shows when)",
        )
    return case.due


def check_channel(via: str, opts: Send) -> None:
    """The channel rules shared with request creation."""
    from rights.actions.send import send_needs_email

    if opts.preview:
        return
    if opts.send and via != "email":
        raise send_needs_email()
    if via == "email" and not opts.send:
        raise InputError(
            "this letter goes by email: add --send to send it now",
            hint="or --preview to read it first, or --via eml --out DIR to write a file",
        )
    if via in FILE_ONLY_CHANNELS and opts.out_dir is None:
        raise InputError(f"--via {via} writes a file: say where with --out DIR")


# --- shared pieces ----------------------------------------------------------------------------


def company_of(conn: Connection, slug: str) -> Company:
    """The company of a case: the user's record, else the shipped one."""
    from rights.companies.lookup import resolve
    from rights.paths import shipped
    from rights.store import companies_repo

    mine = companies_repo.list_companies(conn)
    return resolve([slug], None, folder=shipped("companies"), mine=mine)[0]


def previous_of(case: Case, due: dt.date) -> Previous:
    """The earlier request a reminder, answer or complaint is about (``due``: the date
    the letter names as the one that passed)."""
    from rights.letters.context import Previous

    assert case.sent_on is not None
    outcome: Literal["late", "partial", "refused"] = "late"
    if case.status in ("partial", "refused"):
        outcome = "partial" if case.status == "partial" else "refused"
    return Previous(
        ref=case.ref,
        right=case.right,
        sent=case.sent_on,
        due=due,
        company=case.company_name,
        outcome=outcome,
    )


def agent_of(case: Case, law: Law, conn: Connection) -> Agent | None:
    """The authorized agent of a case made with ``--client`` (None otherwise): the sender
    and signer of its reminders, answers and complaints."""
    from rights.letters.agents import agent_of_case

    notes = case.notes
    return agent_of_case(notes.agent, notes.client, notes.extra, law, conn)


def _company_target(
    company: Company, case: Case, opts: Send, suspect: list[str]
) -> tuple[str, str | None, Recipient]:
    """The channel (``--via``, email with ``--send``, else ``follow_channel.pick``), the
    contact it uses and the company as the letter addresses it."""
    from rights.actions import follow_channel
    from rights.delivery import routing

    explicit = opts.via or ("email" if opts.send else None)
    if explicit is None:
        explicit = follow_channel.pick(company, case, opts, suspect)
    via = routing.choose_channel(company, explicit, suspect).value
    recipient = routing.letter_recipient(company)
    contact = routing.recipient_of(company, via) or None
    return via, contact, recipient


@dataclass(frozen=True)
class Dates:
    """The dates a follow-up letter prints: its own deadline and the one that passed."""

    due: dt.date
    previous_due: dt.date
    today: dt.date


def company_letter(
    conn: Connection,
    case: Case,
    kind: str,
    opts: Send,
    *,
    identity: Identity,
    law: Law,
    dates: Dates,
    home: Path | None,
    answer: str = "",
    details: str = "",
) -> Plan:
    """A reminder or answer to the case's company, rendered, with its channel and contact
    (the event to log is the caller's to fill in)."""
    from rights.actions import follow_channel
    from rights.actions.request import family_of
    from rights.law.choice import letter_citations
    from rights.letters.context import LetterContext
    from rights.letters.disclosure import letter_sender
    from rights.letters.language import for_follow_up
    from rights.letters.render import render
    from rights.store import companies_repo

    company = company_of(conn, case.company)
    suspect = list(companies_repo.suspect_contacts(conn, company.slug))
    via, contact, recipient = _company_target(company, case, opts, suspect)
    if opts.via is None and not opts.send and follow_channel.usable_as(via, opts) is None:
        raise follow_channel.no_channel(company, case, kind.replace("-", " "), suspect)
    check_channel(via, opts)
    family = family_of(law)
    lang = for_follow_up(family, kind, opts.lang, [case.lang, "en"], home)
    disclosed = [str(f) for f in case.notes.disclosed] or None
    ctx = LetterContext(
        ref=case.ref,
        right=kind,
        family=family,
        law_id=law.id,
        law_name=law.name,
        lang=lang.value,
        citations=letter_citations(law, case.right),
        due=dates.due,
        today=dates.today,
        sender=letter_sender(
            identity, disclosed, company=company.slug, posted=via in POSTAL_CHANNELS
        ),
        recipient=recipient,
        previous=previous_of(case, dates.previous_due),
        agent=agent_of(case, law, conn),
        details=details,
        answer=answer,
    )
    notes = [lang.note] if lang.note else []
    return Plan(kind=kind, case=case, letter=render(ctx, home=home), via=via, contact=contact,
                event_kind="reminder", event_note="", notes=notes,
                thread=request_message_id(conn, case))  # fmt: skip


def request_message_id(conn: Connection, case: Case) -> str | None:
    """The Message-ID the request went out with, for ``In-Reply-To``/``References``: the
    case's own (a ``message_id`` field or note), else the one its ``sent`` event records."""
    from rights.store import cases_repo

    kept = getattr(case, "message_id", None) or case.notes.extra.get("message_id")
    if isinstance(kept, str) and kept:
        return kept
    for event in reversed(cases_repo.events_for(conn, case.ref)):
        found = event.data.get("message_id") if event.kind == "sent" else None
        if isinstance(found, str) and found:
            return found
    return None
