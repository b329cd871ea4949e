"""Packs: named lists of company slugs in ``companies/packs/<name>.json``."""

from __future__ import annotations

from pathlib import Path

from rights.core.company import Pack, format_errors
from rights.errors import DataFileError, NotFoundError


def pack_files(folder: Path) -> list[Path]:
    """The pack files of a directory folder, sorted."""
    return sorted((folder / "packs").glob("*.json"))


def read_pack(path: Path) -> Pack:
    """One pack file, validated (DataFileError lists the problems)."""
    try:
        pack = Pack.model_validate_json(path.read_bytes())
    except Exception as exc:
        raise DataFileError("\n".join(format_errors(path.name, exc))) from None
    if pack.name != path.stem:
        raise DataFileError(f"{path.name}: name: {pack.name!r} differs from the file name")
    return pack


def list_packs(folder: Path) -> list[Pack]:
    """Every pack of a directory folder."""
    return [read_pack(p) for p in pack_files(folder)]


def get_pack(folder: Path, name: str) -> Pack:
    """The pack ``name``; NotFoundError naming the packs there are."""
    path = folder / "packs" / f"{name}.json"
    if not path.is_file() or "/" in name:
        import difflib

        known = [p.stem for p in pack_files(folder)]
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
        hint = f"did you mean: {', '.join(close)}?" if close else f"packs: {', '.join(known)}"
        raise NotFoundError(f"no pack {name!r}", hint=hint)
    return read_pack(path)
