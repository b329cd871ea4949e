"""The shipped directory: every record and pack validates, the index is in sync, and
every contact detail names the source it came from."""

import json

import pytest

from rights.companies.index import INDEX_NAME, build_index, read_folder
from rights.companies.packs import list_packs
from rights.companies.user import validate_folder
from rights.paths import shipped

FOLDER = shipped("companies")
CONTACT_FIELDS = (
    "email", "address", "web", "webform", "opt_out_url", "policy_url", "download_url",
    "delete_url", "phone", "fax",
)  # fmt: skip


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
    from rights.companies.lookup import redirects

    by_slug = {c.slug: c for c in companies}
    by_slug.update({old: by_slug[new] for old, new in redirects(FOLDER).items()})
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


def _duplicate_key_groups(companies):
    from rights.companies.names import name_key, registered_domain

    groups: dict[tuple[str, str, tuple[str, ...]], list[str]] = {}
    for company in companies:
        name = name_key(company.name).replace(" ", "")
        domains = {registered_domain(d) for d in company.domains}
        for domain in filter(None, domains):
            countries = tuple(sorted(company.countries))
            groups.setdefault((name, domain, countries), []).append(company.slug)
    return {k: v for k, v in groups.items() if len(v) > 1}


def test_no_two_records_share_normalised_name_domain_and_countries(companies):
    """Issue 13 "Clean": a true duplicate (same normalised name and registrable domain,
    serving the same countries) is merged in tools/data/curation.py MERGES."""
    assert _duplicate_key_groups(companies) == {}


def test_merged_slugs_redirect_to_existing_records(companies):
    from rights.companies.lookup import redirects

    slugs = {c.slug for c in companies}
    moved = redirects(FOLDER)
    assert {"intelius", "sfr-fr", "adroll", "dresdendirect"} <= set(moved)
    assert set(moved.values()) <= slugs and not set(moved) & slugs


def test_no_policy_page_is_offered_as_a_form(companies):
    from tools.data.urlkinds import kind_of

    for company in companies:
        for url in (company.webform, company.opt_out_url):
            assert url is None or kind_of(url) == "form", (company.slug, url)
    google = next(c for c in companies if c.slug == "google")
    assert google.download_url == "https://takeout.google.com/" and google.webform is None


def test_curated_categories_and_names(companies):
    by = {c.slug: c for c in companies}
    assert "credit-agency" not in by["mylife"].categories
    assert "people-search" in by["mylife"].categories
    for slug in ("datarade", "neustar", "csob"):
        assert "credit-agency" not in by[slug].categories, slug
    for slug in ("nuwber", "we-inform", "information-com", "peoplefinders"):
        assert "people-search" in by[slug].categories, slug
    for slug in ("acxiom", "acxiom-gb", "az-direct", "deutsche-post-direkt"):
        assert "data-broker" in by[slug].categories, slug
    assert len([c for c in companies if "scoring" in c.categories]) >= 10
    assert "Callcredit Information Group" in by["callcredit-gb"].aliases
    assert "The Work Number" in by["talx"].aliases
    assert "amazon.com" not in by["amazon-aws"].domains
    assert {"Facebook", "Instagram", "WhatsApp"} <= set(by["facebook"].aliases)
    assert "x.com" in by["twitter"].domains
    assert {"Tinder", "Hinge"} <= set(by["match-group"].aliases)


def test_justdeleteme_is_credited_with_its_licence(companies):
    licence = (FOLDER / "LICENSES" / "justdeleteme-MIT.txt").read_text()
    assert "Robb Lewis, The JDM Contrib Team, & various contributors" in licence
    assert "JustDeleteMe" in (FOLDER / "README.md").read_text()
    assert sum(any(s.dataset == "justdeleteme" for s in c.sources) for c in companies) > 2000


def _pack(name):
    return {p.name: p for p in list_packs(FOLDER)}[name]


def test_the_people_search_pack_has_the_new_data_sets_sites():
    """Issue 13, "Packs": people-search with at least 60 sites from the new data."""
    pack = _pack("people-search")
    assert len(pack.companies) >= 60
    assert {"radaris", "fastpeoplesearch", "nuwber", "peoplefinders"} <= set(pack.companies)
    assert {"eraser-brokers", "cvs0-data-brokers", "brianreumere-data-brokers"} <= set(pack.sources)


def test_the_specialty_pack_has_every_cfpb_section():
    """The CFPB list has 11 sections; one pack each, and all of them in one pack.
    https://www.consumerfinance.gov/consumer-tools/credit-reports-and-scores/consumer-reporting-companies/companies-list/"""
    names = [p.name for p in list_packs(FOLDER)]
    sections = [n for n in names if n.startswith("specialty-consumer-reporting-")]
    assert len(sections) == 11
    every = _pack("specialty-consumer-reporting")
    assert {"chex-systems", "innovis", "clarity-services", "microbilt"} <= set(every.companies)
    for name in sections:
        assert set(_pack(name).companies) <= set(every.companies)
        assert any("consumerfinance.gov" in s for s in _pack(name).sources)


@pytest.mark.parametrize(
    ("country", "members"),
    [
        ("us", {"trans-union", "experian-information-solutions", "equifax-information-services"}),
        ("gb", {"callcredit-gb", "experian-gb", "equifax-gb"}),
    ],
)
def test_credit_and_scoring_is_split_by_country(country, members):
    pack = _pack(f"credit-and-scoring-{country}")
    assert members <= set(pack.companies)
    assert "cfpb-consumer-reporting-companies" in pack.sources or country != "us"


def test_the_platforms_pack_and_its_sources():
    """The US entities the data has (Google LLC) and the EU/UK controllers; the sources
    are the data sets of its members."""
    pack = _pack("platforms")
    assert pack.companies[0] == "google"
    assert {"facebook", "twitter", "microsoft", "apple", "amazon-de", "amazon-gb"} <= set(
        pack.companies
    )
    assert "datenanfragen" in pack.sources
