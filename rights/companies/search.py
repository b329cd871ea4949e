"""Ranked, typo-tolerant search over the loaded directory (pure: no IO, no clock).

The directory's search text (see ``rights.companies.index``) is scanned with ``str.find``.
Ranking, best first:
  100  the query is a slug or a domain of the record (``google.com``, ``acxiom-gb``)
   96  the query is the record's name (legal forms ignored: ``Acme`` == ``ACME, Inc.``)
   93  the query is one of its aliases
 < 90  every query word matches a word of its name, aliases, services or domains:
       exact word 1.0, prefix 0.85, one typo 0.7, inside a word 0.6, two typos 0.55
       (words of 8+ letters), weighted by where it matched (name 1.0, alias 0.95,
       service 0.8, domain 0.75), plus a bonus for covering more of the name, so
       ``google`` ranks ``Google LLC`` above ``Google Commerce Ltd``.
Ties go to the shorter name, then the slug.
"""

from __future__ import annotations

from dataclasses import dataclass

from rights.companies.index import (
    FIELD_ALIASES,
    FIELD_DOMAINS,
    FIELD_KEY,
    FIELD_TAGS,
    Directory,
    Entry,
)
from rights.companies.names import LEGAL_WORDS, host_of, name_key, registered_domain, words

WEIGHTS = (1.0, 1.0, 1.0, 0.95, 0.75, 0.8, 0.0)  # by field: slug, name, key, aliases...
Q_EXACT, Q_PREFIX, Q_TYPO1, Q_INFIX, Q_TYPO2 = 1.0, 0.85, 0.7, 0.6, 0.55
MAX_OCCURRENCES = 20_000
_SEPS = frozenset(" |;.-\n")


@dataclass(frozen=True, slots=True)
class Hit:
    """A search result: the entry and its score (0-100)."""

    entry: Entry
    score: float


def _find_all(blob: str, needle: str, limit: int = MAX_OCCURRENCES) -> list[int]:
    found: list[int] = []
    at = blob.find(needle)
    while at != -1 and len(found) < limit:
        found.append(at)
        at = blob.find(needle, at + 1)
    return found


def _field(d: Directory, n: int, position: int) -> int:
    return d.blob.count("|", d.starts[n], position)


def _exact(d: Directory, q: str) -> dict[int, float]:
    """Lines whose slug or domain is ``q`` (100), or whose name or alias key is (96, 93)."""
    blob = d.blob
    scores: dict[int, float] = {}

    def note(n: int, score: float) -> None:
        if scores.get(n, 0.0) < score:
            scores[n] = score

    for at in _find_all(blob, "\n" + q.lower().strip() + "|", 50):
        note(d.line_at(at + 1), 100.0)
    for domain in {host_of(q), registered_domain(q)} - {None}:
        assert domain is not None
        for at in _find_all(blob, domain, 200):
            end = at + len(domain)
            if blob[at - 1] in " |" and blob[end] in " |":
                n = d.line_at(at)
                if _field(d, n, at) == FIELD_DOMAINS:
                    note(n, 100.0)
    key = name_key(q)
    if key:
        for at in _find_all(blob, key, 500):
            end = at + len(key)
            if blob[at - 1] not in "|;" and blob[at - 2 : at] != "; ":
                continue
            if blob[end] not in "|" and blob[end : end + 2] != " ;":
                continue
            n = d.line_at(at)
            field = _field(d, n, at)
            if field == FIELD_KEY:
                note(n, 96.0)
            elif field == FIELD_ALIASES:
                note(n, 93.0)
    return scores


def _word_matches(d: Directory, w: str) -> tuple[dict[int, float], bool]:
    """Per line, the best weighted quality of query word ``w``; and whether any was exact.

    A negative value marks a match in the name, slug or an alias (it counts for coverage).
    """
    blob, exact = d.blob, False
    best: dict[int, float] = {}
    for at in _find_all(blob, w):
        before = blob[at - 1] in _SEPS
        after = blob[at + len(w)] in _SEPS
        if before:
            quality = Q_EXACT if after else Q_PREFIX
            exact = exact or after
        elif len(w) >= 4:
            quality = Q_INFIX
        else:
            continue
        n = d.line_at(at)
        field = _field(d, n, at)
        value = quality * WEIGHTS[field]
        if field == FIELD_TAGS or value == 0.0:
            continue
        signed = -value if field <= FIELD_ALIASES else value
        if abs(best.get(n, 0.0)) < value:
            best[n] = signed
    return best, exact


