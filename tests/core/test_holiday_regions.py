"""The shipped table of holiday countries and subdivisions (rights/core/holiday_regions.py)
is what the installed ``holidays`` package has, and the one-module loader gives the same
public holidays as ``holidays.country_holidays``."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import holidays
import pytest

from rights.core.holiday_regions import HOLIDAYS_VERSION, TABLES
from rights.errors import InputError
from rights.law import deadlines
from tools.data import holiday_regions

SAME_RELEASE = holidays.__version__ == HOLIDAYS_VERSION


def test_table_matches_the_installed_package() -> None:
    """Equal to the release it was generated from; with another release (a newer one on a
    fresh machine) everything the table accepts still exists there, so no check lets a
    code through that the package cannot look up."""
    supported = holidays.list_supported_countries(include_aliases=False)
    ours = {code: list(entry[2]) for code, entry in TABLES.items()}
    if SAME_RELEASE:
        assert ours == supported, "rerun python -m tools.data.holiday_regions"
        return
    assert set(ours) <= set(supported), sorted(set(ours) - set(supported))
    for code, subdivisions in ours.items():
        assert set(subdivisions) <= set(supported[code]), code


@pytest.mark.skipif(
    not SAME_RELEASE,
    reason=f"the table is from holidays {HOLIDAYS_VERSION}, installed {holidays.__version__}",
)
def test_regeneration_is_byte_identical() -> None:
    assert holiday_regions.render() == holiday_regions.TARGET.read_text(encoding="utf-8")


@pytest.mark.parametrize("code", ["DE", "DE-BY", "GB-SCT", "US-CA", "FR", "AT-9", "CH-ZH"])
def test_one_module_tables_equal_country_holidays(code: str) -> None:
    country, _, subdiv = code.partition("-")
    ours = deadlines._country_table(country, subdiv or None)
    theirs = holidays.country_holidays(country, subdiv=subdiv or None)
    for year in (2025, 2026, 2027):
        start = dt.date(year, 1, 1)
        days = [start + dt.timedelta(days=n) for n in range(365)]
        assert [ours.get(d) for d in days] == [theirs.get(d) for d in days]


def test_a_calendar_imports_only_its_country_module() -> None:
    code = (
        "import sys, datetime\n"
        "from rights.law import deadlines\n"
        "cal = deadlines.holiday_calendar('DE-HE')\n"
        "assert cal.holiday_name(datetime.date(2026, 6, 4))\n"  # Corpus Christi in Hesse
        "assert not cal.is_working_day(datetime.date(2026, 6, 4))\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('holidays.countries'))\n"
        "print(' '.join(loaded))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert out.stdout.split() == ["holidays.countries.germany"]


def test_bad_regions_are_input_errors() -> None:
    with pytest.raises(InputError, match="not a subdivision of DE"):
        deadlines.normalise_country("DE-XX")
    with pytest.raises(InputError, match="no public-holiday table for AQ-1"):
        deadlines.normalise_country("AQ-1")
    with pytest.raises(InputError, match="not an ISO 3166-1"):
        deadlines.normalise_country("XX")
    assert deadlines.normalise_country(" de-by ") == "DE-BY"
