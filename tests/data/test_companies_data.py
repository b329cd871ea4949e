"""The shipped directory: every record and pack validates, the index is in sync, and
every contact detail names the source it came from."""

import json

import pytest

from rights.companies.index import INDEX_NAME, build_index, read_folder
from rights.companies.packs import list_packs
from rights.companies.user import validate_folder
from rights.paths import shipped

FOLDER = shipped("companies")
CONTACT_FIELDS = ("email", "address", "web", "webform", "opt_out_url", "phone", "fax")


@pytest.fixture(scope="module")
def companies():
    found, problems = read_folder(FOLDER)
    assert problems == []
    return found


def test_every_shipped_record_validates_and_there_are_thousands(companies):
    assert len(companies) >= 4500
    assert len({c.slug for c in companies}) == len(companies)


def test_every_pack_validates_and_names_existing_records(companies):
    slugs = {c.slug for c in companies}
    packs = {p.name: p for p in list_packs(FOLDER)}
    for name in (
        "us-data-brokers",
        "people-search",
        "credit-and-scoring",
        "big-platforms",
        "ad-tech",
        "de-credit-agencies",
        "suggested-gb",
    ):
        assert name in packs
    for pack in packs.values():
        assert set(pack.companies) <= slugs, pack.name


def test_index_is_in_sync_with_the_files():
    assert (FOLDER / INDEX_NAME).read_text(encoding="utf-8") == build_index(FOLDER)
    assert validate_folder(FOLDER, check_index=True) == []


def test_every_contact_detail_comes_from_a_named_source(companies):
    for company in companies:
        supplied = {f for s in company.sources for f in s.fields}
        for field in CONTACT_FIELDS:
            if getattr(company, field):
                assert field in supplied, (company.slug, field)


def test_sources_are_credited():
    datasets = set()
    for path in sorted(FOLDER.glob("*.json")):
        if not path.name.startswith("_"):
            datasets |= {s["dataset"] for s in json.loads(path.read_text())["sources"]}
    assert {"datenanfragen", "ca-registry-2020", "markup-optout-2025"} <= datasets
    for name in (
        "eraser-brokers-MIT.txt",
        "cvs0-data-brokers-MIT.txt",
        "cvs0-data-brokers-NOTICE.md",
        "brianreumere-data-brokers-BSD-2-Clause.txt",
        "public-records.md",
    ):
        assert (FOLDER / "LICENSES" / name).is_file(), name
    eraser = (FOLDER / "LICENSES" / "eraser-brokers-MIT.txt").read_text()
    assert "digisamroc" in eraser and "Maris" in eraser


def test_the_us_scorers_and_brokers_of_issue_13_exist_with_a_sourced_contact(companies):
    by_slug = {c.slug: c for c in companies}
    for slug in (
        "innovis",
        "chex-systems",
        "early-warning-services",
        "corelogic",
        "clarity-services",
        "microbilt",
        "radaris",
        "fastpeoplesearch",
        "intelius",
        "peoplefinders",
        "nuwber",
    ):
        company = by_slug[slug]
        assert company.contact_addresses() or company.phone or company.address, slug
    assert "privacy@checkr.com" in by_slug["checkr"].bounced_emails
    assert (FOLDER / "LICENSES" / "markup-optout-2025-Apache-2.0.md").is_file()
    assert "Datenanfragen.de" in (FOLDER / "README.md").read_text()


def test_a_malformed_record_fails_validation(tmp_path):
    (tmp_path / "bad.json").write_text(
        json.dumps(
            {
                "slug": "bad",
                "name": "Bad",
                "email": "nope",
                "quality": "verified",
                "sources": [{"dataset": "user"}],
                "colour": "red",
            }
        )
    )
    problems = validate_folder(tmp_path, check_index=False)
    assert "bad.json: email: Value error, 'nope' is not an email address" in problems
    assert "bad.json: colour: Extra inputs are not permitted" in problems
