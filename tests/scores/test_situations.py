"""The situations and their data: every curated slug is a shipped record, every CFPB
section of the shipped directory has a situation."""

from __future__ import annotations

import pytest

from rights.companies import index
from rights.companies.situations import (
    CFPB_DATASET,
    CFPB_SECTIONS,
    CURATED,
    SITUATIONS,
    cfpb_sections,
    parse_situations,
    scorers,
)
from rights.errors import InputError
from rights.paths import shipped

FOLDER = shipped("companies")


@pytest.fixture(scope="module")
def directory() -> index.Directory:
    return index.load(FOLDER)


def test_every_curated_slug_is_a_record(directory):
    missing = [c.slug for c in CURATED if directory.get(c.slug) is None]
    assert missing == []
    for item in CURATED:
        assert item.situations and set(item.situations) <= set(SITUATIONS), item.slug
        assert item.countries and item.reason.strip()


def test_every_cfpb_section_in_the_directory_has_a_situation(directory):
    sections = set()
    for entry in directory.entries():
        if CFPB_DATASET in entry.datasets:
            sections.update(cfpb_sections(index.read_company(FOLDER, entry.slug)))
    assert sections and sections <= set(CFPB_SECTIONS)
    assert set(CFPB_SECTIONS.values()) <= set(SITUATIONS)


def test_parse_situations():
    assert parse_situations(None) == list(SITUATIONS)
    assert parse_situations(" Credit, renting ,credit") == ["credit", "renting"]
    with pytest.raises(InputError) as caught:
        parse_situations("credit,,lottery")
    assert "'lottery'" in caught.value.message
    assert "driving" in (caught.value.hint or "")


def test_uk_lists_the_three_credit_reference_agencies(directory):
    found = {s.company.slug: s for s in scorers(directory, FOLDER, [], "GB", ["credit"])}
    assert {"experian-gb", "equifax-gb", "callcredit-gb"} <= set(found)
    assert "TransUnion" in found["callcredit-gb"].reasons[0]


def test_a_country_without_bureaus_still_gets_the_scorers_everywhere(directory):
    found = [s.company.slug for s in scorers(directory, FOLDER, [], "FR", list(SITUATIONS))]
    assert "sift-com" in found and "theretailequation-com" in found
    assert "schufa" not in found
