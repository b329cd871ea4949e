"""A regulator people can complain to (``jurisdictions/regulators/<id>.json``) and how a law
chooses the competent one (``complaint_authority``): the pydantic models, re-exported by
``rights.law.model`` beside the law model."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

_URL = r"^https?://\S+$"
_ID = r"^[a-z0-9][a-z0-9-]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Regulator(_Model):
    """A regulator people can complain to, with contact details taken from its ``sources``.

    ``contact_missing`` explains why a record has no contact route (none in the sources used).
    """

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    kind: Literal["national-dpa", "state-dpa", "sectoral-dpa", "attorney-general", "agency"]
    covers: list[str] = Field(min_length=1)
    web: str | None = Field(default=None, pattern=_URL)
    email: str | None = None
    complaint_url: str | None = Field(default=None, pattern=_URL)
    address: str | None = None
    phone: str | None = None
    complaint_language: str | None = None
    note: str | None = None
    contact_missing: str | None = None
    sources: list[str] = Field(min_length=1)
    attribution: str | None = None
    public_bodies_only: bool = Field(
        default=False,
        description="supervises public bodies only: never competent for a company",
    )
    last_reviewed: dt.date

    @model_validator(mode="after")
    def _reachable(self) -> Regulator:
        if not self.contact_routes() and not self.contact_missing:
            raise ValueError(
                "needs web, email, complaint_url or address (or a contact_missing note)"
            )
        return self

    def contact_routes(self) -> list[str]:
        """The ways to reach it that the record holds."""
        return [
            name for name in ("complaint_url", "email", "web", "address") if getattr(self, name)
        ]


class Subdivision(_Model):
    """A country whose complaint authority is chosen per subdivision (Germany: per Land)."""

    message: str = Field(min_length=1, description="shown when only the country is given")
    hint: str = Field(min_length=1)


class ComplaintAuthority(_Model):
    """How the competent complaint authority is chosen.

    ``listed``: the law file's ``regulators``, in order. ``by-place``: the data protection
    authority of the person's residence or of the company's main establishment, among the
    law's regulators: national for most countries, per subdivision for the countries in
    ``by_subdivision`` (their authorities are ``state-dpa`` records). ``also_at_residence``
    (``listed``): after the law's regulators, those of these kinds whose record covers the
    person's residence (FCRA: the state attorney general, §1681s(c)).
    """

    choice: Literal["listed", "by-place"] = "listed"
    by_subdivision: dict[str, Subdivision] = Field(default_factory=dict)
    also_at_residence: list[Literal["attorney-general", "agency"]] = Field(
        default_factory=list,
        description="listed: also the regulators of these kinds covering the person's residence",
    )

    @model_validator(mode="after")
    def _codes(self) -> ComplaintAuthority:
        import re

        bad = [c for c in self.by_subdivision if not re.match(r"^[A-Z]{2}$", c)]
        if bad:
            raise ValueError(f"by_subdivision: not ISO country codes: {', '.join(bad)}")
        return self
