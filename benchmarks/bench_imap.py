"""``rights inbox sync`` of 200 new replies from a local Dovecot (started as in the tests,
package dovecot-imapd), among 800 unrelated messages; then the second sync, which must
fetch nothing. Prints the wall time of each and the peak memory.

The import is the saved-mail import (``rights.inbox.importer``); where that module is not
installed yet, the sync hands the messages to a counter instead and says so.

Usage: python benchmarks/bench_imap.py
"""

from __future__ import annotations

import datetime as dt
import imaplib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
MATCHING, OTHERS = 200, 800


class Counter:
    """Stands in for the import when it is not there: counts what the sync hands over."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, conn: Any, messages: Any, **_: Any) -> Any:
        batch = list(messages)
        self.count += len(batch)
        names = [name for name, _ in batch]
        return type("Report", (), {"to_json": lambda self: {"matched": names}})()


def make_cases(env: dict[str, str], work: Path) -> None:
    rights = [sys.executable, "-m", "rights"]
    subprocess.run([*rights, "init"], env=env, check=True, capture_output=True, timeout=120)
    subprocess.run(
        [*rights, "profile", "edit", "--full-name", "Bench Person", "--email",
         "bench@example.org", "--address", "1 Main St, Sacramento CA 95814",
         "--country", "US", "--region", "CA"],
        env=env, check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    subprocess.run(
        [*rights, "request", "new", "--pack", "us-data-brokers", "--right", "deletion",
         "--via", "eml", "--out", str(work / "eml"), "--json"],
        env=env, check=True, capture_output=True, timeout=600,
    )  # fmt: skip


def fill(port: int, user: str, password: str, refs: list[str]) -> None:
    with imaplib.IMAP4("127.0.0.1", port, timeout=30) as client:
        client.login(user, password)
        for n in range(MATCHING + OTHERS):
            if n % 5 == 0:
                subject = f"Re: your request {refs[(n // 5) % len(refs)]}"
            else:
                subject = f"Newsletter number {n}"
            raw = (f"From: team@broker{n}.example\r\nTo: bench@example.org\r\n"
                   f"Subject: {subject}\r\nMessage-ID: <{n}@bench.example>\r\n"
                   f"Date: Thu, 26 Nov 2026 10:00:00 +0000\r\n\r\n{'text ' * 400}\r\n")  # fmt: skip
            client.append("INBOX", "", None, raw.encode())


def main() -> None:
    from tests.helpers.dovecot import running_dovecot

    work = Path(tempfile.mkdtemp())
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_")},
        "PYTHONPATH": str(ROOT),
        "RIGHTS_HOME": str(work / "home"),
        "RIGHTS_PASSPHRASE": "benchmark passphrase",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    make_cases(env, work)
    os.environ.update(env)
    from rights.inbox import sync as syncing
    from rights.inbox.imap_settings import settings_from
    from rights.profile import profiles

    home = work / "home"
    with running_dovecot() as server, profiles.open_store(home, "default") as store:
        refs = syncing.open_refs(store.conn)[:MATCHING]
        fill(server.port, server.user, server.password, refs)
        settings = settings_from({"host": "127.0.0.1", "port": server.tls_port,
                                  "user": server.user, "cafile": str(server.cafile)})  # fmt: skip
        try:
            importer: Any = syncing._default_importer()
            which = "rights.inbox.importer"
        except ImportError:
            importer, which = Counter(), "a counter (rights.inbox.importer not installed)"
        today, now = dt.date.today(), dt.datetime.now(dt.UTC)
        for run in ("first", "second"):
            start = time.perf_counter()
            report = syncing.sync(store.conn, settings, server.password, today=today,
                                  now=now, importer=importer)  # fmt: skip
            seconds = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            data = report.to_json()
            print(
                f"{run} sync: {data['found']} found, {data['fetched']} fetched and imported "
                f"in {seconds:6.2f} s among {MATCHING + OTHERS} messages; peak RSS "
                f"{peak:.0f} MB; import: {which}"
            )
            print(json.dumps({k: data[k] for k in ("found", "seen_before", "fetched")}))


if __name__ == "__main__":
    main()
