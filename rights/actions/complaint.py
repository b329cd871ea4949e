"""The complaint to the competent regulator: which regulator (with the person's choice
under GDPR Art. 77), the letter, and the annex with the case's evidence.

``plan_escalation`` waits for the deadline a reminder gave the company. Where the law asks
for a complaint to the company first (its file cites a ``controller-complaint``: UK DPA 2018
s.164A), it writes that one first (``rights.actions.complaint_controller``) and the
regulator's complaint only once the company had its chance; ``at_once`` skips both waits.

Shared steps (state and lateness checks, the plan) are in ``rights.actions.plan``; the
summary and the annex in ``rights.actions.complaint_annex``;
``rights.actions.send.carry_out`` sends what ``plan_complaint`` prepared.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.actions.plan import (
    Plan,
    Send,
    agent_of,
    check_channel,
    check_late,
    check_state,
    previous_of,
)
from rights.core.vocabulary import (
    CHANNELS,
    CONTACT_NEEDED,
    CONTROLLER_COMPLAINT_KIND,
    POSTAL_CHANNELS,
    UNANSWERED_STATES,
)
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.core.case import Case
    from rights.core.identity import Identity
    from rights.law.model import Law
    from rights.law.regulators import RegulatorChoice
    from rights.letters.context import Letter, Recipient
    from rights.store.connect import Connection


def regulator_choices(
    law: Law, root: Path, identity: Identity, case: Case
) -> tuple[list[RegulatorChoice], list[str]]:
    """The competent regulators (GDPR: residence first, then the company's main
    establishment) and notes on what could not be worked out."""
    from rights.law import regulators

    country = (identity.country or "").upper()
    residence = f"{country}-{identity.region.upper()}" if country and identity.region else country
    if law.complaint_authority.choice == "listed":
        return regulators.competent_regulators(law, root, residence=residence or None), []
    notes: list[str] = []
    found: list[RegulatorChoice] = []
    if residence == "DE":
        residence = _land_from_postcode(identity, notes) or residence
    establishment = case.notes.controller_country or ""
    for place, key in ((residence, "residence"), (establishment, "establishment")):
        if not place:
            continue
        try:
            got = regulators.competent_regulators(law, root, **{key: place})
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
    found.extend(_sector_authorities(law, root, case, [residence, establishment], found))
    if not found:
        raise InputError(
            "no competent data protection authority found for this case",
            hint="set your country (and German Land) with 'rights profile edit --country DE "
            "--region BY', or choose one with --regulator ID",
        )
    return found, notes


SECTOR_AUTHORITIES = {("DE", "telecom"): "debfdi"}
"""A sector's own authority: the BfDI supervises telecommunications providers in Germany
(TDDDG §29(1); named by issue 12 as the sector authority for telecoms)."""


def _land_from_postcode(identity: Identity, notes: list[str]) -> str | None:
    """A German resident without a Land: the Land of the postcode in their address."""
    from rights.law.postcodes import land_of_address

    for address in identity.addresses:
        land = land_of_address(address)
        if land:
            notes.append(f"your Land ({land}) is taken from the postcode of your address")
            return land
    return None


def _sector_authorities(
    law: Law, root: Path, case: Case, places: list[str], found: list[RegulatorChoice]
) -> list[RegulatorChoice]:
    """The sector authority for the company's category where one exists (BfDI: telecoms)."""
    from rights.law import load as jurisdictions
    from rights.law import regulators

    usable = set(regulators.usable_regulators(law, root))
    countries = {p.split("-")[0] for p in places if p}
    extra: list[RegulatorChoice] = []
    for (country, category), reg_id in SECTOR_AUTHORITIES.items():
        if country not in countries or category not in case.notes.categories:
            continue
        if reg_id in usable and all(c.regulator.id != reg_id for c in found):
            extra.append(regulators.choice(jurisdictions.load_regulator(root, reg_id), "law"))
    return extra


