"""Benchmark: a batch of PDF letters with one typst compiler for the batch (what rights
does) against a new compiler for every letter (what it did), in the same run.

Run from the project root:  python benchmarks/bench_pdf_batch.py [COUNT] [--rounds R]
[--enclosed]

The modes alternate in rounds (COUNT letters each) so that both see the same machine
load. Also printed, as the floor: typst alone compiling the same layout data in one shot
(``typst.compile``, no PDF/A, no glyph check), as rights did before PDF/A.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.bench_letters import contexts
from rights.delivery import pdf, typeset
from rights.letters.context import Enclosure
from rights.letters.render import render


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", nargs="?", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--enclosed", action="store_true", help="each letter encloses a one-page signed PDF"
    )
    args = parser.parse_args()
    items = contexts(args.count)
    letters = [render(ctx) for ctx in items]
    if args.enclosed:
        form = typeset.pdf(b"= Authorisation\n#lorem(300)", {}, {})
        found = (Enclosure(filename="authorisation.pdf", mime_type="application/pdf", data=form),)
        letters = [dataclasses.replace(letter, enclosures=found) for letter in letters]
    today = items[0].today
    import typst

    def reused() -> None:
        for letter in letters:
            pdf.render_pdf(letter, "letter", today)

    def fresh() -> None:
        for letter in letters:
            typeset._compiler.cache_clear()  # a new compiler (fonts loaded again)
            pdf.render_pdf(letter, "letter", today)

    def typst_alone() -> None:
        source = pdf.layout_source()
        for letter in letters:
            layout = pdf.layout_data(letter, "letter", today)
            if args.enclosed:  # as rights did: the enclosed PDF embedded as it is
                layout["enclosures"] = [{"format": "pdf"}]
                inputs = {"enc0": pdf._as_numbers(letter.enclosures[0].data)}
            else:
                inputs = {}
            data = json.dumps(layout, ensure_ascii=False)
            typst.compile(source, ignore_system_fonts=True, sys_inputs={"data": data, **inputs})

    modes = {"one compiler per batch": reused, "a compiler per PDF": fresh,
             "floor: typst.compile alone": typst_alone}  # fmt: skip
    reused()  # warm up: imports, the glyph check's first probe
    spent = dict.fromkeys(modes, 0.0)
    for _ in range(args.rounds):
        for name, run in modes.items():
            start = time.perf_counter()
            run()
            spent[name] += time.perf_counter() - start
    n = args.count * args.rounds
    floor = spent["floor: typst.compile alone"]
    what = ", each with a one-page PDF enclosed" if args.enclosed else ""
    print(f"PDF letters: {args.count} x {args.rounds} rounds (US Letter{what})")
    for name, seconds in spent.items():
        print(f"{name:28} {seconds:7.3f} s  {seconds / n * 1000:6.2f} ms/PDF  "
              f"{seconds / floor:5.2f} x floor")  # fmt: skip
    ratio = spent["a compiler per PDF"] / spent["one compiler per batch"]
    print(f"a compiler per PDF / one per batch: {ratio:.2f}")
    print(f"compilers built: {typeset.compilers_made}")
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"peak memory: {peak_kib / 1024:.1f} MiB (ru_maxrss)")


if __name__ == "__main__":
    main()
