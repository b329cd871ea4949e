"""Letters as a lawyer of the letter's language writes them: the law's native name, its
citations in the language's style, the law data's English phrases translated, and the
render-time rules of a language (contractions, a law's spelling).

Everything here is table-driven from ``templates/_lang/<lang>.json`` (``citation``,
``phrases``, ``contractions``, ``spelling_by_law``) and the law file's ``names``. The law
files hold citations in one English form (``Art. 15(1)(h) GDPR``, ``FADP Art. 25(2)(f)``,
``LGPD Art. 18, I-II``, ``PIPEDA s. 11``, ``Arts. 22A-22D UK GDPR``); :func:`parse` reads
it, :func:`localise_citation` writes it in a language (``Art. 15 Abs. 1 lit. h DSGVO``). A
form that does not parse, or a language without a ``citation`` table, is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rights.law.model import Law
    from rights.letters.families import CitationStyle

__all__ = [
    "Cited",
    "finish",
    "localise",
    "localise_citation",
    "native_name",
    "parse",
]

_TOKEN = r"[A-Z][\w.-]*(?: [A-Z0-9][\w.-]*)?"
_CITE = re.compile(
    rf"^(?:(?P<pre>{_TOKEN}) )?"
    r"(?P<kind>Arts?\.|s\.) ?(?P<n>\d+[A-Z]?)(?:-(?P<last>\d+[A-Z]?))?"
    r"(?P<parts>(?:\(\d+\)|\([a-z]\))*)"
    r"(?:,? (?P<roman>[IVX]+(?:(?:-| and )[IVX]+)?)(?= |$))?"
    r"(?: ?§ ?(?P<par>\d+))?"
    r"(?: para\. (?P<para>\d+))?"
    rf"(?: (?P<post>{_TOKEN}))?$"
)
_ROMAN = {"I": 1, "V": 5, "X": 10}


@dataclass(frozen=True)
class Cited:
    """A parsed citation: an article (or a range, or a section) with its paragraphs,
    points and items (Brazilian incisos), and the law's abbreviation if it names one."""

    section: bool
    number: str
    last: str | None
    paragraphs: tuple[str, ...]
    points: tuple[str, ...]
    items: tuple[str, ...]
    law: str | None
    para: str | None = None


def parse(text: str) -> Cited | None:
    """The parts of an English-form citation (``Art. 15(1)(h) GDPR``), or None."""
    found = _CITE.match(text.strip())
    if found is None or (found["pre"] and found["post"]):
        return None
    parts = re.findall(r"\((\w+)\)", found["parts"] or "")
    paragraphs = [p for p in parts if p.isdigit()]
    if found["par"]:
        paragraphs.append(found["par"])
    roman = found["roman"] or ""
    return Cited(
        section=found["kind"] == "s.",
        number=found["n"],
        last=found["last"],
        paragraphs=tuple(paragraphs),
        points=tuple(p for p in parts if not p.isdigit()),
        items=_items(roman),
        law=found["pre"] or found["post"],
        para=found["para"],
    )


def _items(roman: str) -> tuple[str, ...]:
    """Brazilian incisos: ``IV and VI`` -> (IV, VI); a range ``I-III`` -> (I, II, III)."""
    if not roman:
        return ()
    if " and " in roman:
        return tuple(roman.split(" and "))
    first, _, last = roman.partition("-")
    if not last:
        return (first,)
    names = [_to_roman(n) for n in range(_roman(first), _roman(last) + 1)]
    return tuple(names) if names else (first, last)


def _roman(value: str) -> int:
    total = 0
    for here, after in zip(value, [*value[1:], ""], strict=True):
        number = _ROMAN[here]
        total += -number if after and _ROMAN[after] > number else number
    return total


def _to_roman(value: int) -> str:
    out = ""
    for number, letters in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out, value = out + letters, value - number
    return out


def _number(value: str, style: CitationStyle) -> str:
    if value.isdigit() and int(value) < style.ordinal_below:
        return f"{value}{style.ordinal_mark}"
    return value


def write(cited: Cited, style: CitationStyle, law: str | None) -> str | None:
    """``cited`` in a language's ``style``, naming the law as ``law`` (its abbreviation in
    that language); None when the style has no form for it."""
    article = style.articles if cited.last else style.article
    head = style.section if cited.section else article
    if head is None or (cited.items and (style.item is None or style.items is None)):
        return None
    text = head.format(n=_number(cited.number, style), last=cited.last)
    for para in cited.paragraphs:
        text += style.paragraph.format(p=_number(para, style))
    if cited.para:
        text += (style.para or style.paragraph).format(p=cited.para)
    point = style.point_by_law.get(law or "", style.point)
    for letter in cited.points:
        text += point.format(x=letter)
    text += _items_text(cited.items, style)
    if law:
        words = style.law_words.get(law) or style.law_default.format(law=law)
        more = cited.paragraphs or cited.points or cited.items or cited.para
        text += (style.law_after_parts if more else style.law).format(law=words)
    return text


