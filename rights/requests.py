"""Creating requests: choose the law, language and channel for each company, render the
letter (least disclosure), store the case as a draft, and deliver it.

Everything here takes explicit arguments (``today``, ``now``, the loaded laws, the open
store); the CLI only parses options and prints. Batches report per-company failures
through the ``on_result`` callback and go on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.errors import InputError, RightsError
from rights.models import Case, Identity

if TYPE_CHECKING:
    from rights.companies.model import Company
    from rights.delivery import Outcome
    from rights.jurisdictions import Law
    from rights.letters import Agent, Letter
    from rights.store import Store

RIGHTS = ("access", "correction", "deletion", "portability", "opt-out", "objection", "limit",
          "withdraw-consent")  # fmt: skip
VIAS = ("email", "eml", "mailto", "pdf", "webform", "text")
FILE_VIAS = ("eml", "pdf", "text")
POSTAL_VIAS = ("pdf",)
# Rights that stand in for each other when a law names them differently.
EQUIVALENT = {"opt-out": "objection", "objection": "opt-out"}
# Default letter language by residence country (when the company names none).
COUNTRY_LANG = {
    "DE": "de", "AT": "de", "LI": "de", "FR": "fr", "LU": "fr", "BE": "fr", "ES": "es",
    "IT": "it", "NL": "nl", "PL": "pl", "BR": "pt", "PT": "pt", "MX": "es",
}  # fmt: skip
# Letter channel names -> the contact field a company must have for them.
CHANNEL_NEEDS = {"email": "email", "eml": "email", "mailto": "email", "webform": "webform",
                 "pdf": "address", "text": None}  # fmt: skip
# The company's preferred channel (data) -> our delivery channel.
PREFERRED = {"email": "email", "webform": "webform", "letter": "pdf", "fax": "pdf"}
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


def law_right(law: Law, right: str) -> str:
    """The law's own id for ``right`` (US opt-out and GDPR objection stand in for each other)."""
    if right not in RIGHTS:
        raise InputError(f"unknown right {right!r}", hint=f"one of: {', '.join(RIGHTS)}")
    if right in law.rights:
        return right
    other = EQUIVALENT.get(right)
    if other and other in law.rights:
        return other
    law.right(right)  # raises the error naming the rights it grants
    return right


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
    from rights.letters import normalise_right

    cites = {normalise_right(right): citation(law, right)}
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
    from rights.jurisdictions import laws_for_resident

    by_id = {law.id: law for law in laws}
    if explicit:
        if explicit not in by_id:
            raise InputError(f"unknown law {explicit!r}", hint=f"laws: {', '.join(sorted(by_id))}")
        law_right(by_id[explicit], right)
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
        law_right(law, right)
    except InputError:
        return False
    return True


def choose_lang(family: str, company: Company, identity: Identity, explicit: str | None,
                home: Path | None) -> Choice:  # fmt: skip
    """The letter's language: ``--lang``; the company's request language; the language of
    the person's country; English."""
    from rights.letters import languages

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
    return [via for via, need in CHANNEL_NEEDS.items() if _has(company, need)]


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
        if explicit not in VIAS:
            raise InputError(f"unknown channel {explicit!r}", hint=f"one of: {', '.join(VIAS)}")
        need = CHANNEL_NEEDS[explicit]
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
    preferred = PREFERRED.get(company.channel or "")
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
    from rights import deadlines
    from rights.agents import for_law
    from rights.disclosure import disclosed_identity
    from rights.letters import LetterContext, Recipient, normalise_right, render

    right_id = law_right(law, right)
    rule = law.deadline_rule(right_id)
    received: dt.date = today
    estimate: tuple[str, ...] = ()
    if via.value in POSTAL_VIAS:
        received, estimate = deadlines.start_date(posted=today)
    due = deadlines.compute(rule, received, controller=controller_country(company), today=today)
    reply_via = "postal" if via.value in POSTAL_VIAS and not identity.emails else "email"
    sender = disclosed_identity(
        identity.to_dict(), required_fields(company) or None, reply_via, company=company.slug
    )
    address_lines = [line for line in (company.address or "").splitlines() if line.strip()]
    ctx = LetterContext(
        ref=ref,
        right=normalise_right(right_id),  # type: ignore[arg-type]
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
        data={
            "categories": list(company.categories),
            "controller_country": controller_country(company),
            "disclosed": sorted(sender),
            "due_estimated": True,
            "due_notes": [*estimate, *due.notes],
            "reasons": {"law": law_reason, "lang": lang.reason, "via": via.reason},
            **({"agent": agent.name, "client": agent.client_name} if agent else {}),
        },
    )
    return Draft(case, letter, case.data["reasons"])


