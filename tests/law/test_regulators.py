"""The competent regulators (rights.law.regulators), and the DROP pointer."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from rights.errors import InputError
from rights.law import load as j
from rights.law import regulators

ROOT = j.data_folder()


def ids(law: str, **kw: str) -> list[tuple[str, str, bool]]:
    found = regulators.competent_regulators(j.load_law(ROOT, law), ROOT, **kw)
    return [(c.regulator.id, c.basis, c.web_form_only) for c in found]


def test_gdpr_residence_and_establishment_both_offered() -> None:
    assert ids("gdpr", residence="FR", establishment="IE") == [
        ("frcnil", "residence", False),
        ("iedpc", "establishment", False),
    ]


def test_gdpr_german_residents_get_their_land_private_sector_authority() -> None:
    assert ids("gdpr", residence="DE-BY") == [("debaylda", "residence", False)]
    assert ids("gdpr", residence="DE-BE") == [("deberlbdi", "residence", False)]
    with pytest.raises(InputError, match="Land"):
        ids("gdpr", residence="DE")


def test_gdpr_same_authority_is_listed_once() -> None:
    assert ids("gdpr", residence="FR", establishment="FR") == [("frcnil", "residence", False)]


def test_gdpr_without_a_place_asks_for_one() -> None:
    with pytest.raises(InputError, match="where you live"):
        ids("gdpr")
    with pytest.raises(InputError, match="no data protection authority known for US"):
        ids("gdpr", residence="US")


@pytest.mark.parametrize(
    ("law", "expected"),
    [
        ("uk-gdpr", [("gbico", "law", False)]),
        ("ccpa", [("cppa", "law", True), ("ca-ag", "law", True)]),
        ("tdpsa", [("tx-ag", "law", True)]),
        ("lgpd", [("anpd", "law", True)]),
        ("pipeda", [("opc", "law", True)]),
        ("qc-law25", [("cai", "law", True)]),
        ("ch-fadp", [("chedoeb", "law", False)]),
    ],
)
def test_other_laws_use_their_regulators(law: str, expected: list[tuple[str, str, bool]]) -> None:
    assert ids(law, residence="XX") == expected


def test_regulator_without_contact_is_not_web_only_and_says_why(tmp_path: Path) -> None:
    """A regulator for which no source gave a contact (here a copy of nj-ag stripped of it)."""
    root = tmp_path / "jurisdictions"
    shutil.copytree(ROOT, root)
    record = json.loads((root / "regulators" / "nj-ag.json").read_text())
    for key in ("web", "email", "complaint_url", "address", "phone"):
        record.pop(key, None)
    record["contact_missing"] = "No contact details were found in the sources used."
    (root / "regulators" / "nj-ag.json").write_text(json.dumps(record))
    (found,) = regulators.competent_regulators(j.load_law(root, "njdpa"), root)
    data = found.to_dict()
    assert data["routes"] == [] and data["web_form_only"] is False
    assert data["contact_missing"]


def test_choice_dict_carries_the_routes() -> None:
    (ico,) = regulators.competent_regulators(j.load_law(ROOT, "uk-gdpr"), ROOT)
    data = ico.to_dict()
    assert data["routes"] == ["complaint_url", "web", "address"]
    assert data["complaint_url"].startswith("https://ico.org.uk/")


def test_drop_is_pointed_out_to_california_residents_only() -> None:
    from rights.cases.log import drop_pointer

    found = drop_pointer(ROOT, "US", "CA")
    assert found is not None and found["id"] == "drop"
    assert "§1798.99.86" in found["citation"]
    assert any("every 45 days" in fact for fact in found["facts"])
    assert drop_pointer(ROOT, "US", "TX") is None
    assert drop_pointer(ROOT, "DE", None) is None
