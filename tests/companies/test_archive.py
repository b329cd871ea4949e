"""The directory's records as one archive: what a wheel ships instead of 6,800 files, read
through the same loaders, byte for byte the checkout's files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from rights.companies import archive, index
from rights.errors import DataFileError
from tests.conftest import REPO
from tools.packaging import records_archive

SHIPPED = REPO / "companies"
SAMPLE = [
    "acxiom",
    "experian-information-solutions",
    "foxford",
    "schufa",
    "google-ireland",
    "company",
]


def _sample_folder(tmp_path: Path, *, as_archive: bool) -> Path:
    folder = tmp_path / ("archive" if as_archive else "files")
    folder.mkdir()
    files = index.record_files(SHIPPED)  # sorted, as the build hook writes them
    files = [path for path in files if path.stem in SAMPLE]
    if as_archive:
        assert records_archive.write(files, folder) == len(files)
    else:
        for path in files:
            shutil.copyfile(path, folder / path.name)
    return folder


def test_writer_and_reader_name_the_same_files():
    assert (records_archive.PACK_NAME, records_archive.INDEX_NAME) == (
        archive.PACK_NAME,
        archive.INDEX_NAME,
    )


def test_every_record_reads_back_byte_for_byte(tmp_path):
    folder = _sample_folder(tmp_path, as_archive=True)
    for slug in SAMPLE:
        assert archive.read(folder, slug) == (SHIPPED / f"{slug}.json").read_bytes()
    assert [slug for slug, _ in archive.items(folder)] == [
        p.stem for p in index.record_files(SHIPPED) if p.stem in SAMPLE
    ]
    assert archive.read(folder, "no-such-company") is None
    assert archive.read(folder, "acx") is None  # a prefix is not a slug
    assert archive.read(folder, "acxiom\t0") is None


def test_the_loaders_see_the_same_directory_in_files_and_in_the_archive(tmp_path):
    files = _sample_folder(tmp_path, as_archive=False)
    packed = _sample_folder(tmp_path, as_archive=True)
    assert index.data_hash(files) == index.data_hash(packed)
    assert index.build_index(files) == index.build_index(packed)
    from_files, problems = index.read_folder(files)
    from_archive, problems_archive = index.read_folder(packed)
    assert problems == problems_archive == []
    assert from_files == from_archive
    assert index.read_company(packed, "schufa") == index.read_company(files, "schufa")
    with pytest.raises(FileNotFoundError):
        index.read_company(packed, "no-such-company")


def test_a_damaged_archive_is_one_clear_error(tmp_path):
    folder = _sample_folder(tmp_path, as_archive=True)
    pack = folder / archive.PACK_NAME
    pack.write_bytes(pack.read_bytes()[:100])
    with pytest.raises(DataFileError, match="cut short"):
        archive.read(folder, SAMPLE[-1])
    with pytest.raises(DataFileError, match="cut short"):
        list(archive.items(folder))


def test_the_wheel_ships_the_archive_instead_of_the_record_files(tmp_path):
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "wheel",
                "-q",
                "--no-deps",
                "-w",
                str(tmp_path),
                str(REPO),
            ],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("building the wheel took longer than 10 minutes")
    if done.returncode != 0 and "hatchling" in done.stderr and "No matching" in done.stderr:
        pytest.skip("no package index to fetch the build backend from")
    assert done.returncode == 0, done.stderr
    (wheel,) = tmp_path.glob("rights-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        prefix = "rights/_data/companies/"
        shipped = sorted(n for n in names if n.startswith(prefix) and "/" not in n[len(prefix) :])
        assert f"{prefix}_records.pack" in shipped and f"{prefix}_index.txt" in shipped
        assert not [
            n for n in shipped if n.endswith(".json") and not n[len(prefix) :].startswith("_")
        ]
        assert any(n.startswith(f"{prefix}packs/") for n in names)
        assert f"{prefix}README.md" in names
        out = tmp_path / "unpacked"
        out.mkdir()
        for name in (f"{prefix}{archive.PACK_NAME}", f"{prefix}{archive.INDEX_NAME}"):
            (out / name.rsplit("/", 1)[1]).write_bytes(zf.read(name))
    records = dict(archive.items(out))
    checkout = index.record_files(SHIPPED)
    assert len(records) == len(checkout)
    for path in checkout:
        assert records[path.stem] == path.read_bytes(), path.name
