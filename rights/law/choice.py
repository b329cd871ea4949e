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
    alternatives: list[Alternative] = field(default_factory=list)


@dataclass(frozen=True)
class Alternative:
    """A law considered for a request: whether it applies, and why (``rank``: -1 a sector
    law for this kind of company (the FCRA for a consumer reporting agency), 0 the company's
    home law, 1 the person's own, 2 by the company's activity, 9 not usable)."""

    law: str
    applies: bool
    reason: str
    rank: int = 1

    def to_dict(self) -> dict[str, object]:
        """Plain data for ``--json``."""
        return {"law": self.law, "applies": self.applies, "reason": self.reason}


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
    """The law to cite, chosen from both sides: the laws the person can invoke where they
    live and those that bind the company where it is established (GDPR Art. 3(1): an EU/EEA
    controller is bound whoever the person is). The company's home law is preferred where
    it applies; a US company gets the person's own law. ``--law`` is refused when it cannot
    apply, naming why and the laws that can. The alternatives are listed with reasons."""
    by_id = {law.id: law for law in laws}
    if explicit and explicit not in by_id:
        raise InputError(f"unknown law {explicit!r}", hint=f"laws: {', '.join(sorted(by_id))}")
    if explicit and not identity.country:
        by_id[explicit].require_in_force(right, today, when="today")
        return Choice(explicit, "chosen with --law")
    if not identity.country:
        raise InputError(
            "the profile has no country of residence, so the law cannot be chosen",
            hint="set it with: rights profile edit --country CC (or pass --law ID)",
        )
    considered = assess(laws, identity, company, right, today)
    usable = [a for a in considered if a.applies]
    if explicit:
        return _explicit(by_id[explicit], considered, usable, company, right, today)
    if not usable:
        raise InputError(
            f"no law we know gives a resident of {identity.country} the right {right!r} "
            f"against {company.name}",
            hint="pass --law ID to choose one yourself (see: rights laws which)",
        )
    best = usable[0]
    return Choice(best.law, best.reason, [a.law for a in usable], considered)


def _explicit(
    law: Law, considered: list[Alternative], usable: list[Alternative], company: Company,
    right: str, today: dt.date,
) -> Choice:  # fmt: skip
    """``--law``: accepted when it can apply; else a usage error saying why, and which can."""
    law.require_in_force(right, today, when="today")
    mine = next((a for a in considered if a.law == law.id), None)
    if mine is None or not mine.applies:
        why = mine.reason if mine else _unrelated(law, company)
        can = ", ".join(a.law for a in usable) or "none we know"
        raise InputError(
            f"--law {law.id} cannot apply to {company.name}: {why}",
            hint=f"laws that can: {can}",
        )
    return Choice(law.id, f"chosen with --law ({mine.reason})", [a.law for a in usable],
                  considered)  # fmt: skip


def _unrelated(law: Law, company: Company) -> str:
    if law.scope.companies is not None:
        return (
            f"{law.short_name} reaches only {law.scope.companies.kind}, and {company.name}'s "
            "record does not show it is one"
        )
    places = ", ".join(law.scope.residents_of[:3])
    return (
        f"{law.short_name} protects residents of {places} and you do not live there, "
        f"and {company.name} is not established where it applies"
    )


def company_home(company: Company) -> str | None:
    """The country where the company is established: the one its postal address names,
    else the only country its record lists (None when neither tells)."""
    from rights.delivery.postal import address_lines, country_of

    lines = address_lines(company.address)
    if lines:
        found = country_of(lines[-1].rsplit(",", 1)[-1])
        if found:
            return found
    codes = [c.upper() for c in company.countries if c.lower() != "all"]
    return codes[0] if len(codes) == 1 else None


