"""Self-service tools and policy pages (issue 12, point 8): a policy page is never a form;
a self-service tool (Google Takeout) is offered beside the request, not instead of it; the
reminder of a request that went to a self-service tool goes to the record's email."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from rights.actions.plan import Send, _company_target
from rights.core.case import Case
from rights.delivery.routing import channels_of, form_url, self_service
from tests.helpers.letter_data import company

TAKEOUT = "https://takeout.google.com/"
POLICY = "https://www.spokeo.com/privacy-policy"


def test_a_policy_page_is_never_a_form():
    record = company(slug="p", name="P Inc.", email="privacy@p.example", policy_url=POLICY,
                     webform=POLICY)  # fmt: skip
    assert form_url(record) is None
    assert "webform" not in channels_of(record)


def test_self_service_is_per_right():
    record = company(slug="g", name="G LLC", email="a@g.example", download_url=TAKEOUT,
                     delete_url="https://g.example/delete")  # fmt: skip
    assert self_service(record, "access") == TAKEOUT
    assert self_service(record, "portability") == TAKEOUT
    assert self_service(record, "deletion") == "https://g.example/delete"
    assert self_service(record, "objection") is None


@pytest.fixture
def berliner(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
            "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    return cli


def test_takeout_is_offered_beside_the_request(berliner, tmp_path):
    r = berliner("request", "new", "--company", "google", "--right", "access", "--out",
                 str(tmp_path), "--json")  # fmt: skip
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    # a Berliner's Google request goes to Google Ireland (the EEA controller), by its form
    assert req["company"] == "google-ireland" and req["via"] == "webform"
    assert req["recipient"] == "https://support.google.com/policies/contact/general_privacy_form"
    assert req["self_service"] == TAKEOUT
    assert TAKEOUT in r.err and "not instead" in r.err


def test_reminder_after_a_self_service_channel_goes_to_the_email():
    """An older case whose 'web form' was Google Takeout (now the record's download_url)."""
    record = company(slug="google", name="Google LLC", email="data-access-requests@google.com",
                     download_url=TAKEOUT)  # fmt: skip
    case = Case(ref="R-AAAA", company="google", company_name="Google LLC", right="access",
                law="gdpr", lang="en", via="webform", status="sent", recipient=TAKEOUT,
                created_at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC))  # fmt: skip
    via, contact, _ = _company_target(record, case, Send(), [])
    assert (via, contact) == ("email", "data-access-requests@google.com")
