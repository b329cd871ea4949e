"""Helpers of the follow-up tests: make a request through the CLI, point it at an SMTP server."""

from __future__ import annotations

import json


def new_case(cli, company: str, right: str = "access", *extra: str) -> str:
    r = cli("request", "new", "--company", company, "--right", right, *extra, "--json")
    assert r.code == 0, r.err
    (req,) = json.loads(r.out)
    return str(req["ref"])


def smtp(cli, port: int) -> None:
    r = cli("config", "smtp", "--host", "127.0.0.1", "--port", str(port), "--security", "none")
    assert r.code == 0, r.err
