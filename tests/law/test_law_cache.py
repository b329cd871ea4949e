"""The private cache of the validated shipped law data (rights.law.cache): equal to the
validated files, used when it matches, ignored and rebuilt on any mismatch or damage, private
on disk, never for the user's own files."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydantic
import pytest

from rights.errors import DataFileError
from rights.law import cache
from rights.law import load as j
from rights.law.answers import BrushOffs
from rights.law.model import Law, Regulator
from rights.law.rolls import RollRule

SHIPPED = j.data_folder()
MODELS: dict[str, type[Any]] = {
    "": Law,
    "regulators": Regulator,
    "rolls": RollRule,
    "answers": BrushOffs,
}


@pytest.fixture(autouse=True)
def _fresh(home: Path) -> Iterator[None]:
    """Every test starts as a new process would: nothing read, nothing built; with a data
    folder to keep the cache in."""
    home.mkdir(mode=0o700)
    cache.reset()
    yield
    cache.reset()


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped folder standing in for it, so a test may edit "shipped" files."""
    root = tmp_path / "shipped" / "jurisdictions"
    shutil.copytree(SHIPPED, root)
    monkeypatch.setattr(j, "data_folder", lambda: root)
    return root


def _no_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> cache.Entries:
        raise AssertionError("the cache was rebuilt")

    monkeypatch.setattr(cache, "build", refuse)


def _all_files(root: Path) -> list[tuple[Path, str, type[Any]]]:
    found = []
    for kind, model in MODELS.items():
        for path in sorted((root / kind if kind else root).glob("*.json")):
            found.append((path, f"{kind}/{path.name}" if kind else path.name, model))
    return found


def test_cached_models_equal_the_validated_files(home: Path) -> None:
    files = _all_files(SHIPPED)
    assert len(files) > 100  # laws, regulators, roll rules, the brush-offs
    built = {rel: cache.lookup(path, model) for path, rel, model in files}  # builds
    cache.reset()
    read = {rel: cache.lookup(path, model) for path, rel, model in files}  # from the file
    for path, rel, model in files:
        validated = j.parse_file(path, rel, model)
        assert type(read[rel]) is model
        assert built[rel] == validated and read[rel] == validated, rel
        assert read[rel].model_dump(mode="json") == validated.model_dump(mode="json")


def test_loaded_laws_equal_the_uncached_load(home: Path) -> None:
    uncached = [j.parse_file(SHIPPED / f"{i}.json", f"{i}.json", Law) for i in j.law_ids(SHIPPED)]
    cache.build()
    cache.reset()
    j._load_law_cached.cache_clear()
    laws = j.load_laws(SHIPPED)  # the cache built, then read from its file
    j._load_law_cached.cache_clear()
    assert laws == uncached
    for law, plain in zip(laws, uncached, strict=True):
        for name in law.rights:
            assert law.deadline_rule(name) == plain.deadline_rule(name)


