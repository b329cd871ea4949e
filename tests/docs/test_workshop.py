"""docs/workshop.md runs as written: every ```sh block, in order, in a fresh folder, as a
participant's shell would (bash, no stdin, a deadline on each block).

Blocks tagged ``sh wheelhouse`` (the trainer's build, which needs a package index) and
``sh offline`` (the install from it) run in a test of their own, marked ``wheelhouse``, that
skips when pip cannot reach an index. The booklet block (``rights packs print``) runs with
the others, and its PDF is read back.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import pdf_text

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "workshop.md"
FENCE = re.compile(r"^```sh(?: (?P<tag>[\w-]+))?\n(?P<body>.*?)^```$", re.M | re.S)
BLOCK_TIMEOUT = 120


def _blocks(tag: str | None) -> list[str]:
    return [m["body"] for m in FENCE.finditer(DOC.read_text(encoding="utf-8")) if m["tag"] == tag]


def _clean_env(**extra: str) -> dict[str, str]:
    """The environment of a laptop: none of the tests' RIGHTS_* settings, no OS keyring."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_")}
    env.update(PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring", CI="true", **extra)
    return env


def _run(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", script],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=BLOCK_TIMEOUT,
    )


def test_the_page_has_blocks_of_every_kind() -> None:
    assert len(_blocks(None)) >= 3
    assert len(_blocks("wheelhouse")) >= 1 and len(_blocks("offline")) == 1
    (booklet,) = [b for b in _blocks(None) if "rights packs print" in b]
    assert "rights packs print people-search --right deletion --blank" in booklet
    tags = {m["tag"] for m in FENCE.finditer(DOC.read_text(encoding="utf-8"))}
    assert tags <= {None, "wheelhouse", "offline"}, tags


def test_every_command_of_the_workshop_runs(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "rights"  # what `. .venv/bin/activate` puts on PATH
    shim.write_text(f'#!/bin/sh\nexec {sys.executable} -m rights "$@"\n')
    shim.chmod(0o755)
    room = tmp_path / "room"
    room.mkdir()
    env = _clean_env(PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", PYTHONPATH=str(REPO),
                     TMPDIR=str(tmp_path))  # fmt: skip
    seen = []
    for block in _blocks(None):
        done = _run(block, room, env)
        assert done.returncode == 0, (block, done.stdout[-2000:], done.stderr[-2000:])
        seen.append(done.stdout)
        if "rights packs print" in block:  # the booklet, as a trainer would print it
            text = pdf_text(room / "booklet.pdf")
            assert "Letters to People-search sites" in text and "Name: ____" in text
            assert "nothing stored" in done.stderr
    out = "\n".join(seen)
    assert "under GDPR" in out and "under UK-GDPR" in out and "under CCPA" in out
    assert "overdue" in out  # time travel made the cases late
    assert list(room.iterdir()) == []  # the last block cleaned up


@pytest.mark.wheelhouse
def test_the_wheelhouse_installs_on_an_offline_laptop(tmp_path: Path) -> None:
    trainer = tmp_path / "trainer"
    trainer.mkdir()
    (trainer / "rights").symlink_to(REPO)  # the checkout the page builds from
    online = _clean_env(PIP_DEFAULT_TIMEOUT="15", PIP_RETRIES="1")  # offline: fail fast, skip
    for block in _blocks("wheelhouse"):
        try:
            done = _run(block, trainer, online)
        except subprocess.TimeoutExpired:
            pytest.skip(f"pip did not get the wheels within {BLOCK_TIMEOUT} s (no index?)")
        if done.returncode != 0 and re.search(
            r"No matching distribution|Could not find a version|Network is unreachable|"
            r"Failed to establish a new connection|Temporary failure in name resolution|"
            r"Read timed out|ConnectTimeout",
            done.stderr,
        ):
            pytest.skip(f"pip cannot reach a package index: {done.stderr.strip()[-300:]}")
        assert done.returncode == 0, (block, done.stderr[-3000:])
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    (trainer / "wheelhouse").rename(laptop / "wheelhouse")  # the USB stick
    offline = {k: v for k, v in _clean_env().items() if not k.startswith("PIP_")}
    offline.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1")  # no index, no find-links
    (block,) = _blocks("offline")
    done = _run(block + "rights demo --persona uk\n", laptop, offline)
    assert done.returncode == 0, (done.stdout[-2000:], done.stderr[-3000:])
    assert "rights 0.1.0" in done.stdout and "under UK-GDPR" in done.stdout
    assert (laptop / ".venv" / "bin" / "rights").exists()
