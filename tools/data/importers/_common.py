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
