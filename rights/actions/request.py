"""One request: render the letter (least disclosure) for the law, language and channel
chosen, and build the draft case with its due date.

The choices are made elsewhere: the law in ``rights.law.choice``, the language in
``rights.letters.language``, the channel and recipient in ``rights.delivery.routing``.
Everything here takes explicit arguments (``today``, ``now``, the loaded laws); batches over
many companies, storing and delivering are in ``rights.actions.batch``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.core.case import REQUEST_NOTES, Case, CaseNotes
from rights.core.identity import Identity
from rights.core.vocabulary import ERASURE_GROUNDS, POSTAL_CHANNELS, letter_kind
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.core.company import Company
    from rights.law.choice import Choice
    from rights.law.deadlines import Deadline
    from rights.law.model import Law
    from rights.letters.context import Agent, Letter
    from rights.letters.language import Language


ADVERSE_ACTION_DAYS = 60
"""A file disclosure is free when asked within this many days of an adverse-action notice
(FCRA §1681j(b); the letter says the request is made within them)."""


@dataclass(frozen=True)
class DisclosureAsk:
    """What a file disclosure under the FCRA asks for besides the file (``request new``'s
    ``--free-annual``, ``--adverse-action``, ``--with-score``); each needs the law's citation
    of it (``letter_citations``: ``free-annual``, ``adverse-action``, ``score``)."""

    free_annual: bool = False
    adverse_action: dt.date | None = None
    with_score: bool = False

    def flags(self) -> list[tuple[str, str]]:
        """The flags given, each with the citation key it needs."""
        given = [("--free-annual", "free-annual")] if self.free_annual else []
        if self.adverse_action is not None:
            given.append(("--adverse-action", "adverse-action"))
        if self.with_score:
            given.append(("--with-score", "score"))
        return given

    def check(self, right: str, today: dt.date) -> None:
        """InputError for flags on a right other than access, both free disclosures at
        once, or an adverse-action date in the future or too long ago."""
        flags = [flag for flag, _ in self.flags()]
        if not flags:
            return
        if letter_kind(right) != "access":
            raise InputError(f"{', '.join(flags)}: only for a file disclosure request",
                             hint="use them with --right access")  # fmt: skip
        if self.free_annual and self.adverse_action is not None:
            raise InputError("--free-annual and --adverse-action ask for two different free "
                             "disclosures", hint="choose one of them")  # fmt: skip
        day = self.adverse_action
        if day is not None and day > today:
            raise InputError(
                f"--adverse-action {day.isoformat()} is in the future",
                hint="give the date of the adverse-action notice you received",
            )
        if day is not None and (today - day).days > ADVERSE_ACTION_DAYS:
            raise InputError(
                f"--adverse-action {day.isoformat()} is more than {ADVERSE_ACTION_DAYS} days "
                "ago: the free disclosure after an adverse action must be asked within them",
                hint="leave out --adverse-action (--free-annual, or a paid disclosure, remain)",
            )

    def check_law(self, law: Law) -> None:
        """InputError when the law cites none of what a flag asks for (not an FCRA law)."""
        missing = [flag for flag, key in self.flags() if key not in law.letter_citations]
        if missing:
            raise InputError(
                f"{', '.join(missing)}: {law.short_name} has no such disclosure (these flags "
                "are for FCRA letters to consumer reporting agencies)",
                hint="leave them out, or write to a consumer reporting agency under --law fcra",
            )


def family_of(law: Law) -> str:
    """The letter family that serves a law (the law file's ``letters.family``)."""
    return law.letters.family


@dataclass
class Draft:
    """One request ready to store: the case and its letter."""

    case: Case
    letter: Letter
    reasons: dict[str, str]
    law_choice: Choice | None = None


def draft(
    *,
    ref: str,
    company: Company,
    identity: Identity,
    right: str,
    law: Law,
    law_reason: str,
    lang: Language,
    via: Choice,
    today: dt.date,
    now: dt.datetime,
    home: Path | None,
    agent: Agent | None = None,
    details: str = "",
    ground: str = "",
    with_objection: bool = False,
    ask: DisclosureAsk | None = None,
    discharged_debt: bool = False,
) -> Draft:
    """Render the letter and build the draft case; its due date assumes it goes out today.

    ``ground`` and ``with_objection`` are for erasure letters (see :func:`erasure_ground`),
    ``ask`` for an FCRA file disclosure (:class:`DisclosureAsk`), ``discharged_debt`` for
    an erasure at a credit agency (:func:`check_discharged_debt`)."""
    from rights.delivery.routing import letter_recipient, recipient_of, required_fields
    from rights.law.choice import letter_citations
    from rights.letters.agents import for_law
    from rights.letters.context import LetterContext
    from rights.letters.disclosure import letter_sender
    from rights.letters.render import render

    right_id = law.right_name(right)
    ground = erasure_ground(law, right_id, ground, with_objection)
    ask = ask or DisclosureAsk()
    ask.check(right_id, today)
    ask.check_law(law)
    check_discharged_debt(law, right_id, discharged_debt)
    due, estimate = _due(law, right_id, company, via.value, today)
    by_post = via.value in POSTAL_CHANNELS
    sender = letter_sender(identity, required_fields(company) or None, company=company.slug,
                           postal=by_post, posted=by_post)  # fmt: skip
    ctx = LetterContext(
        ref=ref,
        right=letter_kind(right_id),
        family=family_of(law),
        law_id=law.id,
        law_name=law.name,
        lang=lang.value,
        citations=letter_citations(law, right_id),
        due=due.due,
        today=today,
        sender=sender,
        recipient=letter_recipient(company),
        agent=for_law(agent, law),
        details=details,
        ground=ground,
        with_objection=with_objection,
        free_annual=ask.free_annual,
        adverse_action=ask.adverse_action,
        with_score=ask.with_score,
        discharged_debt=discharged_debt,
    )
    letter = render(ctx, home=home)
    reasons = {"law": law_reason, "lang": lang.reason, "via": via.reason}
    case = Case(
        ref=ref, company=company.slug, company_name=company.name, right=right_id, law=law.id,
        lang=lang.value, via=via.value, status="draft", recipient=recipient_of(company, via.value),
        created_at=now, due=due.due, acknowledge_by=due.acknowledge_by,
        extended_due=due.extended_due, subject=letter.subject, body=letter.body,
        notes=_case_notes(company, sender, [*estimate, *due.notes], reasons, agent),
    )  # fmt: skip
    if ground:
        case.notes.ground = ground
        case.notes.with_objection = with_objection
        case.notes.present |= {"ground", "with_objection"}
    return Draft(case, letter, case.notes.reasons)


def erasure_ground(law: Law, right_id: str, ground: str, with_objection: bool) -> str:
    """The erasure ground an erasure letter names: ``ground`` (a point of GDPR Art. 17(1))
    if the law file cites it (``letter_citations``: ``erasure-a`` ...), else (c) when paired
    with an objection, else (d) unlawful processing; "" where the law lists no grounds.
    InputError for a ground or pairing the law does not offer, or on another right."""
    if letter_kind(right_id) != "deletion":
        if ground or with_objection:
            raise InputError("--ground and --with-objection are for erasure requests",
                             hint="use them with --right deletion")  # fmt: skip
        return ""
    cites = law.letter_citations
    if with_objection and "objection-legitimate" not in cites:
        raise InputError(
            f"{law.short_name} has no objection on legitimate-interest grounds to pair",
            hint="leave out --with-objection (or make a separate objection request)",
        )
    offered = [g for g in ERASURE_GROUNDS if f"erasure-{g}" in cites]
    if not offered:
        if ground:
            raise InputError(f"{law.short_name} lists no erasure grounds to choose from",
                             hint="leave out --ground")  # fmt: skip
        return ""
    chosen = ground or ("c" if with_objection else "d")
    if chosen not in offered:
        raise InputError(
            f"unknown erasure ground {ground!r} for {law.short_name}",
            hint=f"one of: {', '.join(offered)} (the points of Art. 17(1))",
        )
    return chosen


def check_discharged_debt(law: Law, right_id: str, discharged_debt: bool) -> None:
    """InputError for ``--discharged-debt`` on a right other than erasure, or under a law
    whose file cites no judgment on it (``letter_citations``: ``insolvency-case``, the
    GDPR's joined cases C-26/22 and C-64/22)."""
    if not discharged_debt:
        return
    if letter_kind(right_id) != "deletion":
        raise InputError("--discharged-debt is for erasure requests",
                         hint="use it with --right deletion")  # fmt: skip
    if "insolvency-case" not in law.letter_citations:
        raise InputError(
            f"--discharged-debt: {law.short_name} cites no judgment on insolvency data kept "
            "by a credit agency",
            hint="leave it out, and say why the data should go with --details",
        )


def _case_notes(
    company: Company,
    sender: dict[str, Any],
    due_notes: list[str],
    reasons: dict[str, str],
    agent: Agent | None,
) -> CaseNotes:
    """The case's notes: what was disclosed, why each choice, how the due date was found."""
    from rights.delivery.routing import controller_country
    from rights.letters.agents import CONTACT_NOTE, contact_note

    return CaseNotes(
        categories=list(company.categories),
        controller_country=controller_country(company),
        disclosed=sorted(sender),
        due_estimated=True,
        due_notes=due_notes,
        reasons=reasons,
        agent=agent.name if agent else None,
        client=agent.client_name if agent else None,
        present=set(REQUEST_NOTES) | ({"agent", "client"} if agent else set()),
        extra={CONTACT_NOTE: contact_note(agent)} if agent else {},
    )


def _due(
    law: Law, right_id: str, company: Company, via: str, today: dt.date
) -> tuple[Deadline, tuple[str, ...]]:
    """The due date if the letter goes out today (by post: when it likely arrives), and
    the notes on that estimate."""
    from rights.delivery.routing import controller_country
    from rights.law import deadlines

    rule = law.deadline_rule(right_id)
    received: dt.date = today
    estimate: tuple[str, ...] = ()
    if via in POSTAL_CHANNELS:
        received, estimate = deadlines.start_date(posted=today)
    due = deadlines.compute(rule, received, controller=controller_country(company), today=today)
    return due, estimate
