"""Attachment chunk layouts in SQLCipher, side by side in one run (issue 18 point 3).

Writes and reads the same incompressible file of ``--mb`` MiB through each layout — the
chunk table with or without a rowid, chunk sizes, chunks per transaction, page sizes — in
WAL mode with ``synchronous = FULL`` and a raw 256-bit key (the keyring key path: no KDF),
as the store does, and prints MB/s each way with the ratio to the floor measured in the
same run: ``openssl enc -aes-256-cbc`` over the same file (encrypt and decrypt). Usage:

    python benchmarks/bench_attachment_layout.py [--mb 256]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KEY = "x'" + "ab" * 32 + "'"
SCHEMA = {
    "without-rowid": (
        "CREATE TABLE chunks (att INTEGER NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,"
        " PRIMARY KEY (att, seq)) WITHOUT ROWID"
    ),
    "rowid": (
        "CREATE TABLE chunks (id INTEGER PRIMARY KEY, att INTEGER NOT NULL, seq INTEGER NOT NULL,"
        " data BLOB NOT NULL, UNIQUE (att, seq))"
    ),
}


def make_file(path: Path, mib: int) -> None:
    """An incompressible file of ``mib`` MiB."""
    seed = hashlib.sha256(b"layout").digest()
    with open(path, "wb") as fh:
        for n in range(mib):
            fh.write(
                b"".join(
                    hashlib.sha512(seed + (n * 16384 + i).to_bytes(8, "big")).digest()
                    for i in range(16384)
                )
            )


def one(
    folder: Path, source: Path, layout: str, chunk: int, batch: int, page: int
) -> tuple[float, float]:
    """Seconds to write ``source`` in and to read it back out, for one layout."""
    import sqlcipher3

    db = folder / f"{layout}-{chunk}-{batch}-{page}.db"
    conn = sqlcipher3.connect(str(db), isolation_level=None)
    conn.execute(f'PRAGMA key = "{KEY}"')
    if page != 4096:
        conn.execute(f"PRAGMA cipher_page_size = {page}")
    conn.execute("PRAGMA journal_mode = WAL").fetchall()
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute(SCHEMA[layout])
    start = time.perf_counter()
    with open(source, "rb") as fh:
        seq, done = 0, False
        while not done:
            conn.execute("BEGIN IMMEDIATE")
            for _ in range(batch):
                block = fh.read(chunk)
                if not block:
                    done = True
                    break
                conn.execute("INSERT INTO chunks (att, seq, data) VALUES (1, ?, ?)", (seq, block))
                seq += 1
            conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    written = time.perf_counter() - start
    start = time.perf_counter()
    digest = hashlib.sha256()
    last = -1
    while True:
        row = conn.execute(
            "SELECT seq, data FROM chunks WHERE att = 1 AND seq > ? ORDER BY seq LIMIT 1", (last,)
        ).fetchone()
        if row is None:
            break
        last = row[0]
        digest.update(row[1])
    read = time.perf_counter() - start
    conn.close()
    if digest.hexdigest() != sha256_of(source):
        sys.exit(f"{layout}: read back differs")
    for leftover in folder.glob(db.name + "*"):
        leftover.unlink()
    db.unlink(missing_ok=True)
    return written, read


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def openssl_floor(folder: Path, source: Path) -> tuple[float, float]:
    """Seconds for ``openssl enc`` to encrypt the file and to decrypt it again."""
    enc, dec = folder / "floor.enc", folder / "floor.dec"
    args = ["-aes-256-cbc", "-K", "ab" * 32, "-iv", "00" * 16]
    start = time.perf_counter()
    subprocess.run(
        ["openssl", "enc", *args, "-in", str(source), "-out", str(enc)], check=True, timeout=600
    )
    written = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run(
        ["openssl", "enc", "-d", *args, "-in", str(enc), "-out", str(dec)], check=True, timeout=600
    )
    read = time.perf_counter() - start
    enc.unlink()
    dec.unlink()
    return written, read


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=int, default=256, help="file size in MiB")
    parser.add_argument(
        "--runs", type=int, default=3, help="runs per layout (the median is printed)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    try:
        source = folder / "source.bin"
        make_file(source, args.mb)
        mb = args.mb * 1.048576
        floors = [openssl_floor(folder, source) for _ in range(args.runs)]
        fw = statistics.median(t[0] for t in floors)
        fr = statistics.median(t[1] for t in floors)
        print(f"{args.mb} MiB; floor openssl enc: in {mb / fw:7.1f} MB/s  out {mb / fr:7.1f} MB/s")
        print(
            f"{'layout':14} {'chunk':>6} {'batch':>5} {'page':>6} "
            f"{'in MB/s':>8} {'x floor':>7} {'out MB/s':>8} {'x floor':>7}"
        )
        cases = [
            ("without-rowid", 1 << 20, 16, 4096),
            ("rowid", 1 << 20, 16, 4096),
            ("rowid", 256 << 10, 64, 4096),
            ("rowid", 4 << 20, 4, 4096),
            ("rowid", 1 << 20, 64, 4096),
            ("rowid", 1 << 20, 16, 65536),
        ]
        # interleaved (every layout once per round), so a drift of the machine's speed
        # touches every layout alike
        times: dict[tuple[str, int, int, int], list[tuple[float, float]]] = {c: [] for c in cases}
        for _ in range(args.runs):
            for case in cases:
                times[case].append(one(folder, source, *case))
        for (layout, chunk, batch, page), runs in times.items():
            w = statistics.median(t[0] for t in runs)
            r = statistics.median(t[1] for t in runs)
            print(
                f"{layout:14} {chunk >> 10:5}K {batch:5} {page:6} {mb / w:8.1f} {fw / w:7.2f} "
                f"{mb / r:8.1f} {fr / r:7.2f}"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    os.umask(0o077)
    main()
