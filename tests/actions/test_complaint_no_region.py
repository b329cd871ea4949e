"""Escalation for German residents without --region (issue 12, point 2).

GDPR Art. 77(1): a complaint may go to the authority of the person's habitual residence;
Art. 56(1) with Art. 4(16): the authority of the controller's main establishment leads. In
Germany the Land authorities supervise the private sector (BDSG §40(1)); the BfDI supervises
telecommunications providers (TDDDG §29(1)).
"""

from __future__ import annotations

import json

import pytest

from tests.helpers.followup import new_case


@pytest.fixture
def no_land(cli, passphrase_env):
    """A Wiesbaden resident whose profile has an address but no Land."""
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Jonas Weber", "--email", "jonas@example.org",
            "--address", "Rheinstraße 3, 65185 Wiesbaden", "--country", "DE")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def _late(cli, monkeypatch, slug: str) -> str:
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(cli, slug, "access", "--lang", "en")
    assert cli("log", ref, "sent", "--date", "2026-10-01").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    return ref


def test_the_land_comes_from_the_postcode(no_land, monkeypatch):
    ref = _late(no_land, monkeypatch, "tiktok")
    r = no_land("escalate", ref, "--preview", "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["regulator"]["id"] == "dehessbdi", done  # 65185 Wiesbaden: Hessen
    others = [o["id"] for o in done["other_regulators"]]
    assert "iedpc" in others, "TikTok Technology Ltd is established in Dublin"
    assert any("postcode" in n for n in done["notes"])


def test_the_telecom_sector_authority_and_names_accepted(no_land, monkeypatch):
    ref = _late(no_land, monkeypatch, "telekom-de")
    r = no_land("escalate", ref, "--preview", "--json")
    assert r.code == 0, r.err
    assert "debfdi" in [o["id"] for o in json.loads(r.out)["other_regulators"]]
    by_name = no_land(
        "escalate",
        ref,
        "--preview",
        "--json",
        "--regulator",
        "Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit",
    )
    assert by_name.code == 0, by_name.err
    assert json.loads(by_name.out)["regulator"]["id"] == "debfdi"
    bad = no_land("escalate", ref, "--preview", "--regulator", "nobody")
    assert bad.code == 3 and "debfdi = Die Bundesbeauftragte" in bad.err
