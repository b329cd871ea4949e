"""Benchmark: 600 letters rendered, written as .eml and as PDF, in one process.

Run from the project root:  python benchmarks/bench_letters.py [COUNT] [--paper a4|letter]
Prints the time of each phase, the total, and the peak memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rights.delivery import Options, deliver
from rights.letters.context import LetterContext, Recipient
from rights.letters.render import render

# Whole-process timings must include what users have: compiled bytecode (.pyc) for our
# modules. A shell with PYTHONDONTWRITEBYTECODE=1 would recompile every module on every run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

CITATIONS = {
    "access": "Cal. Civ. Code §§1798.110, 1798.115",
    "deletion": "Cal. Civ. Code §1798.105",
}


def contexts(count: int) -> list[LetterContext]:
    """``count`` deletion/access requests to made-up brokers (no real company data)."""
    out = []
    for i in range(count):
        out.append(
            LetterContext(
                ref=f"R-{i:04d}",
                right="deletion" if i % 2 else "access",
                family="us-state",
                law_id="ccpa",
                law_name="California Consumer Privacy Act",
                lang="en" if i % 3 else "es",
                citations=CITATIONS,
                due=dt.date(2027, 1, 10),
                today=dt.date(2026, 11, 26),
                sender={
                    "name": "Zofia Łukasiewicz",
                    "email": "zofia@example.org",
                    "address": ["1 Main St", "Sacramento, CA 95814"],
                },
                recipient=Recipient(
                    name=f"Example Broker {i} Inc.",
                    address_lines=[f"{100 + i} Market St", "San Francisco, CA 94105"],
                    email=f"privacy{i}@broker.example",
                ),
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=600)
    parser.add_argument("--paper", default="letter", choices=["a4", "letter"])
    args = parser.parse_args()

    t0 = time.perf_counter()
    items = contexts(args.count)
    t1 = time.perf_counter()
    letters = [render(ctx) for ctx in items]
    t2 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        options = Options(
            out_dir=out, sender_email="zofia@example.org", paper=args.paper, today=items[0].today
        )
        for letter in letters:
            deliver("eml", letter, options)
        t3 = time.perf_counter()
        for letter in letters:
            deliver("pdf", letter, options)
        t4 = time.perf_counter()
        size = sum(p.stat().st_size for p in out.iterdir())
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    n = args.count
    print(f"letters:           {n} ({args.paper})")
    print(f"build contexts:    {t1 - t0:7.3f} s")
    print(f"render (jinja2):   {t2 - t1:7.3f} s  ({(t2 - t1) / n * 1000:.2f} ms/letter)")
    print(f"write .eml:        {t3 - t2:7.3f} s  ({(t3 - t2) / n * 1000:.2f} ms/letter)")
    print(f"write PDF (typst): {t4 - t3:7.3f} s  ({(t4 - t3) / n * 1000:.2f} ms/letter)")
    print(f"total:             {t4 - t0:7.3f} s")
    print(f"files written:     {2 * n} ({size / 1e6:.1f} MB)")
    print(f"peak memory:       {peak_kib / 1024:.1f} MiB (ru_maxrss)")


if __name__ == "__main__":
    main()
