"""Write the committed fixture ``tests/fixtures/store-schema1.db``: a store of schema 1.

Run once, when schema 1 was the latest (it is kept so later migrations are tested
against a real old store): ``python tests/helpers/make_store_v1.py``.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from rights.profile import identity, profiles
from rights.store import Store, repo
from rights.store.keys import Key, KeyInfo
from rights.store.migrations import LATEST

FIXTURE_PASSPHRASE = "fixture schema one passphrase"
PERSON = identity.Changes(
    full_name="Fixture Person Schema-One",
    emails=["fixture.one@example.org"],
    addresses=["Fixturestraße 1, 10115 Berlin"],
    birth_date="1980-02-29",
    country="DE",
    region="BE",
    accounts=["acme=customer-0001"],
)


def main() -> None:
    assert LATEST == 1, "the schema-1 fixture must be made by the schema-1 code"
    now = dt.datetime(2026, 11, 26, 12, 0, tzinfo=dt.UTC)
    home = Path(tempfile.mkdtemp())
    try:
        key = Key("passphrase", FIXTURE_PASSPHRASE)
        info = profiles.create(home, "fixture", now=now, key=(KeyInfo("passphrase"), key))
        with Store.open(info.path, key, profile="fixture") as store:
            person = identity.apply(repo.get_identity(store.conn), PERSON, today=now.date())
            repo.put_identity(store.conn, person, now)
            repo.set_setting(store.conn, "fixture", "schema-1")
        out = Path(__file__).resolve().parents[1] / "fixtures" / "store-schema1.db"
        shutil.copyfile(info.path, out)
        print(f"wrote {out.name}")
    finally:
        shutil.rmtree(home)


if __name__ == "__main__":
    main()
