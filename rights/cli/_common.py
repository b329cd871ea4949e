"""Options and helpers shared by the command modules."""

import sys
from functools import cached_property
from pathlib import Path
from typing import Annotated

import typer

from rights.cli import _click
from rights.cli._complete import completer

ProfileOption = Annotated[
    str | None,
    typer.Option(
        "--profile",
        "-p",
        autocompletion=completer("profiles"),
        help="Profile to use (default: --profile before the command, RIGHTS_PROFILE, "
        "or the one chosen with 'rights profile use').",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (a stable contract).")]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
ForceOption = Annotated[bool, typer.Option("--force", help="Allow overwriting.")]


class AppContext:
    """What the root callback resolves once for every command, kept on ``ctx.obj``.

    ``profile`` is the global ``--profile`` (or ``RIGHTS_PROFILE``); a command's own
    ``--profile`` wins over it (``profile_for``). ``home`` is looked up on first use, so
    ``rights --help`` pays nothing for it. (A plain class, not a dataclass: importing
    ``dataclasses`` would cost every start-up, ``--help`` included.)
    """

    def __init__(self, profile: str | None = None, debug: bool = False) -> None:
        self.profile = profile
        self.debug = debug

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AppContext):
            return NotImplemented
        return (self.profile, self.debug) == (other.profile, other.debug)

    def __hash__(self) -> int:
        return hash((self.profile, self.debug))

    def __repr__(self) -> str:
        return f"AppContext(profile={self.profile!r}, debug={self.debug!r})"

    @cached_property
    def home(self) -> Path:
        """The data folder (``RIGHTS_HOME`` or the platform's)."""
        from rights.paths import data_home

        return data_home()

    def profile_for(self, explicit: str | None) -> str:
        """The profile a command acts on: its own --profile, the global one, env, active."""
        from rights.profile import profiles

        return profiles.resolve(self.home, explicit or self.profile)


def app_context(ctx: "_click.Context" = None) -> AppContext:
    """The command's AppContext (a fresh one outside a command, e.g. in tests)."""
    if ctx is None:
        from rights.cli._click import current_context

        ctx = current_context()
    found = ctx.find_object(AppContext) if ctx is not None else None
    return found if found is not None else AppContext()


def home() -> Path:
    """The data folder of the running command (``AppContext.home``)."""
    return app_context().home


def profile_name(ctx: typer.Context, explicit: str | None) -> str:
    """The profile a command acts on: its own --profile, the global one, env, active."""
    return app_context(ctx).profile_for(explicit)


def describe_key(scheme: str, backend: str | None) -> str:
    """Where a profile's key is, in words: the keyring backend, or the passphrase."""
    if scheme == "keyring":
        return f"a random key in the OS keyring, backend {backend or 'unknown'}"
    return "a passphrase (kept in no keyring)"


TEXT_LIMIT = 256 * 1024
ARGV_WARNING = (
    "Values on the command line are visible to other local users (ps) and kept in shell history"
)
TEXT_FROM = "'@FILE' reads it from FILE, '-' from stdin"


def read_text_source(source: str, option: str) -> str:
    """The UTF-8 text of ``source``: a file path, or ``-`` for stdin (at most 256 KiB)."""
    from rights.errors import InputError

    try:
        if source == "-":
            data = sys.stdin.buffer.read(TEXT_LIMIT + 1)
        else:
            with Path(source).expanduser().open("rb") as handle:
                data = handle.read(TEXT_LIMIT + 1)
    except OSError as exc:
        raise InputError(f"{option}: cannot read {source}: {exc.strerror or exc}") from None
    if len(data) > TEXT_LIMIT:
        raise InputError(f"{option}: {source} is larger than {TEXT_LIMIT // 1024} KiB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{option}: {source} is not UTF-8 text") from None


def text_value(value: str, option: str) -> str:
    """The text a free-text option stands for: ``-`` reads stdin, ``@FILE`` reads FILE,
    ``@@...`` is the literal text ``@...``; anything else is the text itself.

    One trailing newline of a file or stdin is dropped. Used by every option that takes a
    note or letter text, so such text need not go on the command line.
    """
    if value == "-":
        return _strip_newline(read_text_source("-", option))
    if value.startswith("@@"):
        return value[1:]
    if value.startswith("@") and len(value) > 1:
        return _strip_newline(read_text_source(value[1:], option))
    return value


def _strip_newline(text: str) -> str:
    return text[:-1] if text.endswith("\n") else text


def output_target(out: Path, force: bool, acting: str | None) -> Path:
    """The file an ``--out`` writes, once it is no folder, no file of the ``acting``
    profile's store (None: no profile is used) and free (or ``force``).

    Symbolic links are handled by ``rights.files``: a link at ``out`` is replaced (with
    --force) or refused, never followed; a linked output folder is refused.
    """
    from rights.errors import InputError
    from rights.files import refuse_existing

    out = out.expanduser()
    if out.is_dir() and not out.is_symlink():
        raise InputError(f"{out} is a folder", hint="name the file to write")
    if acting is not None:
        from rights.profile import profiles

        profiles.refuse_store_target(home(), acting, out)
    refuse_existing(out, overwrite=force)
    return out
