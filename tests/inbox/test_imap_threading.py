"""The threading headers a follow-up carries: only a well-formed Message-ID, one line, goes
into In-Reply-To/References; anything else read from the store is refused."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy

import pytest

from rights.delivery.email import build_message, check_message
from rights.errors import InputError
from rights.letters.render import render
from tests.helpers.letter_data import context

DATE = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC)


def _build(in_reply_to: str | None):
    letter = render(context("gdpr", "en", "access"))
    return build_message(letter, sender_email="zofia@example.org", to="privacy@acme.example",
                         date=DATE, in_reply_to=in_reply_to)  # fmt: skip


def test_a_message_id_threads_and_survives_the_header_check() -> None:
    data = check_message(_build("<R-7K3M.123@example.org>"))
    parsed = message_from_bytes(data, policy=policy.default)
    assert parsed["In-Reply-To"] == "<R-7K3M.123@example.org>"
    assert parsed["References"] == "<R-7K3M.123@example.org>"
    assert check_message(_build(None)).count(b"In-Reply-To") == 0


@pytest.mark.parametrize(
    "bad",
    [
        "<a@b>\r\nBcc: spy@evil.example",
        "no-angle@example.org",
        "<a b@example.org>",
        "<=?utf-8?q?x?=@example.org>",
        "<noat>",
    ],
)
def test_anything_else_is_refused(bad: str) -> None:
    with pytest.raises(InputError):
        _build(bad)
