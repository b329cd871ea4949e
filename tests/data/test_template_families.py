"""Every shipped template family (``templates/<family>/family.json``) and language file
(``templates/_lang/<lang>.json``) is valid and agrees with the templates on disk; every law
names a family that has a template for every right it grants, in every language it lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rights.core.vocabulary import letter_kind
from rights.errors import DataFileError, NotFoundError
from rights.law import load as j
from rights.letters import families

TEMPLATES = families.templates_root()
FAMILIES = families.family_ids()
LAWS = j.load_laws(j.data_folder())


def test_the_shipped_families_are_the_folders_with_a_family_file() -> None:
    folders = sorted(p.name for p in TEMPLATES.iterdir() if p.is_dir() and p.name[0] != "_")
    assert FAMILIES == folders == ["fcra", "gdpr", "lgpd", "pipeda", "us-state"]


@pytest.mark.parametrize("family", FAMILIES)
def test_family_languages_are_the_template_folders(family: str) -> None:
    data = families.load_family(family)
    on_disk = sorted(p.name for p in (TEMPLATES / family).iterdir() if p.is_dir())
    assert sorted(data.languages) == on_disk
    assert set(data.locales) <= set(data.languages)
    for lang in data.languages:
        assert families.load_language(lang) is not None, f"no _lang/{lang}.json"


@pytest.mark.parametrize("lang", families.language_ids())
def test_language_files_are_valid_and_beside_their_phrases(lang: str) -> None:
    words = families.load_language(lang)
    assert words is not None
    assert (TEMPLATES / "_lang" / f"{lang}.j2").is_file()
    assert words.longdate(26, 11, 2026)


def test_paper_and_locale_come_from_the_family_file() -> None:
    assert families.load_family("us-state").paper == "letter"
    assert families.load_family("gdpr").paper == "a4"
    assert families.locale_for("pipeda", "en") == "en-CA"
    assert families.locale_for("pipeda", "fr") == "fr"
    assert families.locale_for("_forms", "en") == "en"


def test_annex_labels_fall_back_to_english() -> None:
    assert families.annex_labels("de")["annex"] == "ANLAGE: die Vorgangsakte"
    assert families.annex_labels("pl")["annex"] == "ZAŁĄCZNIK: akta sprawy"
    assert families.annex_labels("xx") == families.annex_labels("en")  # no language file


@pytest.mark.parametrize("law", LAWS, ids=lambda law: law.id)
def test_every_law_names_a_family_with_a_template_for_every_right(law) -> None:
    assert law.letters.family in FAMILIES, f"{law.id}: no family {law.letters.family!r}"
    family = families.load_family(law.letters.family)
    for lang in family.languages:
        for right in law.rights:
            kind = letter_kind(right)
            path = TEMPLATES / law.letters.family / lang / f"{kind}.j2"
            assert path.is_file(), f"{law.id}: no {kind} template in {lang}"


def test_a_user_family_file_is_validated_and_wins(home: Path) -> None:
    folder = home / "templates" / "gdpr"
    folder.mkdir(parents=True)
    (folder / "family.json").write_text(
        json.dumps({"description": "mine", "languages": ["en"], "paper": "letter"}),
        encoding="utf-8",
    )
    assert families.load_family("gdpr", home).paper == "letter"
    (folder / "family.json").write_text(
        json.dumps({"description": "mine", "languages": ["EN"], "paper": "a5"}), encoding="utf-8"
    )
    families._family_cached.cache_clear()
    with pytest.raises(DataFileError) as caught:
        families.load_family("gdpr", home)
    problems = caught.value.problems  # type: ignore[attr-defined]
    assert any(p.startswith("gdpr/family.json: languages.0: ") for p in problems)
    assert any(p.startswith("gdpr/family.json: paper: ") for p in problems)
    with pytest.raises(NotFoundError, match="no letter family 'nope'"):
        families.load_family("nope", home)
