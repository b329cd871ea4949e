"""Slugs: Latin letters without accents, other scripts spelled out (text-unidecode), the
slugs the directory already ships kept as they are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rights.companies.importers.merge import _SLUG_BEFORE_TRANSLITERATION, unique_slug
from rights.companies.names import slug_for, slugify

SHIPPED = Path(__file__).resolve().parents[2] / "companies"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Łódź Øresund Ærø", "lodz-oresund-aero"),
        ("Straße & Söhne", "strasse-and-sohne"),
        ("BaseLinker spółka z o.o.", "baselinker-spolka-z-o-o"),
        ("Мій Клас", "mii-klas"),
        ("Ελληνική Ραδιοφωνία", "ellenike-radiophonia"),
        ("Acme Inc.", "acme-inc"),
        ("!!!", "company"),
    ],
)
def test_slugify_spells_every_script_in_latin_letters(name, slug):
    assert slugify(name) == slug


def test_legal_forms_are_dropped_before_the_slug():
    assert slug_for("Przykład Sp. z o.o. Ltd") == "przyklad-sp-z-o-o"
    assert slug_for("The Ørsted Company Inc") == "orsted"


def test_a_new_company_gets_a_free_slug():
    taken = {"lodz"}
    assert unique_slug("Łódź", taken) == "lodz-x-2"
    assert unique_slug("Łódź", taken, "us") == "lodz-us"
    assert {"lodz", "lodz-x-2", "lodz-us"} <= taken


@pytest.mark.parametrize("name", sorted(_SLUG_BEFORE_TRANSLITERATION))
def test_the_slugs_shipped_before_transliteration_stay(name):
    base = _SLUG_BEFORE_TRANSLITERATION[name]
    assert base != slug_for(name)  # the new spelling would have renamed it
    slug = unique_slug(name, set())
    assert slug == base
    shipped = [
        path.stem
        for path in SHIPPED.glob(f"{base}*.json")
        if json.loads(path.read_text(encoding="utf-8")).get("name") == name
    ]
    assert shipped, f"no shipped record named {name!r} with a slug from {base!r}"
