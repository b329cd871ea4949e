"""The app context: built once by the root callback, read by every command."""

from __future__ import annotations

import json

import click
import pytest

from rights.cli._common import AppContext, app_context, profile_name
from rights.errors import InputError


def test_the_global_profile_and_home_reach_the_command(cli, home):
    r = cli("--profile", "work", "store", "path", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["profile"] == "work"
    assert data["path"] == str(home / "profiles" / "work" / "rights.db")


def test_a_commands_own_profile_wins_over_the_global_one(home):
    ctx = click.Context(click.Command("x"), obj=AppContext(profile="global"))
    with ctx:
        assert profile_name(ctx, "mine") == "mine"
        assert profile_name(ctx, None) == "global"
        assert app_context() is ctx.obj
        assert app_context().home == home


def test_outside_a_command_the_context_is_fresh(home, monkeypatch):
    monkeypatch.setenv("RIGHTS_PROFILE", "from-env")
    assert app_context() == AppContext()
    assert app_context().profile_for(None) == "from-env"


def test_a_bad_profile_name_is_refused(home):
    with pytest.raises(InputError, match="invalid profile name"):
        AppContext(profile="-bad").profile_for(None)
