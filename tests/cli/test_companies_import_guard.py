"""``companies import`` over shipped records needs --force; a company name that looks like
an address is refused (issue 10, finding 7). Real CLI, real encrypted store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parents[1] / "fixtures" / "datenanfragen" / "companies" / "schufa.json"


def _record(slug: str, name: str) -> dict[str, object]:
    record: dict[str, object] = json.loads(FIXTURE.read_text())
    record.update(slug=slug, name=name)
    return record


def _folder(tmp_path: Path, *records: dict[str, object]) -> Path:
    folder = tmp_path / "dn"
    folder.mkdir()
    for record in records:
        (folder / f"{record['slug']}.json").write_text(json.dumps(record))
    return folder


def _mine(cli, slug: str) -> bool:
    r = cli("companies", "search", slug, "--json")
    return any(hit["slug"] == slug and hit["mine"] for hit in json.loads(r.out))


def test_import_over_shipped_records_lists_them_and_needs_force(cli, passphrase_env, tmp_path):
    assert cli("init").code == 0
    folder = _folder(
        tmp_path,
        _record("schufa", "SCHUFA Holding AG"),
        _record("spokeo", "Spokeo Inc."),
        _record("brand-new-records", "Brand New Records GmbH"),
    )
    r = cli("companies", "import", str(folder))
    assert r.code == 8, r.err
    assert "2 shipped companies" in r.err and "schufa" in r.err and "spokeo" in r.err
    assert "--force" in r.err
    # atomic: not even the record that overrides nothing was kept
    assert not _mine(cli, "brand-new-records") and not _mine(cli, "schufa")
    r = cli("companies", "import", str(folder), "--force")
    assert r.code == 0, r.err
    assert _mine(cli, "brand-new-records") and _mine(cli, "schufa")


def test_import_of_new_records_needs_no_force(cli, passphrase_env, tmp_path):
    assert cli("init").code == 0
    folder = _folder(tmp_path, _record("brand-new-records", "Brand New Records GmbH"))
    r = cli("companies", "import", str(folder))
    assert r.code == 0, r.err
    assert _mine(cli, "brand-new-records")


@pytest.mark.parametrize(
    "name",
    ["Your Bank <security@bank.example>", "security@bank.example", "Bank <x>", "Bank >"],
)
def test_a_company_name_that_looks_like_an_address_is_refused(cli, passphrase_env, tmp_path, name):
    assert cli("init").code == 0
    r = cli("companies", "add", "--name", name, "--slug", "bank", "--email", "p@bank.example")
    assert r.code == 3 and "mail client would show it as an address" in r.err, r.err
    r = cli("companies", "edit", "spokeo", "--name", name)
    assert r.code == 3 and "mail client would show it as an address" in r.err, r.err
    r = cli("companies", "import", str(_folder(tmp_path, _record("bank", name))))
    assert r.code == 9 and "mail client would show it as an address" in r.err, r.err
    assert not _mine(cli, "bank")
