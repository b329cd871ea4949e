"""brianreumere/data-brokers: one YAML file per US people-search broker (BSD-2-Clause).

``data/<id>.yaml`` holds ``{id: {names, url, removalUrl, process, status, notes, ...}}``:
the first name is the display name, the others aliases; ``removalUrl`` the opt-out page.
``joins/fronts.yml`` maps a back-end broker's id to the ids of sites that only front its
data: those front brands become aliases of the back end (see ``fronts``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tools.data.importers._common import clean, put, put_web, read_yaml, url_or_none

DATASET = "brianreumere-data-brokers"
URL = "https://github.com/brianreumere/data-brokers/tree/9a33533e6dd9112f820aa8f194a306b897986746"
LICENCE = "BSD-2-Clause (Copyright (c) 2023, brian@mutualaid.info)"


def parse(folder: Path) -> list[dict[str, Any]]:
    """One record-data dict per ``data/*.yaml`` broker (sorted by file name)."""
    records = []
    for path in sorted((folder / "data").glob("*.yaml")):
        for key, item in read_yaml(path).items():
            records.append(_record(str(key), item, f"data/{path.name}"))
    return records


def fronts(folder: Path) -> dict[str, list[str]]:
    """Back-end broker id -> the ids of the sites fronting its data (``joins/fronts.yml``)."""
    data = read_yaml(folder / "joins" / "fronts.yml") or {}
    return {str(k): [str(v) for v in values] for k, values in data.items()}


def _record(key: str, item: dict[str, Any], where: str) -> dict[str, Any]:
    names = [clean(n) for n in item.get("names", []) if clean(n)]
    data: dict[str, Any] = {"name": names[0]}
    fields = ["name"]
    aliases = [n for n in names[1:] if n != names[0]]
    if aliases:
        data["aliases"] = list(dict.fromkeys(aliases))
        fields.append("aliases")
    put_web(data, fields, url_or_none(item.get("url")))
    put(data, fields, "opt_out_url", url_or_none(item.get("removalUrl")))
    data.update(
        categories=["people-search", "data-broker"],
        countries=["US"],
        quality="imported",
        sources=[
            {
                "dataset": DATASET,
                "record": key,
                "url": URL,
                "licence": LICENCE,
                "fields": fields,
                "other": _other(item),
            }
        ],
        _where=where,
        _id=key,
    )
    return data


def _other(item: dict[str, Any]) -> dict[str, str]:
    other: dict[str, str] = {}
    if item.get("process"):
        other["process"] = str(item["process"])
    status = item.get("status") or {}
    if status:
        working = "working" if status.get("working") else "not working"
        other["status"] = f"{working} as of {status.get('asOf', 'an unknown date')}"
        if status.get("workaround"):
            other["workaround"] = clean(str(status["workaround"]))
    notes = [clean(str(n.get("note", ""))) for n in item.get("notes", []) or []]
    if any(notes):
        other["notes"] = " | ".join(n for n in notes if n)
    return other
