"""rights demo: the whole flow offline, in a temporary folder that is removed after."""

from __future__ import annotations


def test_demo_runs_end_to_end_and_leaves_nothing(run_rights, home, tmp_path):
    r = run_rights("demo", timeout=120)
    assert r.returncode == 0, r.stderr
    out = r.stdout
    assert "under GDPR" in out and "R-" in out
    assert ".pdf" in out and ".eml" in out and ".txt" in out  # post, email file, web form
    assert "skipped" not in out  # every demo company can take its channel
    assert len([line for line in out.splitlines() if line.strip().startswith("R-")]) >= 3
    assert "OVERDUE" in out  # the time-travelled case
    assert "Integrity check of the store: ok" in out
    assert "Readable personal data in the store files: none" in out
    assert not home.exists()  # the user's data folder is never touched
    assert list((tmp_path / "tmp").iterdir()) == []  # the demo folder is removed


def test_demo_keep_prints_how_to_reopen(run_rights, tmp_path):
    r = run_rights("demo", "--keep", timeout=120)
    assert r.returncode == 0, r.stderr
    assert "RIGHTS_PASSPHRASE=" in r.stdout
    kept = list((tmp_path / "tmp").iterdir())
    assert len(kept) == 1 and (kept[0] / "letters").is_dir()
