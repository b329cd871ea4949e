"""Directory clean-up: URL kinds, curated merges with redirects, names, JustDeleteMe
import and packs — on real URLs and records of the data sets."""

import json

import pytest

from rights.companies import index
from rights.companies.lookup import find, redirects
from rights.core.company import Company
from rights.delivery.routing import choose_channel, form_url
from rights.errors import NotFoundError
from tools.data import dedupe, packbuild, urlkinds
from tools.data.importers import justdeleteme

# real opt-out/webform URLs from the 2025 directory
POLICY = [
    "https://www.peoplefinders.com/about/privacy",
    "https://www.explorium.ai/platform-privacy-policy/",
    "https://corp.narvar.com/legal/privacy-policy",
    "https://www.completemedicallists.com/privacy.php",
    "https://www.lexisnexis.com/en-us/terms/us-privacy-notice.page",
    "https://www.saz.com/de/datenschutz",
]
FORMS = [
    "https://www.peoplewhiz.com/remove-my-info",
    "https://www.ip2location.com/do-not-sell",
    "https://privacyportal.onetrust.com/webform/18c06089/43201dea",
    "https://www.telekom.com/de/kontaktformulare/datenschutz",
    "https://help.x.com/forms/privacy",
    "https://zetaglobal.com/privacy-choices/",
    "https://www.cyberport.de/service/rechtliches/datenschutz.html#formular",
    "https://privacy.infutor.com/",
]


@pytest.mark.parametrize("url", POLICY)
def test_a_policy_page_is_a_policy(url):
    assert urlkinds.kind_of(url) == "policy"


@pytest.mark.parametrize("url", FORMS)
def test_a_form_is_a_form(url):
    assert urlkinds.kind_of(url) == "form"


def test_a_bare_home_page_is_a_home_page():
    assert urlkinds.kind_of("https://www.dresdendirect.com/") == "home"


def _record(**fields):
    data = {"slug": "x", "name": "X", "quality": "imported"}
    data["sources"] = [{"dataset": "markup-optout-2025", "fields": list(fields)}]
    return {**data, **fields}


def test_a_policy_opt_out_url_moves_to_policy_url_and_is_never_a_form():
    record = _record(opt_out_url="https://www.peoplefinders.com/about/privacy")
    assert urlkinds.classify(record) == [
        ("opt_out_url", "policy_url", "https://www.peoplefinders.com/about/privacy")
    ]
    company = Company.model_validate(record)
    assert company.policy_url and company.opt_out_url is None
    assert company.sources[0].fields == ["policy_url"]
    assert form_url(company) is None
    assert company.effective_channel() == "letter"


def test_google_takeout_is_a_self_service_download_not_a_webform():
    record = _record(webform="https://takeout.google.com/", email="a@google.com")
    record["channel"] = "webform"
    urlkinds.classify(record)
    company = Company.model_validate(record)
    assert company.download_url == "https://takeout.google.com/"
    assert company.webform is None and company.channel is None
    assert company.effective_channel() == "email"
    assert choose_channel(company, None).value == "email"


def _dn(slug, name, **more):
    base = {"slug": slug, "name": name, "quality": "imported", "domains": ["a.example"]}
    base["sources"] = [{"dataset": "datenanfragen", "fields": ["email"]}]
    return {**base, **more}


def test_curated_duplicates_merge_and_leave_a_redirect(monkeypatch):
    from tools.data import curation

    monkeypatch.setattr(curation, "MERGES", (("sfr", "sfr-fr", "same"), ("b", "sfr", "x")))
    records = [_dn("sfr", "SFR", email="a@sfr.example"), _dn("sfr-fr", "SFR SA"), _dn("b", "B")]
    notes: list[str] = []
    assert dedupe.merge_duplicates(records, notes) == {"sfr": "b", "sfr-fr": "b"}
    assert [r["slug"] for r in records] == ["b"]
    assert "SFR" in records[0]["aliases"]
    assert records[0]["sources"][-1]["other"]["merged_slugs"] == "sfr-fr,sfr"


