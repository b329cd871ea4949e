"""German controllers: the Land's public holidays (issue 11, Deadline rules point 2).

Corpus Christi (Fronleichnam), Thursday 4 June 2026, is a public holiday in Hessen (Hessisches
Feiertagsgesetz §1(1)) but not in Hamburg (Hamburg's Feiertagsgesetz §1 does not list it). A
GDPR month ends on the day of the month of receipt (Art. 12(3); Regulation 1182/71 Art. 3(2)(c))
and a last day on a public holiday moves to the next working day (Art. 3(4)).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from rights.core.company import Company
from rights.delivery.routing import controller_country
from rights.law import deadlines, load
from rights.law.postcodes import land_of, land_of_address

RECEIVED = dt.date(2026, 5, 4)  # one month later: Thursday 4 June 2026, Fronleichnam


def _company(slug: str) -> Company:
    root = Path(__file__).resolve().parents[2] / "companies"
    return Company.model_validate_json((root / f"{slug}.json").read_text(encoding="utf-8"))


def _rule():
    return load.load_law(load.data_folder(), "gdpr").deadline_rule("access")


def test_postcodes_give_the_land():
    assert land_of("65201") == "DE-HE"  # Wiesbaden
    assert land_of("20095") == "DE-HH"
    assert land_of("65582") is None  # Diez (Rhineland-Palatinate): region 65 straddles
    assert land_of_address("Kormoranweg 5\n65201 Wiesbaden\nDeutschland") == "DE-HE"


def test_schufa_wiesbaden_counts_hessen_holidays():
    assert controller_country(_company("schufa")) == "DE-HE"
    assert controller_country(_company("paypal")) == "LU"  # established in Luxembourg
    he = deadlines.compute(_rule(), RECEIVED, controller="DE-HE")
    hh = deadlines.compute(_rule(), RECEIVED, controller="DE-HH")
    assert he.due == dt.date(2026, 6, 5), "Fronleichnam is a holiday in Hessen"
    assert hh.due == dt.date(2026, 6, 4), "not in Hamburg"


def test_bare_de_takes_the_latest_date_across_the_lands():
    due = deadlines.compute(_rule(), RECEIVED, controller="DE")
    assert due.due == dt.date(2026, 6, 5)
    assert "latest across the 16 Länder" in due.notes[0]


def test_the_deadline_command_explains_the_assumption(cli):
    r = cli("deadline", "--law", "gdpr", "--right", "access", "--received", "2026-05-04",
            "--country", "DE", "--json")  # fmt: skip
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["due"] == "2026-06-05"
    assert any("latest across the 16 Länder" in n for n in data["notes"])
