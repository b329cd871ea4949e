"""Laws as data: the pydantic models of ``jurisdictions/<id>.json`` and ``regulators/``.

One file per law, one per regulator; models with ``extra="forbid"`` (loading is in
``rights.law.load``). Every law model defers its validator (``defer_build``): a start that
takes the shipped laws from ``rights.law.cache`` never builds one. Every fact carries the
evidence tag of the reference sheet (V seen in a source, V2 secondary source, K working
knowledge, U uncertain); a U fact must carry an ``uncertain`` note, which the CLI prints
next to it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from rights.core.vocabulary import Right as RightName
from rights.core.vocabulary import granted_right
from rights.errors import InputError
from rights.law import deadlines
from rights.law.escalation import ComplaintOrder
from rights.law.facts import Appeal, CitedFact, DataScope, OptOutCover, Tag, ThirdParties
from rights.law.facts import Fact as Fact  # re-exported: rights.law.model.Fact stays importable
from rights.law.regulator_record import ComplaintAuthority as ComplaintAuthority  # re-exported
from rights.law.regulator_record import Regulator as Regulator  # re-exported
from rights.law.regulator_record import Subdivision as Subdivision  # re-exported
from rights.law.sector import CompanyScope

_URL = r"^https?://\S+$"
_CODE = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"
_ID = r"^[a-z0-9][a-z0-9-]*$"
REGULATORS_DIR = "regulators"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Period(_Model):
    """A deadline rule: ``length`` ``unit`` from receipt, rolled or not, on a holiday table.

    ``unit``: ``months``; ``calendar_days`` (N days after receipt: receipt + N);
    ``calendar_days_beginning_on`` ("the N-day period beginning on" receipt: the receipt day
    is day 1, the period ends on receipt + N - 1); ``calendar_days_not_later_than`` ("not
    later than N days after" receipt: receipt + N); ``business_days``.
    ``roll``: ``none``, ``next_working_day`` (Saturdays, Sundays and the ``holidays`` table)
    or the id of a statute's roll rule in ``jurisdictions/rolls/`` (its citation and its own
    holiday calendar; see ``rights.law.rolls``).
    ``holidays``: null (weekends only), ``"controller"`` (the controller's country, given by
    the user) or a fixed ISO code such as ``US-CA``.
    """

    length: int = Field(gt=0, le=400)
    unit: Literal[
        "months",
        "calendar_days",
        "business_days",
        "calendar_days_beginning_on",
        "calendar_days_not_later_than",
    ]
    from_: Literal["receipt"] = Field(alias="from")
    roll: str = Field(pattern=r"^(next_working_day|none|[a-z0-9][a-z0-9-]*)$")
    holidays: str | None = Field(pattern=r"^(controller|[A-Z]{2}(-[A-Z0-9]{1,3})?)$")
    citation: str | None = None
    tag: Tag
    uncertain: str | None = None

    @model_validator(mode="after")
    def _u_needs_note(self) -> Period:
        if self.tag == "U" and not self.uncertain:
            raise ValueError("a rule tagged U needs an 'uncertain' note")
        return self

    def roll_rule_id(self) -> str | None:
        """The id of the statute's roll rule this period names, or None."""
        return None if self.roll in deadlines.ROLLS else self.roll

    def to_engine(self) -> deadlines.Period:
        """The plain period the deadline engine computes with (its roll rule loaded from the
        law data folder, the user's merged over the shipped one)."""
        rule = None
        roll_id = self.roll_rule_id()
        if roll_id is not None:
            from rights.law.load import data_folder
            from rights.law.rolls import load_roll

            rule = load_roll(data_folder(), roll_id)
        return deadlines.Period(self.length, self.unit, self.roll, self.holidays, rule)


class Variant(_Model):
    """Another period for the same right in a named situation, computed beside the deadline
    (FCRA: a dispute made after a free annual report is due 45 days after receipt,
    §1681j(a)(3)); ``label`` names the situation."""

    label: str = Field(min_length=1)
    period: Period


