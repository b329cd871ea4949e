"""``rights companies search`` ranking by the person's country, "did you mean", and
``rights companies show`` with every field (issue 13, "Find")."""

import json

import pytest


def first(cli, *args):
    r = cli("companies", "search", *args, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)[0]["slug"]


def test_country_option_ranks_and_filters(cli):
    assert first(cli, "experian", "--country", "US") == "experian-information-solutions"
    assert first(cli, "experian", "--country", "GB") == "experian-gb"


@pytest.mark.parametrize(
    ("country", "region", "slug"),
    [("US", "CA", "experian-information-solutions"), ("GB", "ENG", "experian-gb")],
)
def test_the_profiles_country_ranks_first(cli, passphrase_env, country, region, slug):
    """The profile's country ranks when the store is read: --mine, or records of one's own;
    --near ranks without reading it."""
    assert cli("init").code == 0
    r = cli("profile", "edit", "--country", country, "--region", region)
    assert r.code == 0, r.err
    assert first(cli, "experian", "--mine") == slug
    assert first(cli, "experian", "--near", country) == slug
    r = cli("companies", "search", "experian", "--json", "--no-mine")
    assert json.loads(r.out)[0]["slug"] == "experian-gb"  # no profile read: by score alone
    r = cli("companies", "search", "experian", "--json")  # no records of one's own: not read
    assert json.loads(r.out)[0]["slug"] == "experian-gb"
    r = cli("companies", "add", "--name", "Acme Data LLC", "--email", "privacy@acme.example")
    assert r.code == 0, r.err
    assert first(cli, "experian") == slug  # now the store is read, and its country ranks


def test_near_takes_a_country_code(cli):
    r = cli("companies", "search", "experian", "--near", "Narnia")
    assert r.code != 0 and "not an ISO 3166-1 alpha-2 code" in r.err


def test_typo_only_matches_are_did_you_mean_not_hits(cli):
    r = cli("companies", "search", "innovid", "--json")
    assert r.code == 0 and "innovis" not in [h["slug"] for h in json.loads(r.out)]
    r = cli("companies", "search", "inovid", "--json")
    assert r.code == 0 and json.loads(r.out) == []  # the hit list keeps its shape
    assert "did you mean: Innovid, Inc. (innovid)" in r.err
    r = cli("companies", "search", "gogle")
    assert r.code == 0 and r.out == ""
    assert "no company matches 'gogle'" in r.err and "did you mean: Google LLC (google)" in r.err


def test_show_lists_each_source_once_and_every_field(cli):
    """trans-union.json holds two ca-registry-2020 sources (two registry rows merged)."""
    r = cli("companies", "show", "trans-union", "--no-mine")
    assert r.code == 0, r.err
    labels = [line.split(":", 1)[0] for line in r.out.splitlines()]
    sources = [line for line in r.out.splitlines() if line.startswith("source:")]
    datasets = [line.split(":", 1)[1].split()[0] for line in sources]
    assert len(datasets) == len(set(datasets)) >= 3 and "ca-registry-2020" in datasets
    assert {"home page", "email", "registries", "last verified", "quality"} <= set(labels)
