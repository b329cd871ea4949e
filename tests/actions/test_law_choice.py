"""The law follows the company as well as the person (issue 12, point 1).

GDPR Art. 3(1): the Regulation applies to the processing of personal data in the context of
the activities of an establishment of a controller in the Union, regardless of where the data
subject is (https://eur-lex.europa.eu/eli/reg/2016/679/oj, Art. 3(1)). The CCPA binds a
business that does business in California (Cal. Civ. Code §1798.140(d)(1)); a German credit
agency that serves Germany only does not.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rights.core.company import Company
from rights.core.identity import Identity
from rights.errors import InputError
from rights.law import load
from rights.law.choice import choose_law, company_home

TODAY = dt.date(2026, 12, 3)


def _company(slug: str) -> Company:
    root = Path(__file__).resolve().parents[2] / "companies"
    return Company.model_validate_json((root / f"{slug}.json").read_text(encoding="utf-8"))


def _person(country: str, region: str | None = None) -> Identity:
    return Identity(full_name="A. Person", country=country, region=region)


@pytest.fixture(scope="module")
def laws():
    return load.load_laws(load.data_folder())


@pytest.mark.parametrize("slug", ["schufa", "ksv1870", "crif-it", "csob"])
def test_a_californian_writing_to_an_eu_company_gets_the_gdpr(laws, slug):
    """GDPR Art. 3(1): an EU-established controller is bound whoever the person is; the CCPA
    does not reach a company that does not do business in California (§1798.140(d))."""
    choice = choose_law(laws, _person("US", "CA"), _company(slug), "access", None, TODAY)
    assert choice.value == "gdpr", choice
    assert "established in" in choice.reason
    ccpa = [a for a in choice.alternatives if a.law == "ccpa"]
    assert ccpa and not ccpa[0].applies and "does not serve" in ccpa[0].reason


def test_a_californian_writing_to_a_uk_company_gets_the_uk_gdpr(laws):
    """UK GDPR Art. 3(1) (controllers established in the UK)."""
    choice = choose_law(laws, _person("US", "CA"), _company("experian-gb"), "access", None,
                        TODAY)  # fmt: skip
    assert choice.value == "uk-gdpr"


def test_a_us_company_gets_the_persons_state_law(laws):
    choice = choose_law(laws, _person("US", "CA"), _company("google"), "access", None, TODAY)
    assert choice.value == "ccpa" and "you live in US-CA" in choice.reason


def test_the_company_home_comes_from_its_address():
    assert company_home(_company("paypal")) == "LU"  # the record lists DE as served
    assert company_home(_company("schufa")) == "DE"
    assert company_home(_company("google")) == "US"


def test_an_explicit_law_that_cannot_apply_is_refused(laws):
    with pytest.raises(InputError) as err:
        choose_law(laws, _person("DE"), _company("schufa"), "access", "ccpa", TODAY)
    assert "--law ccpa cannot apply to SCHUFA Holding AG" in err.value.message
    assert err.value.hint == "laws that can: gdpr"


def test_the_cli_shows_the_choice_and_refuses_ccpa_for_a_berliner(berlin, tmp_path):
    args = ("request", "new", "--company", "schufa", "--right", "access", "--via", "text",
            "--out", str(tmp_path))  # fmt: skip
    refused = berlin(*args, "--law", "ccpa")
    assert refused.code == 3, refused.err
    assert "error: no request created: --law ccpa cannot apply" in refused.err
    assert "hint: laws that can: gdpr" in refused.err
    assert berlin("list", "--json").out.strip() == "[]"
    made = berlin(*args, "--json")
    assert made.code == 0, made.err
    (req,) = json.loads(made.out)
    assert req["law"] == "gdpr" and "established in DE" in req["law_reason"]
    assert {"law": "gdpr", "applies": True, "reason": req["law_reason"]} in req["law_alternatives"]
    shown = berlin(*args, "--again")
    assert "gdpr: SCHUFA Holding AG is established in DE" in shown.err
