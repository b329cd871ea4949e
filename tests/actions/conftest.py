"""Fixtures of the follow-up tests (reminder, answer, complaint): a Berlin and a Californian
profile, and a late GDPR request. ``test_request.py`` has its own ``berlin`` (with a date of
birth), which takes precedence there."""

from __future__ import annotations

import pytest

from tests.helpers.followup import new_case


@pytest.fixture
def berlin(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli(
        "profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "zofia@example.org",
        "--address", "Musterstraße 1, 10115 Berlin", "--country", "DE", "--region", "BE",
    )  # fmt: skip
    assert r.code == 0, r.err
    return cli


@pytest.fixture
def californian(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Dana Whitfield", "--email", "dana@example.org",
            "--country", "US", "--region", "CA")  # fmt: skip
    assert r.code == 0, r.err
    return cli


@pytest.fixture
def late(berlin, monkeypatch):
    """A GDPR access request to Acxiom, sent 1 Oct 2026 (due 2 Nov), and today 20 Nov."""
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    ref = new_case(berlin, "acxiom", "access", "--lang", "en")
    assert berlin("log", ref, "sent", "--date", "2026-10-01").code == 0
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    return ref
