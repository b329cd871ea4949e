"""A batch of requests to the us-data-brokers pack, as whole processes: .eml files, then
PDF letters. Prints the wall time, the number of letters and the peak memory of each run.
The second batch passes --again: without it, it would reuse the first batch's open cases
and write next to nothing.

Usage: python benchmarks/bench_requests.py   (target: 600 requests with .eml and PDF < 10 s)
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Whole-process timings must include what users have: compiled bytecode (.pyc) for our
# modules. A shell with PYTHONDONTWRITEBYTECODE=1 would recompile every module on every run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    work = Path(tempfile.mkdtemp())
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_")},
        "PYTHONPATH": str(ROOT),
        "RIGHTS_HOME": str(work / "home"),
        "RIGHTS_PASSPHRASE": "benchmark passphrase",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    rights = [sys.executable, "-m", "rights"]
    try:
        subprocess.run([*rights, "init"], env=env, check=True, capture_output=True)
        subprocess.run(
            [*rights, "profile", "edit", "--full-name", "Bench Person", "--email",
             "bench@example.org", "--address", "1 Main St, Sacramento CA 95814",
             "--country", "US", "--region", "CA"],
            env=env, check=True, capture_output=True,
        )  # fmt: skip
        total_letters, total_time = 0, 0.0
        for via in ("eml", "pdf"):
            out = work / via
            argv = [*rights, "request", "new", "--pack", "us-data-brokers", "--right",
                    "deletion", "--via", via, "--out", str(out), "--json", "--again"]  # fmt: skip
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            start = time.perf_counter()
            done = subprocess.run(argv, env=env, capture_output=True, text=True)
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            made = json.loads(done.stdout) if done.stdout.strip() else []
            files = len(list(out.glob(f"*.{via}")))
            total_letters += len(made)
            total_time += seconds
            print(
                f"--via {via:<4} {len(made):4d} requests, {files:4d} files in {seconds:6.2f} s "
                f"({1000 * seconds / max(len(made), 1):5.1f} ms each); peak RSS "
                f"{max(peak, before) / 1024:.0f} MiB (max over runs so far)"
            )
        print(f"total: {total_letters} requests in {total_time:.2f} s")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
