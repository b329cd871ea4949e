"""rights.companies.directory: the shipped directory merged with the user's records."""

from __future__ import annotations

import datetime as dt

from rights.companies import directory, user
from rights.paths import shipped
from rights.profile import profiles

NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)


def test_without_a_store_it_is_the_shipped_directory():
    loaded = directory.merged(shipped("companies"), None)
    assert loaded.mine == [] and loaded.flags == {}
    assert loaded.company("acxiom").slug == "acxiom"
    assert loaded.bounced("acxiom") == []
    assert loaded.directory.get("acxiom") is not None


def test_the_users_records_and_flags_are_merged_and_the_store_closed(home, passphrase_env):
    profiles.create(home, "default", now=NOW)
    mine = user.company_from_options(
        "acme-data", {"name": "Acme Data", "email": "privacy@acme.example"},
        today=NOW.date(), source_url=None,
    )  # fmt: skip
    with profiles.open_store(home, "default") as store:
        user.save_companies(store, [mine], replace=False, now=NOW)
        user.flag_address(store, "acxiom", "x@acxiom.com", ok=False, note="550", now=NOW)
    loaded = directory.load(shipped("companies"), home, "default", "yes")
    assert [c.slug for c in loaded.mine] == ["acme-data"]
    assert loaded.company("acme-data").email == "privacy@acme.example"
    assert loaded.directory.get("acme-data") is not None
    assert [f.address for f in loaded.bounced("acxiom")] == ["x@acxiom.com"]
    with profiles.open_store(home, "default"):  # the directory let go of the store
        pass


def test_mode_no_never_opens_the_store(home):
    loaded = directory.load(shipped("companies"), home, "nobody", "no")
    assert loaded.mine == []
