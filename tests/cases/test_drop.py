"""The DROP pointer and the DROP case: the real ccpa.json, the real store."""

from __future__ import annotations

from pathlib import Path

from rights.cases.drop import pointer_line
from rights.cases.log import drop_pointer
from rights.law.load import data_folder


def test_pointer_prints_the_real_url_with_its_source() -> None:
    """The DROP site is https://privacy.ca.gov/drop/ (the CPPA's page on DROP and the Delete
    Act, https://privacy.ca.gov/drop/about-drop-and-the-delete-act; Cal. Civ. Code
    §1798.99.86): the pointer names it, never ``None``."""
    pointer = drop_pointer(data_folder(), "us", "ca")
    assert pointer is not None
    assert pointer["url"] == "https://privacy.ca.gov/drop/"
    line = pointer_line(pointer)
    assert "https://privacy.ca.gov/drop/" in line
    assert "source: Cal. Civ. Code §1798.99.86" in line and "jurisdictions/ccpa.json" in line
    assert "None" not in line
    assert drop_pointer(data_folder(), "US", "NY") is None


def test_ccpa_sources_list_the_drop_address() -> None:
    import json

    law = json.loads((Path(data_folder()) / "ccpa.json").read_text())
    assert "https://privacy.ca.gov/drop/" in law["sources"]
