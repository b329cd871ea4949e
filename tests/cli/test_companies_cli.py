"""``rights companies`` and ``rights packs`` through the real CLI boundary."""

import json
from pathlib import Path

import jsonschema

DATA = Path(__file__).resolve().parents[1] / "fixtures"
SCHEMA = json.loads((DATA / "datenanfragen-schema.json").read_text())


def test_search_json_contract(cli):
    r = cli("companies", "search", "spokeo", "--json", "--limit", "1")
    assert r.code == 0, r.err
    assert json.loads(r.out) == [
        {
            "bounced": [],
            "categories": ["data-broker", "people-search"],
            "channel": "email",
            "countries": ["US"],
            "email": json.loads(r.out)[0]["email"],
            "mine": False,
            "name": "Spokeo, Inc.",
            "registries": json.loads(r.out)[0]["registries"],
            "score": 96.0,  # a one-word slug scores as an exact name
            "slug": "spokeo",
            "version": 2,
            "web": json.loads(r.out)[0]["web"],
        }
    ]
    assert set(json.loads(r.out)[0]["registries"]) >= {"ca-2020"}


def test_search_table_and_no_match(cli):
    r = cli("companies", "search", "white pages")
    assert r.code == 0 and r.out.splitlines()[1].startswith("whitepages ")
    r = cli("companies", "search", "zzqxjv")
    assert r.code == 0 and r.out == "" and "no company matches" in r.err


def test_search_bad_filters(cli):
    r = cli("companies", "search", "x", "--category", "nope")
    assert r.code == 3 and "unknown 'nope'" in r.err
    r = cli("companies", "search", "x", "--country", "UK")
    assert r.code == 3 and "did you mean GB" in r.err


def test_show_and_unknown_slug(cli):
    r = cli("companies", "show", "google", "--json")
    assert r.code == 0
    data = json.loads(r.out)
    assert data["email"] == "data-access-requests@google.com"
    assert data["sources"][0]["dataset"] == "datenanfragen"
    r = cli("companies", "show", "gogle")
    assert r.code == 4
    assert r.err.splitlines()[0] == "error: no company 'gogle'"
    assert "did you mean: google" in r.err


def test_export_validates_against_the_datenanfragen_schema(cli, tmp_path):
    r = cli("companies", "export", "google", "mylife", "acxiom-us")
    assert r.code == 0, r.err
    records = json.loads(r.out)
    assert [x["slug"] for x in records] == ["google", "mylife", "acxiom-us"]
    for record in records:
        jsonschema.validate(record, SCHEMA)
    out = tmp_path / "dn.json"
    assert cli("companies", "export", "google", "--out", str(out)).code == 0
    assert json.loads(out.read_text())[0]["slug"] == "google"
    r = cli("companies", "export", "google", "--format", "csv")
    assert r.code == 3


def test_validate_shipped_and_a_bad_folder(cli, tmp_path):
    assert cli("companies", "validate").code == 0
    (tmp_path / "x.json").write_text('{"slug": "x", "name": "X"}')
    r = cli("companies", "validate", str(tmp_path))
    assert r.code == 9
    assert "x.json: sources: Field required" in r.err
    assert "x.json: quality: Field required" in r.err


def test_stats_json(cli):
    data = json.loads(cli("companies", "stats", "--json").out)
    assert data["total"] >= 3500
    # 3,069 Datenanfragen records, 8 of them merged into another as curated duplicates
    assert data["by_source"]["datenanfragen"] == 3069 - 8
    assert set(data) == {"total", "by_source", "by_category", "by_country", "by_channel", "version"}
    assert data["by_category"]["data-broker"] >= 700


def test_packs_list_and_show(cli):
    listed = json.loads(cli("packs", "list", "--json").out)
    assert "people-search" in {p["name"] for p in listed}
    r = cli("packs", "show", "people-search", "--json")
    data = json.loads(r.out)
    assert "spokeo" in data["companies"] and data["records"][0]["slug"] == data["companies"][0]
    r = cli("packs", "show", "nope")
    assert r.code == 4 and "us-data-brokers" in r.err


