"""The demo: a fictional person's profile in a throwaway data folder.

It never touches the user's own data folder or OS keyring: the demo store is locked with
a random passphrase that lives only in memory (printed when ``keep`` asks for it).
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from rights import identity, profiles
from rights.keys import Key, KeyInfo
from rights.store import Store, repo

DEMO_PROFILE = "demo"
DEMO_PERSON = identity.Changes(
    full_name="Alex Beispiel-Müller",
    emails=["alex.demo@example.org"],
    phones=["+49 30 5550100"],
    addresses=["Musterstraße 1, 10115 Berlin, Germany"],
    country="DE",
    region="BE",
)


def run(*, keep: bool = False, today: dt.date | None = None) -> Iterator[str]:
    """Create, fill, read back and verify a demo store; yield what happens, line by line."""
    today = today or dt.date.today()
    now = dt.datetime.combine(today, dt.time(12, 0), tzinfo=dt.UTC)
    home = Path(tempfile.mkdtemp(prefix="rights-demo-"))
    passphrase = secrets.token_urlsafe(18)
    try:
        key = (KeyInfo("passphrase"), Key("passphrase", passphrase))
        info = profiles.create(home, DEMO_PROFILE, key=key, now=now)
        yield f"1. Created an encrypted store (SQLCipher) for profile {DEMO_PROFILE!r}:"
        yield f"   {info.path}"
        with Store.open(info.path, key[1], profile=DEMO_PROFILE) as store:
            person = identity.apply(repo.get_identity(store.conn), DEMO_PERSON, today=today)
            repo.put_identity(store.conn, person, now)
            yield f"2. Saved a fictional identity: {person.full_name}, {person.emails[0]}"
            back = repo.get_identity(store.conn)
            yield f"3. Read it back from the encrypted store: {back.full_name} ({back.country})"
            problems = store.problems()
            yield "4. Integrity check: " + ("ok" if not problems else "; ".join(problems))
        raw = info.path.read_bytes()
        plain = b"Beispiel" in raw or b"alex.demo" in raw
        yield "5. The file on disk holds no readable personal data: " + ("no!" if plain else "yes")
        if keep:
            yield (
                f"Kept. Reopen with: RIGHTS_HOME={home} RIGHTS_PASSPHRASE={passphrase} "
                f"rights profile show --profile {DEMO_PROFILE}"
            )
        else:
            yield "6. Removed the demo folder. Start for real with: rights init"
    finally:
        if not keep:
            shutil.rmtree(home, ignore_errors=True)
