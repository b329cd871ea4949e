"""Company directory speed: in-process search at the shipped size, at 5,000 and at 50,000
synthetic records, and ``rights companies search`` as a whole process beside ``rights --help``
in the same run (targets, issue 13: <= 5 ms per query at 5,000+, <= 20 ms at 50,000, the
whole search process under 0.2 s median).

Run from the repository root: ``python benchmarks/bench_companies.py``. Prints figures;
asserts nothing.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rights.companies import index
from rights.companies.search import search
from rights.paths import shipped

# Whole-process timings must include what users have: compiled bytecode (.pyc) for our
# modules. A shell with PYTHONDONTWRITEBYTECODE=1 would recompile every module on every run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

QUERIES = [
    "google.com",
    "acxiom",
    "spokeo",
    "gogle",
    "white pages",
    "experain",
    "deutsche bahn",
    "credit",
    "whitepagse",
    "zoominfo",
    "transunion",
    "equifax.com",
    "experian",
    "innovis",
    "clarity services",
]


def median_ms(directory: index.Directory, queries: list[str], rounds: int = 5) -> float:
    times = []
    for _ in range(rounds):
        for q in queries:
            start = time.perf_counter()
            search(directory, q, near="US", limit=20)
            times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def synthetic(directory: index.Directory, size: int) -> index.Directory:
    """``size`` records: the real lines, then copies with shuffled letters in the names."""
    rng = random.Random(7)
    lines = list(directory.lines)
    base = list(directory.lines)
    n = 0
    while len(lines) < size:
        line = base[n % len(base)]
        text, _, entry = line.partition("\t")
        parts = text.split("|")
        word = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7))
        parts[0] = f"{parts[0]}-{n}"
        parts[1] = f"{parts[1]} {word}"
        parts[2] = f"{parts[2]} {word}"
        lines.append("|".join(parts) + "\t" + entry)
        n += 1
    return index.Directory(lines)


def wall(argv: list[str], rounds: int = 7) -> float:
    times = []
    env = dict(os.environ, RIGHTS_HOME=tempfile.mkdtemp())
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _rights(*args: str) -> list[str]:
    """The installed ``rights`` script beside this interpreter, else ``python -m rights``."""
    script = Path(sys.executable).with_name("rights")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "rights", *args]


def main() -> None:
    start = time.perf_counter()
    real = index.load(shipped("companies"))
    load_ms = (time.perf_counter() - start) * 1000
    print(f"load shipped index: {len(real)} records in {load_ms:.1f} ms")
    print(f"search, {len(real)} records: median {median_ms(real, QUERIES):.2f} ms/query")
    for size, rounds in ((5_000, 5), (50_000, 3)):
        start = time.perf_counter()
        big = synthetic(real, size)
        build_ms = (time.perf_counter() - start) * 1000
        print(f"build {size:,} synthetic records: {build_ms:.0f} ms")
        how = "synthetic" if len(big) > len(real) else "real, tables built in memory"
        figure = median_ms(big, QUERIES, rounds)
        print(f"search, {len(big)} records ({how}): median {figure:.2f} ms/query")
    py = sys.executable
    print(f"python -c pass: median {wall([py, '-c', 'pass']) * 1000:.0f} ms wall")
    helped = wall(_rights("--help"))
    print(f"rights --help: median {helped * 1000:.0f} ms wall")
    for query in ("acxiom", "gogle", "trans union"):
        took = wall(_rights("companies", "search", query, "--no-mine"))
        print(
            f"rights companies search {query!r}: median {took * 1000:.0f} ms wall, "
            f"{took / helped:.2f}x rights --help"
        )


if __name__ == "__main__":
    main()
