"""Regenerate the shipped directory (``companies/``) from the public data sets.

Usage (from a checkout; the data sets are not part of the repository; ``pip install
pyyaml`` for the YAML ones)::

    python -m tools.data.refresh --datenanfragen DATA/datenanfragen \\
        --ca-2020 DATA/ca-registry-2020/data-brokers-california.csv \\
        --markup DATA/markup-optout-2025/data-broker-opt-out-pages.csv \\
        --cppa-2025 DATA/cppa-registry-2025/registry2025.csv \\
        --cfpb DATA/cfpb-consumer-reporting-companies/companies.csv \\
        --eraser DATA/eraser-brokers/brokers.yaml \\
        --cvs0 DATA/cvs0-data-brokers/opt-outs.csv \\
        --brianreumere DATA/brianreumere-data-brokers \\
        --justdeleteme DATA/justdeleteme/sites.json --out companies

Steps: read every Datenanfragen record; read the 2020 registry and merge its duplicates;
merge The Markup's 2025 rows into it (or add them); merge registry brokers into a
Datenanfragen record that is the same organisation (same normalised name, or same domain
and first name word, and serving ``all`` countries); merge the broker and scorer data
sets (``tools/data/grow.py``: CPPA 2025, CFPB, eraser, cvs0, brianreumere); classify every
form URL (``tools/data/urlkinds.py``: policy pages move to ``policy_url``); merge the curated
duplicates (their old slugs become ``_redirects.json``), renames, aliases and categories
(``tools/data/curation.py``, ``tools/data/dedupe.py``); add the regional controllers
(``tools/data/controllers.py``); merge JustDeleteMe's services
(``tools/data/importers/justdeleteme.py``); validate; write one file per record, the packs,
``_redirects.json`` and ``_index.txt``. Stale record files in ``--out`` are removed.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rights.companies.importers import ca_registry, datenanfragen, markup
from rights.companies.importers.merge import Matcher, merge, unique_slug
from rights.companies.lookup import REDIRECTS_NAME
from rights.core.company import Company, Pack, format_errors
from tools.data import controllers, curation, dedupe, packbuild, urlkinds
from tools.data.grow import GrowPaths, Tally, grow


@dataclass
class Built:
    """What a refresh produces: records, packs, notes, and old slug -> current slug."""

    companies: list[Company]
    packs: list[Pack]
    notes: list[str]
    redirects: dict[str, str] = field(default_factory=dict)


def build(
    dn_dir: Path, ca_2020: Path, markup_csv: Path, more: GrowPaths | None = None
) -> tuple[list[Company], list[Pack], list[str]]:
    """Every record and pack, validated; plus notes on what was merged or skipped
    (the first notes are the per-source summary of ``more``, starting with ``summary:``)."""
    built = build_all(dn_dir, ca_2020, markup_csv, more=more)
    return built.companies, built.packs, built.notes


def build_all(
    dn_dir: Path,
    ca_2020: Path,
    markup_csv: Path,
    *,
    more: GrowPaths | None = None,
    justdeleteme: Path | None = None,
) -> Built:
    """Every record, pack and redirect, validated; plus notes on what was merged."""
    notes: list[str] = []
    records: list[dict[str, Any]] = []
    for file, data in datenanfragen.read_records(dn_dir / "companies"):
        if isinstance(data, str):
            notes.append(f"{file}: {data}")
        else:
            records.append(data)
    registry = _registry_records(ca_2020, markup_csv, notes)
    taken = {r["slug"] for r in records}
    matcher = Matcher(records, loose=False)
    dn_count = len(records)

    def serves_all(index: int) -> bool:
        return index < dn_count and "all" in records[index].get("countries", [])

    for data in registry:
        data.pop("_where", None)
        hit = matcher.find(data, serves_all)
        if hit is not None:
            merge(records[hit], data)
            notes.append(f"merged registry broker {data['name']!r} into {records[hit]['slug']}")
        else:
            data["slug"] = unique_slug(data["name"], taken, "us")
            records.append(data)
            matcher.add(len(records) - 1, data)
    tally = grow(records, dn_count, more or GrowPaths(), notes)
    notes[:0] = _summary(tally)
    redirects = _clean(records, notes)
    _justdeleteme(records, justdeleteme, notes)
    companies = _validated(records, notes)
    packs = _packs(dn_dir, companies, notes)
    cfpb_csv = more.cfpb if more else None
    packs = sorted([*packs, *_own_packs(companies, cfpb_csv, notes)], key=lambda p: p.name)
    return Built(companies, packs, notes, redirects)


def _clean(records: list[dict[str, Any]], notes: list[str]) -> dict[str, str]:
    """URL kinds, curated merges (the redirects returned), names and categories."""
    urlkinds.classify_all(records, notes)
    redirects = dedupe.merge_duplicates(records, notes)
    dedupe.apply_names(records, notes)
    curation.apply(records, notes)
    controllers.apply(records, notes)
    redirects.update(dedupe.merge_same_keys(records, notes))
    return _followed(redirects)


def _followed(redirects: dict[str, str]) -> dict[str, str]:
    """Each old slug pointing at the final one, when a kept record was merged in turn."""
    out = {}
    for old, new in redirects.items():
        while new in redirects:
            new = redirects[new]
        out[old] = new
    return dict(sorted(out.items()))


def _justdeleteme(records: list[dict[str, Any]], sites: Path | None, notes: list[str]) -> None:
    """Merge JustDeleteMe's services (after curation, so aliases match them)."""
    if sites is not None:
        from tools.data.importers import justdeleteme

        justdeleteme.import_into(records, sites, notes)


