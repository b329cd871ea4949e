"""Subjects survive folding: a "§" (or any non-ASCII word) never loses or doubles a space.

Python's header folder drops or doubles the white space next to an encoded word on some
subjects (seen on 3.11: the space before an en dash followed by "§" was lost). The test
builds the message as delivery does, writes it as the bytes that go on the wire or into an
.eml, parses those bytes back and compares the decoded subject with the letter's.
"""

from __future__ import annotations

import dataclasses
import random
from email import message_from_bytes, policy

import pytest

from rights.delivery.email import build_message, check_message
from rights.letters.render import render
from tests.helpers.letter_data import context

WORDS = [
    "Request", "to", "access", "my", "personal", "data", "(Cal.", "Civ.", "Code", "§",
    "1798.100,", "§§", "1798.110", "§1798.115,", "Art.", "15", "DSGVO", "34", "BDSG)", "\u2013",
    "ref.", "R-2026-ABCDEF", "réf.", "été", "Żądanie", "dostępu",
]  # fmt: skip


def _subjects() -> list[str]:
    rng = random.Random(7)
    made = [
        "Request to access my personal data (Cal. Civ. Code §§1798.100, 1798.110) \u2013 ref. R-1",
        "1798.110 access access 1798.100, BDSG) Art. my Code (Cal. BDSG) été § R-2026-AB 15 ref.",
        "§ Civ. \u2013 R-2026-ABCDEF DSGVO Art. Civ. DSGVO \u2013 Request 1798.110 ref. 34 1798.100, to",
    ]
    made += [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 40))) for _ in range(400)]
    return made


def _round_trip(subject: str) -> tuple[str, bytes]:
    letter = dataclasses.replace(render(context("gdpr", "de", "access")), subject=subject)
    data = check_message(build_message(letter, sender_email="me@example.org"))
    back = message_from_bytes(data, policy=policy.default)
    return str(back["Subject"]), data


@pytest.mark.parametrize("subject", _subjects())
def test_subject_decodes_to_the_letters_subject(subject: str) -> None:
    decoded, data = _round_trip(subject)
    assert decoded == subject
    head = data.partition(b"\r\n\r\n")[0]
    assert all(len(line) <= 78 for line in head.split(b"\r\n")), "header lines stay folded"


def test_plain_ascii_subject_is_not_encoded() -> None:
    _, data = _round_trip("Access request - ref. R-7K3M")
    assert b"Subject: Access request - ref. R-7K3M\r\n" in data
