"""Follow-through on a case: the reminder to a late company, the complaint to the competent
regulator, and short answers to the usual brush-offs.

Each action has two steps, so that the CLI can ask before sending:

1. ``plan_reminder`` / ``plan_complaint`` / ``plan_answer`` check the case, pick the channel,
   language and (for a complaint) the regulator, and render the letter. Nothing is written.
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
from typing import TYPE_CHECKING, Any

from rights import cases
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.companies.model import Company
    from rights.delivery import Outcome
    from rights.escalation import RegulatorChoice
    from rights.jurisdictions import Law
    from rights.letters import Letter, Recipient
    from rights.models import Case, Identity
    from rights.store._connect import Connection

REMINDER_DAYS = cases.REMINDER_DAYS
"""The reminder's new deadline, in days: the letter prints the same date the event sets."""

FILE_VIAS = ("eml", "pdf", "text")
VIAS = ("email", "eml", "mailto", "pdf", "webform", "text")

ANSWERABLE = (*cases.ANSWER_OWED, "refused")
"""States in which the company has written back and a brush-off can be answered."""

NOT_LATE_YET = ("sent", "acknowledged", "extended", "needs-info")
"""States in which a complaint waits for the due date (a partial answer or a refusal can be
complained about at once)."""


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
    allowed = cases.TRANSITIONS[event][0] if event else ANSWERABLE
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
    if via in FILE_VIAS and opts.out_dir is None and via != "text":
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
    from rights.letters import languages

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
    from rights.letters import Previous

    assert case.sent_on is not None
    return Previous(
        ref=case.ref, right=case.right, sent=case.sent_on, due=due, company=case.company_name
    )


def _sender(identity: Identity, required: list[str] | None, company: str | None) -> Any:
    from rights.letters import disclosed_identity

    reply_via = "email" if identity.emails else "postal"
    return disclosed_identity(identity.to_dict(), required, reply_via, company=company)


def _paper(family: str) -> str:
    return "letter" if family in ("us-state", "pipeda") else "a4"


