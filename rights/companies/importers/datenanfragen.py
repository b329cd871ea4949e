"""Datenanfragen.de JSON records and packs (a file or a folder) -> record data."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rights.companies.datenanfragen import to_ours
from rights.errors import DataFileError


def record_files(path: Path) -> list[Path]:
    """The JSON files to read: ``path`` itself, or the ``*.json`` in a folder (sorted)."""
    if path.is_dir():
        return sorted(p for p in path.glob("*.json") if not p.name.startswith("_"))
    return [path]


def read_records(path: Path) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """Yield ``(file name, our record data)`` per record, or ``(file name, problem)``.

    A file may hold one record (an object) or a list of records.
    """
    for file in record_files(path):
        try:
            loaded = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield file.name, f"(file): not readable JSON: {exc}"
            continue
        items = loaded if isinstance(loaded, list) else [loaded]
        for item in items:
            if isinstance(item, dict):
                yield file.name, to_ours(item)
            else:
                yield file.name, "(record): not a JSON object"


def read_company_packs(path: Path) -> dict[str, list[dict[str, Any]]]:
    """``company-packs/<country>.json`` files: country -> their list of packs."""
    packs = {}
    for file in sorted(path.glob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raise DataFileError(f"{file.name}: a company-packs file must hold a list")
        packs[file.stem] = data
    return packs


def read_suggested(path: Path) -> dict[str, list[str]]:
    """``suggested-companies/<country>.json`` files: country -> slugs."""
    return {f.stem: json.loads(f.read_text(encoding="utf-8")) for f in sorted(path.glob("*.json"))}
