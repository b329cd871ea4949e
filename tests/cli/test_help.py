"""`rights --help` and every group's help: whole summaries, and a bare group prints its help."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from rights.cli.main import COMMANDS, load_command


def _first_paragraph(command: click.Command) -> str:
    return " ".join((command.help or "").strip().split("\n\n", 1)[0].split())


def _flat(text: str) -> str:
    """Without any white space: the help wraps lines, also after a hyphen."""
    return "".join(text.split())


def test_root_help_shows_every_summary_whole(cli: Callable[..., Any]) -> None:
    r = cli("--help")
    assert r.code == 0
    flat = _flat(r.out)
    for name, _, _ in COMMANDS:
        command = load_command(name)
        assert command is not None
        summary = _first_paragraph(command)
        assert summary and _flat(summary) in flat, name


def test_every_group_lists_whole_summaries_and_prints_help_when_bare(
    cli: Callable[..., Any],
) -> None:
    groups = [name for name, _, attr in COMMANDS if attr == "app"]
    assert groups
    for name in groups:
        group = load_command(name)
        assert group is not None and isinstance(getattr(group, "commands", None), dict), name
        if getattr(group, "invoke_without_command", False):
            continue  # a group that runs bare (rights scores) is no help page
        assert group.no_args_is_help, name
        bare = cli(name)
        assert "Commands:" in bare.out + bare.err, name
        flat = _flat(cli(name, "--help").out)
        for sub_name, sub in group.commands.items():  # type: ignore[attr-defined]
            if sub.hidden:
                continue
            assert _flat(_first_paragraph(sub)) in flat, f"{name} {sub_name}"


def test_log_help_lists_every_event_kind_with_a_line_each(cli: Callable[..., Any]) -> None:
    from rights.cases.lifecycle import EVENT_KINDS
    from rights.core.vocabulary import EVENT_MEANINGS

    assert set(EVENT_MEANINGS) == set(EVENT_KINDS)
    text = cli("log", "--help").out
    for kind in EVENT_KINDS:
        line = next((x for x in text.splitlines() if x.strip().startswith(kind + " ")), None)
        assert line is not None, kind
        assert (
            EVENT_MEANINGS[kind] in " ".join(line.split()[1:]) or EVENT_MEANINGS[kind][:20] in line
        )


def test_no_group_offers_its_own_completion_install(cli: Callable[..., Any]) -> None:
    for name, _, attr in COMMANDS:
        if attr == "app":
            assert "--install-completion" not in cli(name, "--help").out, name
