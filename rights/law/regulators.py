"""The competent regulators: where a person can complain about a case.

No letter text lives here: the complaint templates consume these structures. (The evidence
of a case is ``rights.cases.evidence``; the answers to brush-offs, ``rights.law.answers``.)

- ``competent_regulators``: where a person can complain about a case, as the law file's
  ``complaint_authority`` says. ``by-place`` (GDPR): the authority of the person's habitual
  residence (German residents: their Land's authority for the private sector, because
  ``by_subdivision`` names DE) or of the company's main establishment: the person chooses
  (Art. 77 and the law file's ``complaints`` fact). ``listed`` (the others): the regulators
  the law file names (UK: ICO; California: CPPA and the Attorney General; LGPD: ANPD...),
  then, where ``also_at_residence`` says so, the authority of those kinds at the person's
  residence (FCRA: the CFPB, then the state attorney general).
  Authorities marked ``public_bodies_only`` in their record are never chosen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rights.errors import InputError

if TYPE_CHECKING:
    from rights.law.model import ComplaintAuthority, Law, Regulator

Basis = Literal["residence", "establishment", "law"]


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
    habitual residence and of the company's main establishment; they matter for ``by-place``
    laws only, where both are returned (residence first) and the person chooses. For
    ``listed`` laws the law file's regulators are returned in order.
    """
    from rights.law import load as jurisdictions

    own = jurisdictions.load_regulators(root, list(law.regulators))
    authority = law.complaint_authority
    if authority.choice == "listed":
        listed = [choice(reg, "law") for reg in own]
        if authority.also_at_residence and residence:
            listed += [choice(reg, "residence") for reg in _at_residence(law, root, residence)]
        return listed
    if not residence and not establishment:
        raise InputError(
            f"{law.short_name}: the competent authority depends on where you live or where "
            "the company is established",
            hint="set your country (and German Land) with 'rights profile edit --country DE "
            "--region BY'",
        )
    found: list[RegulatorChoice] = []
    for place, basis in ((residence, "residence"), (establishment, "establishment")):
        if not place:
            continue
        for reg in _authority_for(own, place, authority):
            if all(c.regulator.id != reg.id for c in found):
                found.append(choice(reg, basis))  # type: ignore[arg-type]
    return found


def _at_residence(law: Law, root: Path, residence: str) -> list[Regulator]:
    """The regulators of the kinds ``also_at_residence`` names whose record covers exactly
    the person's residence (``US-CA``), not already among the law's own."""
    from rights.law import load as jurisdictions

    kinds = set(law.complaint_authority.also_at_residence)
    place = residence.strip().upper()
    return [
        reg
        for reg in jurisdictions.load_regulators(root)
        if reg.kind in kinds and place in reg.covers and reg.id not in law.regulators
        and not reg.public_bodies_only
    ]  # fmt: skip


def usable_regulators(law: Law, root: Path) -> list[str]:
    """The ids of the law's regulators a complaint about a company may go to (every one
    but those whose record says ``public_bodies_only``), in the law file's order."""
    from rights.law import load as jurisdictions

    records = jurisdictions.load_regulators(root, list(law.regulators))
    return [r.id for r in records if not r.public_bodies_only]


def _authority_for(
    regulators: Sequence[Regulator], place: str, authority: ComplaintAuthority
) -> list[Regulator]:
    """The data protection authority for a place: ``DE-BY`` -> BayLDA, ``FR`` -> CNIL."""
    code = place.strip().upper()
    country = code.split("-")[0]
    general = [
        r
        for r in regulators
        if r.kind in ("national-dpa", "state-dpa") and not r.public_bodies_only
    ]
    subdivision = authority.by_subdivision.get(country)
    if subdivision is not None:
        if code == country:
            raise InputError(subdivision.message, hint=subdivision.hint)
        exact = [r for r in general if code in r.covers and r.kind == "state-dpa"]
    else:
        exact = [r for r in general if country in r.covers and r.kind == "national-dpa"]
    if not exact:
        raise InputError(f"no data protection authority known for {code} under this law")
    return exact
