"""Every shipped law and regulator file validates; loading reports all problems at once."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from rights.errors import DataFileError, InputError, NotFoundError
from rights.law import deadlines
from rights.law import load as j

ROOT = j.data_folder()
LAW_IDS = j.law_ids(ROOT)
REG_IDS = j.regulator_ids(ROOT)
REQUIRED = {
    "gdpr", "uk-gdpr", "ccpa", "vcdpa", "cpa", "ctdpa", "ucpa", "tdpsa", "ocpa", "mtcdpa",
    "icdpa", "dpdpa", "nh-privacy", "njdpa", "ndpa", "tipa", "mn-cdpa", "modpa", "incdpa",
    "kcdpa", "ri-dtppa", "lgpd", "pipeda", "qc-law25", "ch-fadp",
}  # fmt: skip
EU_EEA = {
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
    "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "IS", "LI", "NO",
}  # fmt: skip
# Regulators with no contact route in any source used: listed here so adding one is deliberate.
NO_CONTACT: set[str] = set()


def test_required_laws_are_shipped() -> None:
    assert set(LAW_IDS) >= REQUIRED


@pytest.mark.parametrize("law_id", LAW_IDS)
def test_law_validates_and_computes_every_right(law_id: str) -> None:
    law = j.load_law(ROOT, law_id)
    assert law.id == law_id and law.sources and law.last_reviewed
    for name in law.rights:
        result = deadlines.compute(law.deadline_rule(name), dt.date(2026, 1, 31), controller=None)
        assert result.due > result.received
        if result.extended_due:
            assert result.extended_due >= result.due
        assert result.rule.endswith(".")


@pytest.mark.parametrize("law_id", LAW_IDS)
def test_law_regulators_exist(law_id: str) -> None:
    law = j.load_law(ROOT, law_id)
    assert set(law.regulators) <= set(REG_IDS)


def test_every_regulator_can_be_reached_or_is_marked() -> None:
    regs = j.load_regulators(ROOT)
    unreachable = {r.id for r in regs if not r.contact_routes()}
    assert unreachable == NO_CONTACT
    for reg in regs:
        assert reg.sources
        if reg.id in NO_CONTACT:
            assert reg.contact_missing


@pytest.mark.parametrize("reg_id", ["nj-ag", "in-ag", "ok-ag", "al-ag", "la-ag"])
def test_state_attorneys_general_have_a_sourced_contact(reg_id: str) -> None:
    """NJ Division of Consumer Affairs (njconsumeraffairs.gov/ocp), Indiana (in.gov), Oklahoma
    (oklahoma.gov/oag CPU page), Alabama (alabamaag.gov releases), Louisiana
    (ag.state.la.us/ConsumerProtection): each contact comes with the page it was read on."""
    reg = j.load_regulator(ROOT, reg_id)
    assert reg.contact_routes() and not reg.contact_missing
    assert reg.phone and reg.web
    official = (".gov", "ag.state.la.us", "alabamaag.gov")
    assert any(h in s for s in reg.sources for h in official)


def test_gdpr_lists_every_eu_eea_national_dpa_and_german_states() -> None:
    gdpr = j.load_law(ROOT, "gdpr")
    regs = j.load_regulators(ROOT, gdpr.regulators)
    national = {c for r in regs if r.kind == "national-dpa" for c in r.covers}
    assert national >= EU_EEA
    states = {c for r in regs if r.kind == "state-dpa" for c in r.covers}
    assert len(states) == 16 and all(s.startswith("DE-") for s in states)


def test_imported_regulators_keep_sources_and_credit() -> None:
    cnil = j.load_regulator(ROOT, "frcnil")
    assert cnil.attribution and "Datenanfragen.de" in cnil.attribution
    assert any("cnil.fr" in s for s in cnil.sources)
    assert cnil.address and "Fontenoy" in cnil.address


def test_right_not_granted_names_the_granted_rights() -> None:
    icdpa = j.load_law(ROOT, "icdpa")
    with pytest.raises(InputError) as err:
        icdpa.right("correction")
    assert err.value.hint == "it grants: access, portability, deletion, opt-out"


def test_unknown_law_lists_ids() -> None:
    with pytest.raises(NotFoundError) as err:
        j.load_law(ROOT, "nope")
    assert "gdpr" in (err.value.hint or "")


def test_uncertain_facts_carry_a_note_everywhere() -> None:
    def walk(value: object) -> None:
        if isinstance(value, dict):
            if value.get("tag") == "U":
                assert value.get("uncertain")
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for law_id in LAW_IDS:
        walk(json.loads((ROOT / f"{law_id}.json").read_text(encoding="utf-8")))


def test_residence_lookup() -> None:
    laws = j.load_laws(ROOT)
    resident, by_location = j.laws_for_resident(laws, "US", "CA")
    assert [law.id for law in resident] == ["ccpa", "fcra"]  # the FCRA: all US consumers
    assert "gdpr" in {law.id for law in by_location}
    resident, _ = j.laws_for_resident(laws, "CA", "QC")
    assert {law.id for law in resident} == {"pipeda", "qc-law25"}
    resident, _ = j.laws_for_resident(laws, "DE", None)
    assert [law.id for law in resident] == ["gdpr"]


def _copy_law(tmp_path: Path, law_id: str = "gdpr") -> tuple[Path, dict[str, object]]:
    root = tmp_path / "jurisdictions"
    root.mkdir()
    shutil.copytree(ROOT / "regulators", root / "regulators")
    data = json.loads((ROOT / f"{law_id}.json").read_text(encoding="utf-8"))
    return root, data


def test_malformed_file_reports_every_problem_at_once(tmp_path: Path) -> None:
    root, data = _copy_law(tmp_path)
    data["rights"]["access"]["response"]["unit"] = "weeks"  # type: ignore[index]
    del data["sources"]
    data["colour"] = "blue"
    (root / "gdpr.json").write_text(json.dumps(data), encoding="utf-8")
    (root / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        j.load_laws(root)
    lines = err.value.message.splitlines()
    assert lines[0] == "jurisdiction data is not valid (4 problems):"
    assert lines[1].startswith("bad.json: line 1 column 2:")
    assert "gdpr.json: rights.access.response.unit: Input should be" in lines[2]
    assert lines[3] == "gdpr.json: sources: Field required"
    assert lines[4] == "gdpr.json: colour: Extra inputs are not permitted"


def test_u_fact_without_note_is_rejected(tmp_path: Path) -> None:
    root, data = _copy_law(tmp_path)
    data["fees"] = {"text": "maybe", "tag": "U"}
    (root / "gdpr.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        j.load_law(root, "gdpr")
    assert "gdpr.json: fees: Value error, a fact tagged U needs an 'uncertain' note" in (
        err.value.message
    )


def test_id_must_match_file_name(tmp_path: Path) -> None:
    root, data = _copy_law(tmp_path)
    (root / "other.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DataFileError, match="does not match the file name"):
        j.load_law(root, "other")