def choose_regulator(
    law: Law, root: Path, choices: list[RegulatorChoice], explicit: str | None
) -> RegulatorChoice:
    """``--regulator`` (any of the competent ones, or any authority of the law), else the
    first competent one (GDPR: the residence authority)."""
    from rights.law import load as jurisdictions
    from rights.law import regulators

    if not explicit:
        return choices[0]
    wanted = explicit.strip().casefold()
    for found in choices:
        if wanted in (found.regulator.id, found.regulator.name.casefold()):
            return found
    usable = regulators.usable_regulators(law, root)
    records = jurisdictions.load_regulators(root, usable)
    named = [r for r in records if wanted in (r.id, r.name.casefold())]
    if named:
        return regulators.choice(named[0], "law")
    suggested = ", ".join(f"{c.regulator.id} = {c.regulator.name} ({c.basis})" for c in choices)
    general = [r.id for r in records if r.kind != "sectoral-dpa"]
    others = [r for r in general if all(c.regulator.id != r for c in choices)]
    rest = f"; also lawful: {', '.join(others)}" if others else ""
    raise InputError(
        f"unknown regulator {explicit!r} for {law.short_name}",
        hint=f"competent: {suggested}{rest}",
    )


def _regulator_target(
    found: RegulatorChoice, opts: Send
) -> tuple[str, str | None, Recipient, list[str]]:
    from rights.letters.context import Recipient

    reg = found.regulator
    form = reg.complaint_url or (reg.web if found.web_form_only else None)
    contacts = {"email": reg.email, "webform": form,
                "address": (reg.address or "").replace("\n", ", ") or None}  # fmt: skip
    channels = {c: contacts[need] if need else None for c, need in CONTACT_NEEDED.items()}
    notes: list[str] = []
    via = opts.via or ("email" if opts.send else None)
    if via is not None:
        if via not in channels:
            raise InputError(f"unknown channel {via!r}", hint=f"one of: {', '.join(CHANNELS)}")
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


def plan_escalation(
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
    at_once: bool = False,
) -> Plan:
    """``rights escalate``: the complaint to the company first where the law asks for one
    (and none was made yet), else the complaint to the regulator. InputError while the
    company still has the time a reminder gave it, or time to acknowledge the complaint made
    to it (``at_once``: go to the regulator now; a preview only notes the wait)."""
    from rights.actions import complaint_controller as controller
    from rights.cases.log import find_case
    from rights.law import load as jurisdictions

    case = find_case(conn, ref)
    waiting = [] if at_once else _reminder_wait(case, today, opts.preview)
    law = jurisdictions.load_law(root, case.law)
    step = law.letter_citations.get(CONTROLLER_COMPLAINT_KIND)
    if step and not at_once:
        made = controller.controller_complaint_date(conn, case.ref)
        if made is None:
            plan = controller.plan_controller_complaint(conn, case, law, opts,
                                                        identity=identity, today=today,
                                                        home=home)  # fmt: skip
            plan.notes[:0] = waiting
            return plan
        until = made + dt.timedelta(days=controller.CONTROLLER_WAIT_DAYS)
        if today <= until:
            raise InputError(
                f"{case.ref}: {case.company_name} has until {until.isoformat()} to acknowledge "
                f"your complaint of {made.isoformat()} ({step})",
                hint=f"then: rights escalate {case.ref}; to complain to the regulator now: "
                f"rights escalate {case.ref} --now",
            )
    plan = plan_complaint(conn, ref, opts, regulator=regulator, identity=identity,
                          today=today, now=now, root=root, home=home)  # fmt: skip
    plan.notes[:0] = waiting
    return plan


