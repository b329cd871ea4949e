"""Where ``rights export --out`` and ``rights attachment get --out`` may write.

Real symbolic links are planted at the destination and as the destination folder: a link
at the file is never followed (refused, or replaced with --force; the file it points to is
untouched), a linked folder is refused, the final file is 0600, and an export never
targets the profile's own store.
"""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rights.profile import profiles
from tests.cli.test_exports_cli import filled

__all__ = ["filled"]

COMMANDS = {
    "export": ("export", "--format", "csv"),
    "attachment get": ("attachment", "get", "R-AAAA", "1"),
}


@pytest.fixture(params=sorted(COMMANDS))
def command(request: pytest.FixtureRequest) -> tuple[str, ...]:
    return COMMANDS[request.param]


def _victim(tmp_path: Path) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    victim = outside / "victim.txt"
    victim.write_text("precious\n")
    victim.chmod(0o644)
    return victim


def test_a_link_at_the_destination_is_refused_without_force(
    cli: Callable[..., Any], filled: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    victim = _victim(tmp_path)
    out = tmp_path / "out.txt"
    out.symlink_to(victim)
    r = cli(*command, "--out", str(out))
    assert r.code == 8 and "exists already" in r.err
    assert victim.read_text() == "precious\n"
    assert out.is_symlink()


def test_a_dangling_link_at_the_destination_is_refused(
    cli: Callable[..., Any], filled: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    target = tmp_path / "outside" / "new.txt"
    target.parent.mkdir()
    out = tmp_path / "out.txt"
    out.symlink_to(target)
    r = cli(*command, "--out", str(out))
    assert r.code == 8, r.err
    assert not target.exists()


def test_force_replaces_the_link_never_writes_through_it(
    cli: Callable[..., Any], filled: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    victim = _victim(tmp_path)
    out = tmp_path / "out.txt"
    out.symlink_to(victim)
    r = cli(*command, "--out", str(out), "--force")
    assert r.code == 0, r.err
    assert victim.read_text() == "precious\n"
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert not out.is_symlink() and out.is_file()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_linked_output_folder_is_refused(
    cli: Callable[..., Any], filled: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    real = tmp_path / "real"
    real.mkdir()
    linked = tmp_path / "linked"
    linked.symlink_to(real, target_is_directory=True)
    r = cli(*command, "--out", str(linked / "out.txt"))
    assert r.code == 3, r.err
    assert "is a symbolic link" in r.err
    assert list(real.iterdir()) == []


def test_the_final_file_is_private(
    cli: Callable[..., Any], filled: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    out = tmp_path / "out.txt"
    r = cli(*command, "--out", str(out))
    assert r.code == 0, r.err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


@pytest.mark.parametrize("link", [False, True])
def test_export_never_targets_the_store(
    cli: Callable[..., Any], filled: Path, tmp_path: Path, link: bool
) -> None:
    store = profiles.store_file(filled, "default")
    before = store.read_bytes()
    target = store
    if link:
        target = tmp_path / "innocent.json"
        target.symlink_to(store)
    r = cli("export", "--out", str(target), "--force")
    assert r.code == 3, r.err
    assert "is one of the files of profile 'default'" in r.err
    assert store.read_bytes() == before
    assert cli("list").code == 0
