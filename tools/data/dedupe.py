"""Curated merges and names: join true duplicates (old slug -> redirect), rename stale
names (old name kept as alias), add the aliases and domains people search for.

The tables are in ``tools.data.curation``; every change is recorded in the record's
``rights-curation`` source with its reason.
"""

from __future__ import annotations

from typing import Any

from rights.companies.importers.merge import merge
from rights.companies.names import name_key, registered_domain
from tools.data import curation

# fields merge() does not know; filled from the merged record when the kept one lacks them
_EXTRA_SCALARS = ("policy_url",)


def merge_duplicates(records: list[dict[str, Any]], notes: list[str]) -> dict[str, str]:
    """Merge each curated pair into its kept record, in place; the redirects (old -> kept).

    A pair whose records are not both there is noted and skipped. A redirect to a record
    that is itself merged later follows on to the final slug.
    """
    by_slug = {r["slug"]: r for r in records}
    redirects: dict[str, str] = {}
    for keep, old, reason in curation.MERGES:
        base, extra = by_slug.get(keep), by_slug.get(old)
        if base is None or extra is None:
            notes.append(f"curation: merge {old!r} into {keep!r}: record missing, skipped")
            continue
        _merge_pair(base, extra, reason)
        records.remove(extra)
        del by_slug[old]
        redirects[old] = keep
        notes.append(f"merged duplicate {old} into {keep}")
    for old, new in list(redirects.items()):
        while new in redirects:
            new = redirects[new]
        redirects[old] = new
    return dict(sorted(redirects.items()))


def duplicate_key(record: dict[str, Any], domain: str) -> tuple[str, str, tuple[str, ...]]:
    """What makes two records the same organisation without curation: the same normalised
    name (spaces ignored), a shared registrable domain and the same countries served."""
    name = name_key(record["name"]).replace(" ", "")
    return name, domain, tuple(sorted(record.get("countries", [])))


def merge_same_keys(records: list[dict[str, Any]], notes: list[str]) -> dict[str, str]:
    """Merge the records that share a duplicate key into the earliest of them (an older
    slug stays); the redirects (old -> kept). Two data sets that spell one broker alike
    (the 2020 registry's "Amplemarket" and eraser's) become one record."""
    redirects: dict[str, str] = {}
    first: dict[tuple[str, str, tuple[str, ...]], dict[str, Any]] = {}
    for record in list(records):
        domains = {registered_domain(d) for d in record.get("domains", [])}
        keys = [duplicate_key(record, d) for d in sorted(filter(None, domains))]
        base = next((first[k] for k in keys if k in first), None)
        if base is None:
            for key in keys:
                first.setdefault(key, record)
            continue
        reason = "same normalised name, registrable domain and countries"
        _merge_pair(base, record, reason)
        records.remove(record)
        redirects[record["slug"]] = base["slug"]
        notes.append(f"merged duplicate {record['slug']} into {base['slug']} ({reason})")
    return redirects


def _merge_pair(base: dict[str, Any], extra: dict[str, Any], reason: str) -> None:
    kept = {f: extra.pop(f) for f in _EXTRA_SCALARS if f in extra}
    before = len(base["sources"])
    merge(base, extra)
    for field, value in kept.items():
        if base.get(field) is None:
            base[field] = value
            _credit(base["sources"][before:], extra["sources"], field)
    curation._note(base, None, "merged_slugs", extra["slug"], reason)


def _credit(appended: list[dict[str, Any]], original: list[dict[str, Any]], field: str) -> None:
    """The appended copy of the source that gave ``field`` lists it again."""
    for copy, source in zip(appended, original, strict=False):
        if field in source.get("fields", []) and field not in copy["fields"]:
            copy["fields"].append(field)
            return


def apply_names(records: list[dict[str, Any]], notes: list[str]) -> None:
    """Renames, aliases and domains from the curation tables, in place."""
    by_slug = {r["slug"]: r for r in records}
    for slug, (name, reason, cite) in curation.RENAMES.items():
        record = by_slug.get(slug)
        if record is None:
            notes.append(f"curation: no record {slug!r} to rename")
            continue
        old = record["name"]
        record["name"] = name
        aliases = record.setdefault("aliases", [])
        if old not in aliases:
            aliases.append(old)
        curation._note(record, "name", "renamed_from", old, f"{reason} ({cite})")
    for slug, (aliases, domains, reason) in curation.ALIASES.items():
        record = by_slug.get(slug)
        if record is None:
            notes.append(f"curation: no record {slug!r} for aliases")
            continue
        _add(record, "aliases", [a for a in aliases if a != record["name"]], reason)
        _add(record, "domains", list(domains), reason)
    for slug, (domains, reason) in curation.DROP_DOMAINS.items():
        record = by_slug.get(slug)
        if record is None:
            notes.append(f"curation: no record {slug!r} to drop domains from")
            continue
        record["domains"] = [d for d in record.get("domains", []) if d not in domains]
        if not record["domains"]:
            record.pop("domains")
        curation._note(record, "domains", "domains_removed", ",".join(domains), reason)


def _add(record: dict[str, Any], field: str, values: list[str], reason: str) -> None:
    current = record.setdefault(field, [])
    new = [v for v in values if v not in current]
    current.extend(new)
    if not current:
        record.pop(field)
    if new:
        curation._note(record, field, f"{field}_added", ",".join(new), reason)