def assess(
    laws: list[Law], identity: Identity, company: Company, right: str, today: dt.date
) -> list[Alternative]:
    """Every law the person's residence or the company's establishment points to, best
    first, each with whether it applies and why: the company's home law first (where it
    binds the company whoever the person is), then the person's own laws."""
    from rights.law.load import laws_for_resident

    assert identity.country is not None
    resident, by_location = laws_for_resident(laws, identity.country, identity.region)
    home = company_home(company)
    served = {c.upper() for c in company.countries}
    seen: dict[str, Alternative] = {}
    for law in [*resident, *by_location]:
        found = _assess_one(law, law in resident, identity, company, home, served, right, today)
        if found is not None:
            seen[law.id] = found
    ranked = sorted(seen.values(), key=lambda a: (not a.applies, a.rank))
    return ranked


def _assess_one(
    law: Law, lives: bool, identity: Identity, company: Company, home: str | None,
    served: set[str], right: str, today: dt.date,
) -> Alternative | None:  # fmt: skip
    """One law's verdict (None: a law of neither side, not worth listing)."""
    if law.scope.companies is not None:
        return _assess_sector(law, lives, company, home, right, today)
    place = {p[:2] for p in law.scope.residents_of}
    binds = law.scope.by_controller_location and home is not None and home in place
    where = f"{identity.country}-{identity.region}" if identity.region else identity.country
    reaches = "ALL" in served or not served or bool(served & place) or home in place
    if not lives and not binds:
        if home is None and law.scope.by_controller_location and served & place:
            return Alternative(law.id, True, f"{company.name} is active where "
                               f"{law.short_name} applies", 2)  # fmt: skip
        return None
    problem = _problem(law, company, right, today)
    if problem:
        return Alternative(law.id, False, problem, 9)
    if binds:
        return Alternative(law.id, True, f"{company.name} is established in {home}, where "
                           f"{law.short_name} binds it whoever you are", 0)  # fmt: skip
    if reaches:
        return Alternative(law.id, True, f"you live in {where}, which {law.short_name} "
                           f"covers, and {company.name} serves people there", 1)  # fmt: skip
    return Alternative(law.id, False, f"you live in {where}, but {company.name} is "
                       f"established in {home or 'another country'} and does not serve people "
                       f"there, so {law.short_name} does not reach it", 9)  # fmt: skip


def _assess_sector(
    law: Law, lives: bool, company: Company, home: str | None, right: str, today: dt.date
) -> Alternative | None:
    """A sector law's verdict: first for the companies it reaches and the rights it grants
    (the FCRA for a consumer reporting agency's file), not listed for a company outside its
    sector or a person it does not protect."""
    from rights.law.sector import evidence, in_sector

    sector = law.scope.companies
    assert sector is not None
    if not lives or not in_sector(sector, company):
        return None
    why = evidence(sector, company, home)
    if why is None:
        return Alternative(law.id, False, f"{company.name} is not shown to be {sector.kind} "
                           f"({law.short_name} reaches no other company)", 9)  # fmt: skip
    problem = _problem(law, company, right, today)
    if problem:
        return Alternative(law.id, False, problem, 9)
    return Alternative(law.id, True, f"{company.name} is {sector.kind} ({why}), so "
                       f"{law.short_name} governs its file: {sector.reason.text}", -1)  # fmt: skip


def _problem(law: Law, company: Company, right: str, today: dt.date) -> str | None:
    """Why a law that points here still cannot be used (not in force, no such right...)."""
    if not law.in_force(today):
        return f"{law.short_name} is not in force yet"
    if not _grants(law, right):
        return f"{law.short_name} gives no right {right!r}"
    if not law.right_in_force(right, today):
        return f"the right {right!r} under {law.short_name} is not in force yet"
    if company.jurisdictions and law.id not in company.jurisdictions:
        return f"{company.name}'s record serves only {', '.join(company.jurisdictions)}"
    return None


def _grants(law: Law, right: str) -> bool:
    try:
        law.right_name(right)
    except InputError:
        return False
    return True