def _own_packs(companies: list[Company], cfpb_csv: Path | None, notes: list[str]) -> list[Pack]:
    """The packs this project builds from its own data (specialty CRAs by CFPB section)."""
    return packbuild.specialty_packs(companies, cfpb_csv, notes)


def _summary(tally: Tally) -> list[str]:
    return [f"summary: {line}" for line in tally.lines()]


def _registry_records(ca_2020: Path, markup_csv: Path, notes: list[str]) -> list[dict[str, Any]]:
    _, rows = ca_registry.parse(ca_2020, "ca-2020")
    merged: list[dict[str, Any]] = []
    matcher = Matcher(merged, loose=False)
    for data in rows:
        hit = matcher.find(data)
        if hit is not None and "ca-2020" in merged[hit]["registries"]:
            merge(merged[hit], data)
            notes.append(f"registry 2020: {data['_where']} repeats {merged[hit]['name']!r}")
        else:
            merged.append(data)
            matcher.add(len(merged) - 1, data)
    for data in markup.parse(markup_csv):
        hit = matcher.find(data)
        if hit is not None:
            merge(merged[hit], data, prefer=frozenset({"opt_out_url"}))
        else:
            merged.append(data)
            matcher.add(len(merged) - 1, data)
    return merged


def _validated(records: list[dict[str, Any]], notes: list[str]) -> list[Company]:
    companies = []
    for data in records:
        data.pop("_where", None)
        data.pop("_match_domains", None)
        data.pop("_id", None)
        try:
            companies.append(Company.model_validate(data))
        except Exception as exc:
            notes.extend(format_errors(str(data.get("slug")), exc))
    return sorted(companies, key=lambda c: c.slug)


