"""Ranked, typo-tolerant search over the loaded directory (pure: no IO, no clock).

Query words are looked up in the directory's word postings and exact-value tables
(``rights.companies.postings``): a query touches only the lines holding its words.
Ranking, best first:
  100  the query is a slug with a dash or digit, or a domain of the record (``google.com``,
       ``acxiom-gb``); a one-word slug counts as an exact name (96)
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

from collections import Counter
from dataclasses import dataclass
from typing import Any

from rights.companies.index import FIELD_ALIASES, FIELD_KEY, FIELD_NAME, Directory, Entry
from rights.companies.names import LEGAL_WORDS, host_of, name_key, registered_domain, words
from rights.companies.postings import ALIAS, DOMAIN, KEY, SLUG

WEIGHTS = (1.0, 1.0, 1.0, 0.95, 0.75, 0.8, 0.0)  # by field: slug, name, key, aliases...
Q_EXACT, Q_PREFIX, Q_TYPO1, Q_INFIX, Q_TYPO2 = 1.0, 0.85, 0.7, 0.6, 0.55
MAX_OCCURRENCES = 20_000
FLOOR = 65.0  # a match that needed a typo and scores below this is a suggestion, not a hit
NEAR_MIN = 65.0  # only a match this good moves up for serving the person's country
STRONG = 90.0  # a whole name or alias: naming the person's country beats serving "all"
SPLIT = 0.98  # a query word split in two ("transunion" -> "trans union") counts a bit less
MAX_SPLITS = 4
PRIOR = 5.0  # bonus for firms that keep files on people (what a person here asks about)
PERSON_FACING = ("credit-agency", "people-search", "scoring")


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


def _exact(d: Directory, q: str) -> dict[int, float]:
    """Lines whose slug or domain is ``q`` (100), or whose name or alias key is (96, 93)."""
    tables = d.tables
    scores: dict[int, float] = {}

    def note(lines: list[int], score: float) -> None:
        for n in lines:
            if scores.get(n, 0.0) < score:
                scores[n] = score

    if " " not in q.strip():  # a slug has no space
        # A one-word query that is also a slug ("experian") is a name, not a pick: it ranks
        # as an exact name would, so the person's country still decides.
        slug_score = 100.0 if "-" in q or any(c.isdigit() for c in q) else 96.0
        note(tables.exact(SLUG, q.lower().strip()), slug_score)
    for domain in {host_of(q), registered_domain(q)} - {None}:
        assert domain is not None
        note(tables.exact(DOMAIN, domain), 100.0)
    key = name_key(q)
    if key:
        note(tables.exact(KEY, key), 96.0)
        note(tables.exact(ALIAS, key), 93.0)
    return scores


def _containing(vocab: str, w: str) -> dict[str, float]:
    """Vocabulary words holding ``w``: exact, as a prefix, or (``w`` of 4+ letters) inside."""
    found: dict[str, float] = {}
    needle = w if len(w) >= 4 else "\n" + w
    skip = 0 if len(w) >= 4 else 1
    for at in _find_all(vocab, needle):
        at += skip
        start = vocab.rfind("\n", 0, at) + 1
        end = vocab.find("\n", at)
        quality = (Q_EXACT if end == at + len(w) else Q_PREFIX) if at == start else Q_INFIX
        word = vocab[start:end]
        if found.get(word, 0.0) < quality:
            found[word] = quality
    return found


def _word_matches(d: Directory, w: str) -> tuple[dict[int, float], bool]:
    """Per line, the best weighted quality of query word ``w``; and whether any was exact.

    A negative value marks a match in the name, slug or an alias (it counts for coverage).
    """
    tables = d.tables
    best: dict[int, float] = {}
    found = _containing(tables.vocabulary, w)
    for word, quality in found.items():
        for posting in tables.postings(word):
            n, field = divmod(posting, 8)
            value = quality * WEIGHTS[field]
            if value == 0.0:
                continue
            if abs(best.get(n, 0.0)) < value:
                best[n] = -value if field <= FIELD_ALIASES else value
    return best, found.get(w) == Q_EXACT or w in tables.tags


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
    counts = Counter(w)
    for piece in pieces:
        for at in _find_all(vocab, piece):
            start = vocab.rfind("\n", 0, at) + 1
            word = vocab[start : vocab.find("\n", at)]
            if word in seen or abs(len(word) - len(w)) > limit:
                continue
            seen.add(word)
            if _apart(counts, len(w), word) > limit:  # cheap bound: most candidates stop here
                continue
            dist = distance(w, word, limit)
            if 0 < dist <= limit:
                found.append((word, dist))
    return found


def letters_apart(a: str, b: str) -> int:
    """A lower bound of ``distance(a, b)``: the letters one word has and the other lacks
    (counted with repeats, the larger side); a swap of two letters changes neither."""
    return _apart(Counter(a), len(a), b)


def _apart(counts: Counter[str], size: int, b: str) -> int:
    more = 0  # letters of b beyond those of a; then those of a missing from b
    for c in set(b):
        more += max(0, b.count(c) - counts[c])
    return max(more, more - (len(b) - size))


def distance(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions (OSA); ``limit + 1`` once it is exceeded.

    Pure Python on purpose: :func:`_apart` leaves about 1.3 calls per query (28 µs each, of
    a ~2 ms search); rapidfuzz's OSA takes 0.1 µs a call but 20 ms to import in every
    process (measured for issue 16)."""
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
    """Query words (a domain's labels split at dashes, its top-level label left out),
    without legal forms (when others remain)."""
    host = host_of(query) if "." in query and " " not in query.strip() else None
    labels = [w for w in host.split(".")[:-1] if w != "www"] if host else [query]
    found = [w for label in labels for w in words(label)]  # "pre-employ" -> pre, employ
    kept = [w for w in found if w not in LEGAL_WORDS]
    return kept or found


