"""The broker and scorer importers (tools/data/importers) on excerpts of the real data
sets, the looser matcher, and the grow step of the refresh."""

from pathlib import Path

from rights.companies.importers import ca_registry
from rights.companies.importers.merge import Matcher, merge
from rights.core.company import Company
from tools.data import grow
from tools.data.importers import brianreumere, cfpb, cvs0, eraser

DATA = Path(__file__).resolve().parents[1] / "fixtures"


def _valid(rows):
    for row in rows:
        data = {k: v for k, v in row.items() if not k.startswith("_")}
        Company.model_validate({**data, "slug": "x"})


def _by_name(rows):
    return {r["name"]: r for r in rows}


def test_eraser_bounced_addresses_are_kept_apart_from_the_contact():
    rows = _by_name(eraser.parse(DATA / "eraser-excerpt.yaml"))
    _valid(rows.values())
    checkr = rows["Checkr"]
    assert checkr["email"] == "hello@checkr.com"
    assert checkr["bounced_emails"] == ["privacy@checkr.com"]
    assert "bounced_emails" in checkr["sources"][0]["fields"]
    owneriq = rows["Owneriq, Inc."]
    assert "email" not in owneriq and owneriq["bounced_emails"] == ["tpowell@owneriq.com"]
    whitepages = rows["Whitepages"]  # blanked, no address given: recorded, not invented
    assert "email" not in whitepages and "bounced_emails" not in whitepages
    assert "email_blanked" in whitepages["sources"][0]["other"]
    assert rows["Spokeo"]["categories"] == ["people-search", "data-broker"]
    assert "web" not in rows["Msim, LLC"]  # https://www.none/ is a placeholder


def test_cvs0_rows_keep_their_licence_and_a_policy_page_is_not_an_opt_out_form():
    rows = _by_name(cvs0.parse(DATA / "cvs0-excerpt.csv"))
    _valid(rows.values())
    policy = rows["33 Mile Radius LLC"]
    assert "opt_out_url" not in policy
    assert policy["sources"][0]["other"]["privacy_policy_url"].endswith("/privacy-policy/")
    assert "data-broker" in policy["categories"]  # a registry (markup/cppa) row
    chex = rows["ChexSystems"]
    assert chex["opt_out_url"] == "https://www.chexsystems.com/optout"
    assert chex["domains"] == ["chexsystems.com"]
    licences = {r["sources"][0]["licence"] for r in rows.values()}
    assert any("CC BY 4.0" in s for s in licences) or any("Apache" in s for s in licences)


def test_cfpb_rows_keep_their_section_and_the_nationwide_site_is_not_their_contact():
    rows = _by_name(cfpb.parse(DATA / "cfpb-excerpt.csv"))
    _valid(rows.values())
    equifax = rows["Equifax"]
    assert "address" not in equifax and "web" not in equifax
    assert equifax["sources"][0]["other"]["section"] == "Nationwide"
    assert equifax["_slug_hint"] == "equifax-information-services"
    innovis = rows["Innovis"]
    assert innovis["webform"] == "https://www.innovis.com/personal/creditReport"
    assert innovis["phone"] == "800-540-2505"
    assert innovis["categories"] == ["credit-agency", "scoring"]
    clarity = rows["Clarity Services"]
    assert clarity["web"] == "https://ClarityServices.com"
    assert clarity["sources"][0]["other"]["section"] == "Low-income & subprime"


def test_the_cppa_2025_file_with_a_spacer_row_imports():
    registry, rows = ca_registry.parse(DATA / "cppa-2025-excerpt.csv")
    assert registry == "ca-2025"
    by_name = _by_name(rows)
    _valid(rows)
    altrata = by_name["Altrata, Inc."]
    assert altrata["email"] == "legal@altrata.com"  # the cell lists two
    assert altrata["sources"][0]["other"]["more_emails"] == "amy.eades@altrata.com"
    assert "N/A" not in by_name["Explorium Inc."]["address"]
    assert all(a == a.strip() for a in by_name["Stirista, LLC"]["aliases"])


