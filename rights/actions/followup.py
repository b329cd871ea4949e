"""Follow-through on a case: the reminder to a late company, short answers to the usual
brush-offs, and the shared steps of the complaint to the regulator (``rights.actions.complaint``).

Each action has two steps, so that the CLI can ask before sending:

1. ``plan_reminder`` / ``complaints.plan_complaint`` / ``plan_answer`` check the case, pick
   the channel, language and (for a complaint) the regulator, and render the letter. Nothing
   is written.
2. ``carry_out`` delivers the letter and logs the event on the case: ``reminder`` (its short
   deadline becomes ``remind_by``), ``complaint`` (the case becomes ``escalated``) or, for an
   answer, a ``note`` carrying the letter. The letter's subject and body go into the event's
   data, so the case's evidence lists them.

What is logged: every letter that left rights' hands — sent by email (``delivered`` true), or
written to a file, shown as a link, a web form's text or plain text for the user to send
(``delivered`` false: the user sends it). A ``preview`` renders the letter and logs nothing.
Email goes out only with ``send`` (and an SMTP server); files only into ``out_dir``.

Everything takes explicit ``today``/``now``; nothing here prints or reads the clock.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rights.cases import lifecycle as cases
from rights.core.vocabulary import (
    ANSWERABLE_STATES,
    CHANNELS,
    FILE_CHANNELS,
    FILE_ONLY_CHANNELS,
)
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.core.case import Case
    from rights.core.company import Company
    from rights.core.identity import Identity
    from rights.delivery import Outcome
    from rights.law.model import Law
    from rights.law.regulators import RegulatorChoice
    from rights.letters.render import Letter, Recipient
    from rights.store._connect import Connection

REMINDER_DAYS = cases.REMINDER_DAYS
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
    paper: str = "a4"
    evidence_files: list[tuple[int, str]] = field(default_factory=list)  # (n, name)

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
        """The ``--json`` object of ``rights followup`` / ``escalate`` / ``reply``."""
        plan, outcome = self.plan, self.outcome
        files = [*(outcome.files if outcome else ()), *self.files]
        return {
            "ref": self.case.ref,
            "kind": plan.kind,
            "via": plan.via,
            "to": plan.letter.recipient.name,
            "contact": plan.contact,
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
    allowed = cases.TRANSITIONS[event][0] if event else ANSWERABLE_STATES
    what = {"reminder": "a reminder", "complaint": "a complaint", "answer": "an answer"}[kind]
    if case.via == cases.DROP_VIA:
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
            hint=f"allowed now: {', '.join(cases.allowed_events(case.status))}",
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
    if opts.preview:
        return
    if opts.send and via != "email":
        raise InputError("--send goes with --via email (other channels are sent by you)")
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


def complaint_citation(law: Law) -> str:
    """What a complaint letter cites: the law data's ``complaint`` citation, the provision
    the law file's complaints fact names, else the law itself."""
    return law.letter_citations.get("complaint") or law.citation


def pick_lang(family: str, kind: str, explicit: str | None, wanted: list[str | None],
              home: Path | None) -> tuple[str, str | None]:  # fmt: skip
    """The letter language and a note when the preferred one has no such letter."""
    from rights.letters.render import languages

    available = languages(family, kind, home=home)
    if not available:
        raise InputError(f"no {family} {kind} letters in any language")
    if explicit:
        if explicit not in available:
            raise InputError(
                f"no {family} {kind} letter in language {explicit!r}",
                hint=f"languages: {', '.join(available)}",
            )
        return explicit, None
    for lang in wanted:
        if lang and lang in available:
            note = None if lang == wanted[0] else f"no {kind} letter in {wanted[0]}: using {lang}"
            return lang, note
    return available[0], f"no {kind} letter in {wanted[0]}: using {available[0]}"


def _previous(case: Case, due: dt.date) -> Any:
    from rights.letters.render import Previous

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


def _sender(identity: Identity, required: list[str] | None, company: str | None) -> Any:
    from rights.letters.render import disclosed_identity

    reply_via = "email" if identity.emails else "postal"
    return disclosed_identity(identity.to_dict(), required, reply_via, company=company)


def _paper(family: str) -> str:
    return "letter" if family in ("us-state", "pipeda") else "a4"


def _company_target(
    company: Company, case: Case, opts: Send, suspect: list[str]
) -> tuple[str, str | None, Recipient]:
    from rights.actions import request as requests
    from rights.letters.render import Recipient

    explicit = opts.via or ("email" if opts.send else None)
    if explicit is None and case.via in CHANNELS:
        explicit = case.via
    via = requests.choose_channel(company, explicit, suspect).value
    lines = [line for line in (company.address or "").splitlines() if line.strip()]
    recipient = Recipient(name=company.name, address_lines=lines, email=company.email)
    contact = requests.recipient_of(company, via) or None
    return via, contact, recipient


