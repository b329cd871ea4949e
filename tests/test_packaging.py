"""Packaging metadata: the licence expression covers the code and every licence the shipped
directory's records name, and the files the README tells people to run are in the sdist."""

from __future__ import annotations

import json
import re
import tomllib

from tests.conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
# Licence texts in records that are not licences: facts from public registries and US
# government works (no copyright, 17 U.S.C. 105).
NO_LICENCE = ("public record", "US government work", "facts only")
SPDX_OF = {"CC BY 4.0": "CC-BY-4.0"}


def _spdx_ids(licence: str) -> set[str]:
    while re.search(r"\([^()]*\)", licence):  # drop the (holders), nested ones too
        licence = re.sub(r"\s*\([^()]*\)", "", licence)
    ids = set()
    for part in licence.split(";"):
        part = part.strip()
        if not part or part.startswith(NO_LICENCE) or part.startswith("adapted"):
            continue
        for text, spdx in SPDX_OF.items():
            if part.startswith(text):
                ids.add(spdx)
                break
        else:
            ids.add(re.split(r"[\s(]", part, maxsplit=1)[0])
    return ids


def test_the_licence_expression_covers_every_licence_of_the_shipped_data() -> None:
    expression = set(PROJECT["project"]["license"].split(" AND "))
    assert "MIT" in expression  # the code
    used: set[str] = set()
    for path in (REPO / "companies").glob("*.json"):
        if path.name.startswith("_"):
            continue
        for source in json.loads(path.read_text(encoding="utf-8")).get("sources", []):
            used |= _spdx_ids(source.get("licence", ""))
    assert used  # the records name their licences
    assert used <= expression, sorted(used - expression)


def test_every_licence_file_named_exists_and_the_sdist_has_the_test_script() -> None:
    files = PROJECT["project"]["license-files"]
    for pattern in files:
        assert list(REPO.glob(pattern)), pattern
    sdist = PROJECT["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    assert "scripts" in sdist and (REPO / "scripts" / "test").is_file()


def test_the_python_classifiers_match_requires_python() -> None:
    floor = PROJECT["project"]["requires-python"].removeprefix(">=")
    versions = [
        c.rsplit(":: ", 1)[1]
        for c in PROJECT["project"]["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    ]
    assert versions and min(versions, key=lambda v: int(v.split(".")[1])) == floor
