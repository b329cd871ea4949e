"""Wall time of `rights deadline ... --json` beside `rights --help` and `python -c pass`.

Runs each command several times in a fresh subprocess and prints the median in milliseconds.
Usage: python benchmarks/bench_deadline.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Whole-process timings must include what users have: compiled bytecode (.pyc) for our
# modules. A shell with PYTHONDONTWRITEBYTECODE=1 would recompile every module on every run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

ROOT = Path(__file__).resolve().parent.parent

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "rights --help": [sys.executable, "-m", "rights", "--help"],
    "rights laws list --json": [sys.executable, "-m", "rights", "laws", "list", "--json"],
    "rights deadline (gdpr, weekends)": [
        sys.executable, "-m", "rights", "deadline", "--law", "gdpr", "--right", "access",
        "--received", "2026-01-31", "--json",
    ],
    "rights deadline (gdpr, --country DE)": [
        sys.executable, "-m", "rights", "deadline", "--law", "gdpr", "--right", "access",
        "--received", "2026-01-31", "--country", "DE", "--json",
    ],
    "rights deadline (ccpa, business days)": [
        sys.executable, "-m", "rights", "deadline", "--law", "ccpa", "--right", "opt-out",
        "--received", "2026-01-31", "--json",
    ],
}  # fmt: skip


def median_ms(argv: list[str], runs: int) -> float:
    """Median wall time of ``argv`` over ``runs`` runs (after one warm-up), in ms."""
    subprocess.run(argv, cwd=ROOT, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, capture_output=True, check=True)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    width = max(len(name) for name in COMMANDS)
    print(f"median of {runs} runs")
    for name, argv in COMMANDS.items():
        print(f"{name:<{width}}  {median_ms(argv, runs):7.1f} ms")


if __name__ == "__main__":
    main()
