"""The shipped directory's records as one file (a wheel ships them so; a checkout keeps one
file per record, for review).

``_records.pack`` holds every record file's bytes, unchanged, one after the other;
``_records.idx`` holds one line per record, ``slug<TAB>offset<TAB>length``, in the order
of the files. 6,800 small files cost three times their size on disk; one file costs its
size, and a record is read with one search through the index and one seek. The wheel's
build hook (``tools/packaging/hatch_build.py``) writes the pair
(``tools/packaging/records_archive.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

PACK_NAME = "_records.pack"
INDEX_NAME = "_records.idx"


def present(folder: Path) -> bool:
    """True when ``folder`` holds the record archive."""
    return (folder / INDEX_NAME).is_file()


def _refuse(problem: str) -> NoReturn:
    # imported here: the build hook loads this file without the package
    from rights.errors import DataFileError

    raise DataFileError(problem, hint="reinstall rights: its shipped data is damaged")


def _index(folder: Path) -> str:
    try:
        return "\n" + (folder / INDEX_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        _refuse(f"{folder / INDEX_NAME}: unreadable record archive: {exc}")


def read(folder: Path, slug: str) -> bytes | None:
    """The bytes of record ``slug`` from the archive in ``folder``; None when absent."""
    if "\t" in slug or "\n" in slug:
        return None
    index = _index(folder)
    at = index.find(f"\n{slug}\t")
    if at < 0:
        return None
    line = index[at + 1 : index.index("\n", at + 1)]
    _, offset, length = line.split("\t")
    with open(folder / PACK_NAME, "rb") as pack:
        pack.seek(int(offset))
        data = pack.read(int(length))
    if len(data) != int(length):
        _refuse(f"{folder / PACK_NAME}: cut short at record {slug!r}")
    return data


def items(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Every record of the archive as ``(slug, bytes)``, in the order of the files."""
    index = _index(folder)
    with open(folder / PACK_NAME, "rb") as pack:
        for line in index[1:].splitlines():
            slug, offset, length = line.split("\t")
            pack.seek(int(offset))
            data = pack.read(int(length))
            if len(data) != int(length):
                _refuse(f"{folder / PACK_NAME}: cut short at record {slug!r}")
            yield slug, data
