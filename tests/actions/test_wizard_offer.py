"""What the wizard offers: only rights a law gives against the chosen companies, only the
channels their records (and the person's address) allow; a long batch summed up."""

from __future__ import annotations

import datetime as dt

import pytest

from rights.actions import wizard_offer as offer
from rights.actions.batch import Result
from rights.companies import index
from rights.companies.lookup import find
from rights.core.case import Case
from rights.core.identity import Identity
from rights.errors import InputError
from rights.law.load import data_folder, load_laws
from rights.paths import shipped

TODAY = dt.date(2026, 11, 26)
CALIFORNIAN = Identity(full_name="Dana Whitfield", emails=["dana@example.org"], country="US",
                       region="CA")  # fmt: skip


@pytest.fixture(scope="module")
def company():
    directory = index.load(shipped("companies"))
    return lambda slug: find(slug, folder=shipped("companies"), directory=directory, mine=[])


def test_a_right_no_law_gives_is_not_offered(company):
    offers = offer.rights_offered(load_laws(data_folder()), CALIFORNIAN, [company("google")],
                                  TODAY)  # fmt: skip
    rights = [o.right for o in offers]
    assert "access" in rights and "deletion" in rights
    assert "withdraw-consent" not in rights  # the CCPA grants none
    assert all(o.law_of == {"google": "ccpa"} for o in offers)


def test_a_right_only_some_companies_take_says_how_many(company):
    chosen = [company("a1-austria"), company("ableton")]  # GDPR binds A1 Austria, not Ableton
    offers = {o.right: o for o in offer.rights_offered(load_laws(data_folder()), CALIFORNIAN,
                                                       chosen, TODAY)}  # fmt: skip
    consent = offers["withdraw-consent"]
    assert [c.slug for c in consent.companies] == ["a1-austria"]
    assert consent.label.endswith("1 of 2 companies")
    assert offers["access"].law_of == {"a1-austria": "gdpr", "ableton": "ccpa"}


def test_post_is_offered_only_with_both_addresses(company):
    post_only = company("a1-austria")  # its record has a postal address and nothing else
    assert offer.usable_channels(post_only, has_address=False) == []
    assert offer.usable_channels(post_only, has_address=True) == ["pdf"]
    email_only = company("ableton")
    assert offer.usable_channels(email_only, has_address=True) == ["email", "eml"]


def test_the_channel_question_offers_only_what_some_company_takes(company):
    chosen = [company("a1-austria"), company("ableton")]
    without = dict(offer.channel_options(chosen, has_address=False, smtp_ready=False))
    assert set(without) == {"", "eml"}  # no PDF without an address, no web form, no SMTP
    assert "1 of 2" in without["eml"]
    with_address = dict(offer.channel_options(chosen, has_address=True, smtp_ready=True))
    assert set(with_address) == {"", "email", "eml", "pdf"}


def test_routes_never_post_without_the_persons_address(company):
    chosen = [company("a1-austria"), company("ableton")]
    routes = offer.route(chosen, "pdf", has_address=False)
    assert [c.slug for c, _ in routes.unreachable] == ["a1-austria"]
    assert "post only" in routes.unreachable[0][1]
    assert {k: [c.slug for c in v] for k, v in routes.groups.items()} == {None: ["ableton"]}
    routes = offer.route(chosen, "pdf", has_address=True)
    assert {k: [c.slug for c in v] for k, v in routes.groups.items()} == {
        "pdf": ["a1-austria"], None: ["ableton"]}  # fmt: skip
    assert routes.via_of == {"a1-austria": "pdf", "ableton": "email"}


def test_brokers_are_the_records_drop_reaches(company):
    chosen = [company("spokeo"), company("google"), company("experian-information-solutions")]
    assert [c.slug for c in offer.brokers(chosen)] == ["spokeo", "experian-information-solutions"]


def _result(n: int, law: str, via: str) -> Result:
    case = Case(ref=f"R-{n:04d}", company=f"c{n}", company_name=f"C{n}", right="access",
                law=law, lang="en", via=via)  # fmt: skip
    return Result(company=f"c{n}", case=case)


def test_a_long_batch_is_counted_per_law_channel_and_status():
    results = [_result(n, "ccpa" if n % 3 else "gdpr", "eml" if n % 2 else "webform")
               for n in range(30)]  # fmt: skip
    results += [Result(company=f"x{n}", error=InputError("no usable contact")) for n in range(4)]
    lines = offer.results_summary(results)
    assert lines[0] == "30 request(s) created, 0 already open, 4 skipped"
    assert lines[1] == "by law: ccpa 20, gdpr 10"
    assert lines[2] == "by channel: webform 15, eml 15"
    assert lines[3] == "by status: draft 30"
    assert lines[4] == "skipped (4): no usable contact"
    assert len(lines) == 5  # not one line per company
