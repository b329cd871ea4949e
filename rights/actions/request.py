"""One request: choose the law, language and channel for a company, render the letter
(least disclosure), and build the draft case with its due date.

Everything here takes explicit arguments (``today``, ``now``, the loaded laws); batches over
many companies, storing and delivering are in ``rights.actions.batch``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rights.core.case import REQUEST_NOTES, Case, CaseNotes
from rights.core.identity import Identity
from rights.core.vocabulary import (
    CHANNEL_FOR_CONTACT,
    CONTACT_NEEDED,
    POSTAL_CHANNELS,
    letter_kind,
    normalise_channel,
)
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.core.company import Company
    from rights.law.model import Law
    from rights.letters.render import Agent, Letter

# Default letter language by residence country (when the company names none).
COUNTRY_LANG = {
    "DE": "de", "AT": "de", "LI": "de", "FR": "fr", "LU": "fr", "BE": "fr", "ES": "es",
    "IT": "it", "NL": "nl", "PL": "pl", "BR": "pt", "PT": "pt", "MX": "es",
}  # fmt: skip
# A company's required_elements types -> identity fields for least disclosure.
ELEMENT_FIELDS = {"name": "name", "email": "email", "address": "address",
                  "birthdate": "birth_date", "input": "account", "textarea": "account"}  # fmt: skip


def family_of(law: Law) -> str:
    """The letter family that serves a law."""
    if law.id in ("gdpr", "uk-gdpr", "ch-fadp"):
        return "gdpr"
    if law.id == "lgpd":
        return "lgpd"
    if law.id in ("pipeda", "qc-law25"):
        return "pipeda"
    if law.jurisdiction.startswith("US"):
        return "us-state"
    raise InputError(f"no letter templates serve {law.short_name} ({law.id}) yet")


def citation(law: Law, right: str) -> str:
    """The citation of a right as a letter prints it (``Art. 15 GDPR``, ``Cal. Civ. Code ...``)."""
    text = law.rights[right].citation  # type: ignore[index]
    if text.startswith("Art.") and law.short_name not in text:
        return f"{text} {law.short_name}"
    if law.jurisdiction == "US-CA" and text.startswith("Civ. Code"):
        return f"Cal. {text}"
    return text


def letter_citations(law: Law, right: str) -> dict[str, str]:
    """Every citation key the letter templates of this right may use."""
    cites = {letter_kind(right): citation(law, right)}
    cites.update(law.letter_citations)
    return cites


@dataclass
class Choice:
    """A decision made for the user, with the reason shown beside it."""

    value: str
    reason: str
    options: list[str] = field(default_factory=list)


def choose_law(
    laws: list[Law], identity: Identity, company: Company, right: str, explicit: str | None,
    today: dt.date,
) -> Choice:  # fmt: skip
    """The law to cite: ``--law`` if given; else one that protects the person where they live
    and reaches the company; the reason is said, and the other candidates listed."""
    from rights.law.model import laws_for_resident

    by_id = {law.id: law for law in laws}
    if explicit:
        if explicit not in by_id:
            raise InputError(f"unknown law {explicit!r}", hint=f"laws: {', '.join(sorted(by_id))}")
        by_id[explicit].right_name(right)
        return Choice(explicit, "chosen with --law")
    if not identity.country:
        raise InputError(
            "the profile has no country of residence, so the law cannot be chosen",
            hint="set it with: rights profile edit --country CC (or pass --law ID)",
        )
    resident, by_location = laws_for_resident(laws, identity.country, identity.region)
    served = {c.upper() for c in company.countries}
    candidates: list[tuple[Law, str]] = []
    for law in [*resident, *by_location]:
        if not law.in_force(today) or not _grants(law, right):
            continue
        if company.jurisdictions and law.id not in company.jurisdictions:
            continue
        place = law.scope.residents_of
        reaches = "ALL" in served or not served or bool(served & {p[:2] for p in place})
        if law in resident and (reaches or law.scope.any_person is False):
            where = f"{identity.country}-{identity.region}" if identity.region else identity.country
            candidates.append((law, f"you live in {where}, which {law.short_name} covers"))
        elif law in by_location and served & {p[:2] for p in place}:
            candidates.append((law, f"{company.name} is established or active where "
                                     f"{law.short_name} applies"))  # fmt: skip
    if not candidates:
        raise InputError(
            f"no law we know gives a resident of {identity.country} the right {right!r} "
            f"against {company.name}",
            hint="pass --law ID to choose one yourself (see: rights laws which)",
        )
    law, reason = candidates[0]
    return Choice(law.id, reason, [c[0].id for c in candidates])


def _grants(law: Law, right: str) -> bool:
    try:
        law.right_name(right)
    except InputError:
        return False
    return True


def choose_lang(family: str, company: Company, identity: Identity, explicit: str | None,
                home: Path | None) -> Choice:  # fmt: skip
    """The letter's language: ``--lang``; the company's request language; the language of
    the person's country; English."""
    from rights.letters.render import languages

    available = languages(family, home=home)
    if explicit:
        if explicit not in available:
            raise InputError(
                f"no {family} letters in language {explicit!r}",
                hint=f"languages: {', '.join(available)}",
            )
        return Choice(explicit, "chosen with --lang", available)
    for value, reason in (
        (company.request_language, f"{company.name} asks for requests in it"),
        (COUNTRY_LANG.get(identity.country or ""), "the language of your country"),
        ("en", "the default"),
    ):
        if value and value in available:
            return Choice(value, reason, available)
    return Choice(available[0], "the only one available", available)


def form_url(company: Company) -> str | None:
    """The web form to use: the privacy request form, else the opt-out page."""
    return company.webform or company.opt_out_url


