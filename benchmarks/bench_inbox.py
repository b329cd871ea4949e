"""Time and peak memory of ``rights inbox import`` (issue 15): an mbox of ``--messages``
messages of which ``--matching`` name a case, then one reply carrying a ``--attachment-mb``
MiB attachment, each import a whole process.

Creates a profile (its passphrase set here), stores ``--matching`` sent cases directly,
writes the mbox (most messages unrelated newsletters and notices, some base64-encoded, the
matching ones replies, automatic replies and bounces), runs the import twice (the second
records nothing), then imports the big reply. Each command runs under a fresh wrapper so
``ru_maxrss`` of its one child is that command's own peak. Usage:

    python benchmarks/bench_inbox.py [--messages 10000] [--matching 200] [--attachment-mb 100]

Targets: the 10,000-message import under 10 s and 100 MB peak RSS; the big reply's peak RSS
bounded (not growing with the attachment).
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import mailbox
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from email import policy
from email.message import EmailMessage
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WRAPPER = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:])\n"
    "print('peak-kib', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(done.returncode)\n"
)
DATE = "Mon, 12 Oct 2026 09:30:00 +0000"


def run(env: dict[str, str], *args: str) -> tuple[float, float, str]:
    """Run ``rights ARGS``: (seconds, peak RSS in MB, stdout); exit on failure."""
    argv = [sys.executable, "-c", WRAPPER, sys.executable, "-m", "rights", *args]
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=3600)
    seconds = time.perf_counter() - start
    head, _, last = done.stderr.rstrip("\n").rpartition("\n")
    if done.returncode != 0:
        sys.exit(f"rights {' '.join(args)} failed:\n{head}")
    return seconds, int(last.split()[-1]) / 1024, done.stdout


def make_cases(home: Path, count: int) -> list[str]:
    """``count`` email cases to example companies, sent on 1 Oct 2026 (in-process)."""
    os.environ["RIGHTS_HOME"] = str(home)
    sys.path.insert(0, str(ROOT))
    from rights.cases import lifecycle
    from rights.core.case import Event
    from rights.profile import profiles
    from rights.store import cases_repo
    from rights.store.connect import transaction

    now = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
    refs = []
    with profiles.open_store(home, "default") as store, transaction(store.conn):
        for n in range(count):
            ref = cases_repo.new_ref(store.conn)
            case = lifecycle.new_case(
                ref=ref, company=f"shop{n}", company_name=f"Shop {n}", right="access",
                law="gdpr", lang="en", via="email", now=now,
                recipient=f"privacy@shop{n}.example", subject=f"Access request [{ref}]",
            )  # fmt: skip
            event = Event(ref=ref, kind="sent", on_date=now.date(),
                          data={"message_id": f"<{n}.{ref}@example.org>"})  # fmt: skip
            sent = lifecycle.apply_event(case, event, None, None, now.date())
            cases_repo.insert_cases(store.conn, [sent])
            cases_repo.add_event(store.conn, event, now)
            refs.append(ref)
    return refs


def message(n: int, refs: list[str], matching: set[int], rng: random.Random) -> bytes:
    """Message ``n``: a reply, automatic reply or bounce when ``n`` is matching, else mail
    that names no case (a third of it base64-encoded, so it is read in full)."""
    msg = EmailMessage()
    msg["Date"] = DATE
    msg["To"] = "zofia@example.org"
    msg["Message-ID"] = f"<m{n}@mail.example>"
    if n in matching:
        index = len([m for m in matching if m < n]) % len(refs)
        ref, shop = refs[index], f"shop{index}"
        kind = n % 3
        msg["From"] = f"privacy@{shop}.example" if kind != 2 else "MAILER-DAEMON@mx.example"
        msg["Subject"] = f"Re: Access request [{ref}]" if kind != 2 else "Undelivered Mail"
        if kind == 1:
            msg["Auto-Submitted"] = "auto-replied"
        body = f"Your request {ref} is with us.\n" if kind != 2 else (
            f"550 5.1.1 <privacy@{shop}.example>: User unknown\nSubject: {ref}\n"
        )  # fmt: skip
        msg.set_content(body)
    else:
        msg["From"] = f"news{n % 50}@newsletter{n % 7}.example"
        msg["Subject"] = f"Weekly offers, issue {n}"
        text = " ".join(rng.choice(("sale", "today", "only", "new", "offer")) for _ in range(300))
        msg.set_content(text, cte="base64" if n % 3 == 0 else "7bit")
    return msg.as_bytes(policy=policy.SMTP)


def big_reply(path: Path, ref: str, mib: int) -> None:
    """A reply with one base64 attachment of ``mib`` MiB, written streamed."""
    block = os.urandom(57 * 1024)
    with open(path, "wb") as fh:
        fh.write(
            (f"From: privacy@shop0.example\r\nSubject: Re: [{ref}] your data\r\n"
             f"Date: {DATE}\r\nMessage-ID: <big@shop0.example>\r\nMIME-Version: 1.0\r\n"
             "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\n"
             "Content-Type: text/plain\r\n\r\nYour export.\r\n--b\r\n"
             "Content-Type: application/zip\r\nContent-Transfer-Encoding: base64\r\n"
             "Content-Disposition: attachment; filename=\"export.zip\"\r\n\r\n").encode()
        )  # fmt: skip
        for _ in range(mib * 1024 * 1024 // len(block)):
            fh.write(base64.encodebytes(block).replace(b"\n", b"\r\n"))
        fh.write(b"--b--\r\n")


def main() -> None:
    """Run the benchmark and print one line per import."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--matching", type=int, default=200)
    parser.add_argument("--attachment-mb", type=int, default=100)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp())
    try:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_")},
            "PYTHONPATH": str(ROOT),
            "RIGHTS_HOME": str(work / "home"),
            "RIGHTS_PASSPHRASE": "bench passphrase, not secret",
            "RIGHTS_TODAY": "2026-10-20",
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "TMPDIR": str(work),
        }
        run(env, "init")
        os.environ["RIGHTS_PASSPHRASE"] = env["RIGHTS_PASSPHRASE"]
        refs = make_cases(work / "home", args.matching)
        rng = random.Random(15)
        matching = set(rng.sample(range(args.messages), args.matching))
        box_path = work / "mail.mbox"
        box = mailbox.mbox(box_path)
        for n in range(args.messages):
            box.add(message(n, refs, matching, rng))
        box.flush()
        box.close()
        size = box_path.stat().st_size / 1024 / 1024
        print(f"mbox: {args.messages} messages, {args.matching} matching, {size:.0f} MB")
        for label in ("first import", "second import"):
            seconds, peak, out = run(env, "inbox", "import", str(box_path), "--json")
            counts = json.loads(out)["counts"]
            print(f"{label:>14}: {seconds:6.1f} s  peak RSS {peak:5.0f} MB  "
                  f"recorded {counts['recorded']}, matched {counts['matched']}, "
                  f"unmatched {counts['unmatched']}")  # fmt: skip
        if args.attachment_mb:
            big = work / "big.eml"
            big_reply(big, refs[0], args.attachment_mb)
            seconds, peak, out = run(env, "inbox", "import", str(big), "--json")
            (item,) = json.loads(out)["matched"]
            what = f"{item['event']}, {item['attachments']} attachment"
            print(f"{args.attachment_mb} MiB attachment: {seconds:6.1f} s  peak RSS "
                  f"{peak:5.0f} MB  ({what})")  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
