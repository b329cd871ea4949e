"""Laws as data: load and validate ``jurisdictions/<id>.json`` and ``jurisdictions/regulators/``.

One file per law, one per regulator; pydantic models with ``extra="forbid"``. Files are read
lazily, one law at a time, and cached, so ``rights deadline`` reads a single small file.
Every fact carries the evidence tag of the reference sheet (V seen in a source, V2 secondary
source, K working knowledge, U uncertain); a U fact must carry an ``uncertain`` note, which
the CLI prints next to it.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from rights.core.vocabulary import Right as RightName
from rights.core.vocabulary import granted_right
from rights.errors import DataFileError, InputError, NotFoundError
from rights.law import deadlines

Tag = Literal["V", "V2", "K", "U"]
_URL = r"^https?://\S+$"
_CODE = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"
_ID = r"^[a-z0-9][a-z0-9-]*$"
REGULATORS_DIR = "regulators"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


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


class Period(_Model):
    """A deadline rule: ``length`` ``unit`` from receipt, rolled or not, on a holiday table.

    ``holidays``: null (weekends only), ``"controller"`` (the controller's country, given by
    the user) or a fixed ISO code such as ``US-CA``.
    """

    length: int = Field(gt=0, le=400)
    unit: Literal["months", "calendar_days", "business_days"]
    from_: Literal["receipt"] = Field(alias="from")
    roll: Literal["next_working_day", "none"]
    holidays: str | None = Field(pattern=r"^(controller|[A-Z]{2}(-[A-Z0-9]{1,3})?)$")
    citation: str | None = None
    tag: Tag
    uncertain: str | None = None

    @model_validator(mode="after")
    def _u_needs_note(self) -> Period:
        if self.tag == "U" and not self.uncertain:
            raise ValueError("a rule tagged U needs an 'uncertain' note")
        return self

    def to_engine(self) -> deadlines.Period:
        """The plain period the deadline engine computes with."""
        return deadlines.Period(self.length, self.unit, self.roll, self.holidays)


class Right(_Model):
    """One right under one law: its citation and its response, extension and ack rules.

    ``extension`` is the latest date counted from receipt (GDPR: 3 months in all), not the
    extra time. ``fees``, ``identity`` and ``agents`` override the law-wide notes.
    """

    citation: str = Field(min_length=1)
    summary: str = Field(min_length=1)
    response: Period
    extension: Period | None = None
    extension_terms: Fact | None = None
    acknowledge: Period | None = None
    fees: Fact | None = None
    identity: Fact | None = None
    agents: Fact | None = None
    notes: list[Fact] = Field(default_factory=list)

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
    """

    residents_of: list[str] = Field(min_length=1)
    any_person: bool
    by_controller_location: bool
    note: Fact

    @model_validator(mode="after")
    def _codes(self) -> Scope:
        import re

        bad = [c for c in self.residents_of if not re.match(_CODE, c)]
        if bad:
            raise ValueError(f"residents_of: not ISO codes: {', '.join(bad)}")
        return self


class Mechanism(_Model):
    """A related mechanism that is not a request to one company (e.g. California's DROP)."""

    id: str = Field(pattern=_ID)
    name: str
    citation: str
    url: str | None = Field(default=None, pattern=_URL)
    facts: list[Fact] = Field(min_length=1)


class Law(_Model):
    """One law: who can use it, the rights it grants with their deadlines, where to complain."""

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1)
    short_name: str = Field(min_length=1)
    citation: str = Field(min_length=1)
    jurisdiction: str = Field(min_length=1)
    effective: dt.date
    effective_note: Fact | None = None
    scope: Scope
    rights: dict[RightName, Right] = Field(min_length=1)
    fees: Fact
    identity: Fact
    agents: Fact
    appeal: Fact | None = None
    regulators: list[str] = Field(min_length=1)
    complaints: Fact | None = None
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
        )


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


def fact_text(fact: Fact) -> str:
    """A fact as shown to the user: its text, its tag, and the uncertainty if any."""
    text = f"{fact.text} [{fact.tag}]"
    if fact.uncertain:
        text += f" (UNCERTAIN: {fact.uncertain})"
    return text


# --- loading --------------------------------------------------------------------------------

M = TypeVar("M", bound=BaseModel)


