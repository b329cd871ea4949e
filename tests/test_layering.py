"""The package's layering rules (ARCHITECTURE.md), checked on the code's own imports.

- ``core`` imports nothing of rights but ``errors`` (and itself);
- the domain packages (``law``, ``letters``, ``companies``, ``profile``) import no ``actions``,
  ``cli`` or ``exports``; nothing outside ``cli`` imports ``cli``;
- ``store`` imports only ``core``, ``errors``, ``files`` (and itself);
- only ``cli`` imports typer, click or rich; only ``store`` imports sqlcipher3;
- only ``files.py`` and ``store/`` open files for writing.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "rights"
MODULES = sorted(PACKAGE.rglob("*.py"))

DOMAIN = ("law", "letters", "companies", "profile")
UPPER = ("actions", "cli", "exports")
CLI_ONLY = ("typer", "click", "rich")
WRITERS = ("files", "store")
WRITE_CALLS = ("write_text", "write_bytes", "mkstemp", "NamedTemporaryFile", "copyfile",
               "copy", "copy2", "copyfileobj", "replace", "rename")  # fmt: skip


def _package_of(path: Path) -> str:
    """``rights/law/model.py`` -> ``law``; ``rights/files.py`` -> ``files``."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{a.name}") for a in node.names]
    return found


def import_problems(package: str, tree: ast.AST) -> list[str]:
    """Every import of a module in ``package`` that breaks a layering rule."""
    problems: list[str] = []
    for line, name in _imports(tree):
        top, _, rest = name.partition(".")
        if top in CLI_ONLY and package != "cli":
            problems.append(f"{line}: imports {name} (only cli may)")
        if top == "sqlcipher3" and package != "store":
            problems.append(f"{line}: imports {name} (only store may)")
        if top != "rights" or not rest:
            continue
        target = rest.split(".")[0]
        if target == package:
            continue
        if package == "core" and target != "errors":
            problems.append(f"{line}: core imports rights.{target}")
        if package in DOMAIN and target in UPPER:
            problems.append(f"{line}: {package} imports rights.{target}")
        elif target == "cli" and package not in ("cli", "__main__"):
            problems.append(f"{line}: {package} imports rights.cli (only the CLI's own)")
        if package == "store" and target not in ("core", "errors", "files"):
            problems.append(f"{line}: store imports rights.{target}")
    return list(dict.fromkeys(problems))


def _opens_for_writing(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    if name in ("open", "fdopen"):
        modes = list(node.args[1:2]) + [k.value for k in node.keywords if k.arg == "mode"]
        return any(isinstance(m, ast.Constant) and set(str(m.value)) & set("wax+")
                   for m in modes)  # fmt: skip
    if name == "open" or (isinstance(func, ast.Attribute) and func.attr == "open"):
        return False
    if isinstance(func, ast.Attribute) and func.attr in WRITE_CALLS:
        owner = func.value
        owner_name = getattr(owner, "id", getattr(owner, "attr", ""))
        # os.replace/os.rename/shutil.copy*/tempfile.*, or Path(...).write_text/rename/replace
        return owner_name in ("os", "shutil", "tempfile") or func.attr in (
            "write_text", "write_bytes")  # fmt: skip
    return False


def write_problems(tree: ast.AST) -> list[str]:
    """Every place in a module that writes a plain file itself."""
    problems = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _opens_for_writing(node):
            problems.append(f"{node.lineno}: writes a file (use rights.files)")
        if (isinstance(node, ast.Attribute) and node.attr in ("O_WRONLY", "O_RDWR", "O_CREAT")
                and getattr(node.value, "id", "") == "os"):  # fmt: skip
            problems.append(f"{node.lineno}: opens a file for writing (use rights.files)")
    return sorted(set(problems))


WRITES_TO_MOVE: set[str] = set()
"""Modules that still write files themselves, until their writes move into rights.files."""


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_keeps_the_layering(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _package_of(path)
    problems = import_problems(package, tree)
    writes = write_problems(tree) if package not in WRITERS else []
    shown = str(path.relative_to(PACKAGE))
    if shown in WRITES_TO_MOVE:
        assert writes, f"{shown} no longer writes files itself: drop it from WRITES_TO_MOVE"
        writes = []
    assert problems + writes == []


def test_the_rules_catch_what_they_should():
    bad_core = ast.parse("from rights.law import model\nimport typer\n")
    assert import_problems("core", bad_core) == [
        "1: core imports rights.law",
        "2: imports typer (only cli may)",
    ]
    assert import_problems("store", ast.parse("from rights.paths import data_home\n")) == [
        "1: store imports rights.paths"
    ]
    assert import_problems("law", ast.parse("from rights.actions import request\n")) == [
        "1: law imports rights.actions"
    ]
    assert import_problems("cli", ast.parse("import typer\nfrom rights.law import model\n")) == []
    assert import_problems("actions", ast.parse("from rights.cli import _output\n")) == [
        "1: actions imports rights.cli (only the CLI's own)"
    ]
    writes = ast.parse(
        "open(p, 'w')\nopen(p)\nopen(p, mode='ab')\np.write_text('x')\nos.replace(a, b)\n"
        "fd = os.open(p, os.O_WRONLY)\nshutil.copyfile(a, b)\n"
    )
    assert write_problems(writes) == [
        "1: writes a file (use rights.files)",
        "3: writes a file (use rights.files)",
        "4: writes a file (use rights.files)",
        "5: writes a file (use rights.files)",
        "6: opens a file for writing (use rights.files)",
        "7: writes a file (use rights.files)",
    ]