def _with_typos(d: Directory, w: str, best: dict[int, float]) -> set[int]:
    """Add to ``best`` the lines that match a word one or two typos from ``w``; return the
    lines whose best match is now such a typo."""
    improved: set[int] = set()
    for word, dist in _typo_words(d, w):
        quality = Q_TYPO1 if dist == 1 else Q_TYPO2
        found, _ = _word_matches(d, word)
        for n, value in found.items():
            scaled = value * quality
            if abs(best.get(n, 0.0)) < abs(scaled):
                best[n] = scaled
                improved.add(n)
    return improved


Scores = dict[int, tuple[float, bool]]  # line -> (score, whether it needed a typo)


def _word_scores(d: Directory, qwords: list[str], *, typos: bool = True) -> Scores:
    combined: dict[int, list[float]] | None = None
    typo_lines: set[int] = set()
    for w in qwords:
        best, exact = _word_matches(d, w)
        if typos and not exact and len(w) >= 4:
            typo_lines |= _with_typos(d, w, best)
        if combined is None:
            combined = {n: [v] for n, v in best.items()}
        else:
            combined = {n: [*vs, best[n]] for n, vs in combined.items() if n in best}
        if not combined:
            break
    scores: Scores = {}
    for n, values in (combined or {}).items():
        mean = sum(abs(v) for v in values) / len(values)
        size = max(1, d.texts[n].split("|", 3)[FIELD_KEY].count(" ") + 1)
        cover = min(1.0, sum(1 for v in values if v < 0) / size)
        scores[n] = (round(70 * mean + 19 * cover * mean, 2), n in typo_lines)
    return scores


def _splits(d: Directory, qwords: list[str]) -> list[list[str]]:
    """The query with one word split in two words of the vocabulary ("transunion" ->
    "trans union"), so a joined query finds a name or alias written apart."""
    tables, found = d.tables, []
    for k, w in enumerate(qwords):
        for i in range(3, len(w) - 2):
            if tables.postings(w[:i]) and tables.postings(w[i:]):
                found.append([*qwords[:k], w[:i], w[i:], *qwords[k + 1 :]])
    return found[:MAX_SPLITS]


