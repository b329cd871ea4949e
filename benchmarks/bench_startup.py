"""Start-up time of short commands, as whole processes, beside bare ``python -c pass``.

Prints the median wall time of several runs and its ratio to ``python -c pass`` from the
same interpreter. Usage: python benchmarks/bench_startup.py [--runs N]

Targets (issue 2): ``rights --help`` < 0.1 s; ``rights profile show`` < 0.1 s with a
keyring key; with a passphrase, at most 0.05 s beyond SQLCipher's key derivation.
"""

from __future__ import annotations

import argparse
import os
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


def median_wall(argv: list[str], env: dict[str, str], runs: int) -> float:
    subprocess.run(argv, env=env, capture_output=True, check=True)  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, capture_output=True, check=True, stdin=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def kdf_time(runs: int) -> float:
    """In-process time of opening a SQLCipher database with a passphrase (the KDF)."""
    import sqlcipher3.dbapi2 as sqlite

    folder = Path(tempfile.mkdtemp())
    try:
        db = folder / "k.db"
        conn = sqlite.connect(str(db))
        conn.execute("PRAGMA key = 'benchmark passphrase'")
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            conn = sqlite.connect(str(db))
            conn.execute("PRAGMA key = 'benchmark passphrase'")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            conn.close()
            times.append(time.perf_counter() - start)
        return statistics.median(times)
    finally:
        shutil.rmtree(folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    rights = [sys.executable, "-m", "rights"]
    work = Path(tempfile.mkdtemp())
    try:
        base = {
            **{k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_")},
            "PYTHONPATH": f"{ROOT}{os.pathsep}{HERE}",
        }
        pass_env = {
            **base,
            "RIGHTS_HOME": str(work / "p"),
            "RIGHTS_PASSPHRASE": "benchmark passphrase",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
        }
        ring_env = {
            **base,
            "RIGHTS_HOME": str(work / "k"),
            "RIGHTS_BENCH_KEYRING_FILE": str(work / "keyring.json"),
            "PYTHON_KEYRING_BACKEND": "_file_keyring.FileKeyring",
        }
        for env in (pass_env, ring_env):
            subprocess.run([*rights, "init"], env=env, capture_output=True, check=True)
            subprocess.run(
                [
                    *rights,
                    "profile",
                    "edit",
                    "--full-name",
                    "Bench Mark",
                    "--email",
                    "b@example.org",
                ],
                env=env,
                capture_output=True,
                check=True,
            )
        bare = median_wall([sys.executable, "-c", "pass"], base, args.runs)
        rows = [
            ("python -c pass", bare),
            ("rights --help", median_wall([*rights, "--help"], base, args.runs)),
            (
                "rights profile show (keyring key)",
                median_wall([*rights, "profile", "show"], ring_env, args.runs),
            ),
            (
                "rights profile show (passphrase)",
                median_wall([*rights, "profile", "show"], pass_env, args.runs),
            ),
        ]
        kdf = kdf_time(args.runs)
        print(f"median of {args.runs} runs, whole processes ({sys.executable})")
        for label, seconds in rows:
            print(
                f"  {label:<36} {seconds * 1000:7.1f} ms   x{seconds / bare:5.1f} of python -c pass"
            )
        print(f"  {'SQLCipher key derivation (in-process)':<36} {kdf * 1000:7.1f} ms")
        print(f"  passphrase show beyond the KDF: {(rows[3][1] - kdf) * 1000:.1f} ms")
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
