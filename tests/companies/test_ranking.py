"""Ranking that finds the firm a person means (issue 13, "Find"): joined and split names,
ties on a shared domain, the person's country first, and a floor under typo-only matches.

The shipped cases use records that exist today; the general rules are checked on small
fixture directories built from real ``Company`` records, so no rule depends on a name.
"""

from __future__ import annotations

import pytest

from rights.companies import index
from rights.companies.index import Directory, line_of, served_countries
from rights.companies.search import rank, search
from rights.core.company import Company, Source
from rights.paths import shipped


@pytest.fixture(scope="module")
def shipped_dir() -> Directory:
    return index.load(shipped("companies"))


def record(slug: str, name: str, **fields: object) -> Company:
    return Company.model_validate(
        {"slug": slug, "name": name, "sources": [Source(dataset="test")], "quality": "imported"}
        | fields
    )


def directory_of(*companies: Company) -> Directory:
    return Directory([line_of(c) for c in companies])


def first(d: Directory, query: str, **options: object) -> str:
    hits = search(d, query, limit=5, **options)  # type: ignore[arg-type]
    assert hits, f"nothing found for {query!r}"
    return hits[0].entry.slug


# 1. joined and split names
@pytest.mark.parametrize("query", ["transunion", "trans union", "TransUnion", "Trans Union LLC"])
def test_joined_and_split_names_find_trans_union_first(shipped_dir, query):
    assert first(shipped_dir, query) == "trans-union"


def test_a_joined_query_finds_a_split_name_on_fixtures():
    d = directory_of(
        record("north-wind", "North Wind LLC", countries=["US"]),
        record("northwind-digital", "Northwind Digital Inc.", countries=["US"]),
    )
    assert first(d, "north wind") == "north-wind"
    assert first(d, "northwind") == "north-wind"  # the exact name, joined, beats a longer one
    assert first(d, "northwind digital") == "northwind-digital"


# 2. ties on a shared domain
def test_a_shared_domain_goes_to_the_name_that_starts_with_its_label(shipped_dir):
    assert first(shipped_dir, "equifax.com") == "equifax-information-services"
    d = directory_of(
        record("zed", "Zed Co", domains=["acmedata.com"], countries=["US"]),
        record("acme-data-services", "Acme Data Services Inc", domains=["acmedata.com"]),
    )
    assert first(d, "acmedata.com") == "acme-data-services"
    assert first(d, "https://www.acmedata.com/privacy") == "acme-data-services"


# 3. the person's country
@pytest.mark.parametrize(
    ("query", "country", "slug"),
    [
        ("experian", "US", "experian-information-solutions"),
        ("experian", "GB", "experian-gb"),
        ("equifax", "US", "equifax-information-services"),
        ("equifax", "GB", "equifax-gb"),
        ("transunion", "US", "trans-union"),
    ],
)
def test_the_persons_country_ranks_first(shipped_dir, query, country, slug):
    assert first(shipped_dir, query, near=country) == slug
    assert first(shipped_dir, query, country=country) == slug  # --country filters and ranks


def test_where_a_record_serves_comes_from_countries_registries_or_address():
    assert served_countries(record("a", "A", countries=["DE", "AT"])) == ["DE", "AT"]
    assert served_countries(record("b", "B", countries=["all"])) == ["all"]
    assert served_countries(record("c", "C", registries=["ca-2025"])) == ["US"]
    assert served_countries(record("d", "D", address="1 High St\nLondon\nUnited Kingdom")) == ["GB"]
    assert served_countries(record("e", "E", address="Hauptstr. 1\n10115 Berlin\nDeutschland")) == [
        "DE"
    ]
    assert served_countries(record("f", "F")) == []


def test_a_derived_country_ranks_and_filters():
    d = directory_of(
        record("orbit-gb", "Orbit Ltd", address="1 High St\nLondon\nUnited Kingdom"),
        record("orbit-data", "Orbit Data Solutions LLC", registries=["ca-2025"]),
    )
    assert first(d, "orbit") == "orbit-gb"
    assert first(d, "orbit", near="US") == "orbit-data"
    assert [h.entry.slug for h in search(d, "orbit", country="US")] == ["orbit-data"]


def test_a_weak_match_in_the_country_does_not_jump_a_good_one_elsewhere():
    d = directory_of(
        record("zenith-gb", "Zenith Ltd", countries=["GB"]),
        record("other-us", "Other Corp", domains=["zenith.com"], countries=["US"]),
    )
    assert first(d, "zenith", near="US") == "zenith-gb"


# 4. a floor under typo-only matches
@pytest.mark.parametrize(
    ("query", "wrong"), [("innovis", "innovid"), ("clarity services", "binance")]
)
def test_typo_only_matches_are_suggestions_not_hits(shipped_dir, query, wrong):
    found = rank(shipped_dir, query, limit=5)
    assert wrong not in [h.entry.slug for h in found.hits]
    assert wrong not in [h.entry.slug for h in search(shipped_dir, query, limit=5)]
    if query == "innovis":  # the directory now has Innovis itself (CFPB, eraser)
        assert found.hits and found.hits[0].entry.slug == "innovis"


def test_a_typo_is_a_suggestion_and_a_real_word_a_hit():
    d = directory_of(
        record("lumen-data", "Lumen Data Inc", countries=["US"]),
        record("lumex", "Lumex Corp", countries=["US"]),
    )
    found = rank(d, "lumin")
    assert found.hits == [] and [h.entry.slug for h in found.did_you_mean] == ["lumen-data"]
    found = rank(d, "lumen")
    assert [h.entry.slug for h in found.hits] == ["lumen-data"]
    found = rank(d, "lumen daat")  # one typo beside an exact word clears the floor
    assert [h.entry.slug for h in found.hits] == ["lumen-data"]


def test_a_record_serving_all_countries_serves_the_persons_too():
    d = directory_of(
        record("wealth-y", "Wealth Y Inc", countries=["US"]),
        record("y-corp", "Y Corp", aliases=["Y"], countries=["all"]),
    )
    assert first(d, "y", near="US") == "y-corp"  # the exact name, not a word of another


def test_a_record_naming_the_persons_country_beats_one_serving_all():
    """A whole-name or alias match naming the person's country ranks above one serving ``all``
    (a Londoner's "transunion" is TransUnion UK, not the US bureau that serves all)."""
    d = directory_of(
        record("orbit-us", "Orbit LLC", countries=["US", "all"]),
        record("orbit-gb", "Orbit Information Group Ltd", aliases=["Orbit"], countries=["GB"]),
    )
    assert first(d, "orbit", near="GB") == "orbit-gb"
    assert first(d, "orbit", near="US") == "orbit-us"
    assert first(d, "orbit", near="DE") == "orbit-us"  # serving all: the better match
