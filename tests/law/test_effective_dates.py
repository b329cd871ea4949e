"""Effective dates per law and per right (issue 11, "Deadline rules" item 3): `rights deadline`
refuses a law or a right not yet in force on the receipt date, and computes from that date on.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rights.errors import InputError
from rights.law import load as j

OKDPA = "https://www.didomi.io/blog/oklahoma-consumer-data-privacy-law-sb-546"
UCPA_CORRECTION = "https://lexace.ai/us/statute/utah/13-61-201"


def deadline(cli, law_id: str, right: str, received: str):
    return cli("deadline", "--law", law_id, "--right", right, "--received", received, "--json")


def test_okdpa_law_is_effective_2027_01_01() -> None:
    """law.md §6.19: SB 546, effective 1 Jan 2027, all provisions at once [V] (didomi.io,
    cookieyes.com, clym.io)."""
    law = j.load_law(j.data_folder(), "okdpa")
    assert law.effective == dt.date(2027, 1, 1)
    assert OKDPA in law.sources


def test_okdpa_deadline_before_2027_is_refused(cli) -> None:
    """law.md §6.19: the Oklahoma Data Privacy Act applies from 1 Jan 2027 [V]; a request
    received on 1 Dec 2026 has no statutory deadline. Source:
    https://www.didomi.io/blog/oklahoma-consumer-data-privacy-law-sb-546"""
    r = deadline(cli, "okdpa", "access", "2026-12-01")
    assert r.code == 3
    assert "OKDPA (okdpa) is not yet in force on 2026-12-01 (the receipt date)" in r.err
    assert "hint: it applies from 2027-01-01" in r.err
    assert r.out == ""


def test_okdpa_deadline_once_in_force_is_computed(cli) -> None:
    """law.md §6.19: 45 days [V] from 1 Jan 2027 [V]; received Sat 2 Jan 2027 -> 16 Feb 2027.
    Source: https://okbusinessvoice.com/2026/03/23/oklahoma-enacts-virginia-style-consumer-
    data-privacy-law"""
    r = deadline(cli, "okdpa", "access", "2027-01-02")
    assert r.code == 0, r.err
    assert json.loads(r.out)["due"] == "2027-02-16"


def test_ucpa_correction_has_its_own_since_date() -> None:
    """law.md §6.4: correction added by HB 418 (2025), in force 1 Jul 2026 [V2]; the rest of
    the UCPA from 31 Dec 2023. Source:
    https://lexace.ai/us/statute/utah/13-61-201"""
    law = j.load_law(j.data_folder(), "ucpa")
    assert law.rights["correction"].since == dt.date(2026, 7, 1)
    assert law.applies_from("correction") == dt.date(2026, 7, 1)
    assert law.applies_from("access") == law.effective == dt.date(2023, 12, 31)
    assert not law.right_in_force("rectification", dt.date(2026, 6, 30))  # alias understood
    assert law.right_in_force("correction", dt.date(2026, 7, 1))
    with pytest.raises(InputError, match="the right 'correction' under UCPA"):
        law.require_in_force("correction", dt.date(2026, 6, 30), when="today")


def test_ucpa_correction_before_1_july_2026_is_refused(cli) -> None:
    """law.md §6.4: before 1 Jul 2026 Utah had no correction right [V Mayer Brown]; HB 418,
    Utah Code §13-61-201(4), in force 1 Jul 2026 [V2]. Source:
    https://lexace.ai/us/statute/utah/13-61-201"""
    r = deadline(cli, "ucpa", "correction", "2026-06-30")
    assert r.code == 3
    assert (
        "the right 'correction' under UCPA (ucpa) is not yet in force on 2026-06-30 "
        "(the receipt date)" in r.err
    )
    assert "hint: it applies from 2026-07-01" in r.err


def test_ucpa_correction_from_1_july_2026_is_computed(cli) -> None:
    """law.md §6.4: correction in force 1 Jul 2026, 45 days, extendable once (§13-61-203(2))
    [V2]; received 1 Jul 2026 -> Sat 15 Aug 2026, moved to Mon 17 Aug by Utah Code §68-3-7(2)
    (roll rule ut-68-3-7), at most 29 Sep 2026. Source:
    https://lexace.ai/us/statute/utah/13-61-201"""
    r = deadline(cli, "ucpa", "correction", "2026-07-01")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert (data["due"], data["extended_due"]) == ("2026-08-17", "2026-09-29")
    access = deadline(cli, "ucpa", "access", "2026-06-30")  # the rest of the law: in force
    assert access.code == 0, access.err


def test_since_must_be_after_the_law_effective_date() -> None:
    """The model refuses a right `since` date on or before the law's own effective date
    (docs/laws.md: `since` is only for rights added later, e.g. law.md §6.4 HB 418)."""
    from pydantic import ValidationError

    from rights.law.model import Law

    law = j.load_law(j.data_folder(), "ucpa")
    data = law.model_dump(by_alias=True)
    data["rights"]["correction"]["since"] = law.effective
    with pytest.raises(ValidationError, match="since: must be later"):
        Law.model_validate(data)
