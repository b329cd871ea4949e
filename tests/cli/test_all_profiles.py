"""rights due / list --all-profiles: every client of a clinic at a glance; a profile that
cannot be unlocked is listed as locked, not an error (issue 17 point 4)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest


def _client(cli: Callable[..., Any], name: str, full_name: str, sent: str) -> str:
    r = cli("--profile", name, "profile", "edit", "--full-name", full_name,
            "--email", f"{name}@example.org", "--address", "Musterstraße 1, 10115 Berlin",
            "--country", "DE", "--region", "BE")  # fmt: skip
    assert r.code == 0, r.err
    r = cli("--profile", name, "request", "new", "--company", "acxiom", "--right", "access",
            "--via", "text", "--json")  # fmt: skip
    assert r.code == 0, r.err
    ref = str(json.loads(r.out)[0]["ref"])
    assert cli("--profile", name, "log", ref, "sent", "--date", sent).code == 0
    return ref


@pytest.fixture
def clinic(cli: Callable[..., Any], home: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    assert cli("profile", "new", "anna").code == 0  # keys in the (test) keyring
    assert cli("profile", "new", "bert").code == 0
    refs = {"anna": _client(cli, "anna", "Anna Becker", "2026-10-01")}
    refs["bert"] = _client(cli, "bert", "Bert Krause", "2026-10-01")
    monkeypatch.setenv("RIGHTS_PASSPHRASE", "the passphrase of carla")
    assert cli("profile", "new", "carla", "--key", "passphrase").code == 0
    monkeypatch.delenv("RIGHTS_PASSPHRASE")  # carla's store cannot be opened now
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    return refs


def test_due_all_profiles_lists_the_cases_of_every_client_with_its_profile(
    cli: Callable[..., Any], clinic: dict[str, str]
) -> None:
    r = cli("due", "--all-profiles", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    seen = {(item["profile"], item["ref"]) for item in data["items"]}
    assert ("anna", clinic["anna"]) in seen and ("bert", clinic["bert"]) in seen
    assert data["locked"] == [{"profile": "carla", "reason": data["locked"][0]["reason"]}]
    assert "profile carla: locked" in r.err
    table = cli("due", "--all-profiles")
    assert table.code == 0
    assert table.out.splitlines()[0].split()[0] == "PROFILE"
    assert any(line.startswith("anna") for line in table.out.splitlines())


def test_list_all_profiles_has_a_profile_key_and_column(
    cli: Callable[..., Any], clinic: dict[str, str]
) -> None:
    r = cli("list", "--all-profiles", "--json")
    assert r.code == 0, r.err
    cases = json.loads(r.out)
    assert sorted((c["profile"], c["ref"]) for c in cases) == sorted(
        [("anna", clinic["anna"]), ("bert", clinic["bert"])]
    )
    assert all(c["company"] == "acxiom" for c in cases)
    text = cli("list", "--all-profiles").out
    assert "bert" in text and clinic["bert"] in text


def test_a_single_profile_still_lists_only_its_own(
    cli: Callable[..., Any], clinic: dict[str, str]
) -> None:
    r = cli("--profile", "anna", "list", "--json")
    assert [c["ref"] for c in json.loads(r.out)] == [clinic["anna"]]
    assert "profile" not in json.loads(r.out)[0]


def test_profile_list_names_shows_full_names_and_locked_ones(
    cli: Callable[..., Any], clinic: dict[str, str]
) -> None:
    r = cli("profile", "list", "--names", "--json")
    assert r.code == 0, r.err
    by = {p["name"]: p for p in json.loads(r.out)}
    assert by["anna"]["full_name"] == "Anna Becker" and by["anna"]["locked"] is False
    assert by["carla"]["full_name"] is None and by["carla"]["locked"] is True
    assert "full_name" not in json.loads(cli("profile", "list", "--json").out)[0]
    table = cli("profile", "list", "--names").out
    assert "Bert Krause" in table and "(locked)" in table


def test_deleting_a_profile_reminds_of_the_files_written_and_names_the_next_active(
    cli: Callable[..., Any], home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RIGHTS_TODAY", "2026-10-01")
    assert cli("profile", "new", "dora", "--use").code == 0
    assert cli("profile", "new", "emil").code == 0
    ref = _client(cli, "dora", "Dora Lang", "2026-10-01")
    monkeypatch.setenv("RIGHTS_TODAY", "2026-11-20")
    letters = tmp_path / "dora-letters"
    r = cli("--profile", "dora", "followup", ref, "--via", "pdf", "--out", str(letters))
    assert r.code == 0, r.err
    r = cli("profile", "delete", "dora", "--yes")
    assert r.code == 0, r.err
    assert "stay where they were written" in r.err
    assert f"written to: {letters}" in r.err
    assert (letters / f"{ref}-reminder.pdf").exists() or list(letters.iterdir())
    assert "no profile is active now" in r.err and "emil" in r.err
