"""The shared vocabulary: defined once, and every command understands the same words."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rights.core import vocabulary as v
from rights.errors import InputError

PACKAGE = Path(__file__).resolve().parents[2] / "rights"
HOME = PACKAGE / "core" / "vocabulary.py"

GROUPS = {
    name: frozenset(getattr(v, name))
    for name in dir(v)
    if name.isupper() and isinstance(getattr(v, name), tuple) and len(getattr(v, name)) > 1
}
WORDS = frozenset().union(*GROUPS.values())


def _literal_strings(node: ast.AST) -> list[str] | None:
    """The strings of a literal collection (tuple, list, set, dict keys, Literal[...])."""
    if isinstance(node, ast.Dict):
        items: list[ast.AST | None] = list(node.keys)
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        items = list(node.elts)
    else:
        return None
    if len(items) < 2 or not all(isinstance(i, ast.Constant) and isinstance(i.value, str)
                                 for i in items):  # fmt: skip
        return None
    return [i.value for i in items]  # type: ignore[union-attr]


def copies_of_the_vocabulary(source: str) -> list[tuple[int, str]]:
    """(line, group) for every literal in ``source`` that writes a vocabulary list again."""
    found = []
    for node in ast.walk(ast.parse(source)):
        strings = _literal_strings(node)
        if strings is None:
            continue
        for name, group in GROUPS.items():
            if frozenset(strings) == group:
                found.append((node.lineno, name))  # type: ignore[attr-defined]
    return found


def test_the_scanner_finds_a_copy():
    assert copies_of_the_vocabulary('X = ("closed", "abandoned")\n') == [(1, "ENDED_STATES")]
    assert copies_of_the_vocabulary('T = Literal["email", "eml", "mailto", "pdf", "webform", '
                                    '"text"]\n') == [(1, "CHANNELS")]  # fmt: skip
    assert copies_of_the_vocabulary('D = {"eml": 1, "pdf": 2, "text": 3}\n') == [
        (1, "FILE_CHANNELS")
    ]
    assert copies_of_the_vocabulary('X = ("closed", "other")\n') == []


def test_the_vocabulary_is_defined_only_once():
    copies = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == HOME:
            continue
        for line, group in copies_of_the_vocabulary(path.read_text(encoding="utf-8")):
            copies.append(f"{path.relative_to(PACKAGE.parent)}:{line}: a copy of {group}")
    assert copies == [], "import these from rights.core.vocabulary:\n" + "\n".join(copies)


def test_groups_are_made_of_known_words():
    assert set(v.OWED_STATES) <= set(v.STATES)
    assert set(v.ANSWERABLE_STATES) == {*v.OWED_STATES, "refused"}
    assert set(v.LETTER_RIGHTS) < set(v.RIGHTS)
    assert set(v.FILE_ONLY_CHANNELS) < set(v.FILE_CHANNELS) <= set(v.CHANNELS)
    assert set(v.RIGHT_ALIASES.values()) <= set(v.RIGHTS)
    assert not set(v.RIGHT_ALIASES) & set(v.RIGHTS)
    assert set(v.CHANNEL_ALIASES.values()) <= set(v.CHANNELS)


@pytest.mark.parametrize(
    ("word", "right"),
    [
        ("erasure", "deletion"),
        ("Know", "access"),
        (" rectification ", "correction"),
        ("opt-out-sale", "opt-out"),
        ("deletion", "deletion"),
    ],
)
def test_normalise_right(word, right):
    assert v.normalise_right(word) == right


def test_unknown_right_lists_the_rights():
    with pytest.raises(InputError) as err:
        v.normalise_right("forgetfulness")
    assert err.value.message == "unknown right 'forgetfulness'"
    assert err.value.hint == "one of: " + ", ".join(v.RIGHTS)


def test_granted_right_uses_the_equivalent():
    assert v.granted_right(("access", "opt-out"), "objection") == "opt-out"
    assert v.granted_right(("access", "objection"), "opt-out") == "objection"
    assert v.granted_right(("access",), "erasure") is None
    assert v.granted_right(("deletion",), "erasure") == "deletion"


def test_letter_kind_and_channels():
    assert v.letter_kind("opt-out") == "objection"
    assert v.letter_kind("reminder") == "reminder"
    with pytest.raises(InputError):
        v.letter_kind("answer-later")
    assert v.normalise_channel("post") == "pdf"
    assert v.is_postal("letter") and v.is_postal("pdf") and not v.is_postal("email")
    with pytest.raises(InputError) as err:
        v.normalise_channel("pigeon")
    assert err.value.hint == "one of: " + ", ".join(v.CHANNELS)


def test_every_right_has_its_plain_wish():
    assert set(v.RIGHT_WISHES) == set(v.RIGHTS)