def _typo_words(d: Directory, w: str) -> list[tuple[str, int]]:
    """Vocabulary words within 1 edit of ``w`` (2 for words of 8+ letters)."""
    limit = 1 if len(w) < 8 else 2
    vocab = d.vocabulary
    size, extra = divmod(len(w), limit + 1)
    pieces, pos = [], 0
    for k in range(limit + 1):  # a word within `limit` edits contains one piece unchanged
        step = size + (1 if k < extra else 0)
        pieces.append(w[pos : pos + step])
        pos += step
    seen: set[str] = set()
    found = []
    for piece in pieces:
        for at in _find_all(vocab, piece):
            start = vocab.rfind("\n", 0, at) + 1
            word = vocab[start : vocab.find("\n", at)]
            if word in seen or abs(len(word) - len(w)) > limit:
                continue
            seen.add(word)
            dist = distance(w, word, limit)
            if 0 < dist <= limit:
                found.append((word, dist))
    return found


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions (OSA); ``limit + 1`` once it is exceeded."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _query_words(query: str) -> list[str]:
    """Query words, without a domain's top-level label or legal forms (when others remain)."""
    host = host_of(query) if "." in query and " " not in query.strip() else None
    found = [w for w in host.split(".")[:-1] if w != "www"] if host else words(query)
    kept = [w for w in found if w not in LEGAL_WORDS]
    return kept or found


def _word_scores(d: Directory, qwords: list[str]) -> dict[int, float]:
    combined: dict[int, list[float]] | None = None
    for w in qwords:
        best, exact = _word_matches(d, w)
        if not exact and len(w) >= 4:
            for word, dist in _typo_words(d, w):
                quality = Q_TYPO1 if dist == 1 else Q_TYPO2
                found, _ = _word_matches(d, word)
                for n, value in found.items():
                    scaled = value * quality
                    if abs(best.get(n, 0.0)) < abs(scaled):
                        best[n] = scaled
        if combined is None:
            combined = {n: [v] for n, v in best.items()}
        else:
            combined = {n: [*vs, best[n]] for n, vs in combined.items() if n in best}
        if not combined:
            break
    scores = {}
    for n, values in (combined or {}).items():
        mean = sum(abs(v) for v in values) / len(values)
        size = max(1, d.texts[n].split("|", 3)[FIELD_KEY].count(" ") + 1)
        cover = min(1.0, sum(1 for v in values if v < 0) / size)
        scores[n] = round(70 * mean + 19 * cover * mean, 2)
    return scores


def search(
    d: Directory,
    query: str,
    *,
    category: str | None = None,
    country: str | None = None,
    registry: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    """The best ``limit`` entries for ``query`` that pass the filters, best first.

    An empty query lists the entries that pass the filters, by name.
    """

    def passes(n: int) -> bool:
        text = d.texts[n]
        return (
            (category is None or f" c:{category} " in text)
            and (country is None or f" n:{country} " in text or " n:all " in text)
            and (registry is None or f" r:{registry} " in text or f" r:{registry}-" in text)
        )

    q = " ".join(query.split())
    if not q:
        listed = sorted(
            (d.entry(n) for n in range(len(d)) if passes(n)), key=lambda e: (e.name.lower(), e.slug)
        )
        return [Hit(e, 0.0) for e in listed[:limit]]
    scores = _exact(d, q)
    qwords = _query_words(q)
    variants = [qwords]
    if len(qwords) > 1:
        variants.append(["".join(qwords)])  # "white pages" finds "Whitepages"
    for variant in variants:
        for n, score in _word_scores(d, variant).items():
            if scores.get(n, 0.0) < score:
                scores[n] = score
    ranked = sorted(
        ((s, n) for n, s in scores.items() if passes(n)),
        key=lambda sn: (-sn[0], len(d.texts[sn[1]].split("|", 2)[1]), sn[1]),
    )
    return [Hit(d.entry(n), s) for s, n in ranked[:limit]]


def closest_slugs(d: Directory, slug: str, n: int = 5) -> list[str]:
    """Slugs that look like ``slug`` (for 'did you mean' hints)."""
    return [h.entry.slug for h in search(d, slug.replace("-", " "), limit=n)]