def _reminder_wait(case: Case, today: dt.date, preview: bool) -> list[str]:
    """Refuse a complaint while the deadline a reminder gave the company runs (on that day
    it still has time); a preview gets a note instead. Returns the notes."""
    if case.remind_by is None or today > case.remind_by:
        return []
    until = case.remind_by.isoformat()
    message = f"{case.ref}: your reminder gave {case.company_name} until {until} to answer"
    if preview:
        return [f"{message}: escalate after that day (or at once with --now)"]
    raise InputError(
        message,
        hint=f"escalate after {until} (rights due shows it); to complain now anyway: "
        f"rights escalate {case.ref} --now",
    )


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
    from rights.cases.log import find_case
    from rights.law import load as jurisdictions
    from rights.law.escalation import check_order
    from rights.store import attachments

    case = find_case(conn, ref)
    check_state(case, "complaint")
    if case.status in UNANSWERED_STATES:
        check_late(case, today, "a complaint")
    law = jurisdictions.load_law(root, case.law)
    choices, notes = regulator_choices(law, root, identity, case)
    chosen = choose_regulator(law, root, choices, regulator)
    order = check_order(law.complaint_order, chosen.regulator.id, sent_on=case.sent_on,
                        received_on=case.received_on, status=case.status, today=today,
                        ref=case.ref)  # fmt: skip
    via, contact, recipient, route_notes = _regulator_target(chosen, opts)
    check_channel(via, opts)
    files = attachments.list_for(conn, case.ref)
    letter, lang_note = _complaint_letter(
        conn,
        case,
        law,
        chosen,
        recipient,
        opts,
        files,
        identity=identity,
        today=today,
        home=home,
        posted=via in POSTAL_CHANNELS,
    )
    others = [c for c in choices if c.regulator.id != chosen.regulator.id]
    plan = Plan(
        kind="complaint", case=case, letter=letter, via=via, contact=contact,
        event_kind="complaint", event_note=f"complaint to {chosen.regulator.name}",
        event_data={"regulator": chosen.regulator.id, "regulator_name": chosen.regulator.name},
        regulator=chosen, others=others, notes=[*notes, *route_notes, *filter(None, [order])],
        evidence_files=[(a.number, a.name) for a in files],
    )  # fmt: skip
    plan.notes.extend(_more_notes(law, lang_note, others, regulator))
    return plan


def _more_notes(
    law: Law, lang_note: str | None, others: list[RegulatorChoice], regulator: str | None
) -> list[str]:
    """The language note, the law's complaint fact, and the other competent regulators."""
    from rights.law.model import fact_text

    notes = [lang_note] if lang_note else []
    if law.complaints is not None:
        notes.append(f"{law.short_name}: {fact_text(law.complaints)}")
    if others and not regulator:
        names = ", ".join(f"{c.regulator.id} ({c.basis})" for c in others)
        notes.append(f"you may complain to {names} instead: --regulator ID")
    return notes


def _complaint_letter(
    conn: Connection,
    case: Case,
    law: Law,
    chosen: RegulatorChoice,
    recipient: Recipient,
    opts: Send,
    files: list[Any],
    *,
    identity: Identity,
    today: dt.date,
    home: Path | None,
    posted: bool,
) -> tuple[Letter, str | None]:
    """The complaint letter with its annex (the case file), and a note on its language.
    ``posted``: it goes by post, so it carries the sender's postal address (InputError
    without one, before anything is stored)."""
    from rights.actions.complaint_annex import annex, summary
    from rights.actions.request import family_of
    from rights.cases.evidence import evidence
    from rights.law.choice import complaint_citation, letter_citations
    from rights.letters.context import LetterContext
    from rights.letters.disclosure import letter_sender
    from rights.letters.language import for_follow_up
    from rights.letters.render import render
    from rights.store import cases_repo

    family = family_of(law)
    wanted = [chosen.regulator.complaint_language, case.lang, "en"]
    lang = for_follow_up(family, "complaint", opts.lang, wanted, home)
    events = cases_repo.events_for(conn, case.ref)
    ev = evidence(case, events, files, today)
    citations = letter_citations(law, case.right)
    citations["complaint"] = complaint_citation(law)
    required = ["address"] if identity.addresses else None
    facts = summary(ev, lang.value, _company_line(conn, case))
    ctx = LetterContext(
        ref=case.ref,
        right="complaint",
        family=family,
        law_id=law.id,
        law_name=law.name,
        lang=lang.value,
        citations=citations,
        due=case.due or today,
        today=today,
        sender=letter_sender(identity, required, company=case.company, posted=posted),
        recipient=recipient,
        previous=previous_of(case, case.due or today),
        agent=agent_of(case, law, conn),
        details="\n\n".join(t for t in (opts.details.strip(), facts) if t),
    )
    letter = render(ctx, home=home)
    letter = dataclasses.replace(letter, body=letter.body + "\n" + annex(ev, lang.value))
    return letter, lang.note


def _company_line(conn: Connection, case: Case) -> str:
    """The company's name and postal address from its record, for the complaint's summary
    (the name alone when the record has no address or is gone)."""
    from rights.actions.plan import company_of
    from rights.errors import NotFoundError

    try:
        address = company_of(conn, case.company).address or ""
    except (NotFoundError, InputError):
        address = ""
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    return ", ".join([case.company_name, *lines])