def _letter_for_company(
    conn: Connection,
    case: Case,
    kind: str,
    opts: Send,
    *,
    identity: Identity,
    law: Law,
    due: dt.date,
    previous_due: dt.date,
    today: dt.date,
    home: Path | None,
    answer: str = "",
    details: str = "",
) -> Plan:
    from rights.actions import request as requests
    from rights.letters.render import LetterContext, render
    from rights.store import companies_repo

    company = company_of(conn, case.company)
    suspect = list(companies_repo.suspect_contacts(conn, company.slug))
    via, contact, recipient = _company_target(company, case, opts, suspect)
    check_channel(via, opts)
    family = requests.family_of(law)
    lang, lang_note = pick_lang(family, kind, opts.lang, [case.lang, "en"], home)
    disclosed = list(case.notes.disclosed) or None
    ctx = LetterContext(
        ref=case.ref,
        right=kind,
        family=family,  # type: ignore[arg-type]
        law_id=law.id,
        law_name=law.name,
        lang=lang,
        citations=requests.letter_citations(law, case.right),
        due=due,
        today=today,
        sender=_sender(identity, disclosed, company.slug),
        recipient=recipient,
        previous=_previous(case, previous_due),
        agent=_agent(case, law),
        details=details,
        answer=answer,
    )
    letter = render(ctx, home=home)
    plan = Plan(
        kind=kind,
        case=case,
        letter=letter,
        via=via,
        contact=contact,
        event_kind="reminder",
        event_note="",
        paper=_paper(family),
    )
    if lang_note:
        plan.notes.append(lang_note)
    return plan


def _agent(case: Case, law: Law) -> Any:
    """The authorized agent of a case made with ``--client`` (None otherwise)."""
    from rights.letters.agents import agent_rule
    from rights.letters.render import Agent

    name, client = case.notes.agent, case.notes.client
    if not name or not client:
        return None
    return Agent(name=str(name), client_name=str(client), rule=agent_rule(law))


# --- reminder ---------------------------------------------------------------------------------


def plan_reminder(
    conn: Connection,
    ref: str,
    opts: Send,
    *,
    identity: Identity,
    today: dt.date,
    root: Path,
    home: Path | None,
) -> Plan:
    """The reminder to a late company: cites the passed due date and the law, and gives a
    new deadline of ``REMINDER_DAYS`` days (the ``reminder`` event sets the same date)."""
    from rights.cases.log import find_case
    from rights.law import model as jurisdictions

    case = find_case(conn, ref)
    check_state(case, "reminder")
    passed = check_late(case, today, "a reminder")
    law = jurisdictions.load_law(root, case.law)
    new_due = today + dt.timedelta(days=REMINDER_DAYS)
    plan = _letter_for_company(
        conn, case, "reminder", opts, identity=identity, law=law, due=new_due,
        previous_due=passed, today=today, home=home, details=opts.details,
    )  # fmt: skip
    plan.event_kind = "reminder"
    plan.event_data = {"days": REMINDER_DAYS, "passed_due": passed.isoformat()}
    return plan


# --- answers to brush-offs --------------------------------------------------------------------


def plan_answer(
    conn: Connection,
    ref: str,
    brush_off: str,
    opts: Send,
    *,
    identity: Identity,
    today: dt.date,
    root: Path,
    home: Path | None,
) -> Plan:
    """A short answer to a brush-off (``escalation.BRUSH_OFFS``): the template's own wording
    per brush-off, the user's ``details`` (e.g. the identifiers to search for) and, in English
    letters, the law file's facts that back it (facts marked uncertain are left out of the
    letter and shown to the user instead)."""
    from rights.cases.log import find_case
    from rights.law import model as jurisdictions
    from rights.law import regulators as escalation

    case = find_case(conn, ref)
    check_state(case, "answer")
    law = jurisdictions.load_law(root, case.law)
    answer = escalation.brush_off_answer(brush_off, law, case.right)
    sure = [f for f in answer["facts"] if "(UNCERTAIN:" not in str(f["text"])]
    unsure = [f for f in answer["facts"] if "(UNCERTAIN:" in str(f["text"])]
    due = case.due if case.due and case.due > today else today + dt.timedelta(REMINDER_DAYS)
    # The reminder's passed date stands in for "previous.due" (the original due date).
    previous_due = case.due or today
    lang_guess = opts.lang or case.lang
    facts = "\n".join(f"- {_fact_line(f)}" for f in sure) if lang_guess == "en" else ""
    details = "\n\n".join(t for t in (opts.details.strip(), facts) if t)
    plan = _letter_for_company(
        conn, case, "answer", opts, identity=identity, law=law, due=due,
        previous_due=previous_due, today=today, home=home, answer=brush_off, details=details,
    )  # fmt: skip
    if plan.letter.lang != "en" and not facts and sure:
        plan.notes.append("the law facts are listed in English letters only; shown here:")
        plan.notes.extend(_fact_line(f) for f in sure)
    plan.event_kind = "note"
    plan.event_note = f"answered the brush-off {brush_off!r}"
    plan.event_data = {"letter": "answer", "brush_off": brush_off}
    if answer["uncertain"]:
        plan.notes.append(f"uncertain: {answer['uncertain']}")
    for f in unsure:
        plan.notes.append(f"left out of the letter (uncertain): {f['text']}")
    if brush_off == "device-ids" and not opts.details.strip():
        plan.notes.append("add the identifiers to search for with --details")
    return plan


