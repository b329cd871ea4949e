"""``rights scores``: who may score a Californian and a Berliner, the --json shape, the
situation filter, bad input, and the 80-column table."""

from __future__ import annotations

import json

import pytest

from rights.law.load import data_folder, load_laws

US_BUREAUS = ("equifax-information-services", "experian-information-solutions", "trans-union")
US_MUST = (*US_BUREAUS, "chex-systems", "early-warning-services", "innovis",
           "lexisnexis-risk-solutions", "theretailequation-com")  # fmt: skip
ITEM_KEYS = {"country", "law", "name", "reason", "rights", "situation", "situations", "slug",
             "unavailable"}  # fmt: skip
RIGHT_KEYS = {"citation", "law", "reason", "right"}


@pytest.fixture
def californian(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
            "--address", "1 Main St, Sacramento, CA 95814", "--country", "US", "--region", "CA")  # fmt: skip
    assert r.code == 0, r.err
    return cli


@pytest.fixture
def berlin(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
            "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def listed(cli, *args: str) -> dict[str, dict]:
    r = cli("scores", *args, "--json")
    assert r.code == 0, r.err
    items = json.loads(r.out)
    return {item["slug"]: item for item in items}


def test_california_lists_the_bureaus_and_specialty_agencies(californian):
    items = listed(californian)
    for slug in US_MUST:
        assert slug in items, slug
    assert any(i["situation"] == "renting" for i in items.values())  # a tenant screener
    assert items["saferent-solutions"]["situation"] == "renting"
    assert items["checkr"]["situation"] == "job"  # an employment screener
    assert items["chex-systems"]["situation"] == "banking"
    assert items["theretailequation-com"]["situations"] == ["shopping"]
    assert "CFPB" in items["chex-systems"]["reason"]
    for slug in US_BUREAUS:  # the US entities, first in the list
        assert items[slug]["country"] == "US"
    assert list(items)[:3] == sorted(US_BUREAUS, key=lambda s: items[s]["name"].lower())
    assert all(i["law"] for i in items.values())  # every firm has a law for some right
    (contest,) = [u for u in items["equifax-information-services"]["unavailable"]
                  if u["right"] == "contest"]  # fmt: skip
    assert "CCPA" in contest["reason"]  # why: the law considered, and what it lacks


@pytest.mark.skipif(
    "fcra" not in {law.id for law in load_laws(data_folder())},
    reason="waits for the fcra law file (issue 14, law part)",
)
def test_california_consumer_reporting_agencies_get_fcra(californian):
    items = listed(californian)
    for slug in (*US_BUREAUS, "chex-systems", "early-warning-services", "innovis"):
        access = next(r for r in items[slug]["rights"] if r["right"] == "access")
        assert items[slug]["law"] == "fcra", slug
        assert access["law"] == "fcra"
        assert "1798.145" in access["reason"]
    (contest,) = [u for u in items["trans-union"]["unavailable"] if u["right"] == "contest"]
    assert "CCPA is not in force yet" in contest["reason"]  # the ADMT rules: from 2027


@pytest.mark.skipif(
    "fcra" not in {law.id for law in load_laws(data_folder())},
    reason="waits for the explain and contest rights in the law files (issue 14, law part)",
)
def test_california_contest_from_2027(californian, monkeypatch):
    monkeypatch.setenv("RIGHTS_TODAY", "2027-01-04")
    items = listed(californian, "--situation", "credit")
    rights = {r["right"]: r for r in items["equifax-information-services"]["rights"]}
    assert rights["contest"]["law"] == "ccpa"
    assert "7221" in rights["contest"]["citation"]
    assert rights["explain"]["law"] == "fcra"


def test_berlin_lists_schufa_under_the_gdpr(berlin):
    items = listed(berlin)
    schufa = items["schufa"]
    assert schufa["law"] == "gdpr"
    assert schufa["situation"] == "credit"
    assert "C-634/21" in schufa["reason"]
    access = next(r for r in schufa["rights"] if r["right"] == "access")
    assert access == {
        "citation": "Art. 15 GDPR",
        "law": "gdpr",
        "reason": "SCHUFA Holding AG is established in DE, where GDPR binds it whoever you are",
        "right": "access",
    }
    assert {"crifbuergel", "infoscore", "demda"} <= set(items)
    assert items["demda"]["situation"] == "renting"
    assert "equifax-information-services" not in items  # the CFPB list is for US residents


def test_json_shape(berlin):
    r = berlin("scores", "--situation", "credit", "--json")
    assert r.code == 0, r.err
    items = json.loads(r.out)
    assert items, "no firm listed"
    for item in items:
        assert set(item) == ITEM_KEYS | {"version"}  # each object of the list: contract 2
        assert item["situation"] == "credit"
        for right in item["rights"]:
            assert set(right) == RIGHT_KEYS
            assert right["law"] and right["citation"]
        for missing in item["unavailable"]:
            assert set(missing) == {"reason", "right"}
        assert {r["right"] for r in item["rights"]} | {m["right"] for m in item["unavailable"]} == {
            "access", "explain", "contest", "correction"}  # fmt: skip
    assert r.out == json.dumps(items, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_situation_filter_keeps_only_those_situations(californian):
    items = listed(californian, "--situation", "renting,job")
    assert items
    assert all(set(i["situations"]) <= {"renting", "job"} for i in items.values())
    assert "equifax-information-services" not in items  # credit only
    assert items["experian-information-solutions"]["situations"] == ["renting", "job"]
    assert "chex-systems" not in items


def test_country_and_region_override_the_profile(californian):
    items = listed(californian, "--country", "DE", "--region", "BE")
    assert items["schufa"]["law"] == "gdpr"
    assert "chex-systems" not in items


def test_table_fits_80_columns(californian, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")  # a terminal of 80 columns (piped, cells stay whole)
    r = californian("scores")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert lines[0].split() == ["COMPANY", "SITUATION", "LAW", "RIGHTS"]
    assert max(len(line) for line in lines) <= 80
    assert any(line.startswith("Chex Systems, Inc.") for line in lines)
    assert any("…" in line for line in lines)  # long names shortened, not wrapped
    assert "firm(s) may score you (US)" in r.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--situation", "credit,dating"), "unknown situation 'dating'"),
        (("--situation", "Kredit"), "unknown situation 'kredit'"),
        (("--right", "explain"), "go with --request"),
        (("--country", "XX"), "--country: 'XX' is not a country code"),
        (("--request", "--company", "acxiom", "--via", "text"), "--company acxiom: not among"),
        (("--request", "--right", "correction", "--via", "text"), "needs --details"),
        (("--request", "--right", "fly", "--via", "text"), "--right 'fly' is not a right about"),
        (("--request", "--right", "deletion", "--via", "text"), "not a right about a score"),
        (("--request", "--send", "--via", "email"), "sending emails needs confirmation"),
        (("--request", "--country", "DE", "--via", "text"), "a request cites the law of where"),
    ],
)
def test_bad_input_is_a_clear_error(californian, args, message):
    r = californian("scores", *args)
    assert r.code == 3, (r.out, r.err)
    assert message in r.err
    assert "hint:" in r.err
    assert r.out == ""


def test_bad_situation_lists_the_valid_ones(californian):
    r = californian("scores", "--situation", "dating")
    assert "credit, banking, renting, job, insurance, medical, shopping, fraud, telecom, " \
           "gambling, driving" in r.err  # fmt: skip


def test_a_profile_without_country_is_told_how_to_set_it(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("scores")
    assert r.code == 3
    assert "no country of residence" in r.err
    assert "rights profile edit --country" in r.err
