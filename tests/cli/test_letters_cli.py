"""rights letters check: render templates with sample data for every law they serve."""

from __future__ import annotations

import json
from pathlib import Path


def test_check_with_no_templates_of_ones_own(cli) -> None:
    r = cli("letters", "check")
    assert r.code == 0, r.err
    assert "no templates of yours to check" in r.err


def test_check_all_renders_every_shipped_template(cli) -> None:
    r = cli("letters", "check", "--all", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["problems"] == [] and data["checked"] > 500


def test_check_reports_a_missing_variable_in_a_user_template(cli, home: Path) -> None:
    folder = home / "templates" / "lgpd" / "pt"
    folder.mkdir(parents=True)
    (folder / "access.j2").write_text(
        "Pedido de acesso - ref. {{ ref }}\n\n{{ citations.access }} {{ sender.nickname }}\n",
        encoding="utf-8",
    )
    r = cli("letters", "check")
    assert r.code == 9
    assert r.out.splitlines()[0] == (
        "lgpd/pt/access.j2 (lgpd): letter template lgpd/pt/access.j2 needs values that were "
        "not given: sender.nickname"
    )
    assert "renders failed" in r.err
    r = cli("letters", "check", "--json")
    problems = json.loads(r.out)["problems"]
    assert [(p["template"], p["law"]) for p in problems] == [("lgpd/pt/access.j2", "lgpd")]


def test_check_passes_a_good_user_template(cli, home: Path) -> None:
    folder = home / "templates" / "lgpd" / "pt"
    folder.mkdir(parents=True)
    (folder / "access.j2").write_text(
        "Pedido de acesso - ref. {{ ref }}\n\n{{ citations.access }}, {{ sender.name }}\n",
        encoding="utf-8",
    )
    r = cli("letters", "check")
    assert r.code == 0, r.err
    assert "all fine" in r.err
