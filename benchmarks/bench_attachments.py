"""Peak memory and time of a big attachment through ``export --with-attachments`` and
``import`` (issue 10, finding 13), each command a whole process.

Creates a profile (passphrase from RIGHTS_PASSPHRASE), records a DROP case, attaches a
generated file of ``--mb`` MiB (incompressible, written streamed), then runs
``rights export --format json --with-attachments --out FILE`` and ``rights import FILE``
into a second profile, and checks the attachment read back. Each command runs under a fresh
wrapper so ``ru_maxrss`` of its one child is that command's own peak. Usage:

    python benchmarks/bench_attachments.py [--mb 1024]

Target: under 100 MB peak RSS for each command, whatever the attachment's size.
It needs about 5x the attachment's size in free space in the temp folder.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WRAPPER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "print('peak-kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)


def blocks(total: int, size: int = 1024 * 1024) -> Iterator[bytes]:
    """Incompressible blocks from a counter-mode hash, ``total`` bytes in all."""
    seed = hashlib.sha256(b"rights bench attachment").digest()
    for n in range(0, total, size):
        chunk = b"".join(
            hashlib.sha512(seed + (n + i).to_bytes(8, "big")).digest()
            for i in range(0, min(size, total - n), 64)
        )
        yield chunk[: min(size, total - n)]


def run(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """Run ``rights ARGS``: (seconds, peak RSS in MB, stdout); exit on failure."""
    argv = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "rights", *args]
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=7200)
    seconds = time.perf_counter() - start
    head, _, last = done.stderr.rstrip("\n").rpartition("\n")
    if done.returncode != 0:
        sys.exit(f"rights {' '.join(args)} failed:\n{head}")
    return seconds, int(last.split()[-1]) / 1024, done.stdout


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def main() -> None:
    """Run the benchmark and print one line per command."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=1024, help="attachment size in MiB")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    try:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_")},
            "PYTHONPATH": str(ROOT),
            "RIGHTS_HOME": str(work / "home"),
            "RIGHTS_PASSPHRASE": "bench passphrase, not secret",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "TMPDIR": str(work),
        }
        run(env, "init")
        run(env, "drop", "--date", "2026-11-02")
        ref = json.loads(run(env, "list", "--json")[2])[0]["ref"]
        big = work / "reply.bin"
        digest = hashlib.sha256()
        with open(big, "wb") as fh:
            for block in blocks(args.mb * 1024 * 1024):
                digest.update(block)
                fh.write(block)
        timings = {"log --attach": run(env, "log", ref, "replied", "--attach", str(big))}
        big.unlink()
        out = work / "export.json"
        timings["export"] = run(env, "export", "--with-attachments", "--out", str(out))
        run(env, "profile", "new", "restored")
        timings["import"] = run(env, "import", str(out), "--profile", "restored")
        out.unlink()
        back = work / "back.bin"
        run(env, "attachment", "get", ref, "1", "--out", str(back), "--profile", "restored")
        same = sha256_of(back) == digest.hexdigest()
        print(f"attachment {args.mb} MiB, read back {'identical' if same else 'DIFFERENT'}")
        for name, (seconds, peak, _) in timings.items():
            print(f"{name:>14}: {seconds:7.1f} s  peak RSS {peak:6.0f} MB")
        if not same:
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
