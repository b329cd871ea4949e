"""The broker and scorer data sets merged into the directory (a step of ``refresh``).

Order: the CPPA 2025 registry, the CFPB list of consumer reporting companies, eraser's
broker list, cvs0's opt-out list, brianreumere's people-search brokers; then the front
brands of ``joins/fronts.yml`` as aliases of the broker they front. Each row is merged
into the record that is the same organisation (``Matcher``: normalised name, or shared
registrable domain and contained name), else added with a new slug; existing slugs never
change. A Datenanfragen record is a merge target only when it serves ``all`` countries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rights.companies.importers import ca_registry
from rights.companies.importers.merge import Matcher, compact_key, merge, unique_slug
from tools.data.importers import brianreumere, cfpb, cvs0, eraser


@dataclass(frozen=True)
class GrowPaths:
    """Where each data set is (None: that step is skipped)."""

    cppa_2025: Path | None = None
    cfpb: Path | None = None
    eraser: Path | None = None
    cvs0: Path | None = None
    brianreumere: Path | None = None


@dataclass
class Tally:
    """Rows added and merged per data set, for the refresh summary."""

    added: Counter[str] = field(default_factory=Counter)
    merged: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """One ``dataset: N added, M merged`` line per data set."""
        names = sorted(set(self.added) | set(self.merged))
        return [f"{n}: {self.added[n]} added, {self.merged[n]} merged" for n in names]


def readers(paths: GrowPaths) -> list[tuple[str, Callable[[], list[dict[str, Any]]]]]:
    """(dataset, reader) in merge order, for the data sets given."""
    steps: list[tuple[str, Path | None, Callable[[Path], list[dict[str, Any]]]]] = [
        ("ca-registry-2025", paths.cppa_2025, lambda p: ca_registry.parse(p, "ca-2025")[1]),
        (cfpb.DATASET, paths.cfpb, cfpb.parse),
        (eraser.DATASET, paths.eraser, eraser.parse),
        (cvs0.DATASET, paths.cvs0, cvs0.parse),
        (brianreumere.DATASET, paths.brianreumere, brianreumere.parse),
    ]
    return [(name, _bind(read, path)) for name, path, read in steps if path is not None]


def _bind(
    read: Callable[[Path], list[dict[str, Any]]], path: Path
) -> Callable[[], list[dict[str, Any]]]:
    return lambda: read(path)


def grow(records: list[dict[str, Any]], dn_count: int, paths: GrowPaths, notes: list[str]) -> Tally:
    """Merge every row of the given data sets into ``records`` (in place)."""
    taken = {r["slug"] for r in records}
    by_slug = {r["slug"]: i for i, r in enumerate(records)}
    matcher = Matcher(records)
    tally = Tally()

    def usable(index: int) -> bool:
        countries = records[index].get("countries", [])
        return index >= dn_count or "all" in countries or "US" in countries

    ids: dict[str, int] = {}
    for dataset, read in readers(paths):
        for data in read():
            hint = data.pop("_slug_hint", None)
            key = data.pop("_id", None)
            hit = by_slug.get(hint) if hint else matcher.find(data, usable)
            data.pop("_where", None)
            if hit is not None:
                merge(records[hit], data)
                matcher.add(hit, records[hit])
                tally.merged[dataset] += 1
            else:
                data["slug"] = unique_slug(data["name"], taken, "us")
                records.append(data)
                hit = len(records) - 1
                by_slug[data["slug"]] = hit
                matcher.add(hit, data)
                tally.added[dataset] += 1
            if key:
                ids[key] = hit
    if paths.brianreumere is not None:
        _add_fronts(records, ids, brianreumere.fronts(paths.brianreumere), notes)
    return tally


def _add_fronts(
    records: list[dict[str, Any]],
    ids: dict[str, int],
    joins: dict[str, list[str]],
    notes: list[str],
) -> None:
    """Front brands as aliases of the back-end broker, with a source naming the join."""
    for back, front_ids in sorted(joins.items()):
        if back not in ids:
            notes.append(f"fronts.yml: back-end {back!r} is not a broker of the data set")
            continue
        base = records[ids[back]]
        names = [records[ids[f]]["name"] for f in front_ids if f in ids]
        known = {compact_key(n) for n in [base["name"], *base.get("aliases", [])]}
        new = [n for n in names if compact_key(n) not in known]
        if not new:
            continue
        base.setdefault("aliases", []).extend(new)
        base["sources"].append(
            {
                "dataset": brianreumere.DATASET,
                "record": f"joins/fronts.yml:{back}",
                "url": brianreumere.URL,
                "licence": brianreumere.LICENCE,
                "fields": ["aliases"],
                "other": {"fronts": ", ".join(new)},
            }
        )