def _has(company: Company, need: str | None) -> bool:
    if need is None:
        return True
    if need == "webform":
        return form_url(company) is not None
    return bool(getattr(company, need))


def channels_of(company: Company) -> list[str]:
    """The channels a company can be reached through."""
    return [via for via, need in CONTACT_NEEDED.items() if _has(company, need)]


def choose_channel(company: Company, explicit: str | None, suspect: Iterable[str] = ()) -> Choice:
    """``--via`` if the company has the contact it needs; else its preferred channel; else
    email, web form, letter, in that order. A bounced address (``suspect``: email, form URL
    or postal address as ``recipient_of`` gives it) is never used: not by default, and
    ``--via`` naming it is refused."""
    bad = set(suspect)
    usable = [
        via
        for via in channels_of(company)
        if via != "text" and recipient_of(company, via) not in bad
    ]
    if explicit:
        explicit = normalise_channel(explicit)
        need = CONTACT_NEEDED[explicit]
        if not _has(company, need):
            have = ", ".join(channels_of(company)) or "none"
            raise InputError(
                f"{company.name} has no {need} for --via {explicit}",
                hint=f"channels it has: {have}",
            )
        if explicit != "text" and recipient_of(company, explicit) in bad:
            address = recipient_of(company, explicit)
            others = ", ".join(usable) or "none"
            raise InputError(
                f"{address} of {company.name} bounced: --via {explicit} would use it again",
                hint=f"channels still usable: {others}; if it works again: rights companies "
                f"bounced {company.slug} {address} --ok",
            )
        return Choice(explicit, "chosen with --via", usable)
    preferred = CHANNEL_FOR_CONTACT.get(company.channel or "")
    if preferred and preferred in usable:
        return Choice(preferred, f"{company.name} prefers it", usable)
    for via in ("email", "webform", "pdf"):
        if via in usable:
            return Choice(via, "the first channel it has", usable)
    have = ", ".join(channels_of(company)) or "none"
    raise InputError(
        f"{company.name} has no usable contact (email, web form or postal address)",
        hint=f"channels it has: {have}; add one with: rights companies edit {company.slug}",
    )


def required_fields(company: Company) -> list[str]:
    """The identity fields the company's record says it needs."""
    fields = [ELEMENT_FIELDS[e.type] for e in company.required_elements if not e.optional]
    return list(dict.fromkeys(fields))


def recipient_of(company: Company, via: str) -> str:
    """Where the letter goes, as stored on the case."""
    if via in ("email", "eml", "mailto"):
        return company.email or ""
    if via == "webform":
        return form_url(company) or ""
    if via == "pdf":
        return (company.address or "").replace("\n", ", ")
    return ""


def controller_country(company: Company) -> str | None:
    """The company's country for public holidays, when its record names exactly one."""
    codes = [c.upper() for c in company.countries if c.lower() != "all"]
    return codes[0] if len(codes) == 1 else None


@dataclass
class Draft:
    """One request ready to store: the case and its letter."""

    case: Case
    letter: Letter
    reasons: dict[str, str]


def draft(
    *,
    ref: str,
    company: Company,
    identity: Identity,
    right: str,
    law: Law,
    law_reason: str,
    lang: Choice,
    via: Choice,
    today: dt.date,
    now: dt.datetime,
    home: Path | None,
    agent: Agent | None = None,
    details: str = "",
) -> Draft:
    """Render the letter and build the draft case; its due date assumes it goes out today."""
    from rights.law import deadlines
    from rights.letters.agents import for_law
    from rights.letters.disclosure import disclosed_identity
    from rights.letters.render import LetterContext, Recipient, render

    right_id = law.right_name(right)
    rule = law.deadline_rule(right_id)
    received: dt.date = today
    estimate: tuple[str, ...] = ()
    if via.value in POSTAL_CHANNELS:
        received, estimate = deadlines.start_date(posted=today)
    due = deadlines.compute(rule, received, controller=controller_country(company), today=today)
    reply_via = "postal" if via.value in POSTAL_CHANNELS and not identity.emails else "email"
    sender = disclosed_identity(
        identity.to_dict(), required_fields(company) or None, reply_via, company=company.slug
    )
    address_lines = [line for line in (company.address or "").splitlines() if line.strip()]
    ctx = LetterContext(
        ref=ref,
        right=letter_kind(right_id),
        family=family_of(law),  # type: ignore[arg-type]
        law_id=law.id,
        law_name=law.name,
        lang=lang.value,
        citations=letter_citations(law, right_id),
        due=due.due,
        today=today,
        sender=sender,
        recipient=Recipient(name=company.name, address_lines=address_lines, email=company.email),
        agent=for_law(agent, law),
        details=details,
    )
    letter = render(ctx, home=home)
    case = Case(
        ref=ref,
        company=company.slug,
        company_name=company.name,
        right=right_id,
        law=law.id,
        lang=lang.value,
        via=via.value,
        status="draft",
        recipient=recipient_of(company, via.value),
        created_at=now,
        due=due.due,
        acknowledge_by=due.acknowledge_by,
        extended_due=due.extended_due,
        subject=letter.subject,
        body=letter.body,
        notes=CaseNotes(
            categories=list(company.categories),
            controller_country=controller_country(company),
            disclosed=sorted(sender),
            due_estimated=True,
            due_notes=[*estimate, *due.notes],
            reasons={"law": law_reason, "lang": lang.reason, "via": via.reason},
            agent=agent.name if agent else None,
            client=agent.client_name if agent else None,
            present=set(REQUEST_NOTES) | ({"agent", "client"} if agent else set()),
        ),
    )
    return Draft(case, letter, case.notes.reasons)
