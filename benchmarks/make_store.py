"""A big store for the scale benchmarks: N cases and about four events each, quickly.

The profile is created with ``rights init`` (a keyring key kept by the benchmark-only
``_file_keyring``, so no passphrase derivation), then every case and event goes in through
the store layer (``cases_repo.insert_cases`` / ``insert_events``) in one transaction.
Usage::

    python benchmarks/make_store.py HOME --cases 50000 [--events-per-case 4] [--uniform]

prints the environment to use the store with (``RIGHTS_HOME`` and the keyring variables).
The default store is realistic (three years of requests, most old ones settled);
``--uniform`` puts any state at any age, so about half the store is due (the worst case).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from rights.core.vocabulary import STATES  # noqa: E402  (after the path set-up)

TODAY = dt.date(2026, 11, 26)
NOW = dt.datetime(2026, 11, 26, 12, tzinfo=dt.UTC)
LAWS = [("gdpr", "access"), ("gdpr", "deletion"), ("ccpa", "deletion"), ("uk-gdpr", "access")]
OPEN = ["sent", "acknowledged", "extended", "partial", "needs-info", "escalated"]
ENDED = ["fulfilled", "refused", "closed", "abandoned"]
KINDS = ["sent", "acknowledged", "replied", "note", "extended", "reminder"]
SIZES = {"1k": 1_000, "10k": 10_000, "50k": 50_000, "200k": 200_000}


def environment(home: Path) -> dict[str, str]:
    """The variables a ``rights`` child needs to open the benchmark store without a prompt."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_")},
        "RIGHTS_HOME": str(home),
        "RIGHTS_BENCH_KEYRING_FILE": str(home.parent / f"{home.name}-keyring.json"),
        "PYTHON_KEYRING_BACKEND": "_file_keyring.FileKeyring",
        "RIGHTS_KEYRING_BACKEND_OK": "_file_keyring.FileKeyring",
        "RIGHTS_TODAY": TODAY.isoformat(),
        "PYTHONPATH": f"{ROOT}{os.pathsep}{HERE}",
    }


def _status_and_sent(rng: random.Random, uniform: bool) -> tuple[str, dt.date]:
    if uniform:
        return rng.choice(list(STATES)), TODAY - dt.timedelta(days=rng.randint(0, 400))
    sent = TODAY - dt.timedelta(days=rng.randint(0, 3 * 365))
    if (TODAY - sent).days > 90:
        return (rng.choice(OPEN) if rng.random() < 0.03 else rng.choice(ENDED)), sent
    return rng.choice([*OPEN, *OPEN, "draft", "fulfilled"]), sent


def cases(n: int, uniform: bool, seed: int = 18) -> Iterator[object]:
    """``n`` generated cases (``rights.core.case.Case``), references ``R-000000`` up."""
    from rights.core.case import Case, CaseNotes

    rng = random.Random(seed)
    for i in range(n):
        ref = f"R-{i:06d}"
        law, right = rng.choice(LAWS)
        status, sent = _status_and_sent(rng, uniform)
        due = sent + dt.timedelta(days=30) if status != "draft" else None
        yield Case(
            ref=ref,
            company=f"company-{rng.randint(0, 4000)}",
            company_name=f"Company {rng.randint(0, 4000)} Ltd",
            right=right,
            law=law,
            lang="en",
            via="email",
            status=status,
            recipient="privacy@example.com",
            created_at=NOW,
            sent_on=sent if due else None,
            received_on=sent if due else None,
            due=due,
            acknowledge_by=sent + dt.timedelta(days=10) if law == "ccpa" else None,
            recheck_on=TODAY + dt.timedelta(days=rng.randint(-5, 200))
            if status == "fulfilled"
            else None,
            subject=f"Request [{ref}]",
            body="Dear company,\n" + "text " * 80,
            notes=CaseNotes(categories=["retail"]),
        )


def events(n_cases: int, per_case: int, seed: int = 19) -> Iterator[object]:
    """About ``per_case`` events a case (``rights.core.case.Event``), spread at random."""
    from rights.core.case import Event

    rng = random.Random(seed)
    for _ in range(n_cases * per_case):
        ref = f"R-{rng.randrange(n_cases):06d}"
        day = TODAY - dt.timedelta(days=rng.randint(0, 400))
        yield Event(ref, rng.choice(KINDS), day, "a note")


def make_store(home: Path, n_cases: int, per_case: int = 4, uniform: bool = False) -> float:
    """Create the default profile in ``home`` and fill it; return the seconds it took."""
    env = environment(home)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rights", "init"], env=env, capture_output=True,
                   check=True, timeout=120)  # fmt: skip
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        import keyring
        from _file_keyring import FileKeyring

        keyring.set_keyring(FileKeyring())
        from rights.profile import profiles
        from rights.store import cases_repo
        from rights.store.connect import transaction

        with profiles.open_store(home, "default") as store, transaction(store.conn):
            cases_repo.insert_cases(store.conn, cases(n_cases, uniform))  # type: ignore[arg-type]
            cases_repo.insert_events(store.conn, events(n_cases, per_case), NOW)  # type: ignore[arg-type]
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("home", type=Path, help="a data folder that does not exist yet")
    parser.add_argument("--cases", default="10k", help="1k, 10k, 50k, 200k or a number")
    parser.add_argument("--events-per-case", type=int, default=4)
    parser.add_argument("--uniform", action="store_true")
    args = parser.parse_args()
    n = SIZES.get(args.cases) or int(args.cases)
    seconds = make_store(args.home, n, args.events_per_case, args.uniform)
    print(f"{n} cases, {n * args.events_per_case} events in {seconds:.1f} s")
    for key in ("RIGHTS_HOME", "RIGHTS_BENCH_KEYRING_FILE", "PYTHON_KEYRING_BACKEND",
                "RIGHTS_KEYRING_BACKEND_OK", "RIGHTS_TODAY", "PYTHONPATH"):  # fmt: skip
        print(f"export {key}={environment(args.home)[key]}")


if __name__ == "__main__":
    main()