class Right(_Model):
    """One right under one law: its citation and its response, extension and ack rules.

    ``extension`` is the latest date counted from receipt (GDPR: 3 months in all), not the
    extra time. ``fees``, ``identity`` and ``agents`` override the law-wide notes. ``since``:
    the day the right applies from when it is later than the law's ``effective`` date (a right
    added by an amendment, e.g. Utah's correction right from 2026-07-01).
    """

    citation: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    since: dt.date | None = None
    response: Period
    extension: Period | None = None
    extension_terms: Fact | None = None
    acknowledge: Period | None = None
    fees: Fact | None = None
    identity: Fact | None = None
    agents: Fact | None = None
    notes: list[Fact] = Field(default_factory=list)
    covers: list[OptOutCover] = Field(
        default_factory=list, description="opt-out: the purposes the right reaches"
    )
    data_scope: DataScope | None = Field(
        default=None, description="deletion, portability: which data the right reaches"
    )
    third_parties: ThirdParties | None = Field(
        default=None, description="access: what the person may learn about recipients"
    )
    deemed_refusal: CitedFact | None = Field(
        default=None, description="silence past the deadline counts as a refusal"
    )
    variants: list[Variant] = Field(
        default_factory=list, description="other periods in named situations, shown as notes"
    )

    @model_validator(mode="after")
    def _extension_is_longer(self) -> Right:
        ext = self.extension
        if ext and ext.unit == self.response.unit and ext.length <= self.response.length:
            raise ValueError(
                "extension.length is counted from receipt: it must exceed the response"
            )
        return self


class Scope(_Model):
    """Who can use the law.

    ``residents_of``: ISO codes (``DE``, ``US-CA``) of the places whose residents are covered.
    ``any_person``: GDPR-style, protects any natural person, not only residents.
    ``by_controller_location``: also applies because of where the company is established.
    ``companies``: a sector law reaches only these companies and comes first for them (the
    FCRA: consumer reporting agencies; see ``rights.law.sector``).
    """

    residents_of: list[str] = Field(min_length=1)
    any_person: bool
    by_controller_location: bool
    note: Fact
    companies: CompanyScope | None = None

    @model_validator(mode="after")
    def _codes(self) -> Scope:
        import re

        bad = [c for c in self.residents_of if not re.match(_CODE, c)]
        if bad:
            raise ValueError(f"residents_of: not ISO codes: {', '.join(bad)}")
        return self


class FollowUp(_Model):
    """When to follow up a submission to a mechanism, and how often to check it again.

    ``label`` names the rule in listings; ``response`` is counted from the submission;
    ``recheck_days``: the days between checks after the submission is done (DROP: brokers
    must delete again at least every 45 days).
    """

    label: str = Field(min_length=1)
    response: Period
    notes: list[str] = Field(default_factory=list)
    recheck_days: int = Field(gt=0, le=400)


class Mechanism(_Model):
    """A related mechanism that is not a request to one company (e.g. California's DROP)."""

    id: str = Field(pattern=_ID)
    name: str
    citation: str
    url: str | None = Field(default=None, pattern=_URL)
    facts: list[Fact] = Field(min_length=1)
    follow_up: FollowUp | None = None

    def deadline_rule(self) -> deadlines.Rule | None:
        """The engine's rule for a submission (None: the mechanism has no follow-up)."""
        if self.follow_up is None:
            return None
        return deadlines.Rule(
            label=self.follow_up.label,
            response=self.follow_up.response.to_engine(),
            notes=tuple(self.follow_up.notes),
            recheck_days=self.follow_up.recheck_days,
        )


class Letters(_Model):
    """The letters that serve a law: the template family (``templates/<family>/``) and the
    rule an authorised agent's letter cites (``agent_rule``)."""

    family: str = Field(pattern=_ID)
    agent_rule: str = Field(min_length=1)


