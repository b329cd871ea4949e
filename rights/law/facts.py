"""Law facts: the evidence-tagged statements of ``jurisdictions/<id>.json``, and the facts
that shape a letter's wording (what an opt-out covers, which data a deletion reaches, what an
access request may ask about recipients, whether there is an appeal).

Every fact carries the evidence tag of the reference sheet (V seen in a source, V2 secondary
source, K working knowledge, U uncertain); a U fact must carry an ``uncertain`` note.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Appeal",
    "CitedFact",
    "DataScope",
    "Fact",
    "OptOutCover",
    "OptOutPurpose",
    "Tag",
    "ThirdParties",
]

Tag = Literal["V", "V2", "K", "U"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Fact(_Model):
    """A statement of law with its evidence tag; ``uncertain`` says why it may be wrong."""

    text: str = Field(min_length=1)
    tag: Tag
    uncertain: str | None = None

    @model_validator(mode="after")
    def _u_needs_note(self) -> Fact:
        if self.tag == "U" and not self.uncertain:
            raise ValueError("a fact tagged U needs an 'uncertain' note")
        return self


OptOutPurpose = Literal["sale", "sharing", "targeted-advertising", "profiling"]


class OptOutCover(_Model):
    """One processing purpose an opt-out right covers, as the statute lists it.

    ``sharing`` is the CCPA's sharing for cross-context behavioral advertising;
    ``solely_automated`` (profiling only): the opt-out reaches profiling only in furtherance of
    *solely* automated decisions. A letter claims a purpose as a right unless it is tagged U;
    a U purpose is asked for without claiming a right.
    """

    purpose: OptOutPurpose
    citation: str = Field(min_length=1)
    solely_automated: bool = False
    tag: Tag
    uncertain: str | None = None

    @model_validator(mode="after")
    def _checks(self) -> OptOutCover:
        if self.tag == "U" and not self.uncertain:
            raise ValueError("a purpose tagged U needs an 'uncertain' note")
        if self.solely_automated and self.purpose != "profiling":
            raise ValueError("solely_automated applies to the profiling purpose only")
        return self


class CitedFact(Fact):
    """A fact with the provision that states it; ``citation_forms`` gives the citation as a
    letter in another language writes it (``{"fr": "art. 32"}``), English being
    ``citation``."""

    citation: str = Field(min_length=1)
    citation_forms: dict[str, str] = Field(default_factory=dict)


class DataScope(CitedFact):
    """Which personal data a right reaches: ``provided`` (only what the consumer gave the
    controller, e.g. Utah's and Iowa's deletion) or ``all`` (provided by or obtained about)."""

    data: Literal["provided", "all"]


class ThirdParties(CitedFact):
    """What an access request may ask about recipients: a list of the ``specific`` third
    parties (Oregon, Minnesota, Connecticut) or only their ``categories``; ``recipients``: the
    third parties the data was ``disclosed`` to, or only those it was ``sold`` to (Connecticut).
    ``since``: the day the entitlement applies from, when later than the law."""

    detail: Literal["specific", "categories"]
    recipients: Literal["disclosed", "sold"] = "disclosed"
    since: dt.date | None = None


class Appeal(Fact):
    """Whether the law gives an appeal against a refusal, and to whom.

    ``available``: true only where the law has one (false where it has none or none was
    confirmed); ``to``: the ``controller`` (US state laws) or the ``regulator`` (Quebec: an
    application to the CAI); ``within_days``: the person's time to apply, when the law sets
    one; ``citation`` and ``citation_forms`` as in :class:`CitedFact`.
    """

    available: bool
    to: Literal["controller", "regulator"] = "controller"
    within_days: int | None = Field(default=None, gt=0, le=400)
    citation: str | None = None
    citation_forms: dict[str, str] = Field(default_factory=dict)
