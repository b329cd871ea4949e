"""Every test that waits on a child process has a deadline (no test may block the suite):
``subprocess.run``/``check_output``/``call``, ``Popen.wait``/``communicate`` pass
``timeout=``, and nothing calls a blocking ``os.waitpid`` (tests/helpers/children.py has
``wait_pid`` with a deadline)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
NEEDS_TIMEOUT = {"run", "check_output", "check_call", "call", "wait", "communicate"}
HELPER = TESTS / "helpers" / "children.py"


def _calls(path: Path) -> list[tuple[int, str]]:
    bad = []
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        owner = node.func.value
        owner_name = owner.id if isinstance(owner, ast.Name) else ""
        keywords = {k.arg for k in node.keywords}
        if name == "waitpid" and owner_name == "os" and path != HELPER:
            bad.append((node.lineno, "os.waitpid without a deadline (use wait_pid)"))
        elif name in ("run", "check_output", "check_call", "call") and owner_name == "subprocess":
            if "timeout" not in keywords and None not in keywords:
                bad.append((node.lineno, f"subprocess.{name} without timeout="))
        elif (
            name in ("wait", "communicate")
            and owner_name not in ("os", "asyncio", "event")
            and "timeout" not in keywords
            and not node.args
            and None not in keywords
        ):
            bad.append((node.lineno, f".{name}() without timeout="))
    return bad


def test_every_wait_on_a_child_process_has_a_deadline() -> None:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        found += [f"{path.relative_to(TESTS)}:{line}: {what}" for line, what in _calls(path)]
    assert found == []


def test_the_check_sees_a_wait_without_deadline(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os, subprocess\n"
        "subprocess.run(['true'])\n"
        "subprocess.run(['true'], timeout=5)\n"
        "os.waitpid(1, 0)\n"
        "proc.wait()\n"
        "proc.wait(timeout=3)\n"
    )
    assert [line for line, _ in _calls(sample)] == [2, 4, 5]