def _company_target(
    company: Company, case: Case, opts: Send, suspect: list[str]
) -> tuple[str, str | None, Recipient]:
    from rights import requests
    from rights.letters import Recipient

    explicit = opts.via or ("email" if opts.send else None)
    if explicit is None and case.via in VIAS:
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
    from rights import requests
    from rights.letters import LetterContext, render
    from rights.store import companies_repo

    company = company_of(conn, case.company)
    suspect = list(companies_repo.suspect_contacts(conn, company.slug))
    via, contact, recipient = _company_target(company, case, opts, suspect)
    check_channel(via, opts)
    family = requests.family_of(law)
    lang, lang_note = pick_lang(family, kind, opts.lang, [case.lang, "en"], home)
    disclosed = [str(f) for f in case.data.get("disclosed", [])] or None
    ctx = LetterContext(
        ref=case.ref,
        right=kind,  # type: ignore[arg-type]
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
    if case.data.get("agent"):
        plan.notes.append("this case was made by an agent: the letter is signed by the client")
    return plan


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
    from rights import jurisdictions
    from rights.casework import find_case

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
    from rights import escalation, jurisdictions
    from rights.casework import find_case

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


def regulator_choices(
    law: Law, root: Path, identity: Identity, case: Case
) -> tuple[list[RegulatorChoice], list[str]]:
    """The competent regulators (GDPR: residence first, then the company's main
    establishment) and notes on what could not be worked out."""
    from rights import escalation

    if law.id not in escalation.GDPR_FAMILY:
        return escalation.competent_regulators(law, root), []
    notes: list[str] = []
    found: list[RegulatorChoice] = []
    country = (identity.country or "").upper()
    residence = f"{country}-{identity.region.upper()}" if country and identity.region else country
    establishment = str(case.data.get("controller_country") or "")
    for place, key in ((residence, "residence"), (establishment, "establishment")):
        if not place:
            continue
        try:
            got = escalation.competent_regulators(law, root, **{key: place})
        except InputError as exc:
            if key == "residence":
                notes.append(f"the authority of your residence ({place}): {exc.message}")
            else:
                notes.append(
                    f"the authority of the company's main establishment ({place}) is also "
                    "competent (Art. 77), but rights cannot tell which it is: choose it with "
                    "--regulator ID"
                )
            continue
        found.extend(c for c in got if all(f.regulator.id != c.regulator.id for f in found))
    if not establishment:
        notes.append(
            "the authority of the company's main establishment is also competent (Art. 77): "
            "choose it with --regulator ID"
        )
    if not found:
        raise InputError(
            "no competent data protection authority found for this case",
            hint="set your country (and German Land) with 'rights profile edit --country DE "
            "--region BY', or choose one with --regulator ID",
        )
    return found, notes


def choose_regulator(
    law: Law, root: Path, choices: list[RegulatorChoice], explicit: str | None
) -> RegulatorChoice:
    """``--regulator`` (any of the competent ones, or any authority of the law), else the
    first competent one (GDPR: the residence authority)."""
    from rights import escalation, jurisdictions

    if not explicit:
        return choices[0]
    wanted = explicit.strip().lower()
    for found in choices:
        if found.regulator.id == wanted:
            return found
    usable = [r for r in law.regulators if r not in escalation.PUBLIC_BODIES_ONLY]
    if wanted in usable:
        return escalation.choice(jurisdictions.load_regulator(root, wanted), "law")
    suggested = ", ".join(f"{c.regulator.id} ({c.basis})" for c in choices)
    general = [
        r.id for r in jurisdictions.load_regulators(root, usable) if r.kind != "sectoral-dpa"
    ]
    others = [r for r in general if all(c.regulator.id != r for c in choices)]
    rest = f"; also lawful: {', '.join(others)}" if others else ""
    raise InputError(
        f"unknown regulator {explicit!r} for {law.short_name}",
        hint=f"competent: {suggested}{rest}",
    )


def _regulator_target(
    found: RegulatorChoice, opts: Send
) -> tuple[str, str | None, Recipient, list[str]]:
    from rights.letters import Recipient

    reg = found.regulator
    form = reg.complaint_url or (reg.web if found.web_form_only else None)
    channels: dict[str, str | None] = {
        "email": reg.email,
        "eml": reg.email,
        "mailto": reg.email,
        "webform": form,
        "pdf": (reg.address or "").replace("\n", ", ") or None,
        "text": None,
    }
    notes: list[str] = []
    via = opts.via or ("email" if opts.send else None)
    if via is not None:
        if via not in channels:
            raise InputError(f"unknown channel {via!r}", hint=f"one of: {', '.join(VIAS)}")
        if via != "text" and not channels[via]:
            have = [v for v, c in channels.items() if c] + ["text"]
            raise InputError(
                f"{reg.name} cannot be reached by --via {via}",
                hint=f"channels it has: {', '.join(have)}",
            )
    else:
        via = next((v for v in ("webform", "email", "pdf") if channels[v]), "text")
        if via == "text":
            notes.append(
                f"no contact route on record for {reg.name}"
                + (f": {reg.contact_missing}" if reg.contact_missing else "")
            )
    if found.web_form_only:
        notes.append(f"{reg.name} takes complaints through its web form: paste the text there")
    lines = [line for line in (reg.address or "").splitlines() if line.strip()]
    recipient = Recipient(name=reg.name, address_lines=lines, email=reg.email)
    return via, channels[via], recipient, notes


def plan_complaint(
    conn: Connection,
    ref: str,
    opts: Send,
    *,
    regulator: str | None,
    identity: Identity,
    today: dt.date,
    now: dt.datetime,
    root: Path,
    home: Path | None,
) -> Plan:
    """The complaint to the competent regulator, with the case's timeline, letters and
    replies as evidence (listed with their SHA-256; the letters' full text in an annex)."""
    from rights import escalation, jurisdictions, requests
    from rights.casework import find_case
    from rights.letters import LetterContext, render
    from rights.store import attachments, cases_repo

    case = find_case(conn, ref)
    check_state(case, "complaint")
    if case.status in NOT_LATE_YET:
        check_late(case, today, "a complaint")
    law = jurisdictions.load_law(root, case.law)
    choices, notes = regulator_choices(law, root, identity, case)
    chosen = choose_regulator(law, root, choices, regulator)
    via, contact, recipient, route_notes = _regulator_target(chosen, opts)
    check_channel(via, opts)
    family = requests.family_of(law)
    wanted = [chosen.regulator.complaint_language, case.lang, "en"]
    lang, lang_note = pick_lang(family, "complaint", opts.lang, wanted, home)
    events = cases_repo.events_for(conn, case.ref)
    files = attachments.list_for(conn, case.ref)
    ev = escalation.evidence(case, events, files, today)
    citations = requests.letter_citations(law, case.right)
    citations["complaint"] = complaint_citation(law)
    required = ["address"] if identity.addresses else None
    ctx = LetterContext(
        ref=case.ref,
        right="complaint",
        family=family,  # type: ignore[arg-type]
        law_id=law.id,
        law_name=law.name,
        lang=lang,
        citations=citations,
        due=case.due or today,
        today=today,
        sender=_sender(identity, required, case.company),
        recipient=recipient,
        previous=_previous(case, case.due or today),
        details="\n\n".join(t for t in (opts.details.strip(), _summary(ev, lang)) if t),
    )
    letter = render(ctx, home=home)
    letter = dataclasses.replace(letter, body=letter.body + "\n" + annex(ev, lang))
    others = [c for c in choices if c.regulator.id != chosen.regulator.id]
    plan = Plan(
        kind="complaint",
        case=case,
        letter=letter,
        via=via,
        contact=contact,
        event_kind="complaint",
        event_note=f"complaint to {chosen.regulator.name}",
        event_data={"regulator": chosen.regulator.id, "regulator_name": chosen.regulator.name},
        regulator=chosen,
        others=others,
        notes=[*notes, *route_notes],
        paper=_paper(family),
        evidence_files=[(a.number, a.name) for a in files],
    )
    if lang_note:
        plan.notes.append(lang_note)
    if law.complaints is not None:
        plan.notes.append(f"{law.short_name}: {jurisdictions.fact_text(law.complaints)}")
    if others and not regulator:
        names = ", ".join(f"{c.regulator.id} ({c.basis})" for c in others)
        plan.notes.append(f"you may complain to {names} instead: --regulator ID")
    return plan


_LABELS = {
    "en": {
        "summary": "Summary of the case {ref}",
        "sent": "Request sent",
        "due": "Answer due",
        "late": "Days late",
        "status": "Status now",
        "annex": "ANNEX: the case file",
        "timeline": "Timeline",
        "letters": "Letters I sent",
        "replies": "Replies received",
        "none": "none",
        "attachment": "attachment",
        "files": "Files (SHA-256, to check the copies enclosed or available on request)",
    },
    "de": {
        "summary": "Übersicht zum Vorgang {ref}",
        "sent": "Anfrage gesendet",
        "due": "Antwort fällig",
        "late": "Tage im Verzug",
        "status": "Stand",
        "annex": "ANLAGE: die Vorgangsakte",
        "timeline": "Zeitleiste",
        "letters": "Meine Schreiben",
        "replies": "Erhaltene Antworten",
        "none": "keine",
        "attachment": "Anhang",
        "files": "Dateien (SHA-256, zur Prüfung der beigefügten oder auf Anfrage erhältlichen "
        "Kopien)",
    },
}


def _labels(lang: str) -> dict[str, str]:
    return _LABELS.get(lang, _LABELS["en"])


def _summary(ev: dict[str, Any], lang: str) -> str:
    """A few lines for the body of the complaint: the dates that matter."""
    words = _labels(lang)
    lines = [words["summary"].format(ref=ev["ref"]) + ":"]
    lines.append(f"- {words['sent']}: {ev['sent'] or '-'}")
    lines.append(f"- {words['due']}: {ev['due'] or '-'}")
    if ev["days_late"]:
        lines.append(f"- {words['late']}: {ev['days_late']}")
    lines.append(f"- {words['status']}: {ev['status']}")
    return "\n".join(lines)


def annex(ev: dict[str, Any], lang: str) -> str:
    """The case file appended to a complaint: timeline, letters (full text), replies, files."""
    words = _labels(lang)
    out = [words["annex"], "", f"{words['timeline']}:"]
    files: list[dict[str, Any]] = []
    for item in ev["timeline"]:
        note = f"  {item['note']}" if item["note"] else ""
        out.append(f"{item['date']}  {item['kind']}{note}")
        for att in item["attachments"]:
            out.append(f"    {words['attachment']} #{att['n']}: {att['name']}")
            files.append(att)
    files.extend(ev["unlinked_attachments"])
    out += ["", f"{words['replies']}:"]
    for item in ev["replies"]:
        names = ", ".join(f"#{a['n']} {a['name']}" for a in item["attachments"])
        note = f"  {item['note']}" if item["note"] else ""
        out.append(f"- {item['date']} {item['kind']}{note}" + (f" ({names})" if names else ""))
    if not ev["replies"]:
        out.append(f"- {words['none']}")
    if files:
        out += ["", f"{words['files']}:"]
        for att in files:
            out.append(f"- #{att['n']} {att['name']} ({att['size']} B) sha256 {att['sha256']}")
    out += ["", f"{words['letters']}:"]
    for number, letter in enumerate(ev["letters"], 1):
        out += ["", f"({number}) {letter['date'] or '-'} {letter['kind']}: {letter['subject']}"]
        out += ["", letter["body"].rstrip()]
    return "\n".join(out) + "\n"


# --- carrying it out --------------------------------------------------------------------------


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
    from rights import casework
    from rights.delivery import Options, deliver

    if opts.preview:
        return Done(plan, plan.case, None, logged=False)
    check_channel(plan.via, opts)
    settings, password = smtp if smtp else (None, None)
    if plan.via == "email" and settings is None:
        raise InputError("no SMTP server set up", hint="rights config smtp --host H --port P")
    if opts.out_dir is not None:
        from rights.batches import make_out_dir

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
    if plan.kind == "complaint" and opts.out_dir is not None and plan.via in FILE_VIAS:
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
