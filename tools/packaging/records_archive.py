"""Write the directory's record files as one archive, the format
``rights/companies/archive.py`` reads (``_records.pack`` + ``_records.idx``). The standard
library only: the wheel's build hook runs it in the isolated build environment."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

PACK_NAME = "_records.pack"
INDEX_NAME = "_records.idx"


def write(files: Iterable[Path], out: Path) -> int:
    """Write ``out/_records.pack`` and ``out/_records.idx`` from record ``files`` (each
    ``<slug>.json``); return the number of records."""
    offset = 0
    lines: list[str] = []
    with open(out / PACK_NAME, "wb") as pack:
        for path in files:
            data = path.read_bytes()
            pack.write(data)
            lines.append(f"{path.stem}\t{offset}\t{len(data)}\n")
            offset += len(data)
    (out / INDEX_NAME).write_text("".join(lines), encoding="utf-8")
    return len(lines)
