"""A regulator people can complain to (``jurisdictions/regulators/<id>.json``): the pydantic
model, re-exported by ``rights.law.model`` beside the law model."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

_URL = r"^https?://\S+$"
_ID = r"^[a-z0-9][a-z0-9-]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


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