def test_a_hit_reads_the_file_and_validates_nothing(
    shipped: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = cache.lookup(shipped / "gdpr.json", Law)
    assert first is not None and first.id == "gdpr"
    cache.reset()  # a new process
    _no_build(monkeypatch)
    monkeypatch.setattr(j, "parse_bytes", None)  # nothing is validated on a hit
    assert cache.lookup(shipped / "gdpr.json", Law) == first
    assert cache.lookup(shipped / "regulators" / "frcnil.json", Regulator).id == "frcnil"


def test_folder_and_file_are_private(shipped: Path, home: Path) -> None:
    cache.lookup(shipped / "gdpr.json", Law)
    target = cache.cache_file()
    assert target.parent == home / "cache"
    assert target.parent.stat().st_mode & 0o777 == 0o700
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left


def test_a_changed_law_file_is_validated_and_the_cache_rebuilt(shipped: Path, home: Path) -> None:
    assert cache.lookup(shipped / "gdpr.json", Law).name != "Edited"
    law = json.loads((shipped / "gdpr.json").read_text(encoding="utf-8"))
    law["name"] = "Edited"
    (shipped / "gdpr.json").write_text(json.dumps(law), encoding="utf-8")
    cache.reset()
    assert cache.lookup(shipped / "gdpr.json", Law).name == "Edited"
    entries = cache.read(cache.cache_file())  # rewritten with the file as it is now
    assert entries is not None
    assert pickle.loads(entries["gdpr.json"][1]).name == "Edited"


def test_a_shipped_file_that_does_not_validate_reports_its_problems(
    shipped: Path, home: Path
) -> None:
    law = json.loads((shipped / "gdpr.json").read_text(encoding="utf-8"))
    law["effective"] = "not a date"
    (shipped / "gdpr.json").write_text(json.dumps(law), encoding="utf-8")
    assert cache.lookup(shipped / "gdpr.json", Law) is None
    with pytest.raises(DataFileError, match=r"gdpr.json: effective:"):
        j.read_model(shipped / "gdpr.json", "gdpr.json", Law)
    entries = cache.read(cache.cache_file())
    assert entries is not None and "gdpr.json" not in entries and "ccpa.json" in entries


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a pickle at all",
        pickle.dumps({"key": "another key", "entries": {}}),
        pickle.dumps(["not", "a", "dict"]),
        "truncated",
        "bad entry",
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rebuilt(
    shipped: Path, home: Path, damage: bytes | str
) -> None:
    expected = cache.lookup(shipped / "gdpr.json", Law)
    target = cache.cache_file()
    if damage == "truncated":
        damage = target.read_bytes()[:1000]
    elif damage == "bad entry":
        entries = cache.read(target)
        assert entries is not None
        entries["gdpr.json"] = (entries["gdpr.json"][0], b"\x80\x05garbage")
        damage = pickle.dumps({"key": cache.key(), "entries": entries})
    assert isinstance(damage, bytes)
    target.write_bytes(damage)
    cache.reset()
    assert cache.lookup(shipped / "gdpr.json", Law) == expected
    entries = cache.read(target)
    assert entries is not None and pickle.loads(entries["gdpr.json"][1]) == expected


def test_another_pydantic_version_is_a_miss(
    shipped: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.lookup(shipped / "gdpr.json", Law)
    assert cache.read(cache.cache_file()) is not None
    monkeypatch.setattr(pydantic, "VERSION", "0.0.1")
    assert cache.read(cache.cache_file()) is None


def test_a_model_source_edit_is_a_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.key()
    monkeypatch.setattr(cache, "MODEL_MODULES", (*cache.MODEL_MODULES[:-1], "rights/errors.py"))
    assert cache.key() != before


@pytest.mark.parametrize("loose", ["file", "folder"])
def test_a_cache_others_could_write_is_not_read(
    shipped: Path, home: Path, monkeypatch: pytest.MonkeyPatch, loose: str
) -> None:
    cache.lookup(shipped / "gdpr.json", Law)
    target = cache.cache_file()
    (target if loose == "file" else target.parent).chmod(0o666 if loose == "file" else 0o777)
    assert cache.read(target) is None
    cache.reset()
    assert cache.lookup(shipped / "gdpr.json", Law) is not None  # rebuilt, private again
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.parent.stat().st_mode & 0o777 == 0o700


def test_a_link_at_the_cache_file_is_not_followed(shipped: Path, home: Path) -> None:
    cache.lookup(shipped / "gdpr.json", Law)
    target = cache.cache_file()
    elsewhere = home / "planted.pickle"
    os.replace(target, elsewhere)
    elsewhere.chmod(0o600)
    target.symlink_to(elsewhere)
    assert cache.read(target) is None


def test_no_data_folder_is_made_for_a_cache(shipped: Path, home: Path) -> None:
    home.rmdir()
    assert cache.lookup(shipped / "gdpr.json", Law).id == "gdpr"
    assert not home.exists()


def test_an_unwritable_cache_folder_only_costs_time(shipped: Path, home: Path) -> None:
    (home / "cache").write_text("a file where the folder would be", encoding="utf-8")
    found = cache.lookup(shipped / "gdpr.json", Law)
    assert found is not None and found.id == "gdpr"
    assert cache.lookup(shipped / "ccpa.json", Law).id == "ccpa"  # rebuilt once, not again


def test_the_users_own_law_files_are_validated_every_time(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = home / "jurisdictions"
    user.mkdir(mode=0o700, parents=True)
    law = json.loads((SHIPPED / "gdpr.json").read_text(encoding="utf-8"))
    law["name"] = "My GDPR"
    (user / "gdpr.json").write_text(json.dumps(law), encoding="utf-8")
    j._load_law_cached.cache_clear()
    _no_build(monkeypatch)
    assert cache.lookup(user / "gdpr.json", Law) is None
    assert j.load_law(SHIPPED, "gdpr").name == "My GDPR"
    (user / "gdpr.json").write_text('{"id": "gdpr"}', encoding="utf-8")
    j._load_law_cached.cache_clear()
    with pytest.raises(DataFileError, match=r"gdpr\.json: name: Field required"):
        j.load_law(SHIPPED, "gdpr")
    j._load_law_cached.cache_clear()


def test_other_folders_are_not_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(SHIPPED / "gdpr.json", tmp_path / "gdpr.json")
    _no_build(monkeypatch)
    assert cache.lookup(tmp_path / "gdpr.json", Law) is None
    assert j.read_model(tmp_path / "gdpr.json", "gdpr.json", Law).id == "gdpr"


def test_laws_validate_never_reads_the_cache(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``rights laws validate`` over the shipped folder validates every file itself."""
    from rights.law.check import validate_folder
    from rights.letters.families import family_ids

    def refuse(path: Path, model: type[Any]) -> None:
        raise AssertionError(f"the cache was asked for {path}")

    monkeypatch.setattr(cache, "lookup", refuse)
    report = validate_folder(SHIPPED, [], family_ids(home))
    assert report.problems == []
    assert report.laws == j.law_ids(SHIPPED) and report.regulators == j.regulator_ids(SHIPPED)


def _models_under(model: type[Any], seen: set[type[Any]]) -> None:
    """Every pydantic model a field of ``model`` can hold (nested in lists, dicts, unions)."""
    if model in seen:
        return
    seen.add(model)

    def walk(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, pydantic.BaseModel):
            _models_under(tp, seen)
        for arg in getattr(tp, "__args__", ()):
            walk(arg)

    for info in model.model_fields.values():
        walk(info.annotation)


def test_every_cached_model_is_in_a_keyed_module() -> None:
    seen: set[type[Any]] = set()
    for model in MODELS.values():
        _models_under(model, seen)
    assert len(seen) > 10
    files = {str(Path(sys.modules[m.__module__].__file__ or "")) for m in seen}
    repo = Path(cache.__file__).resolve().parent.parent.parent
    keyed = {str(repo / name) for name in cache.MODEL_MODULES}
    assert files <= keyed, files - keyed


_PROBE = """
import sys
from rights.law import load as j
from rights.law.model import Law
laws = j.load_laws(j.data_folder())
print(len(laws), Law.__pydantic_complete__, 'rights.law.answers' in sys.modules)
"""


def test_a_warm_start_builds_no_validator(run_rights, home: Path, tmp_path: Path) -> None:
    """Real processes: the first run builds the cache, later ones only unpickle (the law
    models' validators are never built) and print the same."""
    first = run_rights("laws", "list", "--json")
    assert first.returncode == 0, first.stderr
    target = home / "cache" / cache.CACHE_FILE
    written = target.stat()
    second = run_rights("laws", "list", "--json")
    assert second.returncode == 0 and second.stdout == first.stdout
    assert json.loads(second.stdout)[0]["id"] == "apdpa"
    again = target.stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RIGHTS_")}
    env.update(RIGHTS_HOME=str(home), PYTHONPATH=str(Path(cache.__file__).parents[2]))
    done = subprocess.run(
        [sys.executable, "-c", _PROBE],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    count, complete, answers = done.stdout.split()
    assert int(count) == len(j.law_ids(SHIPPED))
    assert (complete, answers) == ("False", "False")
