"""Which law a letter cites, and how it prints the citations: pure functions over loaded
:class:`rights.law.model.Law` objects (nothing is read from disk here).

:class:`Choice` is the shape of every decision made for the user (law, language, channel):
the value, the reason shown beside it, and the other candidates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rights.core.vocabulary import letter_kind
from rights.errors import InputError

if TYPE_CHECKING:
    from rights.core.company import Company
    from rights.core.identity import Identity
    from rights.law.model import Law


@dataclass
class Choice:
    """A decision made for the user, with the reason shown beside it."""

    value: str
    reason: str
    options: list[str] = field(default_factory=list)


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


def complaint_citation(law: Law) -> str:
    """What a complaint letter cites: the law data's ``complaint`` citation, the provision
    the law file's complaints fact names, else the law itself."""
    return law.letter_citations.get("complaint") or law.citation


def choose_law(
    laws: list[Law], identity: Identity, company: Company, right: str, explicit: str | None,
    today: dt.date,
) -> Choice:  # fmt: skip
    """The law to cite: ``--law`` if given; else one that protects the person where they live
    and reaches the company; the reason is said, and the other candidates listed."""
    by_id = {law.id: law for law in laws}
    if explicit:
        if explicit not in by_id:
            raise InputError(f"unknown law {explicit!r}", hint=f"laws: {', '.join(sorted(by_id))}")
        by_id[explicit].require_in_force(right, today, when="today")
        return Choice(explicit, "chosen with --law")
    if not identity.country:
        raise InputError(
            "the profile has no country of residence, so the law cannot be chosen",
            hint="set it with: rights profile edit --country CC (or pass --law ID)",
        )
    candidates = _candidates(laws, identity, company, right, today)
    if not candidates:
        raise InputError(
            f"no law we know gives a resident of {identity.country} the right {right!r} "
            f"against {company.name}",
            hint="pass --law ID to choose one yourself (see: rights laws which)",
        )
    law, reason = candidates[0]
    return Choice(law.id, reason, [c[0].id for c in candidates])


def _candidates(
    laws: list[Law], identity: Identity, company: Company, right: str, today: dt.date
) -> list[tuple[Law, str]]:
    """The laws that give the person ``right`` against the company, with the reason, best
    first: where the person lives, then where the company is established or active."""
    from rights.law.load import laws_for_resident

    assert identity.country is not None
    resident, by_location = laws_for_resident(laws, identity.country, identity.region)
    served = {c.upper() for c in company.countries}
    candidates: list[tuple[Law, str]] = []
    for law in [*resident, *by_location]:
        if not law.in_force(today) or not _grants(law, right):
            continue
        if not law.right_in_force(right, today):
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
    return candidates


def _grants(law: Law, right: str) -> bool:
    try:
        law.right_name(right)
    except InputError:
        return False
    return True