def test_a_stored_case_with_an_old_slug_still_finds_its_company(tmp_path):
    record = Company.model_validate(_dn("sfr", "SFR", email="a@sfr.example"))
    (tmp_path / "sfr.json").write_text(json.dumps(record.to_json()))
    (tmp_path / "_redirects.json").write_text('{"sfr-fr": "sfr"}')
    index.write_index(tmp_path)
    directory = index.load(tmp_path)
    assert redirects(tmp_path) == {"sfr-fr": "sfr"}
    assert find("sfr-fr", folder=tmp_path, directory=directory, mine=[]).slug == "sfr"
    with pytest.raises(NotFoundError):
        find("nope", folder=tmp_path, directory=directory, mine=[])


def test_renames_keep_the_old_name_as_an_alias_and_aws_loses_amazon_com():
    records = [
        _dn("callcredit-gb", "Callcredit Information Group"),
        _dn("amazon-aws", "Amazon Web Services EMEA SARL", domains=["amazon.com"]),
    ]
    dedupe.apply_names(records, [])
    uk, aws = records
    assert uk["name"] == "TransUnion Information Group Limited"
    assert {"Callcredit Information Group", "TransUnion UK"} <= set(uk["aliases"])
    assert "transunion.co.uk" in uk["domains"]
    assert "domains" not in aws
    assert "reason" in aws["sources"][-1]["other"]


SITES = [
    {"name": "Facebook", "url": "https://www.facebook.com/help/delete_account",
     "difficulty": "medium", "domains": ["facebook.com", "m.facebook.com"]},
    {"name": "Amazon AWS", "url": "https://console.aws.amazon.com/billing/home#/account",
     "difficulty": "medium", "domains": ["aws.amazon.com"]},
    {"name": "123RF", "url": "https://www.123rf.com/support/x", "difficulty": "hard",
     "email": "frsales@123rf.com", "domains": ["123rf.com"]},
    {"name": "Broken", "url": "https.//idp.example/usager", "difficulty": "easy",
     "domains": ["broken.example"]},
]  # fmt: skip


def test_justdeleteme_adds_a_delete_url_beside_the_legal_contact(tmp_path):
    path = tmp_path / "sites.json"
    path.write_text(json.dumps(SITES))
    facebook = _dn("facebook", "Meta Platforms Ireland Limited", email="dpo@fb.example")
    facebook.update(domains=["facebook.com"], aliases=["Facebook"])
    records = [facebook]
    notes: list[str] = []
    justdeleteme.import_into(records, path, notes)
    by = {r["name"]: r for r in records}
    fb = by["Meta Platforms Ireland Limited"]
    assert fb["delete_url"] == "https://www.facebook.com/help/delete_account"
    assert fb["email"] == "dpo@fb.example"  # the privacy contact stays the contact
    assert "domains" not in by["Amazon AWS"]  # a subdomain is no claim on amazon.com
    assert by["123RF"]["email"] == "frsales@123rf.com"  # new record: the email it gives
    assert by["Broken"]["sources"][0]["other"]["url_malformed"] == "https.//idp.example/usager"
    assert "delete_url" not in by["Broken"]
    for record in records:
        record.pop("_match_domains", None)
        Company.model_validate(record)
    assert notes == ["justdeleteme: 1 merged, 3 added, 0 skipped"]


def test_specialty_pack_groups_by_cfpb_section(tmp_path):
    csv = tmp_path / "companies.csv"
    csv.write_text(
        'name,section,website\n"Chex Systems, Inc.",Deposit account & payments screening,'
        "https://www.chexsystems.com\nNobody,Retail,\n"
    )
    chex = Company.model_validate(_dn("chex", "Chex Systems Inc", domains=["chexsystems.com"]))
    notes: list[str] = []
    packs = {p.name: p for p in packbuild.specialty_packs([chex], csv, notes)}
    assert packs["specialty-consumer-reporting"].companies == ["chex"]
    section = packs["specialty-consumer-reporting-deposit-account-and-payments-screening"]
    assert section.companies == ["chex"] and packbuild.CFPB in section.sources
