"""Sector laws: a law that reaches only some companies (the FCRA: consumer reporting
agencies) and, for the rights it grants, comes before the general privacy laws (the CCPA
exempts FCRA data, Civ. Code §1798.145(d)). The law file says which companies (``scope.
companies``); this module only matches a directory record against it (PURE)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from rights.law.facts import Fact

if TYPE_CHECKING:
    from rights.core.company import Company


class CompanyScope(BaseModel):
    """The companies a sector law reaches, and why it comes first for them.

    A record is reached when it has one of ``categories`` and either a source from one of
    ``datasets`` (id -> how the reason names it: the CFPB list of consumer reporting
    companies) or one of ``home_categories`` with its home in one of ``home_countries`` (a US
    credit agency). ``kind`` names such a company in reasons ("a consumer reporting agency");
    ``reason`` says why the law comes before the general ones.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kind: str = Field(min_length=1)
    categories: list[str] = Field(min_length=1)
    datasets: dict[str, str] = Field(default_factory=dict)
    home_categories: list[str] = Field(default_factory=list)
    home_countries: list[str] = Field(default_factory=list)
    reason: Fact


def evidence(scope: CompanyScope, company: Company, home: str | None) -> str | None:
    """Why ``company`` is one of the companies ``scope`` reaches ("on the CFPB list of
    consumer reporting companies"), or None when its record does not show it is one."""
    categories = set(company.categories)
    if not categories & set(scope.categories):
        return None
    for source in company.sources:
        if source.dataset in scope.datasets:
            return scope.datasets[source.dataset]
    if home in scope.home_countries and categories & set(scope.home_categories):
        kinds = ", ".join(sorted(categories & set(scope.home_categories)))
        return f"a {kinds} established in {home}"
    return None


def in_sector(scope: CompanyScope, company: Company) -> bool:
    """True when the record has one of the sector's categories (whether or not it is
    shown to be one of the companies the law reaches)."""
    return bool(set(company.categories) & set(scope.categories))
