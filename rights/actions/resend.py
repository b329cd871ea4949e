"""An existing request again: ``rights request render REF`` writes its letter through another
channel (same ref, no new case, nothing logged) and ``rights request send REF`` sends a draft
by SMTP (``sent`` logged on the one deliver-then-log path, ``rights.actions.send``).

The letter is the one stored on the case (subject and body as first written); the sender
block is the profile's, with the fields the request disclosed (and the postal address for a
letter by post); the recipient is the company's record as it is now, so a contact edited
after a bounce is used, and a contact marked bounced is refused (``routing.choose_channel``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rights.core.vocabulary import POSTAL_CHANNELS
from rights.errors import ConflictError, InputError, NotFoundError

if TYPE_CHECKING:
    from rights.actions.send import Smtp
    from rights.core.case import Case
    from rights.core.identity import Identity
    from rights.delivery import Outcome
    from rights.letters.context import Letter
    from rights.store.connect import Connection

RENDER_CHANNELS = ("eml", "pdf", "text", "mailto")
"""The channels ``rights request render`` writes a case's letter through (the subset of
``vocabulary.CHANNELS`` that leaves the sending to the user)."""


@dataclass(frozen=True)
class Again:
    """What :func:`render_again` or :func:`send_again` did."""

    case: Case
    via: str
    contact: str
    outcome: Outcome

    def to_json(self) -> dict[str, object]:
        """The ``--json`` object of ``rights request render`` / ``send``.

        ``recipient`` (the address) and ``delivered`` (rights sent it) are the names since
        contract 2, as in a case's and a follow-up's ``--json``; ``contact`` and ``sent`` (a
        bool here, a date in a case) are the old names, kept for scripts (docs/cli.md)."""
        return {
            "ref": self.case.ref,
            "company": self.case.company,
            "via": self.via,
            "contact": self.contact,
            "recipient": self.contact,
            "status": self.case.status,
            "sent": self.outcome.sent,
            "delivered": self.outcome.sent,
            "files": [str(p) for p in self.outcome.files],
            "url": self.outcome.url,
        }


def case_of(conn: Connection, ref: str) -> Case:
    """The request case ``ref`` (NotFoundError naming how to list them)."""
    from rights.store import cases_repo

    case = cases_repo.get_case(conn, ref.strip().upper())
    if case is None:
        raise NotFoundError(f"no case {ref!r}", hint="rights list shows your cases")
    return case


def stored_letter(
    conn: Connection, case: Case, via: str, *, identity: Identity
) -> tuple[Letter, str]:
    """The case's letter as stored, addressed by the company's record now, and the contact
    (email, form or postal address) channel ``via`` uses; InputError when the company has
    no usable contact for it (a bounced one included)."""
    from rights.actions.plan import company_of
    from rights.delivery import routing
    from rights.law.load import data_folder, load_law
    from rights.letters.agents import agent_of_case, from_agent
    from rights.letters.context import Letter
    from rights.letters.disclosure import letter_sender
    from rights.store import companies_repo

    company = company_of(conn, case.company)
    suspect = companies_repo.suspect_contacts(conn, company.slug)
    routing.choose_channel(company, via, suspect)
    law = load_law(data_folder(), case.law)
    family = law.letters.family
    disclosed = [str(f) for f in case.notes.disclosed] or None
    by_post = via in POSTAL_CHANNELS
    sender = letter_sender(identity, disclosed, company=company.slug, postal=by_post,
                           posted=by_post)  # fmt: skip
    letter = Letter(subject=case.subject or "", body=case.body or "", lang=case.lang,
                    ref=case.ref, right=case.right, family=family,
                    template=f"{family}/{case.lang}/{case.right}.j2",
                    recipient=routing.letter_recipient(company), sender=sender)  # fmt: skip
    agent = agent_of_case(case.notes.agent, case.notes.client, case.notes.extra, law, conn)
    return from_agent(letter, agent), routing.recipient_of(company, via)


def render_again(
    conn: Connection,
    ref: str,
    via: str,
    *,
    identity: Identity,
    out_dir: Path | None,
    paper: str | None,
    force: bool,
    today: dt.date,
    now: dt.datetime,
) -> Again:
    """Write case ``ref``'s letter through ``via`` (one of RENDER_CHANNELS) into
    ``out_dir``; the case is left as it is (log ``sent`` once you sent it)."""
    from rights.actions.send import make_out_dir, options_for
    from rights.delivery import deliver
    from rights.delivery.pdf import paper_for

    if via not in RENDER_CHANNELS:
        raise InputError(f"--via {via}: not a channel to render",
                         hint=f"one of: {', '.join(RENDER_CHANNELS)}")  # fmt: skip
    case = case_of(conn, ref)
    letter, contact = stored_letter(conn, case, via, identity=identity)
    if via != "text" and via != "mailto" and out_dir is None:
        raise InputError(f"--via {via} writes a file: say where with --out DIR")
    if out_dir is not None:
        make_out_dir(out_dir)
    printed = case.created_at.date() if case.created_at else today  # the date the body has
    options = options_for(
        via, letter, smtp=None, out_dir=out_dir, paper=paper_for(identity.country, paper),
        today=printed, now=now, to=contact if via in ("eml", "mailto") else None,
        overwrite=force, home_country=identity.country,
    )  # fmt: skip
    return Again(case, via, contact, deliver(via, letter, options))


def send_again(
    conn: Connection,
    ref: str,
    *,
    identity: Identity,
    smtp: Smtp,
    today: dt.date,
    now: dt.datetime,
    root: Path,
) -> Again:
    """Send the draft case ``ref`` by SMTP to the company's email on record and log
    ``sent`` (a bounced case is a draft again, and may go to a corrected address)."""
    from rights.actions.send import Outgoing, options_for, send

    case = case_of(conn, ref)
    if case.status != "draft":
        raise ConflictError(
            f"{case.ref} is {case.status}, not a draft: it was sent already",
            hint=f"to write it again: rights request render {case.ref} --via eml --out DIR",
        )
    letter, contact = stored_letter(conn, case, "email", identity=identity)
    options = options_for("email", letter, smtp=smtp, out_dir=None, paper="a4", today=today,
                          now=now, to=contact)  # fmt: skip
    if not options.sender_email:
        raise InputError("your profile has no email address for the From line",
                         hint="rights profile edit --email you@example.org")  # fmt: skip
    out = Outgoing(ref=case.ref, via="email", letter=letter, options=options, event="sent",
                   contact=contact, log_unsent=False, letter_in_event=False)  # fmt: skip
    sent = send(conn, out, today=today, now=now, root=root)
    return Again(sent.case or case, "email", contact, sent.outcome)
