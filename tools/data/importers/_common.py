"""Small helpers shared by the tool importers."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rights.companies.names import registered_domain

EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def read_yaml(path: Path) -> Any:
    """A YAML file's data (PyYAML, safe loader; imported here: tools only)."""
    import yaml

    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def domain_of(url_or_host: str) -> str | None:
    """The registrable domain of a URL or host, None for a placeholder (``www.none``)."""
    domain = registered_domain(url_or_host)
    return domain if domain and "." in domain else None


def url_or_none(value: str | None) -> str | None:
    """``value`` when it is an http(s) URL, a bare host made into one, else None."""
    text = (value or "").strip()
    if not text:
        return None
    if text.lower().startswith(("http://", "https://")):
        return text if domain_of(text) else None
    if " " not in text and domain_of(text):
        return "https://" + text
    return None


def clean(text: str | None) -> str:
    """One line: whitespace runs collapsed."""
    return " ".join((text or "").split())


def csv_rows(path: Path, needed: tuple[str, ...], what: str) -> list[tuple[dict[str, str], str]]:
    """Each data row of a CSV as ``(cells, "file:row")``, cells cleaned; rows without a name
    are left out. DataFileError when a ``needed`` header is missing (``what`` names the
    file the importer expects)."""
    from rights.companies.importers.ca_registry import read_csv
    from rights.errors import DataFileError

    headers, rows = read_csv(path)
    missing = [h for h in needed if h not in headers]
    if missing:
        raise DataFileError(f"{path.name}: not {what}: needs {', '.join(missing)}")
    found = []
    for number, row in enumerate(rows, start=2):
        cells = {h: clean(c) for h, c in zip(headers, row, strict=False)}
        if cells.get("name"):
            found.append((cells, f"{path.name}:{number}"))
    return found


def put(data: dict[str, Any], fields: list[str], key: str, value: Any) -> None:
    """Set ``data[key]`` and credit the field to the row's source, when there is a value."""
    if value:
        data[key] = value
        fields.append(key)


def put_web(data: dict[str, Any], fields: list[str], url: str | None) -> None:
    """The website and its registrable domain, each credited to the row's source."""
    put(data, fields, "web", url)
    if url:
        put(data, fields, "domains", [d] if (d := domain_of(url)) else None)
