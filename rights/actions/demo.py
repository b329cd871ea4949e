"""The demo: a fictional person's requests, end to end, in a throwaway data folder.

It never touches the user's own data folder or OS keyring: the demo store is locked with
a random passphrase that lives only in memory (printed when ``keep`` asks for it). It
works offline: letters are written to files, nothing is sent.
"""

from __future__ import annotations

import datetime as dt
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.actions import batch as batches
from rights.cases import contract
from rights.cases import log as case_log
from rights.profile import identity, profiles
from rights.store import Store, cases_repo, repo
from rights.store.connect import transaction
from rights.store.keys import Key, KeyInfo

if TYPE_CHECKING:
    from rights.core.identity import Identity
    from rights.law.model import Law

DEMO_PROFILE = "demo"
DEMO_PERSON = identity.Changes(
    full_name="Alex Beispiel-Müller",
    emails=["alex.demo@example.org"],
    addresses=["Musterstraße 1, 10115 Berlin, Germany"],
    country="DE",
    region="BE",
)
# (company slug, right, channel): a credit agency by post, an address broker by email
# file, a platform (its EU controller) through its web form.
DEMO_REQUESTS = (
    ("schufa", "access", "pdf"),
    ("acxiom", "deletion", "eml"),
    ("facebook", "access", "webform"),
)
SENT_DAYS_AGO = 40


@dataclass(frozen=True)
class CaseRows:
    """The rows of ``rights list`` at this step of the demo, for the CLI to draw as a table."""

    rows: list[tuple[Any, ...]]


def run(*, keep: bool = False, today: dt.date, now: dt.datetime) -> Iterator[str | CaseRows]:
    """Create a profile, write three requests, time-travel past a deadline; yield lines.

    ``today`` and ``now`` come from the caller (the CLI's clock)."""
    home = Path(tempfile.mkdtemp(prefix="rights-demo-"))
    passphrase = secrets.token_urlsafe(18)
    try:
        key = (KeyInfo("passphrase"), Key("passphrase", passphrase))
        info = profiles.create(home, DEMO_PROFILE, key=key, now=now)
        yield f"1. Created an encrypted store (SQLCipher) for a fictional person:\n   {info.path}"
        with Store.open(info.path, key[1], profile=DEMO_PROFILE, now=now) as store:
            yield from _walk_through(store, home, today, now)
        raw = b"".join(p.read_bytes() for p in info.path.parent.glob("rights.db*"))
        plain = b"Beispiel" in raw or b"alex.demo" in raw
        yield "7. Readable personal data in the store files: " + ("YES (bug!)" if plain else "none")
        if keep:
            yield (
                f"Kept. Reopen with: RIGHTS_HOME={home} RIGHTS_PASSPHRASE={passphrase} "
                f"rights list --profile {DEMO_PROFILE}"
            )
        else:
            yield "8. Removed the demo folder. Start for real with: rights start (or rights init)"
    finally:
        if not keep:
            shutil.rmtree(home, ignore_errors=True)


def _walk_through(
    store: Store, home: Path, today: dt.date, now: dt.datetime
) -> Iterator[str | CaseRows]:
    """Steps 2-6: the profile, the requests, the time travel, the list, the integrity check."""
    from rights.law.load import data_folder, load_laws

    person = identity.apply(repo.get_identity(store.conn), DEMO_PERSON, today=today)
    with transaction(store.conn):
        repo.put_identity(store.conn, person, now)
    yield f"2. Profile: {person.full_name}, lives in Berlin (DE-BE), {person.emails[0]}"
    laws = load_laws(data_folder())
    yield "3. Requests (the law and language are chosen from where the person lives):"
    made: list[batches.Result] = []
    yield from _requests(store, person, laws, home, today, now, made)
    if made and made[0].case is not None:
        first = made[0].case
        sent_on = today - dt.timedelta(days=SENT_DAYS_AGO)
        case_log.log_event(
            store.conn, ref=first.ref, kind="sent", on_date=sent_on, today=today,
            now=now, root=data_folder(), note="posted (demo)", backdated=True,
        )  # fmt: skip
        yield (
            f"4. Time travel: pretend the {first.company_name} letter was posted "
            f"{SENT_DAYS_AGO} days ago ({sent_on.isoformat()}):"
        )
    rows = cases_repo.list_rows(store.conn, today)
    yield CaseRows(list(rows))
    due = contract.due_items(cases_repo.due_rows(store.conn, today, today), today)
    for item in (i for i in due if i["kind"] == "overdue"):
        yield (
            f"5. {item['ref']} is overdue since {item['date']}: "
            f"'rights followup {item['ref']}' writes the reminder, "
            f"'rights escalate {item['ref']}' the complaint to the regulator."
        )
    yield "   Drafts stay drafts until you send them: rights log REF sent --date D"
    problems = store.problems()
    yield "6. Integrity check of the store: " + ("ok" if not problems else "; ".join(problems))


def _requests(
    store: Store, person: Identity, laws: list[Law], home: Path, today: dt.date,
    now: dt.datetime, made: list[batches.Result],
) -> Iterator[str | CaseRows]:  # fmt: skip
    """The demo's requests, one line each; those created are appended to ``made``."""
    from rights.companies.lookup import resolve
    from rights.paths import shipped

    letters = home / "letters"
    for slug, right, via in DEMO_REQUESTS:
        (company,) = resolve([slug], None, folder=shipped("companies"), mine=[])
        batch = batches.Batch(right=right, via=via, out_dir=letters)
        (result,) = batches.run_batch(
            store, [company], batch, identity=person, laws=laws, today=today, now=now, home=home
        )
        if result.case is None:
            assert result.error is not None
            yield f"   {company.name}: skipped: {result.error.message}"
            continue
        made.append(result)
        case, outcome = result.case, result.outcome
        where = ", ".join(p.name for p in outcome.files) if outcome and outcome.files else ""
        where = where or (outcome.url if outcome and outcome.url else "")
        yield (
            f"   {case.ref}  {company.name}: {right} under {case.law.upper()} "
            f"({case.notes.reasons['law']}), letter in {case.lang}, via {via} -> {where}"
        )
    yield f"   The letters are in {letters}"
