"""Case views on a big store: ``rights due``, ``list --json`` and ``show REF`` as processes.

Generates a profile with 50,000 cases and 200,000 events (inserted through the repository in
big transactions, keyring key: no passphrase derivation), then prints the median wall time of
several whole-process runs of each command. Usage:

    python benchmarks/bench_cases.py [--cases 50000] [--events 200000] [--runs 7]

Targets (issue 6, on a 2-core machine): due < 0.3 s, list --json < 1.5 s, show < 0.2 s;
the exports (json, csv, ics of every case) are timed too, against a loose 10 s.
The default store is realistic (three years of requests, most old ones settled);
``--uniform`` puts any state at any age, so about half the store is due (the worst case).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Whole-process timings must include what users have: compiled bytecode (.pyc) for our
# modules. A shell with PYTHONDONTWRITEBYTECODE=1 would recompile every module on every run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import make_store  # noqa: E402  (after the path set-up: benchmarks/make_store.py)


def generate(home: Path, n_cases: int, n_events: int, uniform: bool = False) -> str:
    """Fill the default profile; return one reference to show."""
    from rights.core.case import Case, Event
    from rights.profile import profiles
    from rights.store import cases_repo
    from rights.store.connect import transaction

    rng = random.Random(6)
    today, now = make_store.TODAY, make_store.NOW
    with profiles.open_store(home, "default") as store:
        conn = store.conn
        refs = [f"R-{i:06d}" for i in range(n_cases)]
        batch: list[Case] = []
        for case in make_store.cases(n_cases, uniform, seed=6):
            batch.append(case)  # type: ignore[arg-type]
            if len(batch) == 10_000:
                with transaction(conn):
                    cases_repo.insert_cases(conn, batch)
                batch = []
        if batch:
            with transaction(conn):
                cases_repo.insert_cases(conn, batch)
        kinds = ["sent", "acknowledged", "replied", "note", "extended", "reminder"]
        done = 0
        while done < n_events:
            with transaction(conn):
                for _ in range(min(20_000, n_events - done)):
                    ref = refs[rng.randrange(n_cases)]
                    day = today - dt.timedelta(days=rng.randint(0, 400))
                    cases_repo.add_event(conn, Event(ref, rng.choice(kinds), day, "a note"), now)
                    done += 1
        return refs[n_cases // 2]


def median_wall(argv: list[str], env: dict[str, str], runs: int) -> tuple[float, int]:
    first = subprocess.run(argv, env=env, capture_output=True, check=True)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=True, stdin=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(first.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=50_000)
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--uniform", action="store_true", help="any state at any age (worst case for due)"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    try:
        env = make_store.environment(work / "home")
        os.environ.update(env)
        rights = [sys.executable, "-m", "rights"]
        subprocess.run([*rights, "init"], env=env, capture_output=True, check=True)
        import keyring
        from _file_keyring import FileKeyring

        keyring.set_keyring(FileKeyring())
        start = time.perf_counter()
        ref = generate(work / "home", args.cases, args.events, args.uniform)
        print(
            f"generated {args.cases} cases and {args.events} events in "
            f"{time.perf_counter() - start:.1f} s"
        )
        bare, _ = median_wall([sys.executable, "-c", "pass"], env, args.runs)
        rows = [
            ("rights profile show (floor)", [*rights, "profile", "show"], 0.3),
            ("rights due", [*rights, "due"], 0.3),
            ("rights due --json", [*rights, "due", "--json"], 0.3),
            ("rights list --json", [*rights, "list", "--json"], 1.5),
            ("rights list --overdue", [*rights, "list", "--overdue"], 1.5),
            (f"rights show {ref}", [*rights, "show", ref], 0.2),
            (f"rights show {ref} --json", [*rights, "show", ref, "--json"], 0.2),
            ("rights export (json)", [*rights, "export"], 10.0),
            ("rights export --format csv", [*rights, "export", "--format", "csv"], 10.0),
            ("rights export --format ics", [*rights, "export", "--format", "ics"], 10.0),
        ]
        print(
            f"median of {args.runs} runs, whole processes ({sys.executable}); "
            f"python -c pass: {bare * 1000:.0f} ms"
        )
        for label, argv, target in rows:
            seconds, size = median_wall(argv, env, args.runs)
            mark = "ok" if seconds < target else "OVER TARGET"
            print(
                f"  {label:<30} {seconds * 1000:7.0f} ms  (target {target * 1000:.0f} ms, "
                f"{mark}; {size / 1e6:.1f} MB out)"
            )
        due = subprocess.run([*rights, "due", "--json"], env=env, capture_output=True, check=True)
        items = json.loads(due.stdout)["items"]
        print(
            f"  ({len(items)} items due within 14 days; "
            f"{sum(i['kind'] == 'overdue' for i in items)} overdue)"
        )
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