def _items_text(items: tuple[str, ...], style: CitationStyle) -> str:
    if not items:
        return ""
    assert style.item is not None and style.items is not None
    if len(items) == 1:
        return style.item.format(x=items[0])
    listed = ", ".join(items[:-1]) + f" {style.and_word} {items[-1]}"
    return style.items.format(x=listed)


def native_name(law: Law | None, lang: str) -> tuple[str, str] | None:
    """The law's name and abbreviation in ``lang`` from its ``names`` (``Datenschutz-
    Grundverordnung (DSGVO)`` gives ``("Datenschutz-Grundverordnung", "DSGVO")``); a name
    without an abbreviation in brackets keeps the English abbreviation. None: no such name."""
    if law is None or lang not in law.names:
        return None
    full = law.names[lang].strip()
    found = re.match(r"^(?P<name>.+?)\s*\((?P<abbr>[^()]+)\)$", full)
    if found is None:
        return full, law.short_name
    return found["name"], found["abbr"].split(",")[-1].strip()


def localise_citation(text: str, lang: str, abbreviations: Mapping[str, str]) -> str:
    """``text`` (an English-form citation) as ``lang`` writes it, each law abbreviation
    replaced by ``abbreviations`` (``{"GDPR": "DSGVO"}``); unchanged when it does not parse
    or the language has no citation style."""
    from rights.letters.families import load_language

    words = load_language(lang)
    cited = parse(text)
    if words is None or words.citation is None or cited is None:
        return text
    law = abbreviations.get(cited.law, cited.law) if cited.law else None
    return write(cited, words.citation, law) or text


@lru_cache(maxsize=64)
def _law(law_id: str) -> Law | None:
    from rights.errors import RightsError
    from rights.law.load import data_folder, load_law

    try:
        return load_law(data_folder(), law_id)
    except RightsError:
        return None


def _phrase(text: str, phrases: Mapping[str, str]) -> str:
    """An English phrase of the law data in the letter's language (``{cite}`` kept)."""
    for english, native in phrases.items():
        head, marker, tail = english.partition("{cite}")
        if not marker and text == english:
            return native
        if marker and text.startswith(head) and text.endswith(tail) and len(text) > len(head):
            return native.format(cite=text[len(head) : len(text) - len(tail) or None])
    return text


def localise(data: dict[str, Any]) -> dict[str, Any]:
    """A letter context's raw values with the law's name, the citations and the agent rule
    in the letter's language (the law is found by ``law_id``; values that are not the law
    file's English ones are kept)."""
    from rights.letters.families import load_language

    lang, law_id = data.get("lang"), data.get("law_id")
    if not isinstance(lang, str) or not isinstance(law_id, str) or lang == "en":
        return data
    law = _law(law_id)
    native = native_name(law, lang)
    out = dict(data)
    abbreviations: dict[str, str] = {}
    if law is not None and native is not None:
        abbreviations[law.short_name] = native[1]
        if out.get("law_name") == law.name:
            out["law_name"] = native[0]
    citations = out.get("citations")
    if isinstance(citations, dict):
        out["citations"] = {
            key: localise_citation(value, lang, abbreviations) if isinstance(value, str) else value
            for key, value in citations.items()
        }
    words = load_language(lang)
    agent = out.get("agent")
    if words is not None and agent is not None:
        out["agent"] = _agent(agent, words.phrases)
    return out


def _agent(agent: Any, phrases: Mapping[str, str]) -> Any:
    if isinstance(agent, dict) and isinstance(agent.get("rule"), str):
        return {**agent, "rule": _phrase(agent["rule"], phrases)}
    rule = getattr(agent, "rule", None)
    if isinstance(rule, str) and hasattr(agent, "model_copy"):
        return agent.model_copy(update={"rule": _phrase(rule, phrases)})
    return agent


def finish(text: str, law_id: str, lang: str, keep: Iterable[str] = ()) -> str:
    """The rendered letter after the language's render-time rules: its ``contractions``
    (``de article`` -> ``de l'article``) and the law's spelling (Swiss German: ``ß`` ->
    ``ss``). The ``keep`` values (names, addresses, the user's own text) are not changed."""
    from rights.letters.families import load_language

    words = load_language(lang)
    if words is None:
        return text
    for pattern, replacement in words.contractions:
        text = re.sub(pattern, replacement, text)
    spelling = words.spelling_by_law.get(law_id)
    if not spelling:
        return text
    kept = sorted({k for k in keep if k and any(c in k for c in spelling)}, key=len, reverse=True)
    pieces = re.split(f"({'|'.join(map(re.escape, kept))})", text) if kept else [text]
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            for old, new in spelling.items():
                piece = piece.replace(old, new)
            pieces[index] = piece
    return "".join(pieces)