@dataclass
class Result:
    """What happened to one company of a batch."""

    company: str
    case: Case | None = None
    outcome: Outcome | None = None
    error: RightsError | None = None

    def to_json(self) -> dict[str, Any]:
        """The ``rights request new --json`` object of one request."""
        if self.case is None:
            assert self.error is not None
            return {"company": self.company, "status": "failed", "error": self.error.message}
        case, outcome = self.case, self.outcome
        return {
            "error": self.error.message if self.error else None,
            "company": case.company,
            "due": case.due.isoformat() if case.due else None,
            "files": [str(p) for p in outcome.files] if outcome else [],
            "law": case.law,
            "recipient": case.recipient,
            "ref": case.ref,
            "right": case.right,
            "status": case.status,
            "url": outcome.url if outcome else None,
            "via": case.via,
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
    paper: str = "a4"
    details: str = ""
    agent: Agent | None = None


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
    smtp: tuple[Any, str | None] | None = None,
    on_result: Progress | None = None,
) -> list[Result]:
    """Create (and deliver) one request per company; a failure is reported and skipped.

    Every request is stored as a draft with its letter before anything is delivered; a
    request becomes ``sent`` only when a channel really sent it (SMTP accepted it). Files,
    mailto links and web forms leave it a draft until the user logs ``sent``.
    """
    from rights.store import cases_repo, companies_repo
    from rights.store._connect import transaction

    if batch.send and batch.via not in (None, "email"):
        raise InputError("--send goes with --via email (other channels are sent by you)")
    if batch.via in FILE_VIAS and batch.out_dir is None:
        raise InputError(f"--via {batch.via} writes files: say where with --out DIR")
    if batch.out_dir is not None:
        _make_out_dir(batch.out_dir)
    results: list[Result] = []
    for company in companies:
        try:
            suspect = companies_repo.suspect_contacts(store.conn, company.slug)
            via = choose_channel(company, "email" if batch.send and not batch.via else batch.via,
                                 suspect)  # fmt: skip
            if via.value in FILE_VIAS and batch.out_dir is None:
                raise InputError(
                    f"{company.name} is reached by {via.value}: "
                    "say where to write it with --out DIR"
                )
            law_choice = choose_law(laws, identity, company, batch.right, batch.law, today)
            law = next(x for x in laws if x.id == law_choice.value)
            lang = choose_lang(family_of(law), company, identity, batch.lang, home)
            with transaction(store.conn):
                ref = cases_repo.new_ref(store.conn)
                made = draft(
                    ref=ref, company=company, identity=identity, right=batch.right, law=law,
                    law_reason=law_choice.reason, lang=lang, via=via, today=today, now=now,
                    home=home, agent=batch.agent, details=batch.details,
                )  # fmt: skip
                cases_repo.insert_cases_in(store.conn, [made.case])
            result = Result(company.slug, made.case)
            try:
                result.outcome = _deliver(store, made, company, batch, today, now, smtp)
                if result.outcome.sent:
                    result.case = _log_sent(store, made.case, today, now)
            except RightsError as exc:  # the case stays a draft, to retry or send by hand
                result.error = exc
        except RightsError as exc:
            result = Result(company.slug, error=exc)
        results.append(result)
        if on_result:
            on_result(result)
    return results


def _make_out_dir(path: Path) -> None:
    """Create the folder the user named for letters (0700 when new)."""
    if path.exists() and not path.is_dir():
        raise InputError(f"--out: {path} is a file, not a folder")
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise InputError(f"--out: cannot create {path}: {exc.strerror}") from None


def _deliver(
    store: Store,
    made: Draft,
    company: Company,
    batch: Batch,
    today: dt.date,
    now: dt.datetime,
    smtp: tuple[Any, str | None] | None,
) -> Outcome:
    from rights.delivery import Options, deliver

    via = made.case.via
    if via == "email" and not batch.send:
        from rights.delivery import Outcome

        return Outcome(channel="email", note="draft kept: send it with --send, or write a "
                       "file with --via eml")  # fmt: skip
    settings, password = smtp if smtp else (None, None)
    if via == "email" and settings is None:
        raise InputError("no SMTP server set up", hint="rights config smtp --host H --port P")
    options = Options(
        out_dir=batch.out_dir,
        sender_email=_first(made.letter.sender.get("email")),
        paper=batch.paper,  # type: ignore[arg-type]
        webform_url=form_url(company),
        smtp=settings,
        password=password,
        date=now,
        today=today,
    )
    return deliver(via, made.letter, options)


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        return str(value[0]) if value else None
    return str(value) if value else None


def _log_sent(store: Store, case: Case, today: dt.date, now: dt.datetime) -> Case:
    from rights import casework
    from rights.jurisdictions import data_folder

    logged = casework.log_event(
        store.conn,
        ref=case.ref,
        kind="sent",
        on_date=today,
        today=today,
        now=now,
        root=data_folder(),
        note=f"sent by email to {case.recipient}",
    )
    return logged.case


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
    via = choose_channel(company, batch.via)
    law_choice = choose_law(laws, identity, company, batch.right, batch.law, today)
    law = next(x for x in laws if x.id == law_choice.value)
    lang = choose_lang(family_of(law), company, identity, batch.lang, home)
    made = draft(
        ref="R-PREVIEW", company=company, identity=identity, right=batch.right, law=law,
        law_reason=law_choice.reason, lang=lang, via=via, today=today,
        now=dt.datetime.combine(today, dt.time(12), tzinfo=dt.UTC), home=home,
        agent=batch.agent, details=batch.details,
    )  # fmt: skip
    return made.letter


BROKER_CATEGORIES = {"data-broker", "people-search", "addresses", "credit-agency", "scoring"}


def drop_note(identity: Identity, right: str, companies: list[Company]) -> str | None:
    """For a California resident deleting or opting out at data brokers: a pointer to DROP."""
    from rights import casework
    from rights.jurisdictions import data_folder

    if right not in ("deletion", "opt-out"):
        return None
    if not any(BROKER_CATEGORIES & set(c.categories) for c in companies):
        return None
    pointer = casework.drop_pointer(data_folder(), identity.country, identity.region)
    if pointer is None:
        return None
    return (
        f"California residents can also ask every registered data broker at once: "
        f"{pointer['name']} ({pointer['url']}). Record it as a case with: {pointer['record_with']}"
    )
