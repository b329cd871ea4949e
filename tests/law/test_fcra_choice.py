"""The law choice picks the FCRA for a consumer reporting agency (issue 14 point 1): the CCPA
exempts personal information a consumer reporting agency handles under the FCRA (Cal. Civ.
Code §1798.145(d), law-fcra section 1), so a letter about the credit file cites the FCRA; the
rights the FCRA does not give (deletion, opt-out) keep the state law."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rights.core.company import Company
from rights.core.identity import Identity
from rights.errors import InputError
from rights.law import load
from rights.law.choice import choose_law

TODAY = dt.date(2026, 12, 3)
EXEMPT = "CCPA exempts FCRA data, Civ. Code §1798.145(d)"


def _company(slug: str) -> Company:
    root = Path(__file__).resolve().parents[2] / "companies"
    return Company.model_validate_json((root / f"{slug}.json").read_text(encoding="utf-8"))


def _person(country: str, region: str | None = None) -> Identity:
    return Identity(full_name="A. Person", country=country, region=region)


@pytest.fixture(scope="module")
def laws():
    return load.load_laws(load.data_folder())


@pytest.mark.parametrize("right", ["access", "correction", "explain", "rectification"])
def test_a_californian_gets_the_fcra_for_a_nationwide_bureau(laws, right):
    company = _company("experian-information-solutions")
    choice = choose_law(laws, _person("US", "CA"), company, right, None, TODAY)
    assert choice.value == "fcra", choice
    assert EXEMPT in choice.reason
    assert "is a consumer reporting agency (on the CFPB list" in choice.reason
    assert choice.options[0] == "fcra"
    alternatives = {a.law: a for a in choice.alternatives}
    assert "ccpa" in alternatives  # still listed, below the FCRA


@pytest.mark.parametrize("right", ["deletion", "opt-out"])
def test_rights_the_fcra_does_not_give_keep_the_state_law(laws, right):
    choice = choose_law(laws, _person("US", "CA"), _company("trans-union"), right, None, TODAY)
    assert choice.value == "ccpa"
    fcra = next(a for a in choice.alternatives if a.law == "fcra")
    assert not fcra.applies and f"gives no right {right!r}" in fcra.reason


def test_a_specialty_agency_on_the_cfpb_list(laws):
    choice = choose_law(laws, _person("US", "TX"), _company("chex-systems"), "access", None,
                        TODAY)  # fmt: skip
    assert choice.value == "fcra"


def test_a_scorer_on_the_cfpb_list_without_the_credit_category(laws):
    choice = choose_law(laws, _person("US", "NY"), _company("pinwheel"), "correction", None,
                        TODAY)  # fmt: skip
    assert choice.value == "fcra"


def test_a_us_credit_agency_not_on_the_list_counts_too(laws):
    base = _company("experian-information-solutions")
    sources = [s for s in base.sources if s.dataset != "cfpb-consumer-reporting-companies"]
    company = base.model_copy(update={"sources": sources})
    choice = choose_law(laws, _person("US", "CA"), company, "access", None, TODAY)
    assert choice.value == "fcra"
    assert "a credit-agency established in US" in choice.reason


def test_a_scorer_that_is_not_shown_to_be_an_agency_keeps_the_state_law(laws):
    """A US "scoring" record that is on no CFPB list and is not a credit agency."""
    base = _company("pinwheel")
    company = base.model_copy(update={"sources": [
        s.model_copy(update={"dataset": "user"}) for s in base.sources
    ]})  # fmt: skip
    choice = choose_law(laws, _person("US", "CA"), company, "access", None, TODAY)
    assert choice.value == "ccpa"
    fcra = next(a for a in choice.alternatives if a.law == "fcra")
    assert not fcra.applies and "not shown to be a consumer reporting agency" in fcra.reason


def test_a_company_outside_the_sector_never_lists_the_fcra(laws):
    choice = choose_law(laws, _person("US", "CA"), _company("google"), "access", None, TODAY)
    assert choice.value == "ccpa"
    assert "fcra" not in {a.law for a in choice.alternatives}


def test_an_eu_bureau_keeps_the_gdpr_for_a_californian(laws):
    choice = choose_law(laws, _person("US", "CA"), _company("schufa"), "explain", None, TODAY)
    assert choice.value == "gdpr"
    fcra = next(a for a in choice.alternatives if a.law == "fcra")
    assert not fcra.applies


def test_a_berliner_writing_to_a_us_bureau_does_not_get_the_fcra(laws):
    """The FCRA protects US consumers: a resident of Germany is not offered it."""
    company = _company("experian-information-solutions")
    with pytest.raises(InputError):
        choose_law(laws, _person("DE", "BE"), company, "access", "fcra", TODAY)


def test_a_resident_of_a_state_without_a_privacy_law_still_gets_the_fcra(laws):
    choice = choose_law(laws, _person("US", "AZ"), _company("equifax-information-services"),
                        "access", None, TODAY)  # fmt: skip
    assert choice.value == "fcra"


def test_explicit_fcra_for_a_company_outside_the_sector_is_refused(laws):
    with pytest.raises(InputError) as err:
        choose_law(laws, _person("US", "CA"), _company("google"), "access", "fcra", TODAY)
    assert "--law fcra cannot apply" in err.value.message
    assert "reaches only a consumer reporting agency" in err.value.message
    assert "ccpa" in (err.value.hint or "")


def test_explicit_ccpa_for_a_bureau_is_still_allowed(laws):
    """Non-FCRA data (marketing lists) can still fall under the CCPA (law-fcra section 1)."""
    company = _company("experian-information-solutions")
    choice = choose_law(laws, _person("US", "CA"), company, "access", "ccpa", TODAY)
    assert choice.value == "ccpa"
