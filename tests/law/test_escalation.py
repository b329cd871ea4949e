"""The order of an FCRA complaint (issue 14 point 1, law-fcra section 8): since 4 Feb 2026
the CFPB portal takes a credit-reporting complaint only after a dispute with the agency, once
45 days have passed or the dispute is closed [V] (https://bridgeforce.com/insights/cfpb-
complaint-portal-changes/). The portal refuses (it discontinues a complaint without a prior
dispute), so `rights escalate` refuses too, `--now` or not."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rights.errors import InputError
from rights.law import load as j
from rights.law.escalation import ComplaintOrder, check_order
from tests.helpers.followup import new_case

ORDER = j.load_law(j.data_folder(), "fcra").complaint_order


def check(today: str, *, sent: str | None = "2026-11-02", received: str | None = None,
          status: str = "sent", regulator: str = "cfpb", order=ORDER) -> str | None:  # fmt: skip
    day = dt.date.fromisoformat
    return check_order(order, regulator, sent_on=day(sent) if sent else None,
                       received_on=day(received) if received else None, status=status,
                       today=day(today), ref="R-TEST")  # fmt: skip


def test_the_fcra_file_carries_the_portal_rule() -> None:
    assert ORDER is not None
    assert (ORDER.regulators, ORDER.since, ORDER.wait_days) == (["cfpb"], dt.date(2026, 2, 4), 45)
    assert ORDER.enforced == "refuses" and ORDER.tag == "V"


def test_refused_before_45_days_with_the_date_it_becomes_possible() -> None:
    with pytest.raises(InputError) as err:
        check("2026-12-10")
    assert "a complaint is possible from 2026-12-17" in err.value.message
    assert "the request was sent on 2026-11-02" in err.value.message
    assert "rights escalate R-TEST" in (err.value.hint or "")


def test_counted_from_receipt_when_known() -> None:
    with pytest.raises(InputError) as err:
        check("2026-12-18", received="2026-11-05")
    assert "possible from 2026-12-20" in err.value.message
    assert check("2026-12-20", received="2026-11-05") is None


def test_allowed_on_day_45() -> None:
    assert check("2026-12-17") is None


@pytest.mark.parametrize("status", ["fulfilled", "refused", "partial", "closed"])
def test_a_closed_dispute_lifts_the_wait(status: str) -> None:
    assert check("2026-11-20", status=status) is None


def test_no_prior_request_is_refused() -> None:
    with pytest.raises(InputError) as err:
        check("2026-12-20", sent=None, status="draft")
    assert "never sent" in err.value.message


def test_the_order_binds_only_its_regulator_and_only_from_its_date() -> None:
    assert check("2026-11-10", regulator="ca-ag") is None
    assert check("2026-01-10", sent="2026-01-02") is None  # before 4 Feb 2026


def test_an_order_that_only_warns_gives_a_warning() -> None:
    assert ORDER is not None
    mild = ComplaintOrder.model_validate(ORDER.model_dump() | {"enforced": "warns"})
    found = check("2026-12-10", order=mild)
    assert found is not None and found.startswith("warning: too early")


# --- through the CLI: a user copy of the FCRA file written with the US-state letters --------


@pytest.fixture
def fcra_case(cli, passphrase_env, home: Path, monkeypatch) -> str:
    """A dispute with Experian under the FCRA, sent 2 Nov 2026. The user's copy of the law
    file uses the us-state letters, so this runs without the FCRA templates."""
    law = json.loads((j.data_folder() / "fcra.json").read_text(encoding="utf-8"))
    law["letters"]["family"] = "us-state"
    folder = home / "jurisdictions"
    folder.mkdir(parents=True)
    (folder / "fcra.json").write_text(json.dumps(law), encoding="utf-8")
    j._load_law_cached.cache_clear()
    assert cli("init").code == 0
    assert cli("profile", "edit", "--full-name", "Dana Whitfield", "--email",
               "dana@example.org", "--country", "US", "--region", "CA").code == 0  # fmt: skip
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-02")
    ref = new_case(cli, "experian-information-solutions", "correction", "--law", "fcra",
                   "--lang", "en", "--details", "Account 1234 is not mine.")  # fmt: skip
    assert cli("log", ref, "sent", "--date", "2026-11-02").code == 0
    yield ref
    j._load_law_cached.cache_clear()


def test_escalate_refuses_a_cfpb_complaint_before_45_days(cli, fcra_case, tmp_path,
                                                        monkeypatch) -> None:  # fmt: skip
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-05")  # late (due 1 Dec), but not 45 days
    for extra in ((), ("--now",)):
        r = cli("escalate", fcra_case, "--via", "text", "--out", str(tmp_path), *extra)
        assert r.code == 3, r.err
        assert "a complaint is possible from 2026-12-17" in r.err
        assert "CFPB complaint portal, since 4 Feb 2026" in r.err
    shown = json.loads(cli("show", fcra_case, "--json").out)
    assert shown["status"] == "sent"  # nothing logged


def test_escalate_goes_to_the_cfpb_from_day_45(cli, fcra_case, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-17")
    r = cli("escalate", fcra_case, "--via", "text", "--out", str(tmp_path), "--yes", "--json")
    assert r.code == 0, r.err
    done = json.loads(r.out)
    assert done["regulator"]["id"] == "cfpb"


def test_the_state_attorney_general_is_not_bound_by_the_cfpb_order(cli, fcra_case, tmp_path,
                                                                    monkeypatch) -> None:  # fmt: skip
    monkeypatch.setenv("RIGHTS_TODAY", "2026-12-05")
    r = cli("escalate", fcra_case, "--regulator", "ca-ag", "--via", "text", "--out",
            str(tmp_path), "--yes", "--json")  # fmt: skip
    assert r.code == 0, r.err
    assert json.loads(r.out)["regulator"]["id"] == "ca-ag"
