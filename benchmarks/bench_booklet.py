"""Benchmark: a printed booklet (``rights packs print``) of a whole pack, blank, in one
process: choosing and rendering the letters, then the PDF layout.

Run from the project root:  python benchmarks/bench_booklet.py [PACK] [--right R]
Prints the time of each phase, the time per letter, the pages and the peak memory.
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

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pack", nargs="?", default="us-data-brokers")
    parser.add_argument("--right", default="deletion")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["RIGHTS_HOME"] = home
        from rights.actions.booklet import prepare
        from rights.delivery import booklet

        start = time.perf_counter()
        book = prepare(slugs=[], pack=args.pack, right=args.right, country=None,
                       profile=None, paper=None, today=dt.date(2026, 12, 7),
                       home=Path(home))  # fmt: skip
        letters = time.perf_counter()
        pdf = booklet.render(book)
        done = time.perf_counter()
    count = len(book.entries)
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type/Page/")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pack {args.pack}: {count} letters, {len(book.skipped)} skipped, {len(pdf)} bytes")
    print(f"letters   {letters - start:6.2f} s")
    print(f"layout    {done - letters:6.2f} s")
    print(f"total     {done - start:6.2f} s  ({(done - start) / max(count, 1) * 1000:.1f} ms "
          f"per letter; pages counted: {pages})")  # fmt: skip
    print(f"peak memory {peak:.0f} MB")


if __name__ == "__main__":
    main()
