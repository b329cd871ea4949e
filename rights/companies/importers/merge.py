"""De-duplication across sources: match by normalised name or registered domain, merge.

Merging never drops a value: the record being merged into keeps its values, fills its
gaps from the other, and a conflicting value is kept in the ``other`` map of the source
that gave it. List fields (aliases, domains, categories...) are unioned.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from rights.companies.names import host_of, name_key, registered_domain, slug_for

LIST_FIELDS = (
    "aliases",
    "runs",
    "domains",
    "categories",
    "countries",
    "registries",
    "comments",
    "bounced_emails",
)
SCALAR_FIELDS = (
    "web",
    "address",
    "email",
    "webform",
    "opt_out_url",
    "download_url",
    "delete_url",
    "phone",
    "fax",
)


class Matcher:
    """Finds the record (an index in ``records``) that a new record duplicates.

    Two records are the same organisation when their normalised names match (legal forms,
    case, accents, punctuation and the spaces between words ignored: ``PacificEast
    Research`` ~ ``Pacific East Research``), or when they share a registrable domain and one
    name contains the other (``Zeta`` ~ ``Zeta Global``, ``FastPeopleSearch`` ~
    ``fastpeoplesearch.com``). Several name matches are narrowed by a shared domain.
    ``loose=False`` keeps the older, stricter rule of the first import steps (names compared
    with their spaces, word containment only, no narrowing), so their slugs stay as they are.
    """

    def __init__(self, records: list[dict[str, Any]], loose: bool = True) -> None:
        self.records = records
        self.loose = loose
        self.key: Callable[[str], str] = compact_key if loose else name_key
        self.by_name: dict[str, list[int]] = defaultdict(list)
        self.by_domain: dict[str, list[int]] = defaultdict(list)
        for index, record in enumerate(records):
            self.add(index, record)

    def add(self, index: int, record: dict[str, Any]) -> None:
        """Index the record at ``index`` by its names and domains."""
        for name in [record["name"], *record.get("aliases", [])]:
            key = self.key(name)
            if key and index not in self.by_name[key]:
                self.by_name[key].append(index)
        for domain in _domains(record):
            if index not in self.by_domain[domain]:
                self.by_domain[domain].append(index)

    def find(self, record: dict[str, Any], accept: Any = None) -> int | None:
        """The one record that is the same organisation (see the class); None when there
        is none or it is ambiguous."""
        ok = accept or (lambda _i: True)
        mine = _domains(record)
        named = [i for i in self.by_name.get(self.key(record["name"]), []) if ok(i)]
        if len(named) > 1 and self.loose:
            named = [i for i in named if mine & _domains(self.records[i])]
        if len(named) == 1:
            return named[0]
        if named:
            return None
        hits = {i for d in sorted(mine) for i in self.by_domain.get(d, []) if ok(i)}
        hits = {i for i in hits if _names_contain(record, self.records[i], self.loose)}
        if len(hits) > 1 and self.loose:  # prefer the record whose name is the domain's label
            labels = {d.split(".")[0].replace("-", "") for d in mine}
            hits = {i for i in hits if compact_key(self.records[i]["name"]) in labels} or hits
        return hits.pop() if len(hits) == 1 else None


def compact_key(name: str) -> str:
    """``name_key`` without spaces: joined and split spellings of a name compare equal."""
    return name_key(name).replace(" ", "")


def _domains(record: dict[str, Any]) -> set[str]:
    found = [*record.get("domains", []), *record.get("_match_domains", [])]
    return {d for d in (registered_domain(x) for x in found) if d}


def _names_contain(new: dict[str, Any], old: dict[str, Any], loose: bool = True) -> bool:
    """True when a name of one record contains a name of the other, word by word or as
    letters (``Fast People Search`` ~ ``FastPeopleSearch Inc``)."""
    mine = [name_key(n) for n in [new["name"], *(new.get("aliases", []) if loose else [])]]
    theirs = [name_key(n) for n in [old["name"], *old.get("aliases", []), *old.get("runs", [])]]
    for a in filter(None, mine):
        for b in filter(None, theirs):
            wa, wb = set(a.split()), set(b.split())
            if wa <= wb or wb <= wa:
                return True
            ca, cb = a.replace(" ", ""), b.replace(" ", "")
            if loose and min(len(ca), len(cb)) >= 5 and (ca.startswith(cb) or cb.startswith(ca)):
                return True
    return False


def merge(
    base: dict[str, Any], extra: dict[str, Any], prefer: frozenset[str] = frozenset()
) -> None:
    """Merge ``extra`` into ``base`` in place; fields in ``prefer`` take ``extra``'s value.

    ``extra``'s sources are appended; each keeps in ``fields`` the fields whose value the
    merged record now shows (or confirms), and in ``other`` the values it was overruled on.
    """
    sources = [dict(s, other=dict(s.get("other", {}))) for s in extra["sources"]]
    used: set[str] = set()
    conflicts: dict[str, str] = {}
    if extra["name"] != base["name"] and extra["name"] not in base.get("aliases", []):
        base.setdefault("aliases", []).append(extra["name"])
        used.add("aliases")
    for field in LIST_FIELDS:
        base.setdefault(field, [])
        for value in extra.get(field, []):
            if value not in base[field]:
                base[field].append(value)
            used.add(field)
        if not base[field]:
            base.pop(field)
    for field in SCALAR_FIELDS:
        value = extra.get(field)
        if value is None:
            continue
        current = base.get(field)
        if current is None or _same(field, current, value):
            base.setdefault(field, value)
            used.add(field)
        elif field in prefer:
            _demote(base, field, current)
            base[field] = value
            used.add(field)
        else:
            conflicts[field] = value
    for source in sources:
        given = source.get("fields", [])
        source["fields"] = [f for f in given if f in used]
        for field, value in list(conflicts.items()):
            if field in given:
                source["other"][field] = value
                conflicts.pop(field)
    if conflicts:
        sources[0]["other"].update(conflicts)
    if "aliases" in used and "aliases" not in sources[0]["fields"]:
        sources[0]["fields"].append("aliases")
    base["sources"] = [*base["sources"], *sources]
    drop_bounced_email(base)


def drop_bounced_email(base: dict[str, Any]) -> None:
    """An email some source reports as bouncing is no contact: move it to its source's
    ``other`` (as ``email``) and leave the record's ``email`` unset."""
    email = base.get("email")
    if email and email.lower() in {b.lower() for b in base.get("bounced_emails", [])}:
        _demote(base, "email", email)
        base.pop("email")


