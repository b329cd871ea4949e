"""Import the Datenanfragen.de supervisory-authority records into ``jurisdictions/regulators/``.

Source: https://github.com/datenanfragen/data, folder ``supervisory-authorities`` (CC0 1.0;
credit: Datenanfragen.de). Each record keeps its own ``sources``; contact details are copied,
never completed or guessed. The German state (Land) an authority covers is read from its name
(table below); church and broadcasting authorities are marked ``sectoral-dpa``.

Usage: python -m tools.data.authorities SOURCE_DIR [DEST_DIR] [--commit SHA]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = "https://github.com/datenanfragen/data"
ATTRIBUTION = (
    "Datenanfragen.de supervisory-authority database (CC0 1.0), "
    "https://github.com/datenanfragen/data"
)

# The Land each German state authority covers, as its name says.
GERMAN_STATES = {
    "debawueldb": "DE-BW",
    "debaylda": "DE-BY",
    "debayldb": "DE-BY",
    "deberlbdi": "DE-BE",
    "debralda": "DE-BB",
    "debrelfdi": "DE-HB",
    "dehessbdi": "DE-HE",
    "dehmbbfdi": "DE-HH",
    "demvldi": "DE-MV",
    "dendslfd": "DE-NI",
    "denrwldi": "DE-NW",
    "derlpbdi": "DE-RP",
    "desaarudz": "DE-SL",
    "desaechsdsb": "DE-SN",
    "desalbd": "DE-ST",
    "deshuld": "DE-SH",
    "detlfdi": "DE-TH",
}
GERMAN_NOTES = {
    "debaylda": "Bavarian authority for the private sector (Landesamt für Datenschutzaufsicht).",
    "debayldb": "Bavarian commissioner for public bodies (Landesbeauftragter).",
    "debfdi": "Federal commissioner (Bund).",
}
# Authorities for public bodies only: never competent for a complaint about a company.
PUBLIC_BODIES_ONLY = {"debayldb"}
# Church and public-broadcasting authorities: they supervise only their own institutions.
SECTORAL = {
    "deekdbfd",
    "dekathbayddsb",
    "dekathdsz",
    "dekathffdsz",
    "dekathnordddsb",
    "dekathostddsb",
    "derf",
    "derfdw",
}


def convert(record: dict[str, Any], reviewed: str, commit: str | None = None) -> dict[str, Any]:
    """One datenanfragen record as a ``Regulator`` data dict (see rights.law.model)."""
    slug = record["slug"]
    countries = [c.upper() for c in record.get("relevant-countries", []) if c != "all"]
    if slug in GERMAN_STATES:
        kind, covers = "state-dpa", [GERMAN_STATES[slug]]
    elif slug in SECTORAL:
        kind, covers = "sectoral-dpa", countries
    else:
        kind, covers = "national-dpa", countries
    notes = [GERMAN_NOTES[slug]] if slug in GERMAN_NOTES else []
    notes.extend(" ".join(c.split()) for c in record.get("comments", []))
    source_note = f" at commit {commit}" if commit else ""
    record_url = f"{REPO}/blob/{commit or 'master'}/supervisory-authorities/{slug}.json"
    out: dict[str, Any] = {
        "id": slug,
        "name": record["name"],
        "kind": kind,
        "covers": covers,
        "web": record.get("web"),
        "email": record.get("email"),
        "complaint_url": record.get("webform"),
        "address": record.get("address"),
        "phone": record.get("phone"),
        "complaint_language": record.get("complaint-language"),
        "note": " ".join(notes) or None,
        "sources": [*record.get("sources", []), record_url],
        "attribution": ATTRIBUTION + source_note,
        "public_bodies_only": True if slug in PUBLIC_BODIES_ONLY else None,
        "last_reviewed": reviewed,
    }
    return {k: v for k, v in out.items() if v is not None}


def run(source: Path, dest: Path, *, reviewed: str, commit: str | None = None) -> list[Path]:
    """Convert every record in ``source`` into ``dest/<slug>.json``; return the files written."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(source.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        data = convert(record, reviewed, commit)
        target = dest / f"{data['id']}.json"
        target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: see the module docstring."""
    import datetime as dt

    args = list(sys.argv[1:] if argv is None else argv)
    commit = None
    if "--commit" in args:
        i = args.index("--commit")
        commit = args[i + 1]
        del args[i : i + 2]
    if not args:
        sys.stderr.write(__doc__ or "")
        return 2
    from rights.law.load import data_folder
    from rights.law.model import REGULATORS_DIR

    source = Path(args[0])
    dest = Path(args[1]) if len(args) > 1 else data_folder() / REGULATORS_DIR
    files = run(source, dest, reviewed=dt.date.today().isoformat(), commit=commit)
    sys.stdout.write(f"wrote {len(files)} regulator files to {dest}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
