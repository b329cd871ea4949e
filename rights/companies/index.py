"""The generated index of the shipped directory, and the loaded ``Directory``.

``companies/_index.txt`` is UTF-8 text: a JSON header line (format version, record count,
a SHA-256 of the record files = the data version, the words of the tag fields), one line
per record, then a line ``#vocabulary`` and one line of every distinct search word, then
the ``#postings`` and ``#exact`` tables (``rights.companies.postings``). A record line is
its search text, ``|``-separated fields of folded words (see ``FIELD_*``), a tab, and the
compact JSON of its ``Entry``::

    acxiom-gb|acxiom ltd|acxiom|...|acxiom.co.uk|...| c:addresses n:GB |\t{"slug":...}

Loading is one file read and a split: search looks words up in the tables (a query
touches only the lines holding its words) and decodes only the entries it returns. The
index is written by the importers and by ``rights companies validate --write-index``; a
test checks it matches the files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rights.companies import archive
from rights.companies.names import address_country, name_key, registry_country, words
from rights.companies.postings import (
    BuiltTables,
    LayeredTables,
    StoredTables,
    Tables,
)
from rights.errors import DataFileError

if TYPE_CHECKING:
    from rights.core.company import Company

INDEX_NAME = "_index.txt"
VOCABULARY = "#vocabulary"
INDEX_VERSION = 2
# fields of a search line, in order
FIELD_SLUG, FIELD_NAME, FIELD_KEY, FIELD_ALIASES, FIELD_DOMAINS, FIELD_RUNS, FIELD_TAGS = range(7)


@dataclass(slots=True)
class Entry:
    """The indexed part of a record: enough to list, filter and count it."""

    slug: str
    name: str
    categories: list[str]
    countries: list[str]
    registries: list[str]
    email: str | None
    web: str | None
    channel: str
    datasets: list[str]
    mine: bool = False


def entry_of(company: Company, *, mine: bool = False) -> Entry:
    """The index entry of a full record."""
    return Entry(
        slug=company.slug,
        name=company.name,
        categories=list(company.categories),
        countries=list(company.countries),
        registries=list(company.registries),
        email=company.email,
        web=company.web,
        channel=company.effective_channel(),
        datasets=list(dict.fromkeys(s.dataset for s in company.sources)),
        mine=mine,
    )


def _clean(text: str) -> str:
    return " ".join(words(text))


def served_countries(company: Company) -> list[str]:
    """Where a record serves: its ``countries`` (``all`` or codes); without them, the
    country of its registries (``ca-2025``: US), else of its address; else none known."""
    if company.countries:
        return list(company.countries)
    found = [registry_country(r) for r in company.registries]
    found.append(address_country(company.address) if company.address else None)
    return list(dict.fromkeys(c for c in found if c))


def line_of(company: Company, *, mine: bool = False) -> str:
    """The index line of a record (search text, tab, entry JSON); its ``n:`` tags are the
    countries it serves (``served_countries``)."""
    tags = [f"c:{c}" for c in company.categories]
    tags += [f"n:{c}" for c in served_countries(company)]
    tags += [f"r:{r}" for r in company.registries]
    fields = [
        company.slug,
        _clean(company.name),
        name_key(company.name),
        " ; ".join(filter(None, (name_key(a) for a in company.aliases))),
        " ".join(company.domains),
        " ; ".join(filter(None, (_clean(r) for r in company.runs))),
        " " + " ".join(tags) + " ",
    ]
    entry = json.dumps(
        asdict(entry_of(company, mine=mine)),
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return "|".join(fields) + "|\t" + entry


class Directory:
    """The loaded index: lines, their search texts, lookup tables, entries on demand."""

    def __init__(self, lines: list[str], tables: Tables | None = None) -> None:
        self.lines = lines
        self.texts = [line.partition("\t")[0] for line in lines]
        self._slugs: dict[str, int] | None = None
        self._tables = tables

    @property
    def tables(self) -> Tables:
        """Word postings and exact values (built from the lines when not loaded)."""
        if self._tables is None:
            self._tables = BuiltTables(self.texts)
        return self._tables

    @property
    def vocabulary(self) -> str:
        """Every distinct search word, one per line (with a newline at each end)."""
        return self.tables.vocabulary

    def __len__(self) -> int:
        return len(self.lines)

    def entry(self, number: int) -> Entry:
        """The entry of line ``number``."""
        data: dict[str, Any] = json.loads(self.lines[number].partition("\t")[2])
        return Entry(**data)

    def entries(self) -> list[Entry]:
        """Every entry (decodes them all: for stats and listings)."""
        return [self.entry(n) for n in range(len(self.lines))]

    def slugs(self) -> dict[str, int]:
        """Slug -> line number."""
        if self._slugs is None:
            self._slugs = {t.partition("|")[0]: n for n, t in enumerate(self.texts)}
        return self._slugs

    def get(self, slug: str) -> Entry | None:
        """The entry with ``slug``, or None."""
        number = self.slugs().get(slug)
        return None if number is None else self.entry(number)

    def with_user(self, companies: list[Company]) -> Directory:
        """A directory where the user's companies replace or add to the shipped ones."""
        if not companies:
            return self
        mine = {c.slug for c in companies}
        dropped = [n for slug, n in self.slugs().items() if slug in mine]
        gone = set(dropped)
        kept = [line for n, line in enumerate(self.lines) if n not in gone]
        added = [line_of(c, mine=True) for c in companies]
        extra = BuiltTables([line.partition("\t")[0] for line in added])
        return Directory(kept + added, LayeredTables(self.tables, dropped, len(kept), extra))