def _same(field: str, a: str, b: str) -> bool:
    """Equal values written differently (``Privacy@X.com`` ~ ``privacy@x.com``)."""
    if field == "email":
        return a.lower() == b.lower()
    if field == "web":
        return host_of(a) == host_of(b)
    if field == "opt_out_url":
        return a.rstrip("/").lower() == b.rstrip("/").lower()
    return " ".join(a.split()) == " ".join(b.split())


def _demote(base: dict[str, Any], field: str, value: str) -> None:
    """Move ``field``'s current value into the ``other`` map of the source that gave it."""
    for source in base["sources"]:
        if field in source.get("fields", []):
            source["fields"] = [f for f in source["fields"] if f != field]
            source.setdefault("other", {})[field] = value
            return


# Records whose slug was made before slugs spelled non-Latin letters out (text-unidecode):
# their slug stays, so that cases and packs naming it keep working after a refresh.
_SLUG_BEFORE_TRANSLITERATION = {
    "C&M News by R\u0435ss.at": "c-and-m-news-by-r-ss-at",  # a Cyrillic e (U+0435)
    "Foxford (Фоксфорд)": "foxford",
    "VK/ВКонтакте": "vk",
    "Мій Клас": "company",
    "РешуОГЭ/РешуЕГЭ/СдамГИА": "company",
}


def unique_slug(name: str, taken: set[str], suffix: str = "") -> str:
    """A slug from ``name`` (legal forms at the end dropped) not in ``taken``; adds it."""
    base = _SLUG_BEFORE_TRANSLITERATION.get(name) or slug_for(name)
    candidates = [base, f"{base}-{suffix}"] if suffix else [base]
    candidates += [f"{base}-{suffix or 'x'}-{n}" for n in range(2, 1000)]
    for slug in candidates:
        if slug not in taken:
            taken.add(slug)
            return slug
    raise ValueError(f"no free slug for {name!r}")
