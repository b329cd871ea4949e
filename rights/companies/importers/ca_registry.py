"""California data broker registry CSVs -> record data (validate with ``Company``).

Two families of files: the Attorney General's 2020-2021 export (``Data Broker Name``,
``Email Address`` written ``name [at] domain``, one-line ``Physical Address``) and the
CPPA registry (``Data broker name:``, ``Data broker primary website:``, separate street,
city, state, zip, country columns; spellings vary by year, e.g. a non-breaking space in
2025). Headers are matched loosely, by meaning.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rights.companies.names import fold, registered_domain
from rights.errors import DataFileError

REPO_2020 = (
    "https://github.com/your-digital-rights/data-brokers/blob/main/"
    "backend/data/data-brokers-california.csv"
)
CPPA_URL = "https://cppa.ca.gov/data_broker_registry/"
LICENCE = "public record (California data broker registry); facts only"

_Rule = Callable[[str], bool]


def _has(*needles: str) -> _Rule:
    return lambda h: any(n in h for n in needles)


def _word(*names: str) -> _Rule:
    pattern = re.compile(r"\b(?:" + "|".join(names) + r")\b")
    return lambda h: bool(pattern.search(h))


# (role, rule) in the order they are tried on each header; a role takes the first header.
ROLES: tuple[tuple[str, _Rule], ...] = (
    ("dba", lambda h: "doing business as" in h or bool(re.search(r"\bd ?/?b ?/?a\b", h))),
    ("email", _has("email", "e-mail")),
    ("phone", _has("phone", "telephone")),
    ("protected", _has("protected individual", "6208", "6254")),
    ("rights", _has("opt out", "opt-out", "exercis", "how a consumer", "ccpa rights", "submit")),
    ("city", _word("city", "town")),
    ("state", _word("state", "province")),
    ("zip", _word("zip", "zip code", "postal code", "postcode")),
    ("country", _word("country")),
    ("street", _has("street", "address line")),
    ("address", _word("address")),
    ("website", _has("website", "web site", "url", "domain")),
    ("name", lambda h: "name" in h),
    ("date", _word("date")),
    ("info", _has("additional information", "data collecting practices")),
)
NEEDED = ("name", "website or email")
EXAMPLE_HEADERS = "'Data broker name:' (or 'Data Broker Name') and 'Data broker primary website:'"

_NONE = frozenset({"n/a", "na", "none", "-", "not applicable"})
_AT = re.compile(r"\s*[\[(]\s*at\s*[\])]\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*[\[(]\s*dot\s*[\])]\s*", re.IGNORECASE)
_URL_IN_TEXT = re.compile(r"https?://[^\s,;<>\"')]+", re.IGNORECASE)
_DBA_IN_NAME = re.compile(r"\s*,?\s+(?:doing business as|d/b/a|dba)\s+", re.IGNORECASE)


def normalise_header(header: str) -> str:
    """A header folded for matching: no NBSP, no case, no bracketed notes, no colon."""
    text = fold(header.replace("\ufeff", ""))
    text = re.sub(r"\[[^\]]*\]", " ", text)
    text = re.sub(r"[:*?]", " ", text)
    return " ".join(text.split())


def match_headers(headers: list[str]) -> dict[str, int]:
    """Map each role (name, email, website...) to the index of its column."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        h = normalise_header(header)
        for role, rule in ROLES:
            if rule(h):
                if role not in found:
                    found[role] = index
                break
    return found


def deobfuscate_email(value: str) -> str:
    """``privacy [at] example.com`` -> ``privacy@example.com`` (also ``(at)``, ``[dot]``)."""
    text = _DOT.sub(".", _AT.sub("@", value.strip()))
    text = text.strip().strip(".;,").replace("mailto:", "")
    local, sep, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}" if sep else text


def registry_id(path: Path, headers: list[str]) -> str:
    """A guess at the registry id of a file: ``ca-<year in its name>``, else by its format."""
    year = re.search(r"(?<!\d)(20[1-9]\d)(?!\d)", path.name)
    if year:
        return f"ca-{year.group(1)}"
    roles = match_headers(headers)
    return "ca-2020" if "date" in roles and "street" not in roles else "ca-cppa"


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header row and the data rows of a CSV (UTF-8, BOM tolerated; else Latin-1)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise DataFileError(f"{path.name}: empty CSV file")
    start = _header_row(rows)
    return rows[start], [r for r in rows[start + 1 :] if any(cell.strip() for cell in r)]


def _header_row(rows: list[list[str]]) -> int:
    """The index of the header row: the first of the first five rows that has a name
    column and a website or email column (the CPPA 2025 file has a spacer row above its
    header), else the first row."""
    for index, row in enumerate(rows[:5]):
        roles = match_headers(row)
        if "name" in roles and {"website", "email"} & set(roles):
            return index
    return 0