def record_files(folder: Path) -> list[Path]:
    """The record files of a directory folder, sorted (the index and packs excluded)."""
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith("_"))


def records(folder: Path) -> Iterator[tuple[str, bytes]]:
    """``(file name, bytes)`` of every record of a directory folder: its record files, or,
    in an installed wheel that has none, the records of its archive (``archive.py``)."""
    files = record_files(folder)
    if files or not archive.present(folder):
        for path in files:
            yield path.name, path.read_bytes()
        return
    for slug, data in archive.items(folder):
        yield f"{slug}.json", data


def data_hash(folder: Path) -> str:
    """SHA-256 over the names and bytes of every record file: the data version."""
    digest = hashlib.sha256()
    for name, data in records(folder):
        digest.update(name.encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def read_folder(folder: Path) -> tuple[list[Company], list[str]]:
    """Every record of a folder, validated, and one line per problem found."""
    from rights.core.company import Company, format_errors

    companies = []
    problems: list[str] = []
    for name, data in records(folder):
        try:
            company = Company.model_validate_json(data)
        except Exception as exc:
            problems.extend(format_errors(name, exc))
            continue
        if company.slug != name.removesuffix(".json"):
            problems.append(f"{name}: slug: {company.slug!r} differs from the file name")
            continue
        companies.append(company)
    return companies, problems


def build_index(folder: Path) -> str:
    """The index text of ``folder``, from its record files (DataFileError lists bad ones)."""
    companies, problems = read_folder(folder)
    if problems:
        raise DataFileError(
            f"{len(problems)} problem(s) in the company files of {folder}:\n" + "\n".join(problems),
            hint="fix the records, then run: rights companies validate --write-index",
        )
    lines = [line_of(c) for c in companies]
    tables = BuiltTables([line.partition("\t")[0] for line in lines])
    header = {
        "count": len(lines),
        "hash": data_hash(folder),
        "tags": sorted(tables.tags),
        "version": INDEX_VERSION,
    }
    head = "\n".join([json.dumps(header, sort_keys=True), *lines, VOCABULARY])
    return head + tables.vocabulary + tables.text()


def write_index(folder: Path) -> Path:
    """Build and write ``folder/_index.txt`` (atomically; readable by all, as shipped data)."""
    from rights.files import atomic_write

    return atomic_write(folder / INDEX_NAME, build_index(folder).encode("utf-8"), mode=0o644)


def parse_index(text: str, where: str = INDEX_NAME) -> tuple[dict[str, Any], Directory]:
    """The header and the directory of an index text."""
    head, _, rest = text.partition("\n")
    body, marker, after = rest.partition(VOCABULARY + "\n")
    vocabulary, found, sections = after.partition("\n#postings\n")
    try:
        header = json.loads(head)
        ok = isinstance(header, dict) and header.get("version") == INDEX_VERSION and marker
    except ValueError:
        ok = False
    lines = body.split("\n")[:-1] if body else []
    if not ok or not found or len(lines) != header.get("count"):
        raise DataFileError(
            f"{where}: not a company index this version of rights can read",
            hint="rebuild it with: rights companies validate --write-index",
        )
    tables = StoredTables("\n" + vocabulary + "\n", "#postings\n" + sections, header["tags"])
    return header, Directory(lines, tables)


def load(folder: Path) -> Directory:
    """Load the directory of ``folder`` from its index (built in memory if there is none)."""
    path = folder / INDEX_NAME
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = build_index(folder)
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(
            f"{path}: unreadable company index: {exc}",
            hint="rebuild it with: rights companies validate --write-index",
        ) from None
    return parse_index(text, str(path))[1]


def read_company(folder: Path, slug: str) -> Company:
    """The full record ``folder/<slug>.json`` (or the archive's, in a wheel), validated
    (FileNotFoundError if absent)."""
    from rights.core.company import Company, format_errors

    path = folder / f"{slug}.json"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        found = archive.read(folder, slug) if archive.present(folder) else None
        if found is None:
            raise
        data = found
    try:
        return Company.model_validate_json(data)
    except Exception as exc:
        raise DataFileError("\n".join(format_errors(path.name, exc))) from None
