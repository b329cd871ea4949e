"""Where an FCRA complaint goes: the CFPB, and the attorney general of the person's state
(§1681s(c): state attorneys general enforce the FCRA too; law-fcra section 8). The CFPB's
order (a prior dispute, then 45 days) binds only the CFPB."""

from __future__ import annotations

from rights.law import load as j
from rights.law import regulators

ROOT = j.data_folder()


def ids(**kw: str) -> list[tuple[str, str]]:
    found = regulators.competent_regulators(j.load_law(ROOT, "fcra"), ROOT, **kw)
    return [(c.regulator.id, c.basis) for c in found]


def test_the_cfpb_first_then_the_state_attorney_general() -> None:
    assert ids(residence="US-CA") == [("cfpb", "law"), ("ca-ag", "residence")]
    assert ids(residence="US-TX") == [("cfpb", "law"), ("tx-ag", "residence")]


def test_a_state_without_an_attorney_general_record_gets_the_cfpb_alone() -> None:
    assert ids(residence="US-AZ") == [("cfpb", "law")]
    assert ids() == [("cfpb", "law")]


def test_other_listed_laws_do_not_add_residence_authorities() -> None:
    found = regulators.competent_regulators(j.load_law(ROOT, "ccpa"), ROOT, residence="US-CA")
    assert [c.regulator.id for c in found] == ["cppa", "ca-ag"]
