"""Controller per region (issue 12 point 1): a record that names another entity as the
controller for the person's region sends the request there, with that entity's law."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import pytest
from pydantic import ValidationError

from rights.core.company import Company, RegionalController
from tests.conftest import pdf_text


def test_a_berliners_request_to_google_goes_to_google_ireland_under_the_gdpr(berlin, tmp_path):
    r = berlin("request", "new", "--company", "google", "--right", "access", "--via", "pdf",
               "--out", str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    assert req["company"] == "google-ireland" and req["law"] == "gdpr"
    regional = req["controller_for_region"]
    assert regional["record"] == "google" and regional["name"] == "Google Ireland Limited"
    assert regional["country"] == "DE" and "EEA" in regional["regions"]
    assert regional["source"] == "https://policies.google.com/privacy"
    assert "the controller of Google LLC is Google Ireland Limited" in r.err
    text = pdf_text(Path(req["files"][0]))
    assert "Google Ireland Limited" in text and "Gordon House" in text
    assert "Art. 15" in text and "Mountain View" not in text


def test_a_californians_request_to_google_stays_with_google_llc(californian, tmp_path):
    r = californian("request", "new", "--company", "google", "--right", "access", "--via",
                    "eml", "--out", str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    assert req["company"] == "google" and req["law"] == "ccpa"
    assert req["controller_for_region"] is None
    message = email.message_from_bytes(Path(req["files"][0]).read_bytes(), policy=policy.default)
    assert message["To"].addresses[0].addr_spec == "data-access-requests@google.com"
    body = message.get_body().get_content()
    assert "Google Ireland" not in body and "1798" in body


def test_a_record_without_controllers_behaves_as_before(berlin):
    r = berlin("request", "new", "--company", "schufa", "--right", "access", "--via", "text",
               "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    assert req["company"] == "schufa" and req["controller_for_region"] is None


def test_regions_are_country_codes_or_groups():
    entry = RegionalController(regions=["EEA", "CH"], company="google-ireland",
                               source="https://policies.google.com/privacy")  # fmt: skip
    assert entry.covers("DE") and entry.covers("NO") and entry.covers("CH")
    assert not entry.covers("US-CA") and not entry.covers("GB") and not entry.covers(None)
    with pytest.raises(ValidationError, match="not a region"):
        RegionalController(regions=["Europe"], company="x", source="https://x.example/")
    with pytest.raises(ValidationError):
        RegionalController(regions=[], company="x", source="https://x.example/")


def test_the_shipped_google_record_names_its_eea_controller_with_a_source():
    from rights.companies.index import read_company
    from rights.paths import shipped

    google = read_company(shipped("companies"), "google")
    assert isinstance(google, Company)
    regional = google.controller_for("FR")
    assert regional is not None and regional.company == "google-ireland"
    ireland = read_company(shipped("companies"), "google-ireland")
    assert any(s.url == "https://policies.google.com/privacy" for s in ireland.sources)
    assert {"address", "webform"} <= {f for s in ireland.sources for f in s.fields}