def test_import_needs_a_profile_and_rejects_unknown_headers(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("companies", "import", str(DATA / "unknown-headers.csv"))
    assert r.code == 9 and "Data broker name" in r.err


def test_user_companies_live_in_the_encrypted_store(cli, passphrase_env, home):
    assert cli("init").code == 0
    r = cli(
        "companies",
        "add",
        "--name",
        "Acme Data LLC",
        "--email",
        "privacy@acme.example",
        "--web",
        "https://acme.example/",
        "--category",
        "data-broker",
        "--source-url",
        "https://acme.example/privacy",
    )
    assert r.code == 0, r.err
    hits = json.loads(cli("companies", "search", "acme data", "--json").out)
    assert hits[0]["slug"] == "acme-data" and hits[0]["mine"] is True
    assert (
        json.loads(cli("companies", "search", "acme data", "--json", "--no-mine").out) == []
        or json.loads(cli("companies", "search", "acme data", "--json", "--no-mine").out)[0]["slug"]
        != "acme-data"
    )
    assert b"privacy@acme.example" not in (home / "profiles" / "default" / "rights.db").read_bytes()
    # adding it again conflicts; editing a shipped company keeps a private copy
    assert cli("companies", "add", "--name", "Acme Data LLC").code == 8
    r = cli("companies", "edit", "spokeo", "--email", "privacy@spokeo.example")
    assert r.code == 0, r.err
    shown = json.loads(cli("companies", "show", "spokeo", "--json").out)
    assert shown["email"] == "privacy@spokeo.example"
    assert shown["sources"][-1]["dataset"] == "user"
    assert (
        json.loads(cli("companies", "show", "spokeo", "--json", "--no-mine").out)["email"]
        != "privacy@spokeo.example"
    )


def test_bounced_addresses_warn_in_search_and_show(cli, passphrase_env):
    from rights.paths import data_home
    from rights.profile import profiles
    from rights.store.companies_repo import suspect_contacts

    assert cli("init").code == 0
    email = json.loads(cli("companies", "show", "google", "--json").out)["email"]
    r = cli("companies", "bounced", "google", email, "--note", "550 no such user")
    assert r.code == 0, r.err
    r = cli("companies", "search", "google.com", "--json")
    assert json.loads(r.out)[0]["bounced"] == [email]
    assert f"warning: google: {email} bounced (2026-11-26)" in r.err
    r = cli("companies", "show", "google")
    assert "(BOUNCED)" in r.out
    with profiles.open_store(data_home(), "default") as store:
        assert list(suspect_contacts(store.conn, "google")) == [email]
    assert cli("companies", "bounced", "google", email, "--ok").code == 0
    assert json.loads(cli("companies", "show", "google", "--json").out)["bounced"] == []


def test_import_csv_skips_bad_rows_with_one_line_each(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("companies", "import", str(DATA / "cppa-2025-synthetic.csv"))
    assert r.code == 0, r.err
    assert (
        "cppa-2025-synthetic.csv:4: email: Value error, 'not an email' is not an email address"
        in r.err
    )
    assert "imported 2 companies, skipped 1 problem(s)" in r.err
    shown = json.loads(cli("companies", "show", "example-data", "--json").out)
    assert shown["registries"] == ["ca-2025"] and shown["aliases"] == [
        "ExampleFinder",
        "Example People",
    ]


def test_import_datenanfragen_folder(cli, passphrase_env, tmp_path):
    assert cli("init").code == 0
    folder = tmp_path / "dn"
    folder.mkdir()
    good = json.loads((DATA / "datenanfragen" / "companies" / "schufa.json").read_text())
    good["slug"] = "schufa-copy"
    (folder / "schufa-copy.json").write_text(json.dumps(good))
    (folder / "broken.json").write_text(
        '{"slug": "broken", "name": "B", "relevant-countries": '
        '["de"], "address": "x", "sources": [], "quality": "v"}'
    )
    r = cli("companies", "import", str(folder))
    assert r.code == 0, r.err
    assert (
        "broken.json: quality: Input should be 'tested', 'verified', 'imported' or 'scraped'"
        in r.err
    )
    assert json.loads(cli("companies", "show", "schufa-copy", "--json").out)["name"] == good["name"]


def test_export_refuses_to_overwrite_a_file_without_force(cli, tmp_path):
    out = tmp_path / "dn.json"
    out.write_text("precious\n")
    r = cli("companies", "export", "google", "--out", str(out))
    assert r.code == 8, r.err
    assert r.err.splitlines() == [
        f"error: {out} exists already",
        "hint: use --force to overwrite it",
    ]
    assert out.read_text() == "precious\n"
    assert cli("companies", "export", "google", "--out", str(out), "--force").code == 0
    assert json.loads(out.read_text())[0]["slug"] == "google"


def test_validate_json_lists_the_problems_and_keeps_the_exit_code(cli, tmp_path):
    bad = tmp_path / "mine"
    bad.mkdir()
    (bad / "x.json").write_text('{"slug": "x"}')
    r = cli("companies", "validate", str(bad), "--json")
    assert r.code == 9, r.err
    data = json.loads(r.out)
    assert (data["valid"], data["version"], data["index"]) == (False, 2, None)
    assert "x.json: name: Field required" in data["problems"]
    assert "3 problem(s)" in r.err
    (bad / "x.json").unlink()
    r = cli("companies", "validate", str(bad), "--json")
    assert r.code == 0 and json.loads(r.out)["problems"] == [] and json.loads(r.out)["valid"]
