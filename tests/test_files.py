"""rights.files: the one plain-file writer (atomic, private, never through a link)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from rights import files
from rights.errors import ConflictError, InputError


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_new_file_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0o000)
    try:
        path = files.atomic_write(tmp_path / "a.txt", b"hello")
    finally:
        os.umask(old)
    assert path.read_bytes() == b"hello"
    assert _mode(path) == 0o600
    assert _leftovers(tmp_path) == []


def test_an_existing_file_is_replaced_and_made_private(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    path.chmod(0o644)
    files.atomic_write(path, b"new")
    assert path.read_bytes() == b"new"
    assert _mode(path) == 0o600


def test_refuse_to_overwrite(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")
    with pytest.raises(ConflictError) as caught:
        files.atomic_write(path, b"new", overwrite=False)
    assert caught.value.message == f"{path} exists already"
    assert caught.value.hint == "use --force to overwrite it"
    assert path.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_a_file_appearing_while_writing_is_not_overwritten(tmp_path):
    path = tmp_path / "a.txt"
    with pytest.raises(ConflictError), files.atomic_file(path, overwrite=False) as fh:
        fh.write(b"mine")
        path.write_bytes(b"someone else's")  # appears between the check and the rename
    assert path.read_bytes() == b"someone else's"
    assert _leftovers(tmp_path) == []


def test_no_overwrite_writes_a_new_file(tmp_path):
    path = files.atomic_write(tmp_path / "a.txt", b"x", overwrite=False)
    assert path.read_bytes() == b"x"
    assert _leftovers(tmp_path) == []


def test_a_pre_existing_temp_name_is_never_reused(tmp_path, monkeypatch):
    names = iter(["taken", "taken", "fresh"])
    monkeypatch.setattr(files.secrets, "token_hex", lambda n: next(names))
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    planted = tmp_path / ".a.txt.taken.tmp"
    planted.symlink_to(victim)
    files.atomic_write(tmp_path / "a.txt", b"data")
    assert victim.read_bytes() == b"keep me"  # the planted link was not written through
    assert planted.is_symlink()
    assert (tmp_path / "a.txt").read_bytes() == b"data"


def test_a_symlink_at_the_destination_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"keep me")
    dest = tmp_path / "a.txt"
    dest.symlink_to(victim)
    files.atomic_write(dest, b"data")
    assert victim.read_bytes() == b"keep me"
    assert not dest.is_symlink()
    assert dest.read_bytes() == b"data"


def test_a_symlink_at_the_destination_counts_as_existing(tmp_path):
    dest = tmp_path / "a.txt"
    dest.symlink_to(tmp_path / "nowhere")
    with pytest.raises(ConflictError):
        files.atomic_write(dest, b"data", overwrite=False)


def test_a_symlinked_output_folder_is_refused(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    with pytest.raises(InputError, match="symbolic link"):
        files.atomic_write(link / "a.txt", b"data")
    assert list(real.iterdir()) == []


def test_an_error_while_writing_removes_the_temp_file_and_keeps_the_old(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")

    def chunks():
        yield b"half"
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        files.write_chunks(path, chunks())
    assert path.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


def test_streaming_writes_every_chunk(tmp_path):
    size = files.write_chunks(tmp_path / "a.bin", iter([b"ab", b"", b"cde"]))
    assert size == 5
    assert (tmp_path / "a.bin").read_bytes() == b"abcde"


def test_atomic_path_hands_out_an_empty_private_temp_file(tmp_path):
    dest = tmp_path / "copy.db"
    with files.atomic_path(dest, overwrite=False) as temp:
        assert temp.parent == tmp_path and temp.name != dest.name
        assert temp.stat().st_size == 0 and _mode(temp) == 0o600
        temp.write_bytes(b"filled by another writer")
        assert not dest.exists()
    assert dest.read_bytes() == b"filled by another writer"
    assert _leftovers(tmp_path) == []


def test_atomic_path_cleans_up_on_error(tmp_path):
    dest = tmp_path / "copy.db"
    with pytest.raises(RuntimeError), files.atomic_path(dest):
        raise RuntimeError("export failed")
    assert list(tmp_path.iterdir()) == []


def test_private_folders_are_0700_and_parents_created(tmp_path):
    folder = files.ensure_private_dir(tmp_path / "a" / "b")
    assert folder.is_dir() and _mode(folder) == 0o700
    existing = tmp_path / "open"
    existing.mkdir(mode=0o755)
    files.ensure_private_dir(existing)
    assert _mode(existing) == 0o700


def test_a_symlink_planted_as_a_private_folder_is_not_followed(tmp_path):
    real = tmp_path / "real"
    real.mkdir(mode=0o755)
    real.chmod(0o755)
    link = tmp_path / "home"
    link.symlink_to(real)
    with pytest.raises(InputError, match="symbolic link"):
        files.ensure_private_dir(link)
    assert _mode(real) == 0o755  # not chmod-ed through the link


def test_a_file_in_place_of_a_folder_is_refused(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(InputError, match="not a folder"):
        files.ensure_private_dir(tmp_path / "f")