def data_folder() -> Path:
    """The shipped ``jurisdictions`` folder."""
    from rights.paths import shipped

    return shipped("jurisdictions")


def law_ids(root: Path) -> list[str]:
    """The ids of the laws in ``root`` (file names), sorted."""
    return sorted(p.stem for p in root.glob("*.json"))


def regulator_ids(root: Path) -> list[str]:
    """The ids of the regulators in ``root/regulators``, sorted."""
    return sorted(p.stem for p in (root / REGULATORS_DIR).glob("*.json"))


def load_law(root: Path, law_id: str) -> Law:
    """One law, validated (cached). NotFoundError, listing the known ids, if there is none."""
    path = root / f"{law_id}.json"
    if "/" in law_id or "\\" in law_id or not path.is_file():
        raise NotFoundError(f"no law {law_id!r}", hint=f"laws: {', '.join(law_ids(root))}")
    return _load_law_cached(path)


@lru_cache(maxsize=128)
def _load_law_cached(path: Path) -> Law:
    law = _parse(path, path.name, Law)
    if law.id != path.stem:
        raise DataFileError(
            f"{path.name}: id: {law.id!r} does not match the file name {path.stem!r}"
        )
    return law


def load_laws(root: Path) -> list[Law]:
    """Every law in ``root``; all problems in all files are reported at once."""
    laws: list[Law] = []
    problems: list[str] = []
    for law_id in law_ids(root):
        try:
            laws.append(_load_law_cached(root / f"{law_id}.json"))
        except DataFileError as exc:
            problems.extend(getattr(exc, "problems", [exc.message]))
    if problems:
        raise _data_error(problems)
    return laws


def load_regulator(root: Path, reg_id: str) -> Regulator:
    """One regulator record, validated (cached)."""
    path = root / REGULATORS_DIR / f"{reg_id}.json"
    if not path.is_file():
        raise NotFoundError(f"no regulator {reg_id!r}")
    return _load_regulator_cached(path)


@lru_cache(maxsize=256)
def _load_regulator_cached(path: Path) -> Regulator:
    reg = _parse(path, f"{REGULATORS_DIR}/{path.name}", Regulator)
    if reg.id != path.stem:
        raise DataFileError(
            f"{REGULATORS_DIR}/{path.name}: id: {reg.id!r} does not match the file name"
        )
    return reg


def load_regulators(root: Path, ids: list[str] | None = None) -> list[Regulator]:
    """The named regulators (default: all); all problems reported at once."""
    wanted = regulator_ids(root) if ids is None else ids
    found: list[Regulator] = []
    problems: list[str] = []
    for reg_id in wanted:
        try:
            found.append(load_regulator(root, reg_id))
        except DataFileError as exc:
            problems.extend(getattr(exc, "problems", [exc.message]))
        except NotFoundError:
            problems.append(f"{REGULATORS_DIR}/{reg_id}.json: file not found")
    if problems:
        raise _data_error(problems)
    return found


def laws_for_resident(
    laws: list[Law], country: str, region: str | None
) -> tuple[list[Law], list[Law]]:
    """(laws that cover a resident of country/region, laws that apply by company location)."""
    codes = {country} | ({f"{country}-{region}"} if region else set())
    resident = [law for law in laws if codes & set(law.scope.residents_of)]
    by_location = [law for law in laws if law.scope.by_controller_location and law not in resident]
    return resident, by_location


def _parse(path: Path, shown: str, model: type[M]) -> M:
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise _data_error([f"{shown}: cannot read: {exc}"]) from None
    except json.JSONDecodeError as exc:
        raise _data_error([f"{shown}: line {exc.lineno} column {exc.colno}: {exc.msg}"]) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _data_error(validation_lines(shown, exc)) from None


def validation_lines(shown: str, exc: ValidationError) -> list[str]:
    """pydantic errors as ``file: field.path: message``, one per problem."""
    lines = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "(top level)"
        lines.append(f"{shown}: {where}: {err['msg']}")
    return lines


def _data_error(problems: list[str]) -> DataFileError:
    count = len(problems)
    header = f"jurisdiction data is not valid ({count} problem{'s' if count != 1 else ''}):"
    exc = DataFileError("\n".join([header, *problems]), hint="fix the file(s) named above")
    exc.problems = problems  # type: ignore[attr-defined]
    return exc