def _packs(dn_dir: Path, companies: list[Company], notes: list[str]) -> list[Pack]:
    slugs = {c.slug for c in companies}
    packs = curation.packs(companies)
    credit = "Datenanfragen.de (CC0)"
    for country, items in datenanfragen.read_company_packs(dn_dir / "company-packs").items():
        where = "all countries" if country == "all" else country.upper()
        for item in items:
            members = [s for s in item["companies"] if s in slugs]
            if not members:
                continue
            packs.append(
                Pack(
                    name=f"{country}-{item['slug']}",
                    title=f"{item['slug'].replace('-', ' ').capitalize()} ({where})",
                    description=f"Datenanfragen.de company pack '{item['slug']}' for {where}.",
                    companies=members,
                    choose=item["type"] == "choose",
                    sources=[
                        credit,
                        "https://github.com/datenanfragen/data/tree/master/company-packs",
                    ],
                )
            )
    for country, listed in datenanfragen.read_suggested(dn_dir / "suggested-companies").items():
        members = [s for s in listed if s in slugs]
        missing = sorted(set(listed) - slugs)
        if missing:
            notes.append(f"suggested-{country}: left out unknown slugs {', '.join(missing)}")
        if not members:
            continue
        packs.append(
            Pack(
                name=f"suggested-{country}",
                title=f"Suggested companies ({country.upper()})",
                description=f"Companies Datenanfragen.de suggested for people in "
                f"{country.upper()} (their former suggested-companies list).",
                companies=members,
                sources=[credit],
            )
        )
    return sorted(packs, key=lambda p: p.name)


def dumps(data: Any) -> str:
    """The JSON text of a shipped file: sorted keys, 2-space indent, UTF-8, final newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write(
    out: Path,
    companies: list[Company],
    packs: list[Pack],
    redirects: dict[str, str] | None = None,
) -> None:
    """Write the record files, packs, redirects and the index into ``out`` (stale files
    removed)."""
    from rights.companies.index import INDEX_NAME, write_index

    out.mkdir(parents=True, exist_ok=True)
    (out / "packs").mkdir(exist_ok=True)
    keep = {f"{c.slug}.json" for c in companies}
    for old in out.glob("*.json"):
        if old.name not in keep and old.name not in (INDEX_NAME, REDIRECTS_NAME):
            old.unlink()
    for company in companies:
        (out / f"{company.slug}.json").write_text(dumps(company.to_json()), encoding="utf-8")
    for old in (out / "packs").glob("*.json"):
        old.unlink()
    for pack in packs:
        data = pack.model_dump(mode="json", exclude_defaults=True)
        (out / "packs" / f"{pack.name}.json").write_text(dumps(data), encoding="utf-8")
    if redirects is not None:
        (out / REDIRECTS_NAME).write_text(dumps(redirects), encoding="utf-8")
    write_index(out)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; prints a summary and the notes to stderr."""
    parser = argparse.ArgumentParser(prog="python -m tools.data.refresh")
    parser.add_argument("--datenanfragen", type=Path, required=True)
    parser.add_argument("--ca-2020", type=Path, required=True)
    parser.add_argument("--markup", type=Path, required=True)
    for option in ("--cppa-2025", "--cfpb", "--eraser", "--cvs0", "--brianreumere"):
        parser.add_argument(option, type=Path, default=None)
    parser.add_argument("--justdeleteme", type=Path, help="JustDeleteMe's sites.json")
    parser.add_argument("--out", type=Path, default=Path("companies"))
    parser.add_argument("--verbose", action="store_true", help="Print every merge note.")
    args = parser.parse_args(argv)
    more = GrowPaths(args.cppa_2025, args.cfpb, args.eraser, args.cvs0, args.brianreumere)
    built = build_all(
        args.datenanfragen, args.ca_2020, args.markup, more=more, justdeleteme=args.justdeleteme
    )
    companies, packs, notes = built.companies, built.packs, built.notes
    problems = [n for n in notes if not n.startswith(("merged", "registry 2020", "summary"))]
    for line in notes:
        if line.startswith("summary: "):
            sys.stderr.write(line + "\n")
    for line in notes if args.verbose else problems:
        sys.stderr.write(line + "\n")
    write(args.out, companies, packs, built.redirects)
    sys.stderr.write(f"wrote {len(companies)} records and {len(packs)} packs to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
