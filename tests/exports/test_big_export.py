"""A big attachment goes through ``export --with-attachments`` and ``import`` streamed.

The file is generated streamed; each command runs as a child process under a fresh wrapper
(``run_rights(measure=True)``), so its peak RSS is its own, and must stay far below the
attachment's size (version 1 held the whole base64 text: about 6x the file).
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cases_cli import add_case
from tests.conftest import PASSPHRASE
from tests.store.test_big_attachment import blocks, sha256_of

SIZE_MB = int(os.environ.get("RIGHTS_BIG_EXPORT_MB", "150"))
RSS_LIMIT_MB = 100


@pytest.mark.skipif(sys.platform == "win32", reason="resource module")
def test_big_attachment_round_trips_through_export_and_import(
    run_rights: Callable[..., Any], passphrase_env: str, home: Path, tmp_path: Path
) -> None:
    env = {"RIGHTS_PASSPHRASE": PASSPHRASE}
    assert run_rights("init", env=env).returncode == 0
    add_case(home, "R-BIGG")
    assert run_rights("log", "R-BIGG", "sent", "--date", "2026-11-02", env=env).returncode == 0
    big = tmp_path / "reply.bin"
    total = SIZE_MB * 1024 * 1024 + 77
    digest = hashlib.sha256()
    with open(big, "wb") as fh:
        for block in blocks(total):
            digest.update(block)
            fh.write(block)
    r = run_rights("log", "R-BIGG", "replied", "--attach", str(big), env=env, timeout=900)
    assert r.returncode == 0, r.stderr
    big.unlink()

    exported = tmp_path / "export.json"
    r = run_rights(
        "export", "--with-attachments", "--out", str(exported), env=env, timeout=900, measure=True
    )
    assert r.returncode == 0, r.stderr
    export_mb = r.peak_mb
    assert run_rights("profile", "new", "restored", env=env).returncode == 0
    r = run_rights(
        "import", str(exported), "--profile", "restored", env=env, timeout=900, measure=True
    )
    assert r.returncode == 0, r.stderr
    import_mb = r.peak_mb
    exported.unlink()
    back = tmp_path / "back.bin"
    r = run_rights(
        "attachment", "get", "R-BIGG", "1", "--out", str(back), "--profile", "restored",
        env=env, timeout=900,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    assert back.stat().st_size == total
    assert sha256_of(back) == digest.hexdigest()
    print(f"\npeak RSS: export {export_mb:.0f} MB, import {import_mb:.0f} MB, file {SIZE_MB} MB")
    assert export_mb < RSS_LIMIT_MB
    assert import_mb < RSS_LIMIT_MB