def test_brianreumere_fronts_become_aliases_of_the_back_end():
    rows = brianreumere.parse(DATA / "brianreumere-excerpt")
    _valid(rows)
    assert brianreumere.fronts(DATA / "brianreumere-excerpt") == {
        "peopleConnect": ["intelius", "truthFinder"]
    }
    records = []
    tally = grow.grow(records, 0, grow.GrowPaths(brianreumere=DATA / "brianreumere-excerpt"), [])
    people = next(r for r in records if r["name"] == "PeopleConnect")
    assert {"Intelius", "Truth Finder"} <= set(people["aliases"])
    assert people["sources"][-1]["record"] == "joins/fronts.yml:peopleConnect"
    assert tally.added["brianreumere-data-brokers"] == 4


def test_joined_and_split_names_are_the_same_organisation():
    base = [{"name": "Pacific East Research", "sources": []}]
    matcher = Matcher(base)
    assert matcher.find({"name": "PacificEast Research, Inc."}) == 0
    assert Matcher(base, loose=False).find({"name": "PacificEast Research, Inc."}) is None


def test_a_shared_domain_and_a_contained_name_match():
    base = [
        {"name": "Fast People Search LLC", "domains": ["fastpeoplesearch.com"], "sources": []},
        {"name": "Other Co", "domains": ["fastpeoplesearch.com"], "sources": []},
    ]
    found = Matcher(base).find(
        {"name": "FastPeopleSearch.com", "domains": ["fastpeoplesearch.com"]}
    )
    assert found == 0


def test_several_records_of_one_name_are_told_apart_by_domain():
    base = [
        {"name": "Experian", "domains": ["experian.co.uk"], "sources": []},
        {"name": "Experian", "domains": ["experian.com"], "sources": []},
    ]
    assert Matcher(base).find({"name": "Experian Inc", "domains": ["experian.com"]}) == 1
    assert Matcher(base).find({"name": "Experian"}) is None


def test_an_email_reported_bouncing_is_no_longer_the_contact():
    base = {
        "name": "Checkr",
        "email": "privacy@checkr.com",
        "sources": [{"dataset": "a", "fields": ["name", "email"]}],
    }
    extra = {
        "name": "Checkr",
        "bounced_emails": ["privacy@checkr.com"],
        "sources": [{"dataset": "b", "fields": ["name", "bounced_emails"]}],
    }
    merge(base, extra)
    assert "email" not in base
    assert base["bounced_emails"] == ["privacy@checkr.com"]
    assert base["sources"][0]["other"]["email"] == "privacy@checkr.com"


def test_grow_merges_and_adds_per_source_and_is_deterministic():
    def run():
        records = [
            {
                "slug": "equifax-information-services",
                "name": "Equifax Information Services LLC",
                "countries": ["US"],
                "sources": [{"dataset": "x", "fields": ["name"]}],
                "quality": "imported",
            }
        ]
        paths = grow.GrowPaths(
            cfpb=DATA / "cfpb-excerpt.csv",
            eraser=DATA / "eraser-excerpt.yaml",
            cvs0=DATA / "cvs0-excerpt.csv",
        )
        tally = grow.grow(records, 0, paths, [])
        return records, tally

    records, tally = run()
    again, _ = run()
    assert records == again
    slugs = [r["slug"] for r in records]
    assert len(slugs) == len(set(slugs)) and slugs[0] == "equifax-information-services"
    assert "cfpb-consumer-reporting-companies" in [s["dataset"] for s in records[0]["sources"]]
    assert tally.merged["cvs0-data-brokers"] >= 2  # ChexSystems and Innovis meet the CFPB rows
    fast = next(r for r in records if r["name"] == "FastPeopleSearch")
    assert [s["dataset"] for s in fast["sources"]] == ["eraser-brokers", "cvs0-data-brokers"]
    assert "summary" not in tally.lines()[0] and tally.lines()
