"""Routing: the channel a letter to a company takes, and the address it goes to."""

from __future__ import annotations

import pytest

from rights.core.company import RequiredElement as Element
from rights.delivery.routing import (
    channels_of,
    choose_channel,
    controller_country,
    form_url,
    letter_recipient,
    recipient_of,
    required_fields,
)
from rights.errors import InputError
from tests.helpers.letter_data import company

FULL = company(
    slug="acme", name="Acme GmbH", email="privacy@acme.example", address="Weg 1\n10115 Berlin",
    webform="https://acme.example/privacy", countries=["DE"],
)  # fmt: skip


def test_channels_follow_the_contacts_on_record():
    assert channels_of(FULL) == ["email", "eml", "mailto", "pdf", "webform", "text"]
    only_post = company(slug="post", name="Post Only", address="Box 1")
    assert channels_of(only_post) == ["pdf", "text"]
    opt_out = company(slug="o", name="O", opt_out_url="https://o.example/opt-out")
    assert form_url(opt_out) == "https://o.example/opt-out" and "webform" in channels_of(opt_out)


def test_the_default_is_the_preferred_channel_else_email_web_form_letter():
    assert choose_channel(FULL, None).value == "email"
    prefers = FULL.model_copy(update={"channel": "letter"})
    chosen = choose_channel(prefers, None)
    assert (chosen.value, chosen.reason) == ("pdf", "Acme GmbH prefers it")
    assert choose_channel(FULL, "post").value == "pdf"  # an alias of the vocabulary


def test_a_bounced_address_is_avoided_and_refused_by_name():
    chosen = choose_channel(FULL, None, suspect=["privacy@acme.example"])
    assert chosen.value == "webform" and chosen.options == ["pdf", "webform"]
    with pytest.raises(InputError, match="bounced: --via eml would use it again"):
        choose_channel(FULL, "eml", suspect=["privacy@acme.example"])
    with pytest.raises(InputError, match="has no email for --via email"):
        choose_channel(company(slug="p", name="P", address="Box 1"), "email")
    with pytest.raises(InputError, match="no usable contact"):
        choose_channel(company(slug="n", name="Nobody"), None)


def test_recipient_and_controller_country():
    assert recipient_of(FULL, "mailto") == "privacy@acme.example"
    assert recipient_of(FULL, "pdf") == "Weg 1, 10115 Berlin"
    assert recipient_of(FULL, "webform") == "https://acme.example/privacy"
    assert recipient_of(FULL, "text") == ""
    assert letter_recipient(FULL).address_lines == ["Weg 1", "10115 Berlin"]
    assert controller_country(FULL) == "DE-BE"  # 10115 Berlin: the Land from the postcode
    assert controller_country(FULL.model_copy(update={"countries": ["DE", "FR"]})) is None


def test_required_fields_come_from_the_record_once_each():
    record = FULL.model_copy(
        update={
            "required_elements": [
                Element(desc="Name", type="name"),
                Element(desc="Birthday", type="birthdate"),
                Element(desc="Customer no.", type="input"),
                Element(desc="Order no.", type="input"),
                Element(desc="Phone", type="input", optional=True),
            ]
        }
    )
    assert required_fields(record) == [
        "name", "birth_date", "account",
    ]  # fmt: skip