def _fact_line(fact: dict[str, Any]) -> str:
    import re

    text = re.sub(r" \[[^\]]+\]$", "", str(fact["text"]).strip())
    return f"{fact['citation']}: {text}" if fact.get("citation") else text


# --- complaint --------------------------------------------------------------------------------


def carry_out(
    conn: Connection,
    plan: Plan,
    opts: Send,
    *,
    today: dt.date,
    now: dt.datetime,
    root: Path,
    smtp: tuple[Any, str | None] | None = None,
) -> Done:
    """Deliver the planned letter and log it on the case (a preview does neither).

    Nothing is logged when delivery fails (DeliveryError and the like propagate). For a
    complaint written to files (``--out`` with eml, pdf or text), the case's attachments are
    written beside the letter as ``<ref>-evidence-<n>-<name>``.
    """
    from rights.cases import log as casework
    from rights.delivery import Options, deliver

    if opts.preview:
        return Done(plan, plan.case, None, logged=False)
    check_channel(plan.via, opts)
    settings, password = smtp if smtp else (None, None)
    if plan.via == "email" and settings is None:
        raise InputError("no SMTP server set up", hint="rights config smtp --host H --port P")
    if opts.out_dir is not None:
        from rights.actions.batch import make_out_dir

        make_out_dir(opts.out_dir)
    options = Options(
        out_dir=opts.out_dir,
        sender_email=_first(plan.letter.sender.get("email")),
        to=plan.contact if plan.via in ("email", "eml", "mailto") else None,
        paper=plan.paper,  # type: ignore[arg-type]
        webform_url=plan.contact if plan.via == "webform" else None,
        smtp=settings,
        password=password,
        date=now,
        today=today,
        overwrite=opts.force,
    )
    if plan.via in ("email", "eml") and not options.sender_email:
        raise InputError(
            "your profile has no email address for the From line",
            hint="rights profile edit --email you@example.org",
        )
    outcome = _deliver_named(plan, options, deliver)
    extra: list[Path] = []
    if plan.kind == "complaint" and opts.out_dir is not None and plan.via in FILE_CHANNELS:
        for number, name in plan.evidence_files:
            dest = opts.out_dir / f"{plan.case.ref}-evidence-{number}-{name}"
            casework.save_attachment(conn, plan.case.ref, number, dest, force=opts.force)
            extra.append(dest)
    files = [str(p) for p in (*outcome.files, *extra)]
    how = _how(plan, outcome, files)
    data = {
        **plan.event_data,
        "channel": plan.via,
        "delivered": bool(outcome.sent),
        "to": plan.letter.recipient.name,
        "contact": plan.contact,
        "subject": plan.letter.subject,
        "body": plan.letter.body,
        "files": files,
    }
    note = f"{plan.event_note}: {how}" if plan.event_note else how
    logged = casework.log_event(
        conn, ref=plan.case.ref, kind=plan.event_kind, on_date=today, today=today, now=now,
        root=root, note=note, data=data,
    )  # fmt: skip
    return Done(plan, logged.case, outcome, logged=True, files=extra)


def _deliver_named(plan: Plan, options: Any, deliver: Any) -> Outcome:
    """Deliver; files are named for what the letter is (``R-7K3M-reminder.pdf``), so they
    sit beside the request's own ``R-7K3M.pdf``."""
    letter = plan.letter
    if options.out_dir is not None:
        letter = dataclasses.replace(letter, ref=f"{letter.ref}-{plan.kind}")
    outcome: Outcome = deliver(plan.via, letter, options)
    return outcome


def _how(plan: Plan, outcome: Outcome, files: list[str]) -> str:
    if outcome.sent:
        return f"sent by email to {plan.contact}"
    if outcome.files:
        return f"written to {', '.join(str(p.name) for p in outcome.files)} (to send yourself)"
    if outcome.url and plan.via == "webform":
        return f"text for the web form {outcome.url} (to submit yourself)"
    if outcome.url:
        return "mailto link made (to send yourself)"
    return "text shown (to send yourself)"


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        return str(value[0]) if value else None
    return str(value) if value else None
