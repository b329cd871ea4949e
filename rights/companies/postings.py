"""What search looks up instead of scanning the directory: word -> record postings and
the exact values (slug, domain, name key, alias key) -> records.

A posting is ``line * 8 + field`` (``FIELD_*`` of ``rights.companies.index``): the record
line holding the word and the field it is in. The shipped index stores the tables as text
(``#postings``: one line per vocabulary word, in vocabulary order; ``#exact``: sorted
``kind:value<TAB>lines``), read lazily: a query decodes only the words it touches, so
loading stays one file read. A directory built in memory (tests, the user's records)
builds the same tables from its lines; one with the user's records on top of the shipped
ones reads the shipped tables and shifts their line numbers.
"""

from __future__ import annotations

import bisect
import re
from typing import Protocol

_WORD = re.compile(r"[^ |;.\-\n]+")
SEARCH_FIELDS = 6  # slug, name, key, aliases, domains, runs (the tags field is not searched)
SLUG, DOMAIN, KEY, ALIAS = "s", "d", "k", "a"


class Tables(Protocol):
    """The lookups search needs (see the module docstring)."""

    vocabulary: str
    tags: frozenset[str]

    def postings(self, word: str) -> list[int]:
        """The postings of a vocabulary word, in line order."""

    def exact(self, kind: str, value: str) -> list[int]:
        """The lines whose ``kind`` value (SLUG, DOMAIN, KEY, ALIAS) is ``value``."""


def vocabulary_of(texts: list[str]) -> str:
    """The distinct words of search texts (tags left out), sorted, one per line."""
    searchable = "\n".join(t.rsplit("|", 2)[0] for t in texts)
    return "\n" + "\n".join(sorted(set(_WORD.findall(searchable)))) + "\n"


def _exact_values(text: str) -> list[tuple[str, str]]:
    fields = text.split("|")
    found = [(SLUG, fields[0]), (KEY, fields[2])]
    found += [(ALIAS, a) for a in fields[3].split(" ; ") if a]
    found += [(DOMAIN, d) for d in fields[4].split(" ") if d]
    return [(k, v) for k, v in found if v]


def tag_words(texts: list[str]) -> frozenset[str]:
    """The words of the records' tag fields (a query word equal to one counts as exact)."""
    return frozenset(w for t in texts for w in _WORD.findall(t.rsplit("|", 2)[1]))


class BuiltTables:
    """The tables of lines held in memory, built on first use."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.vocabulary = vocabulary_of(texts)
        self.tags = tag_words(texts)
        self._words: dict[str, list[int]] | None = None
        self._exact: dict[tuple[str, str], list[int]] | None = None

    def _build(self) -> tuple[dict[str, list[int]], dict[tuple[str, str], list[int]]]:
        words: dict[str, list[int]] = {}
        exact: dict[tuple[str, str], list[int]] = {}
        for n, text in enumerate(self.texts):
            for field, value in enumerate(text.split("|")[:SEARCH_FIELDS]):
                for word in dict.fromkeys(_WORD.findall(value)):
                    words.setdefault(word, []).append(n * 8 + field)
            for pair in dict.fromkeys(_exact_values(text)):
                exact.setdefault(pair, []).append(n)
        self._words, self._exact = words, exact
        return words, exact

    def postings(self, word: str) -> list[int]:
        """See ``Tables``."""
        words = self._words if self._words is not None else self._build()[0]
        return words.get(word, [])

    def exact(self, kind: str, value: str) -> list[int]:
        """See ``Tables``."""
        exact = self._exact if self._exact is not None else self._build()[1]
        return exact.get((kind, value), [])

    def text(self) -> str:
        """The ``#postings`` and ``#exact`` sections of the index file."""
        words = self._words if self._words is not None else self._build()[0]
        order = self.vocabulary.strip("\n").split("\n") if self.vocabulary.strip() else []
        postings = "\n".join(" ".join(map(str, words[w])) for w in order)
        assert self._exact is not None
        exact = sorted(f"{k}:{v}\t{' '.join(map(str, ns))}" for (k, v), ns in self._exact.items())
        return "#postings\n" + postings + "\n#exact\n" + "\n".join(exact) + "\n"


class StoredTables:
    """The tables stored in the index file, decoded word by word."""

    def __init__(self, vocabulary: str, sections: str, tags: list[str]) -> None:
        self.vocabulary = vocabulary
        self.tags = frozenset(tags)
        head, _, self._exact_text = sections.partition("\n#exact\n")
        self._postings_text = head.removeprefix("#postings\n")
        self._exact_text = "\n" + self._exact_text
        self._words: list[str] | None = None
        self._lines: list[str] | None = None

    def postings(self, word: str) -> list[int]:
        """See ``Tables``."""
        if self._words is None or self._lines is None:
            self._words = self.vocabulary.strip("\n").split("\n")
            self._lines = self._postings_text.split("\n")
        at = bisect.bisect_left(self._words, word)
        if at == len(self._words) or self._words[at] != word:
            return []
        return [int(p) for p in self._lines[at].split()]

    def exact(self, kind: str, value: str) -> list[int]:
        """See ``Tables``."""
        needle = f"\n{kind}:{value}\t"
        at = self._exact_text.find(needle)
        if at == -1:
            return []
        start = at + len(needle)
        return [
            int(n) for n in self._exact_text[start : self._exact_text.find("\n", start)].split()
        ]


class LayeredTables:
    """A base directory's tables with some of its lines left out and lines added after."""

    def __init__(self, base: Tables, dropped: list[int], kept: int, extra: BuiltTables) -> None:
        self.base, self.dropped, self.kept, self.extra = base, sorted(dropped), kept, extra
        words = set(base.vocabulary.strip("\n").split("\n")) | set(
            extra.vocabulary.strip("\n").split("\n")
        )
        self.vocabulary = "\n" + "\n".join(sorted(w for w in words if w)) + "\n"
        self.tags = base.tags | extra.tags

    def _line(self, n: int) -> int | None:
        at = bisect.bisect_left(self.dropped, n)
        return None if at < len(self.dropped) and self.dropped[at] == n else n - at

    def postings(self, word: str) -> list[int]:
        """See ``Tables``."""
        found = []
        for p in self.base.postings(word):
            line = self._line(p // 8)
            if line is not None:
                found.append(line * 8 + p % 8)
        return found + [p + self.kept * 8 for p in self.extra.postings(word)]

    def exact(self, kind: str, value: str) -> list[int]:
        """See ``Tables``."""
        shifted = (self._line(n) for n in self.base.exact(kind, value))
        return [n for n in shifted if n is not None] + [
            n + self.kept for n in self.extra.exact(kind, value)
        ]
