"""The company record and the pack: pydantic models with ``extra="forbid"``.

A record is a superset of a Datenanfragen.de record (see ``rights.companies.datenanfragen``
for the mapping): their records import without loss and export back.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from rights.core.categories import CATEGORIES
from rights.core.countries import COUNTRIES
from rights.core.values import ENCODED_WORD_REFUSED, has_encoded_word
from rights.core.vocabulary import ContactChannel

Quality = Literal["tested", "verified", "imported", "scraped"]

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]+@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]+$")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://[^\s/$.?#][^\s]*$", re.IGNORECASE)
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
_REGISTRY = re.compile(r"^[a-z]{2}(?:-[a-z0-9]+)+$")
_LANGUAGE = re.compile(r"^[a-z]{2}$")


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise ValueError("must be lower-case letters, digits and single dashes")
    return value


def _email(value: str) -> str:
    if not _EMAIL.match(value) or has_encoded_word(value):
        raise ValueError(f"{value!r} is not an email address")
    return value


def _url(value: str) -> str:
    if not _URL.match(value):
        raise ValueError(f"{value!r} is not a URL (like https://example.com/privacy)")
    return value


def _domain(value: str) -> str:
    if not _DOMAIN.match(value):
        raise ValueError(f"{value!r} is not a lower-case domain name (like example.com)")
    return value


def _text(value: str) -> str:
    if not value.strip() or value != value.strip():
        raise ValueError("must not be empty or start or end with spaces")
    return value


def _line(value: str) -> str:
    _text(value)
    if any(ord(c) < 32 for c in value):
        raise ValueError("must be one line without control characters")
    return value


def _display_name(value: str) -> str:
    """A company name: one line, and safe as an email display name (no encoded word,
    nothing a mail client would read as an address of its own)."""
    _line(value)
    if has_encoded_word(value):
        raise ValueError(ENCODED_WORD_REFUSED)
    if any(c in value for c in "<>@"):
        raise ValueError(
            "must not contain '<', '>' or '@': a mail client would show it as an address"
        )
    return value


def _country(value: str) -> str:
    if value != "all" and value not in COUNTRIES:
        raise ValueError(f"{value!r} is not 'all' or an ISO 3166-1 alpha-2 code (upper case)")
    return value


def _category(value: str) -> str:
    if value not in CATEGORIES:
        raise ValueError(f"{value!r} is not a category (one of: {', '.join(CATEGORIES)})")
    return value


def _registry(value: str) -> str:
    if not _REGISTRY.match(value):
        raise ValueError(f"{value!r} is not a registry id like ca-2020")
    return value


Slug = Annotated[str, AfterValidator(_slug)]
Email = Annotated[str, AfterValidator(_email)]
Url = Annotated[str, AfterValidator(_url)]
Domain = Annotated[str, AfterValidator(_domain)]
Text = Annotated[str, AfterValidator(_text)]
Line = Annotated[str, AfterValidator(_line)]
DisplayName = Annotated[str, AfterValidator(_display_name)]
Country = Annotated[str, AfterValidator(_country)]
Category = Annotated[str, AfterValidator(_category)]
Registry = Annotated[str, AfterValidator(_registry)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Model):
    """Where (part of) a record came from.

    ``dataset`` names the data set (``datenanfragen``, ``ca-registry-2020``,
    ``markup-optout-2025``, ``ca-registry-2025`` or another CPPA registry file,
    ``eraser-brokers``, ``cvs0-data-brokers``, ``cfpb-consumer-reporting-companies``,
    ``brianreumere-data-brokers``, ``rights-curation``, or ``user``); ``fields`` lists the record
    fields whose values it supplied; ``other`` keeps values it gave that the record does not
    use (a second email, an older opt-out URL, instructions), so nothing is lost on merge.
    """

    dataset: Line
    record: Line | None = None
    url: Url | None = None
    cites: list[Url] = Field(default_factory=list)
    licence: Line | None = None
    date: dt.date | None = None
    fields: list[Line] = Field(default_factory=list)
    other: dict[str, str] = Field(default_factory=dict)


class RequiredElement(_Model):
    """An identity element a company asks for (Datenanfragen ``required-elements``)."""

    desc: str
    type: Literal["input", "textarea", "email", "address", "name", "birthdate"]
    optional: bool | None = None


EU_COUNTRIES = ("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR",
                "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI",
                "SK")  # fmt: skip
REGION_GROUPS: dict[str, tuple[str, ...]] = {
    "EU": EU_COUNTRIES,
    "EEA": (*EU_COUNTRIES, "IS", "LI", "NO"),
}
"""The region names a record's ``controllers`` may use besides ISO country codes."""


def _region(value: str) -> str:
    if value not in REGION_GROUPS and value not in COUNTRIES:
        groups = ", ".join(REGION_GROUPS)
        raise ValueError(f"{value!r} is not a region ({groups}) or an ISO 3166-1 alpha-2 code")
    return value


Region = Annotated[str, AfterValidator(_region)]


