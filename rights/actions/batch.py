"""Batches of requests: draft each company's request, store it, deliver it, and report
per company (a failure is reported and skipped; the rest go on).

The letter of one request is in ``rights.actions.request``; this module makes the choices
(law, language, channel) for each company, stores the draft and hands the letter to the
one deliver-then-log path (``rights.actions.send``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.actions.request import DisclosureAsk, Draft, draft, family_of
from rights.actions.send import make_out_dir, send_needs_email
from rights.core.case import Case
from rights.core.identity import Identity
from rights.core.vocabulary import ERASURE_GROUNDS, FILE_ONLY_CHANNELS, letter_kind
from rights.errors import InputError, RightsError

if TYPE_CHECKING:
    from rights.actions.send import Sent, Smtp
    from rights.core.company import Company
    from rights.delivery import Outcome
    from rights.law.choice import Choice
    from rights.law.model import Law
    from rights.letters.context import Agent, Letter
    from rights.letters.language import Language
    from rights.store import Store


@dataclass
class Result:
    """What happened to one company of a batch."""

    company: str
    case: Case | None = None
    outcome: Outcome | None = None
    error: RightsError | None = None
    self_service: str | None = None
    law_choice: Choice | None = None
    existing: bool = False  # the open case found for this company and right, reused

    def to_json(self) -> dict[str, Any]:
        """The ``rights request new --json`` object of one request."""
        if self.case is None:
            assert self.error is not None
            return {"company": self.company, "status": "failed", "error": self.error.message}
        case, outcome = self.case, self.outcome
        return {
            "error": self.error.message if self.error else None,
            "company": case.company,
            "existing": self.existing,
            "due": case.due.isoformat() if case.due else None,
            "files": [str(p) for p in outcome.files] if outcome else [],
            "law": case.law,
            "recipient": case.recipient,
            "ref": case.ref,
            "right": case.right,
            "self_service": self.self_service,
            "status": case.status,
            "url": outcome.url if outcome else None,
            "via": case.via,
            "law_reason": self.law_choice.reason if self.law_choice else None,
            "law_alternatives": [a.to_dict() for a in self.law_choice.alternatives]
            if self.law_choice
            else [],
        }


Progress = Callable[[Result], None]


@dataclass
class Batch:
    """What ``rights request new`` asked for, once parsed."""

    right: str
    law: str | None = None
    lang: str | None = None
    via: str | None = None
    out_dir: Path | None = None
    send: bool = False
    paper: str | None = None  # None: the person's country decides (delivery.pdf.paper_for)
    details: str = ""
    agent: Agent | None = None
    ground: str = ""
    with_objection: bool = False
    ask: DisclosureAsk = dataclasses.field(default_factory=DisclosureAsk)  # FCRA disclosure flags
    discharged_debt: bool = False  # erasure at a credit agency: C-26/22 and C-64/22
    again: bool = False  # a new case even where one is open for the company and right


def _open_case(store: Store, company: Company, right: str) -> Case | None:
    """The open case (a draft, or sent and owed an answer) for this company and right."""
    from rights.cases.reuse import open_case_for
    from rights.core.vocabulary import EQUIVALENT_RIGHTS, normalise_right

    try:
        wanted = normalise_right(right)
    except RightsError:
        return None  # the draft step reports the unknown right
    for name in (wanted, EQUIVALENT_RIGHTS.get(wanted)):
        found = open_case_for(store.conn, company.slug, name) if name else None
        if found is not None:
            return found
    return None


def run_batch(
    store: Store,
    companies: list[Company],
    batch: Batch,
    *,
    identity: Identity,
    laws: list[Law],
    today: dt.date,
    now: dt.datetime,
    home: Path | None,
    smtp: Smtp | None = None,
    on_result: Progress | None = None,
) -> list[Result]:
    """Create (and deliver) one request per company; a failure is reported and skipped.

    Every request is stored as a draft with its letter before anything is delivered; a
    request becomes ``sent`` only when a channel really sent it (SMTP accepted it). Files,
    mailto links and web forms leave it a draft until the user logs ``sent``.
    """
    if batch.send and batch.via not in (None, "email"):
        raise send_needs_email()
    if batch.via in FILE_ONLY_CHANNELS and batch.out_dir is None:
        raise InputError(f"--via {batch.via} writes files: say where with --out DIR")
    if letter_kind(batch.right) == "correction" and not batch.details.strip():
        raise InputError(
            "a correction request needs --details: what is wrong and what is right",
            hint="e.g. --details 'my address is Musterstr. 2, not 1' (or --details @FILE)",
        )
    _check_erasure_options(batch)
    if batch.out_dir is not None:
        make_out_dir(batch.out_dir)
    from rights.delivery.routing import self_service

    results: list[Result] = []
    for company in companies:
        open_case = None if batch.again else _open_case(store, company, batch.right)
        if open_case is not None:
            result = Result(company.slug, open_case, existing=True)
            results.append(result)
            if on_result:
                on_result(result)
            continue
        try:
            made = _store_draft(store, company, batch, identity=identity, laws=laws,
                                today=today, now=now, home=home)  # fmt: skip
            result = Result(company.slug, made.case, law_choice=made.law_choice)
            result.self_service = self_service(company, made.case.right)
            try:
                sent = _deliver(store, made, company, batch, identity, today, now, smtp)
                result.outcome = sent.outcome
                if sent.case is not None:
                    result.case = sent.case
            except RightsError as exc:  # the case stays a draft, to retry or send by hand
                result.error = exc
        except RightsError as exc:
            result = Result(company.slug, error=exc)
        results.append(result)
        if on_result:
            on_result(result)
    return results


def _check_erasure_options(batch: Batch) -> None:
    """``--ground`` / ``--with-objection`` only on an erasure request, ``--ground`` a-f."""
    if (batch.ground or batch.with_objection) and letter_kind(batch.right) != "deletion":
        raise InputError("--ground and --with-objection are for erasure requests",
                         hint="use them with --right deletion")  # fmt: skip
    if batch.ground and batch.ground not in ERASURE_GROUNDS:
        raise InputError(
            f"unknown erasure ground {batch.ground!r}",
            hint=f"one of: {', '.join(ERASURE_GROUNDS)} (the points of GDPR Art. 17(1))",
        )


def objection_note(batch: Batch, laws: list[Law], results: list[Result]) -> str | None:
    """For an objection without --details under a law that asks for the person's particular
    situation (``letter_citations``: ``objection-legitimate``): say the letter covers direct
    marketing only, and how to add the rest."""
    if letter_kind(batch.right) != "objection" or batch.details.strip():
        return None
    by_id = {law.id: law for law in laws}
    made = {r.case.law for r in results if r.case is not None}
    cited = [by_id[m].letter_citations.get("objection-legitimate") for m in made if m in by_id]
    cites = sorted({c for c in cited if c})
    if not cites:
        return None
    return (
        "the objection covers direct marketing only (it needs no reasons); to object to "
        f"processing based on legitimate interests, give your particular situation "
        f"({', '.join(cites)}) with --details"
    )


def _choices(
    store: Store | None, company: Company, batch: Batch, *, identity: Identity,
    laws: list[Law], today: dt.date, home: Path | None,
) -> tuple[Choice, Law, Choice, Language]:  # fmt: skip
    """The channel, law (its choice and the law itself) and language of one request."""
    from rights.delivery.routing import choose_channel
    from rights.law.choice import choose_law
    from rights.letters.language import for_request

    if store is None:
        via = choose_channel(company, batch.via)
    else:
        from rights.store import companies_repo

        suspect = companies_repo.suspect_contacts(store.conn, company.slug)
        via = choose_channel(company, "email" if batch.send and not batch.via else batch.via,
                             suspect)  # fmt: skip
        if via.value in FILE_ONLY_CHANNELS and batch.out_dir is None:
            raise InputError(
                f"{company.name} is reached by {via.value}: say where to write it with --out DIR"
            )
    law_choice = choose_law(laws, identity, company, batch.right, batch.law, today)
    law = next(x for x in laws if x.id == law_choice.value)
    lang = for_request(family_of(law), company, identity, batch.lang, home)
    return via, law, law_choice, lang


def _store_draft(
    store: Store, company: Company, batch: Batch, *, identity: Identity, laws: list[Law],
    today: dt.date, now: dt.datetime, home: Path | None,
) -> Draft:  # fmt: skip
    """Make the choices, render the letter and store the draft case (one transaction)."""
    from rights.store import cases_repo
    from rights.store.connect import transaction

    via, law, law_choice, lang = _choices(
        store, company, batch, identity=identity, laws=laws, today=today, home=home
    )
    with transaction(store.conn):
        ref = cases_repo.new_ref(store.conn)
        made = draft(
            ref=ref, company=company, identity=identity, right=batch.right, law=law,
            law_reason=law_choice.reason, lang=lang, via=via, today=today, now=now,
            home=home, agent=batch.agent, details=batch.details, ground=batch.ground,
            with_objection=batch.with_objection, ask=batch.ask,
            discharged_debt=batch.discharged_debt,
        )  # fmt: skip
        _mailto_or_eml(made, batch.out_dir)
        cases_repo.insert_cases(store.conn, [made.case])
    made.law_choice = law_choice
    return made


def _mailto_or_eml(made: Draft, out_dir: Path | None) -> None:
    """A mailto link too long for mail clients: the case goes by .eml instead (when there
    is a folder for it), else InputError before the case is stored."""
    from rights.delivery.mailto import link, too_long

    if made.case.via != "mailto":
        return
    note = too_long(link(made.letter))
    if note is None:
        return
    if out_dir is None:
        raise InputError(note, hint="pass --out DIR to get an .eml file instead")
    made.case.via = "eml"
    made.case.notes.reasons["via"] = f"{note}: an .eml file instead"


def _deliver(
    store: Store,
    made: Draft,
    company: Company,
    batch: Batch,
    identity: Identity,
    today: dt.date,
    now: dt.datetime,
    smtp: Smtp | None,
) -> Sent:
    """Hand the stored draft to the send path: ``sent`` is logged only when SMTP took it."""
    from rights.actions.send import Outgoing, Sent, options_for, send
    from rights.delivery import Outcome
    from rights.delivery.pdf import paper_for
    from rights.delivery.routing import form_url
    from rights.law.load import data_folder

    case = made.case
    via = case.via
    if via == "email" and not batch.send:
        if batch.out_dir is None:
            note = (f"not sent: send the text below to {case.recipient} yourself (or --out DIR "
                    "for an .eml file, --send to send it through your SMTP server)")  # fmt: skip
            return Sent(Outcome(channel="email", text=made.letter.text, note=note,
                                details={"to": case.recipient}), None)  # fmt: skip
        via = "eml"
    options = options_for(
        via, made.letter, smtp=smtp, out_dir=batch.out_dir,
        paper=paper_for(identity.country, batch.paper), today=today, now=now,
        webform_url=form_url(company), home_country=identity.country,
    )  # fmt: skip
    out = Outgoing(ref=case.ref, via=via, letter=made.letter, options=options,
                   event="sent", contact=case.recipient, log_unsent=False,
                   letter_in_event=False)  # fmt: skip
    sent = send(store.conn, out, today=today, now=now, root=data_folder())
    if via != case.via:  # an email request written as .eml (no --send)
        files = ", ".join(p.name for p in sent.outcome.files)
        note = (f"not sent: wrote {files}; open it in your mail client and send it to "
                f"{case.recipient} (then: rights log {case.ref} sent)")  # fmt: skip
        return Sent(dataclasses.replace(sent.outcome, note=note), sent.case)
    return sent


def preview(
    company: Company,
    batch: Batch,
    *,
    identity: Identity,
    laws: list[Law],
    today: dt.date,
    home: Path | None,
) -> Letter:
    """The letter one company would get, rendered with a placeholder reference (not stored)."""
    return preview_draft(company, batch, identity=identity, laws=laws, today=today,
                         home=home).letter  # fmt: skip


def preview_draft(
    company: Company,
    batch: Batch,
    *,
    identity: Identity,
    laws: list[Law],
    today: dt.date,
    home: Path | None,
    ref: str = "R-PREVIEW",
) -> Draft:
    """The draft (letter and unsaved case) one company would get under reference ``ref``;
    nothing is stored (a preview, a printed booklet)."""
    via, law, law_choice, lang = _choices(
        None, company, batch, identity=identity, laws=laws, today=today, home=home
    )
    made = draft(
        ref=ref, company=company, identity=identity, right=batch.right, law=law,
        law_reason=law_choice.reason, lang=lang, via=via, today=today,
        now=dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC), home=home,
        agent=batch.agent, details=batch.details, ground=batch.ground,
        with_objection=batch.with_objection, ask=batch.ask,
        discharged_debt=batch.discharged_debt,
    )  # fmt: skip
    made.law_choice = law_choice
    return made


BROKER_CATEGORIES = {"data-broker", "people-search", "addresses", "credit-agency", "scoring"}


def drop_note(identity: Identity, right: str, companies: list[Company]) -> str | None:
    """For a California resident deleting or opting out at data brokers: a pointer to DROP."""
    from rights.cases import log as case_log
    from rights.law.load import data_folder

    if right not in ("deletion", "opt-out"):
        return None
    if not any(BROKER_CATEGORIES & set(c.categories) for c in companies):
        return None
    pointer = case_log.drop_pointer(data_folder(), identity.country, identity.region)
    if pointer is None:
        return None
    from rights.cases.drop import pointer_line

    return pointer_line(pointer)