def _scores(d: Directory, q: str) -> tuple[Scores, list[str]]:
    """Every matching line's score and typo flag, and the query words."""
    scores: Scores = {n: (s, False) for n, s in _exact(d, q).items()}

    def keep(found: Scores, factor: float = 1.0) -> None:
        for n, (score, typo) in found.items():
            score = round(score * factor, 2)
            if scores.get(n, (0.0, False))[0] < score:
                scores[n] = (score, typo)

    qwords = _query_words(q)
    keep(_word_scores(d, qwords))
    if len(qwords) > 1:
        keep(_word_scores(d, ["".join(qwords)]))  # "white pages" finds "Whitepages"
    for split in _splits(d, qwords):  # only as a whole name or alias (one scan each)
        keep({n: (s, False) for n, s in _exact(d, " ".join(split)).items()}, SPLIT)
    return scores, qwords


def _serving(text: str, near: str | None, score: float) -> int:
    """1 when a search line's record serves country ``near`` (by its code or ``all``); 2
    when it names ``near`` and matches as a whole name or alias (``STRONG``)."""
    if near is None:
        return 0
    if f" n:{near} " in text:
        return 2 if score >= STRONG else 1
    return 1 if " n:all " in text else 0


def _order(d: Directory, n: int, score: float, near: str | None, label: str) -> tuple[Any, ...]:
    """The sort key of a match: exact slug/domain first, then (for a good match) the
    person's country, then the score with a small bonus for the firms people ask, then
    names starting with the query's first word (a shared domain's label), shorter names."""
    text = d.texts[n]
    exact = score >= 100.0
    serving = _serving(text, near, score) if score >= NEAR_MIN else 0
    prior = PRIOR if any(f" c:{c} " in text for c in PERSON_FACING) else 0.0
    starts = text.split("|", 3)[FIELD_KEY].replace(" ", "").startswith(label)
    name_length = len(text.split("|", 2)[FIELD_NAME])
    return (not exact, -serving, not (exact and starts), -(score + prior), not starts,
            name_length, n)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Ranking:
    """The hits of a search, best first, and typo-only matches below the floor, offered
    as "did you mean" (never as hits)."""

    hits: list[Hit]
    did_you_mean: list[Hit]


def rank(
    d: Directory,
    query: str,
    *,
    category: str | None = None,
    country: str | None = None,
    registry: str | None = None,
    near: str | None = None,
    limit: int = 20,
) -> Ranking:
    """The best ``limit`` entries for ``query`` that pass the filters, and suggestions.

    ``country`` keeps only records serving that country (or ``all``) and ranks it like
    ``near``: good matches serving ``near`` (the person's country) come first. An empty
    query lists the entries that pass the filters, by name.
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
        return Ranking([Hit(e, 0.0) for e in listed[:limit]], [])
    scores, qwords = _scores(d, q)
    near = near or country
    label = qwords[0] if qwords else ""
    ranked = sorted(
        ((n, s, typo) for n, (s, typo) in scores.items() if passes(n)),
        key=lambda nst: _order(d, nst[0], nst[1], near, label),
    )
    hits = [Hit(d.entry(n), s) for n, s, typo in ranked if not (typo and s < FLOOR)]
    close = [Hit(d.entry(n), s) for n, s, typo in ranked[: limit * 2] if typo and s < FLOOR]
    return Ranking(hits[:limit], close[:limit])


def search(
    d: Directory,
    query: str,
    *,
    category: str | None = None,
    country: str | None = None,
    registry: str | None = None,
    near: str | None = None,
    limit: int = 20,
) -> list[Hit]:
    """The hits of ``rank`` (typo-only matches below the floor left out)."""
    found = rank(
        d, query, category=category, country=country, registry=registry, near=near, limit=limit
    )
    return found.hits


def closest_slugs(d: Directory, slug: str, n: int = 5) -> list[str]:
    """Slugs that look like ``slug`` (for 'did you mean' hints): hits, then suggestions."""
    found = rank(d, slug.replace("-", " "), limit=n)
    return [h.entry.slug for h in [*found.hits, *found.did_you_mean][:n]]