def parse(path: Path, registry: str | None = None) -> tuple[str, list[dict[str, Any]]]:
    """Read a registry CSV; return its registry id and one record-data dict per broker.

    Raises DataFileError naming the headers needed when the file matches no known format.
    """
    headers, rows = read_csv(path)
    roles = match_headers(headers)
    if "name" not in roles or not ({"website", "email"} & set(roles)):
        shown = ", ".join(repr(h.strip()) for h in headers[:8]) or "none"
        raise DataFileError(
            f"{path.name}: not a California registry CSV: it needs columns for the broker's "
            f"name and its website or email, like {EXAMPLE_HEADERS}",
            hint=f"its first headers are: {shown}",
        )
    reg = registry or registry_id(path, headers)
    dataset = "ca-registry-" + reg.removeprefix("ca-")
    records = []
    for number, row in enumerate(rows, start=2):
        cells = {role: row[i].strip() if i < len(row) else "" for role, i in roles.items()}
        if cells.get("name"):
            records.append(_record(cells, reg, dataset, f"{path.name}:{number}"))
    return reg, records


def _record(cells: dict[str, str], registry: str, dataset: str, where: str) -> dict[str, Any]:
    """One broker's record data from its row's cells, with the source naming every field."""
    name, aliases = _split_dba(cells["name"])
    data: dict[str, Any] = {"name": name}
    for dba in (" ".join(d.split()) for d in re.split(r";|\n", cells.get("dba", ""))):
        if dba and dba.lower() not in _NONE and dba != name:
            aliases.append(dba)
    if aliases:
        data["aliases"] = list(dict.fromkeys(aliases))
    fields = _contact_fields(cells, data)
    other = _other_facts(cells, data, fields)
    data["categories"] = ["data-broker"]
    data["countries"] = ["US"]
    data["registries"] = [registry]
    data["quality"] = "imported"
    source: dict[str, Any] = {
        "dataset": dataset,
        "record": name,
        "url": REPO_2020 if registry == "ca-2020" else CPPA_URL,
        "licence": LICENCE,
        "fields": ["name", *fields],
        "other": other,
    }
    date = _date(cells.get("date", ""))
    if date:
        source["date"] = date
    data["sources"] = [source]
    data["_where"] = where
    return data


def _contact_fields(cells: dict[str, str], data: dict[str, Any]) -> list[str]:
    """Put email, web (and its domain), address and phone into ``data``; return their names."""
    fields: list[str] = []
    emails = _several(deobfuscate_email(cells.get("email", "")), "@")
    if emails:
        data["email"] = emails[0]
        fields.append("email")
    webs = _several(cells.get("website", ""), ".")
    web = webs[0] if webs else ""
    if web and web.lower() not in _NONE:
        data["web"] = web if "://" in web else "https://" + web.lstrip("/")
        domain = registered_domain(data["web"])
        if domain:
            data["domains"] = [domain]
            fields.append("domains")
        fields.append("web")
    address = _address(cells)
    if address:
        data["address"] = address
        fields.append("address")
    if cells.get("phone"):
        data["phone"] = " ".join(cells["phone"].split())
        fields.append("phone")
    return fields


def _other_facts(cells: dict[str, str], data: dict[str, Any], fields: list[str]) -> dict[str, str]:
    """The opt-out URL (into ``data``) and the registry's free-text facts kept with the source."""
    other: dict[str, str] = {}
    for role, key in (("email", "more_emails"), ("website", "more_websites")):
        text = deobfuscate_email(cells.get(role, "")) if role == "email" else cells.get(role, "")
        values = _several(text, "@" if role == "email" else ".")[1:]
        if values:
            other[key] = "; ".join(values)
    rights = cells.get("rights", "")
    if rights:
        urls = _URL_IN_TEXT.findall(rights)
        if urls:
            data["opt_out_url"] = urls[0].rstrip(".")
            fields.append("opt_out_url")
        if not rights.lower().startswith("http") or len(urls) > 1:
            other["opt_out_instructions"] = rights
    protected = cells.get("protected", "")
    if protected and protected != rights:
        other["protected_individual_deletion"] = protected
    if cells.get("info") and cells["info"].lower() not in {"n/a", "n/a.", "none"}:
        other["additional_information"] = cells["info"]
    return other


def _several(cell: str, mark: str) -> list[str]:
    """The values of a cell that lists several (``a@x.com; b@x.com``), each holding
    ``mark``; a cell with one value (even with spaces in it) is that one value."""
    parts = [p for p in re.split(r"[;,\s]+", cell) if p]
    if sum(mark in p for p in parts) >= 2:
        return [p for p in parts if mark in p]
    return [cell.strip()] if cell.strip() else []


def _split_dba(value: str) -> tuple[str, list[str]]:
    parts = _DBA_IN_NAME.split(" ".join(value.split()), maxsplit=1)
    name = parts[0].strip(" ,")
    return name, [p.strip(" ,") for p in parts[1:] if p.strip(" ,")]


def _address(cells: dict[str, str]) -> str | None:
    if cells.get("address") and cells["address"].lower().strip(" .") not in _NONE:
        return " ".join(cells["address"].split())
    city_line = " ".join(
        p for p in (cells.get("city", "") + ",", cells.get("state", ""), cells.get("zip", "")) if p
    ).strip(" ,")
    lines = [cells.get("street", ""), city_line, cells.get("country", "")]
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    return "\n".join(lines) if cells.get("street") and lines else None


def _date(value: str) -> str | None:
    for fmt in ("%m/%d/%Y", "%Y-%m-%d", "%m/%d/%y"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None
