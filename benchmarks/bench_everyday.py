"""Start-up of the commands people run every day, as whole processes, beside a peer's
``--help`` (the floor) and bare ``python -c pass``, all measured in the same run.

Each ``--tree LABEL=PYTHON[:PATH]`` is one installation of rights: its interpreter, and
optionally a folder put first on PYTHONPATH (a checkout, or an unpacked wheel to try
another typer). Several trees are measured interleaved (one run of every command of every
tree, then the next round), so a busy machine slows them alike; the report gives medians,
the ratio to the peer, and each tree against the first.

Usage:
  python benchmarks/bench_everyday.py --peer PATH/TO/da --runs 9 \\
      --tree before=OLD/bin/python --tree after=.venv/bin/python

Targets (issue 18): each command <= 1.0x the peer's ``--help``; ``profile show`` <= 100 ms
with a keyring key. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# Whole-process timings must include what users have: compiled bytecode (.pyc) for our
# modules. A shell with PYTHONDONTWRITEBYTECODE=1 would recompile every module on every run.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

HERE = Path(__file__).resolve().parent
PASSPHRASE = "benchmark passphrase"

COMMANDS: dict[str, tuple[str, list[str]]] = {
    "--help": ("pass", ["--help"]),
    "due": ("pass", ["due"]),
    "list": ("pass", ["list"]),
    "laws list": ("pass", ["laws", "list"]),
    "deadline --country DE": (
        "pass",
        ["deadline", "--law", "gdpr", "--right", "access", "--received", "2026-01-31",
         "--country", "DE"],
    ),
    "companies search acxiom": ("pass", ["companies", "search", "acxiom"]),
    "profile show (passphrase)": ("pass", ["profile", "show"]),
    "profile show (keyring)": ("ring", ["profile", "show"]),
    "due (keyring)": ("ring", ["due"]),
}  # fmt: skip


@dataclass
class Tree:
    label: str
    python: str
    path: str | None
    envs: dict[str, dict[str, str]] = field(default_factory=dict)


def parse_tree(text: str) -> Tree:
    label, _, rest = text.partition("=")
    python, _, path = rest.partition(":")
    if not label or not python:
        raise SystemExit(f"--tree LABEL=PYTHON[:PATH], not {text!r}")
    # absolute (the runs start in another folder), but not resolved: a venv's python is a
    # link whose target would leave the venv
    return Tree(label, os.path.abspath(python), os.path.abspath(path) if path else None)


def prepare(tree: Tree, work: Path) -> None:
    """A data folder per key scheme for ``tree``: a profile with a name, an email and DE."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("RIGHTS_", "PYTHON"))}
    paths = [p for p in (tree.path, str(HERE)) if p]
    base["PYTHONPATH"] = os.pathsep.join(paths)
    home = work / tree.label
    tree.envs["pass"] = {
        **base,
        "RIGHTS_HOME": str(home / "p"),
        "RIGHTS_PASSPHRASE": PASSPHRASE,
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    tree.envs["ring"] = {
        **base,
        "RIGHTS_HOME": str(home / "k"),
        "RIGHTS_BENCH_KEYRING_FILE": str(home / "keyring.json"),
        "PYTHON_KEYRING_BACKEND": "_file_keyring.FileKeyring",
        "RIGHTS_KEYRING_BACKEND_OK": "_file_keyring.FileKeyring",
    }
    tree.envs["bare"] = base
    for env in (tree.envs["pass"], tree.envs["ring"]):
        Path(env["RIGHTS_HOME"]).mkdir(parents=True, mode=0o700)
        for argv in (
            ["init"],
            ["profile", "edit", "--full-name", "Bench Mark", "--email", "b@example.org",
             "--country", "DE"],
        ):  # fmt: skip
            subprocess.run(
                [tree.python, "-m", "rights", *argv],
                env=env,
                capture_output=True,
                check=True,
                stdin=subprocess.DEVNULL,
                timeout=120,
                cwd=home.parent,
            )


def wall(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) time of one run, from a neutral folder (``python -m``
    puts the current folder first on sys.path: run from a checkout, every tree would import
    that checkout). CPU time is what a busy machine disturbs least."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        argv, env=env, capture_output=True, stdin=subprocess.DEVNULL, timeout=120, cwd=cwd
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def report(title: str, series: dict[str, list[float]], trees: list[Tree], runs: int) -> None:
    """One table: each command's median per tree, its ratio to the peer, last/first tree."""
    medians = {label: statistics.median(t) * 1000 for label, t in series.items()}
    floor = medians.get("peer --help")
    print(f"{title}: median of {runs} interleaved runs, whole processes, ms")
    print(f"  python -c pass {medians['python -c pass']:.1f}", end="")
    print(f"   peer --help {floor:.1f}" if floor else "")
    header = "".join(f" {t.label:>11}" for t in trees)
    ratios = "".join(f" {'x peer':>7}" for _ in trees) if floor else ""
    print(f"  {'command':<27}{header}{ratios}  {trees[-1].label}/{trees[0].label}")
    for name in COMMANDS:
        row = [medians[f"{t.label}\t{name}"] for t in trees]
        cells = "".join(f" {ms:11.1f}" for ms in row)
        peer = "".join(f" {ms / floor:7.2f}" for ms in row) if floor else ""
        print(f"  {name:<27}{cells}{peer}  {row[-1] / row[0]:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--peer", help="the peer's executable (its --help is the floor)")
    parser.add_argument("--tree", action="append", type=parse_tree, default=[])
    args = parser.parse_args()
    trees: list[Tree] = args.tree or [Tree("this", sys.executable, str(HERE.parent))]
    work = Path(tempfile.mkdtemp())
    try:
        for tree in trees:
            prepare(tree, work)
        jobs: list[tuple[str, list[str], dict[str, str]]] = [
            ("python -c pass", [sys.executable, "-c", "pass"], dict(os.environ))
        ]
        if args.peer:
            jobs.append(("peer --help", [args.peer, "--help"], dict(os.environ)))
        for tree in trees:
            for name, (scheme, argv) in COMMANDS.items():
                env = tree.envs["bare" if argv == ["--help"] else scheme]
                jobs.append((f"{tree.label}\t{name}", [tree.python, "-m", "rights", *argv], env))
        for _, argv, env in jobs:  # warm-up: bytecode written, caches filled
            wall(argv, env, work)
        times: dict[str, list[float]] = {label: [] for label, _, _ in jobs}
        cpus: dict[str, list[float]] = {label: [] for label, _, _ in jobs}
        for _ in range(args.runs):
            for label, argv, env in jobs:
                elapsed, cpu = wall(argv, env, work)
                times[label].append(elapsed)
                cpus[label].append(cpu)
        for title, series in (("wall", times), ("CPU (user + system)", cpus)):
            report(title, series, trees, args.runs)
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