class RegionalController(_Model):
    """The entity that is the controller for the people living in some regions, when it is
    not the record's own (Google LLC's record: Google Ireland Limited for the EEA and
    Switzerland). A request from a resident there goes to ``company``, that entity's record."""

    regions: list[Region] = Field(min_length=1, description="ISO codes or EU / EEA.")
    company: Slug = Field(description="The record of the controller in those regions.")
    source: Url = Field(description="Where the company says so (its privacy policy).")

    def covers(self, country: str | None) -> bool:
        """True when a person living in ``country`` (``DE``, ``US-CA``) is in a region."""
        code = (country or "").split("-")[0].strip().upper()
        return bool(code) and any(
            code == region or code in REGION_GROUPS.get(region, ()) for region in self.regions
        )


class Company(_Model):
    """One organisation: how to reach it about personal data, and where we know that from."""

    slug: Slug
    name: DisplayName
    aliases: list[Line] = Field(default_factory=list, description="Other names and DBAs.")
    runs: list[str] = Field(default_factory=list, description="Services and brands it runs.")
    web: Url | None = None
    domains: list[Domain] = Field(default_factory=list)
    address: Text | None = Field(None, description="Postal address, lines split by newlines.")
    email: Email | None = Field(None, description="Privacy contact email.")
    webform: Url | None = Field(None, description="Privacy request web form.")
    opt_out_url: Url | None = None
    download_url: Url | None = Field(None, description="Self-service data download.")
    delete_url: Url | None = Field(None, description="Self-service account/data deletion.")
    policy_url: Url | None = Field(None, description="Privacy policy page (never a form).")
    phone: Line | None = None
    fax: Line | None = None
    bounced_emails: list[Email] = Field(
        default_factory=list,
        description="Addresses a source reports as bouncing: shown, never used as a contact.",
    )
    pgp_fingerprint: Line | None = None
    pgp_url: Url | None = None
    categories: list[Category] = Field(default_factory=list)
    countries: list[Country] = Field(default_factory=list, description="'all' or ISO codes.")
    jurisdictions: list[Line] = Field(default_factory=list, description="Law ids it serves.")
    registries: list[Registry] = Field(default_factory=list)
    required_elements: list[RequiredElement] = Field(default_factory=list)
    needs_id_document: bool | None = None
    channel: ContactChannel | None = Field(None, description="Preferred channel when set.")
    request_language: str | None = None
    custom_access_template: Line | None = None
    custom_erasure_template: Line | None = None
    custom_rectification_template: Line | None = None
    custom_objection_template: Line | None = None
    comments: list[str] = Field(default_factory=list)
    facet_group: Literal["church", "school"] | None = None
    nsfw: bool | None = None
    controllers: list[RegionalController] = Field(
        default_factory=list,
        description="Per region, the entity that is the controller there (another record).",
    )
    sources: list[Source] = Field(min_length=1)
    quality: Quality
    last_verified: dt.date | None = None

    @field_validator("request_language")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is not None and not _LANGUAGE.match(value):
            raise ValueError(f"{value!r} is not an ISO 639-1 code (like de, en)")
        return value

    @field_validator(
        "categories", "countries", "registries", "domains", "aliases", "bounced_emails"
    )
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("must not repeat an item")
        return value

    def effective_channel(self) -> str:
        """The channel to use: the preferred one, else email, web form, letter, in that order."""
        if self.channel:
            return self.channel
        if self.email:
            return "email"
        if self.webform:
            return "webform"
        return "letter"

    def controller_for(self, country: str | None) -> RegionalController | None:
        """The regional controller for a person living in ``country`` (None: this record)."""
        return next((c for c in self.controllers if c.covers(country)), None)

    def contact_addresses(self) -> list[str]:
        """Every address a request could go to (email, web form, opt-out URL...)."""
        found = [self.email, self.webform, self.opt_out_url, self.delete_url, self.fax]
        return [a for a in found if a]

    def to_json(self) -> dict[str, object]:
        """The record as stored in ``companies/<slug>.json`` (unset fields left out)."""
        data: dict[str, object] = self.model_dump(mode="json", exclude_defaults=True)
        return data


class Pack(_Model):
    """A named list of company slugs (``companies/packs/<name>.json``)."""

    name: Slug
    title: Line
    description: Text
    companies: list[Slug] = Field(min_length=1)
    choose: bool = False  # offer the companies to pick from, instead of adding them all
    sources: list[Line] = Field(default_factory=list)

    @field_validator("companies")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("must not repeat a slug")
        return value


def format_errors(label: str, exc: Exception) -> list[str]:
    """A pydantic ValidationError as ``label: field.path: message`` lines."""
    from pydantic import ValidationError

    if not isinstance(exc, ValidationError):
        return [f"{label}: {exc}"]
    lines = []
    for problem in exc.errors():
        path = ".".join(str(p) for p in problem["loc"]) or "(record)"
        lines.append(f"{label}: {path}: {problem['msg']}")
    return lines
