"""Follow-through as data: the competent regulators, the evidence, answers to brush-offs.

No letter text lives here: the follow-up and complaint templates consume these structures.

- ``competent_regulators``: where a person can complain about a case. GDPR: the authority of
  the person's habitual residence (German residents: their Land's authority for the private
  sector) or of the company's main establishment: the person chooses (Art. 77 and the law
  file's ``complaints`` fact). Other laws: the regulators their law file names (UK: ICO;
  California: CPPA and the Attorney General; other US states: the Attorney General or the
  office the file names; LGPD: ANPD; PIPEDA: OPC; Quebec: CAI; Switzerland: FDPIC).
- ``evidence``: the case's timeline, letters and replies with their attachments.
- ``BRUSH_OFFS`` / ``brush_off_answer``: what the law says to the usual brush-offs, quoting
  only facts from the law files (with their evidence tags), never invented citations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rights.core.case import Case, Event
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.law.model import Law, Regulator
    from rights.store.attachments import Attachment

Basis = Literal["residence", "establishment", "law"]

GDPR_FAMILY = frozenset({"gdpr"})
"""Laws whose complaints go to a national (or German Land) authority chosen by place."""

PUBLIC_BODIES_ONLY = frozenset({"debayldb"})
"""Authorities that supervise public bodies only (their records' notes say so): never the
competent authority for a complaint about a company. Bavaria splits supervision: BayLDA
for the private sector, the Landesbeauftragter for public bodies."""


@dataclass(frozen=True)
class RegulatorChoice:
    """A regulator the person may complain to, why, and how to reach it."""

    regulator: Regulator
    basis: Basis
    routes: tuple[str, ...]
    web_form_only: bool

    def to_dict(self) -> dict[str, Any]:
        """Plain data for templates and JSON."""
        reg = self.regulator
        return {
            "id": reg.id,
            "name": reg.name,
            "basis": self.basis,
            "routes": list(self.routes),
            "web_form_only": self.web_form_only,
            "complaint_url": reg.complaint_url,
            "web": reg.web,
            "email": reg.email,
            "address": reg.address,
            "complaint_language": reg.complaint_language,
            "note": reg.note,
            "contact_missing": reg.contact_missing,
        }


def choice(regulator: Regulator, basis: Basis) -> RegulatorChoice:
    """Wrap a regulator record; ``web_form_only`` when no email or postal address is known."""
    routes = tuple(regulator.contact_routes())
    web_only = bool(routes) and not regulator.email and not regulator.address
    return RegulatorChoice(regulator, basis, routes, web_only)


def competent_regulators(
    law: Law,
    root: Path,
    *,
    residence: str | None = None,
    establishment: str | None = None,
) -> list[RegulatorChoice]:
    """The regulators a person may complain to about a case under ``law``.

    ``residence`` and ``establishment`` are ISO codes (``DE-BY``, ``FR``) of the person's
    habitual residence and of the company's main establishment; they matter for GDPR-family
    laws only, where both are returned (residence first) and the person chooses. For the
    other laws the law file's regulators are returned in order.
    """
    from rights.law import model as jurisdictions

    own = jurisdictions.load_regulators(root, list(law.regulators))
    if law.id not in GDPR_FAMILY:
        return [choice(reg, "law") for reg in own]
    if not residence and not establishment:
        raise InputError(
            "GDPR: the competent authority depends on where you live or where the company "
            "is established",
            hint="set your country (and German Land) with 'rights profile edit --country DE "
            "--region BY'",
        )
    found: list[RegulatorChoice] = []
    for place, basis in ((residence, "residence"), (establishment, "establishment")):
        if not place:
            continue
        for reg in _authority_for(own, place):
            if all(c.regulator.id != reg.id for c in found):
                found.append(choice(reg, basis))  # type: ignore[arg-type]
    return found


def _authority_for(regulators: Sequence[Regulator], place: str) -> list[Regulator]:
    """The data protection authority for a place: ``DE-BY`` -> BayLDA, ``FR`` -> CNIL."""
    code = place.strip().upper()
    country = code.split("-")[0]
    general = [
        r
        for r in regulators
        if r.kind in ("national-dpa", "state-dpa") and r.id not in PUBLIC_BODIES_ONLY
    ]
    if country == "DE":
        if code == "DE":
            raise InputError(
                "Germany: the authority for companies is the one of your Land",
                hint="give the Land as region, e.g. DE-BY, DE-BE, DE-NW",
            )
        exact = [r for r in general if code in r.covers and r.kind == "state-dpa"]
    else:
        exact = [r for r in general if country in r.covers and r.kind == "national-dpa"]
    if not exact:
        raise InputError(f"no data protection authority known for {code} under this law")
    return exact


# --- evidence ---------------------------------------------------------------------------------

REPLY_KINDS = frozenset(
    {"acknowledged", "extended", "needs-info", "replied", "fulfilled", "partial", "refused"}
)
"""Events that record something the company sent."""


def evidence(
    case: Case,
    events: Sequence[Event],
    attachments: Sequence[Attachment],
    today: dt.date,
) -> dict[str, Any]:
    """The case file as plain data: summary, timeline, letters sent, replies received.

    ``timeline``: every event in order with its attachments' names; ``letters``: the request
    (subject and body), every reminder or complaint event, and every event carrying a letter
    (``data.letter``, e.g. an answer to a brush-off, logged as a note); ``replies``: the events that
    record something the company sent, with their attachments.
    """
    by_event: dict[int | None, list[dict[str, Any]]] = {}
    for att in attachments:
        by_event.setdefault(att.event_id, []).append(
            {"n": att.number, "name": att.name, "size": att.size, "sha256": att.sha256}
        )
    timeline = [
        {
            "date": e.on_date.isoformat(),
            "kind": e.kind,
            "note": e.note,
            "attachments": by_event.get(e.id, []),
        }
        for e in events
    ]
    sent = next((e for e in events if e.kind == "sent"), None)
    letters: list[dict[str, Any]] = [
        {
            "kind": "request",
            "date": sent.on_date.isoformat() if sent else None,
            "subject": case.subject,
            "body": case.body,
        }
    ]
    for e in events:
        if e.kind in ("reminder", "complaint") or e.data.get("letter"):
            letters.append(
                {
                    "kind": str(e.data.get("letter") or e.kind),
                    "date": e.on_date.isoformat(),
                    "subject": str(e.data.get("subject", "")),
                    "body": str(e.data.get("body", "")),
                }
            )
    replies = [item for item, e in zip(timeline, events, strict=True) if e.kind in REPLY_KINDS]
    days_late = (today - case.due).days if case.is_overdue(today) and case.due else 0
    return {
        "ref": case.ref,
        "company": case.company,
        "company_name": case.company_name,
        "right": case.right,
        "law": case.law,
        "via": case.via,
        "recipient": case.recipient,
        "status": case.status,
        "sent": case.sent_on.isoformat() if case.sent_on else None,
        "received": case.received_on.isoformat() if case.received_on else None,
        "received_estimated": case.received_estimated,
        "due": case.due.isoformat() if case.due else None,
        "extended_due": case.extended_due.isoformat() if case.extended_due else None,
        "overdue": case.is_overdue(today),
        "days_late": days_late,
        "contested": case.notes.due_contested,
        "timeline": timeline,
        "letters": letters,
        "replies": replies,
        "unlinked_attachments": by_event.get(None, []),
    }


# --- canned answers to brush-offs -------------------------------------------------------------


@dataclass(frozen=True)
class BrushOff:
    """A usual brush-off, the gist of the answer, and which law facts back it.

    ``facts`` name fields of the law file: ``identity``, ``fees``, ``agents``, ``appeal``,
    ``complaints``, ``right`` (the right's citation and summary) or ``notes:WORD`` (the law's
    notes mentioning WORD). ``uncertain`` says what rights' data does not settle.
    """

    id: str
    says: str
    answer: str
    facts: tuple[str, ...]
    uncertain: str | None = None


BRUSH_OFFS: tuple[BrushOff, ...] = (
    BrushOff(
        id="web-form",
        says="Please use our web form.",
        answer="The request was made in writing to a contact the company publishes; the "
        "deadline runs from its receipt. The company may offer a form but the request stands.",
        facts=("right", "complaints"),
        uncertain="rights' law data holds no rule on which channels a company must accept; "
        "check the law (and the company's published contacts) before relying on this answer",
    ),
    BrushOff(
        id="id-copy",
        says="Send a copy of your ID.",
        answer="The company may ask only for what it needs to confirm identity, in proportion "
        "to the request; offer details it already holds instead of an identity document.",
        facts=("identity", "notes:identity"),
    ),
    BrushOff(
        id="device-ids",
        says="We only hold device identifiers, not personal data.",
        answer="Data linked to a device you use can be data about you; ask for the data held "
        "against the identifiers you give (cookie IDs, advertising IDs, account IDs).",
        facts=("right",),
        uncertain="whether device identifiers are personal data under this law is not in "
        "rights' law data; it is not stated here as law",
    ),
    BrushOff(
        id="more-info",
        says="We need more information before we can proceed.",
        answer="Give what is reasonably needed to find your data; whether the deadline pauses "
        "meanwhile depends on the law (see the facts below).",
        facts=("identity", "notes:clock"),
    ),
)


def brush_off_answer(brush_off_id: str, law: Law, right: str) -> dict[str, Any]:
    """A brush-off's answer under ``law`` for ``right``, with the law's facts and tags."""
    from rights.law.model import fact_text

    found = next((b for b in BRUSH_OFFS if b.id == brush_off_id), None)
    if found is None:
        ids = ", ".join(b.id for b in BRUSH_OFFS)
        raise InputError(f"unknown brush-off {brush_off_id!r}", hint=f"known: {ids}")
    facts: list[dict[str, str | None]] = []
    for key in found.facts:
        if key == "right":
            granted = law.right(right)
            facts.append({"key": "right", "citation": granted.citation, "text": granted.summary})
        elif key.startswith("notes:"):
            word = key.split(":", 1)[1]
            for note in law.notes:
                if word in note.text.lower():
                    facts.append({"key": key, "citation": None, "text": fact_text(note)})
        else:
            fact = getattr(law, key)
            if fact is not None:
                facts.append({"key": key, "citation": None, "text": fact_text(fact)})
    return {
        "id": found.id,
        "says": found.says,
        "answer": found.answer,
        "law": law.id,
        "law_citation": law.citation,
        "facts": facts,
        "uncertain": found.uncertain,
    }
