"""Search over the real shipped index: exact domain and slug first, typos found, filters."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rights.companies import index
from rights.companies.index import line_of
from rights.companies.search import distance, letters_apart, rank, search
from rights.core.company import Company, Source
from rights.paths import shipped


def record(slug: str, name: str, countries: list[str]) -> Company:
    return Company.model_validate(
        {
            "slug": slug,
            "name": name,
            "countries": countries,
            "quality": "imported",
            "sources": [Source(dataset="test")],
        }
    )


@pytest.fixture(scope="module")
def directory():
    return index.load(shipped("companies"))


def slugs(hits):
    return [h.entry.slug for h in hits]


def test_an_exact_domain_ranks_first(directory):
    hits = search(directory, "google.com", limit=5)
    assert hits[0].entry.slug == "google" and hits[0].score == 100.0
    assert (
        search(directory, "https://www.zoominfo.com/privacy", limit=1)[0].entry.slug == "zoominfo"
    )


def test_an_exact_slug_ranks_first(directory):
    assert slugs(search(directory, "acxiom-gb", limit=3))[0] == "acxiom-gb"


@pytest.mark.parametrize(
    ("typo", "slug"),
    [
        ("gogle", "google"),
        ("spokoe", "spokeo"),
        ("whitepagse", "whitepages"),
        ("equifx", "equifax-gb"),
        ("experain", "experian-gb"),
    ],
)
def test_typos_are_found(directory, typo, slug):
    """A one-word typo is offered as "did you mean", not as a hit (issue 13: a floor)."""
    found = rank(directory, typo, limit=5)
    assert slug in slugs(found.did_you_mean) and slug not in slugs(found.hits)


def test_names_aliases_and_services_are_searched(directory):
    assert slugs(search(directory, "white pages", limit=1)) == ["whitepages"]
    assert "google" in slugs(search(directory, "YouTube", limit=3))
    assert slugs(search(directory, "VDX.tv", limit=1)) == ["exponential-com"]


def test_filters_and_limit(directory):
    hits = search(directory, "", category="people-search", limit=1000)
    assert "spokeo" in slugs(hits) and all("people-search" in h.entry.categories for h in hits)
    de = search(directory, "amazon", country="DE", limit=50)
    assert "amazon-de" in slugs(de) and "amazon-fr" not in slugs(de)
    reg = search(directory, "experian", registry="ca-2020", limit=10)
    assert reg and all(any(r == "ca-2020" for r in h.entry.registries) for h in reg)
    assert len(search(directory, "bank", limit=3)) == 3


def test_nothing_matches_nonsense(directory):
    assert search(directory, "zzqxjv") == []


def test_distance_counts_edits_and_transpositions():
    assert distance("spokeo", "spokoe", 2) == 1
    assert distance("kitten", "sitting", 3) == 3
    assert distance("abc", "xyz", 1) == 2


@settings(max_examples=300, deadline=None)
@given(st.text("abcde", max_size=9), st.text("abcde", max_size=9))
def test_the_letter_count_bound_never_exceeds_the_edit_distance(a, b):
    """The cheap bound that skips most typo candidates may only skip true non-matches."""
    limit = max(len(a), len(b)) + 1
    assert letters_apart(a, b) <= distance(a, b, limit)


def test_a_short_name_found_past_many_occurrences_of_its_letters():
    """An exact one-letter name is found wherever its line is (no scan limit)."""
    lines = [line_of(record(f"xa-{n}", f"Xa{n} Xylo Box", ["US"])) for n in range(600)]
    d = index.Directory([*lines, line_of(record("ex", "X", ["US"]))])
    assert slugs(search(d, "x", limit=3))[0] == "ex"


QUERIES = ["google.com", "acxiom", "gogle", "white pages", "experain", "transunion", "x",
           "equifax.com", "deutsche bahn", "meta", "credit", "acxiom-gb", "zzqxjv"]  # fmt: skip


def ranked(d, q):
    found = rank(d, q, near="US", limit=20)
    return [(h.entry.slug, h.score) for h in [*found.hits, *found.did_you_mean]]


@pytest.mark.parametrize("query", QUERIES)
def test_the_stored_tables_rank_as_tables_built_from_the_lines(directory, query):
    """The postings shipped in the index file give what the lines themselves give."""
    assert ranked(directory, query) == ranked(index.Directory(list(directory.lines)), query)


def test_the_users_records_layer_over_the_shipped_tables(directory):
    """A user's record replacing a shipped one and a new one: the layered tables rank as
    a directory built from the same lines."""
    mine = [
        record("acxiom-gb", "Acxiom Ltd Own Copy", ["GB"]),
        record("my-gym", "Gogle Fitness Club", ["US"]),
    ]
    layered = directory.with_user(mine)
    plain = index.Directory(list(layered.lines))
    assert layered.get("acxiom-gb").mine and len(layered) == len(directory) + 1
    for q in [*QUERIES, "own copy", "fitness", "gogle fitness"]:
        assert ranked(layered, q) == ranked(plain, q), q
