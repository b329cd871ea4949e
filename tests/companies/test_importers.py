"""Importers on excerpts of the real data sets (tests/data), and the round trip to the
Datenanfragen format validated against their schema."""

import json
from pathlib import Path

import jsonschema
import pytest

from rights.companies.datenanfragen import to_ours, to_theirs
from rights.companies.importers import ca_registry, markup
from rights.companies.importers.merge import Matcher, merge
from rights.core.company import Company
from rights.errors import DataFileError
from tools.data import refresh

DATA = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMA = json.loads((DATA / "datenanfragen-schema.json").read_text())


def test_emails_are_deobfuscated():
    assert ca_registry.deobfuscate_email("privacy [at] VDX.tv") == "privacy@vdx.tv"
    assert ca_registry.deobfuscate_email(" JayDunsing [at] gmail.com ") == "JayDunsing@gmail.com"
    assert ca_registry.deobfuscate_email("a (at) b [dot] com") == "a@b.com"


def test_the_2020_registry_excerpt_imports():
    registry, rows = ca_registry.parse(DATA / "ca-registry-2020-excerpt.csv")
    assert registry == "ca-2020"
    by_name = {r["name"]: r for r in rows}
    vdx = by_name["Exponential Interactive, Inc."]
    assert vdx["aliases"] == ["VDX.tv"]
    assert vdx["email"] == "privacy@vdx.tv"
    zoom = by_name["ZoomInfo"]
    assert zoom["domains"] == ["zoominfo.com"]
    assert zoom["opt_out_url"] == "https://www.zoominfo.com/about-zoominfo/privacy-center"
    assert zoom["sources"][0]["date"] == "2020-01-29"
    for row in rows:
        row.pop("_where")
        Company.model_validate({**row, "slug": "x"})


def test_a_cppa_2025_header_row_with_a_non_breaking_space_is_understood():
    path = DATA / "cppa-2025-synthetic.csv"
    assert "\u00a0" in path.read_text(encoding="utf-8").splitlines()[0]
    registry, rows = ca_registry.parse(path)
    assert registry == "ca-2025"
    first = rows[0]
    assert first["name"] == "Example Data Co, LLC"
    assert first["aliases"] == ["ExampleFinder", "Example People"]
    assert first["web"] == "https://www.example-data.example"
    assert first["address"] == "1 Main Street\nSpringfield, CA 90000\nUnited States"
    assert first["opt_out_url"] == "https://example-data.example/ccpa"
    assert rows[1]["email"] == "privacy@sample-broker.example"


def test_a_csv_with_unknown_headers_names_the_headers_needed():
    with pytest.raises(DataFileError) as err:
        ca_registry.parse(DATA / "unknown-headers.csv")
    assert "Data broker name" in err.value.message
    assert "'Company'" in (err.value.hint or "")


def test_markup_rows_merge_into_registry_records_by_domain_and_name():
    _, rows = ca_registry.parse(DATA / "ca-registry-2020-excerpt.csv")
    matcher = Matcher(rows)
    extra = markup.parse(DATA / "markup-optout-2025-excerpt.csv")
    zeta = next(r for r in extra if r["name"] == "Zeta Global Corp.")
    hit = matcher.find(zeta)
    assert hit is not None and rows[hit]["name"] == "Zeta Global"
    old = rows[hit].get("opt_out_url")
    merge(rows[hit], zeta, prefer=frozenset({"opt_out_url"}))
    merged = rows[hit]
    assert merged["registries"] == ["ca-2020", "ca-2025"]
    assert merged["opt_out_url"] == "https://zetaglobal.com/privacy-choices/"
    assert [s["dataset"] for s in merged["sources"]] == ["ca-registry-2020", "markup-optout-2025"]
    if old:
        assert merged["sources"][0]["other"]["opt_out_url"] == old
    # a broker whose opt-out page sits on a vendor's host is not matched by that host
    iq = next(r for r in extra if r["name"] == "AnalyticsIQ, Inc.")
    assert "domains" not in iq and matcher.find(iq) is None


def test_build_on_excerpts_dedupes_and_keeps_every_source(tmp_path):
    companies, packs, notes = refresh.build(
        DATA / "datenanfragen",
        DATA / "ca-registry-2020-excerpt.csv",
        DATA / "markup-optout-2025-excerpt.csv",
    )
    by_slug = {c.slug: c for c in companies}
    assert "registry 2020: ca-registry-2020-excerpt.csv:9 repeats 'KnowWho'" in notes
    mylife = by_slug["mylife"]  # the registry broker merged into the Datenanfragen record
    assert [s.dataset for s in mylife.sources][:2] == ["datenanfragen", "ca-registry-2020"]
    assert "ca-2020" in mylife.registries and "data-broker" in mylife.categories
    assert mylife.email == "privacy@mylife.com"
    assert by_slug["zeta-global"].registries == ["ca-2020", "ca-2025"]
    assert {p.name for p in packs} >= {"us-data-brokers", "de-credit-agencies", "suggested-gb"}
    refresh.write(tmp_path, companies, packs)
    from rights.companies.user import validate_folder

    assert validate_folder(tmp_path, check_index=True) == []


@pytest.mark.parametrize(
    "path", sorted((DATA / "datenanfragen" / "companies").glob("*.json")), ids=lambda p: p.stem
)
def test_datenanfragen_round_trip_is_lossless_and_valid(path):
    theirs = json.loads(path.read_text(encoding="utf-8"))
    ours = Company.model_validate(to_ours(theirs))
    again = Company.model_validate_json(json.dumps(ours.to_json()))
    back = to_theirs(again)
    assert back == theirs
    jsonschema.validate(back, SCHEMA)


def test_a_registry_record_exports_to_a_valid_datenanfragen_record():
    _, rows = ca_registry.parse(DATA / "ca-registry-2020-excerpt.csv")
    row = rows[0]
    row.pop("_where")
    company = Company.model_validate({**row, "slug": "allant-group"})
    with (
        pytest.raises(ValueError, match=r"no source URL|postal address")
        if not company.address
        else _noop()
    ):
        record = to_theirs(company)
        jsonschema.validate(record, SCHEMA)
        assert record["relevant-countries"] == ["all"]


class _noop:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
