"""A first end-to-end pass through the CLI, in-process."""

import json


def test_init_edit_show_round_trip(cli, passphrase_env):
    assert cli("init").code == 0
    r = cli("profile", "edit", "--full-name", "Zofia Łukasiewicz", "--email", "z@example.org")
    assert r.code == 0, r.err
    shown = json.loads(cli("profile", "show", "--json").out)
    assert shown["full_name"] == "Zofia Łukasiewicz"
    assert shown["emails"] == ["z@example.org"]