class Law(_Model):
    """One law: who can use it, the rights it grants with their deadlines, where to complain."""

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    short_name: str = Field(min_length=1)
    names: dict[str, str] = Field(
        default_factory=dict,
        description="the law's name per letter language, abbreviation last in brackets: "
        "de: Datenschutz-Grundverordnung (DSGVO); a language not named uses `name`",
    )
    names_note: Fact | None = Field(
        default=None, description="why these names (a choice between usages, its source)"
    )
    citation: str = Field(min_length=1)
    jurisdiction: str = Field(min_length=1)
    effective: dt.date
    effective_note: Fact | None = None
    scope: Scope
    rights: dict[RightName, Right] = Field(min_length=1)
    fees: Fact
    identity: Fact
    agents: Fact
    appeal: Appeal | None = None
    stop_the_clock: Fact | None = Field(
        default=None,
        description="present when a request for information pauses the clock (UK: Art. 12A)",
    )
    regulators: list[str] = Field(min_length=1)
    complaints: Fact | None = None
    complaint_authority: ComplaintAuthority = Field(default_factory=ComplaintAuthority)
    complaint_order: ComplaintOrder | None = Field(
        default=None, description="what must come before a complaint (rights.law.escalation)"
    )
    letters: Letters
    mechanisms: list[Mechanism] = Field(default_factory=list)
    notes: list[Fact] = Field(default_factory=list)
    letter_citations: dict[str, str] = Field(
        default_factory=dict,
        description="Extra citations letters print, e.g. automated: Art. 15(1)(h) GDPR.",
    )
    sources: list[str] = Field(min_length=1)
    last_reviewed: dt.date

    @model_validator(mode="after")
    def _urls(self) -> Law:
        import re

        bad = [s for s in self.sources if not re.match(_URL, s)]
        if bad:
            raise ValueError(f"sources: not URLs: {', '.join(bad)}")
        return self

    @model_validator(mode="after")
    def _since_after_effective(self) -> Law:
        early = [n for n, r in self.rights.items() if r.since and r.since <= self.effective]
        if early:
            raise ValueError(
                f"rights.{early[0]}.since: must be later than the law's effective date "
                "(leave it out when the right applies from the start)"
            )
        return self

    @model_validator(mode="after")
    def _names(self) -> Law:
        import re

        bad = [lang for lang in self.names if not re.match(r"^[a-z]{2}$", lang)]
        if bad:
            raise ValueError(f"names: not two-letter language codes: {', '.join(bad)}")
        return self

    def right_name(self, name: str) -> str:
        """The law's own id for a right given by id or alias (``erasure``), or its equivalent
        (a US ``opt-out`` and a GDPR ``objection`` stand in for each other); InputError naming
        the rights this law grants when it grants none of them."""
        found = granted_right(self.rights, name)
        if found is None:
            granted = ", ".join(self.rights)
            raise InputError(
                f"{self.short_name} ({self.id}) does not grant the right {name!r}",
                hint=f"it grants: {granted}",
            )
        return found

    def right(self, name: str) -> Right:
        """The named right (see ``right_name``), or InputError."""
        return self.rights[self.right_name(name)]  # type: ignore[index]

    def in_force(self, today: dt.date) -> bool:
        """True once the law's effective date has come."""
        return self.effective <= today

    def applies_from(self, name: str) -> dt.date:
        """The day a right (by id or alias, see ``right_name``) applies from: its own ``since``
        date, else the law's ``effective`` date."""
        return self.right(name).since or self.effective

    def right_in_force(self, name: str, day: dt.date) -> bool:
        """True when the law and the right both apply on ``day``."""
        return self.applies_from(name) <= day

    def require_in_force(self, name: str, day: dt.date, *, when: str) -> None:
        """InputError unless the law and the right apply on ``day`` (``when`` says what the
        day is: "the receipt date", "today"); the hint names the date they apply from."""
        start = self.applies_from(name)
        if start <= day:
            return
        right = self.right_name(name)
        if self.right(name).since and self.in_force(day):
            subject = f"the right {right!r} under {self.short_name} ({self.id})"
        else:
            subject = f"{self.short_name} ({self.id})"
        raise InputError(
            f"{subject} is not yet in force on {day.isoformat()} ({when})",
            hint=f"it applies from {start.isoformat()}",
        )

    def deadline_rule(self, name: str) -> deadlines.Rule:
        """The engine's rule for one right, with the notes the user must see beside it."""
        right = self.right(name)
        notes: list[str] = []
        for label, period in (
            ("response", right.response),
            ("extension", right.extension),
            ("acknowledgement", right.acknowledge),
        ):
            if period is not None and period.uncertain:
                notes.append(f"uncertain ({label}): {period.uncertain}")
        notes.extend(
            f"uncertain ({v.label}): {v.period.uncertain}"
            for v in right.variants
            if v.period.uncertain
        )
        if right.extension_terms:
            notes.append(f"extension: {fact_text(right.extension_terms)}")
        for fact in right.notes:
            notes.append(fact_text(fact))
        return deadlines.Rule(
            label=f"{self.short_name} {right.response.citation or right.citation}",
            response=right.response.to_engine(),
            extension=right.extension.to_engine() if right.extension else None,
            acknowledge=right.acknowledge.to_engine() if right.acknowledge else None,
            notes=tuple(notes),
            pauses_on_info_request=self.stop_the_clock is not None,
            variants=tuple(
                (
                    f"{v.label} ({v.period.citation})" if v.period.citation else v.label,
                    v.period.to_engine(),
                )
                for v in right.variants
            ),
        )

    def mechanism(self, mechanism_id: str) -> Mechanism | None:
        """The related mechanism with this id (e.g. ``drop``), or None."""
        return next((m for m in self.mechanisms if m.id == mechanism_id), None)


def fact_text(fact: Fact) -> str:
    """A fact as shown to the user: its text, its tag, and the uncertainty if any."""
    text = f"{fact.text} [{fact.tag}]"
    if fact.uncertain:
        text += f" (UNCERTAIN: {fact.uncertain})"
    return text
