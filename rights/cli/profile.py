"""``rights profile ...``: identity data, one encrypted store per profile."""

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rights.core.identity import Identity
    from rights.profile.identity import Changes

from rights.cli._common import JsonOption, ProfileOption, YesOption, app_context, describe_key
from rights.cli._output import emit_json, fields, note, out, table

app = typer.Typer(
    help="Identity data and profiles (one encrypted store each).\n\n"
    "Example: rights profile edit --from-file me.json",
    no_args_is_help=True,
)

LIST_FIELDS = ("other_names", "emails", "phones", "addresses")


@app.command("new")
def new(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new profile.")],
    key: Annotated[str, typer.Option(help="Key source: auto, keyring or passphrase.")] = "auto",
    use: Annotated[bool, typer.Option("--use", help="Make it the active profile.")] = False,
) -> None:
    """Create a profile with its own encrypted store.

    Example: rights profile new client-42 --use
    """
    from rights.cli.store import create_profile
    from rights.profile import profiles

    app_ = app_context(ctx)
    create_profile(app_, name, key)
    if use:
        profiles.set_active(app_.home, name)


@app.command("list")
def list_(
    ctx: typer.Context,
    names: Annotated[
        bool,
        typer.Option(
            "--names",
            help="Also the full name of each profile's person (unlocks each store; one that "
            "cannot be unlocked shows as locked).",
        ),
    ] = False,
    json_out: JsonOption = False,
) -> None:
    """List the profiles in the data folder.

    Example: rights profile list --names
    """
    from rights.profile import profiles

    found = profiles.list_profiles(app_context(ctx).home)
    full: dict[str, str | None] = {}
    if names:
        from rights.cli.cases import each_profile
        from rights.store import repo

        for name, store, _why in each_profile():
            full[name] = repo.get_identity(store.conn).full_name if store else None
    if json_out:
        emit_json(
            [
                {
                    "name": p.name,
                    "active": p.active,
                    "key_scheme": p.key_scheme,
                    "path": str(p.path),
                    **(
                        {"full_name": full.get(p.name), "locked": full.get(p.name) is None}
                        if names
                        else {}
                    ),
                }
                for p in found
            ]
        )
        return
    if not found:
        note("no profiles yet; create one with: rights init")
        return
    headers = ["", "profile", "key", *(["name"] if names else [])]
    rows = [["*" if p.active else "", p.name, p.key_scheme,
             *([full.get(p.name) or "(locked)"] if names else [])] for p in found]  # fmt: skip
    table(headers, rows)


@app.command("use")
def use(
    ctx: typer.Context, name: Annotated[str, typer.Argument(help="Profile to make active.")]
) -> None:
    """Make a profile the one used when no --profile is given.

    Example: rights profile use client-42
    """
    from rights.profile import profiles

    profiles.set_active(app_context(ctx).home, name)
    note(f"active profile: {name}")


@app.command("show")
def show(ctx: typer.Context, profile: ProfileOption = None, json_out: JsonOption = False) -> None:
    """Show the identity kept in a profile.

    Example: rights profile show --json
    """
    from rights.profile import profiles
    from rights.store import repo

    app_ = app_context(ctx)
    name = app_.profile_for(profile)
    with profiles.open_store(app_.home, name) as store:
        identity = repo.get_identity(store.conn)
    backend = profiles.key_backend(app_.home, name)
    if json_out:
        emit_json({**identity.to_dict(), "key_backend": backend})
        return
    data = identity.to_dict()
    rows = [("Profile", name), ("Key", describe_key(profiles.key_scheme(app_.home, name), backend))]
    for key, label in (
        ("full_name", "Full name"),
        ("other_names", "Other names"),
        ("emails", "Emails"),
        ("phones", "Phones"),
        ("addresses", "Addresses"),
        ("birth_date", "Birth date"),
        ("country", "Country"),
        ("region", "Region"),
    ):
        value = data[key]
        if isinstance(value, list):
            value = "; ".join(v.replace("\n", ", ") for v in value)
        rows.append((label, value or "-"))
    for slug, ids in sorted(identity.accounts.items()):
        rows.append((f"Account at {slug}", ", ".join(ids)))
    fields(rows)


FullNameOption = Annotated[str | None, typer.Option(help="Full legal name.")]
OtherNameOption = Annotated[
    list[str] | None, typer.Option(help="Other or former name (repeat for several).")
]
EmailOption = Annotated[list[str] | None, typer.Option(help="Email address (repeatable).")]
PhoneOption = Annotated[list[str] | None, typer.Option(help="Phone number (repeatable).")]
AddressOption = Annotated[
    list[str] | None,
    typer.Option(help="Postal address, lines separated by commas (repeatable)."),
]
BirthDateOption = Annotated[str | None, typer.Option(help="Date of birth, YYYY-MM-DD.")]
CountryOption = Annotated[
    str | None, typer.Option(help="Country of residence, ISO 3166 code (DE, US...).")
]
RegionOption = Annotated[
    str | None, typer.Option(help="Region of residence, ISO 3166-2 part (CA, BY, ENG...).")
]
AccountOption = Annotated[
    list[str] | None,
    typer.Option(help="Account identifier at a company, as SLUG=ID (repeatable)."),
]
ClearOption = Annotated[
    list[str] | None, typer.Option(help="Empty a field, e.g. --clear phones (repeatable).")
]
FromFileOption = Annotated[
    str | None,
    typer.Option(
        "--from-file",
        help="Read the fields from a JSON or TOML file ('-': stdin), with the names "
        "'profile show --json' prints.",
    ),
]


@app.command("edit")
def edit(
    ctx: typer.Context,
    profile: ProfileOption = None,
    full_name: FullNameOption = None,
    other_name: OtherNameOption = None,
    email: EmailOption = None,
    phone: PhoneOption = None,
    address: AddressOption = None,
    birth_date: BirthDateOption = None,
    country: CountryOption = None,
    region: RegionOption = None,
    account: AccountOption = None,
    clear: ClearOption = None,
    from_file: FromFileOption = None,
) -> None:
    """Change the identity kept in a profile: asked field by field on a terminal, or read
    with --from-file from a JSON or TOML file or stdin (the names 'profile show --json'
    prints; a field left out stays as it is).

    The field options work too, but values on the command line are visible to other local
    users (ps) and kept in shell history. A list option replaces that whole list. Nothing
    is written if any value is invalid.

    Example: rights profile edit --from-file me.toml
    """
    from rights import clock
    from rights.profile import identity, profiles
    from rights.store import repo

    app_ = app_context(ctx)
    name = app_.profile_for(profile)
    changes = identity.Changes(
        full_name=full_name,
        other_names=other_name,
        emails=email,
        phones=phone,
        addresses=address,
        birth_date=birth_date,
        country=country,
        region=region,
        accounts=account,
        clear=clear or [],
    )
    if from_file is not None:
        changes = _from_file(from_file, changes)
    with profiles.open_store(app_.home, name) as store:
        current = repo.get_identity(store.conn)
        if changes.is_empty():
            changes = _ask(current)
        updated = identity.apply(current, changes, today=clock.today())
        identity.save(store, updated, now=clock.now())
    note(f"saved identity of profile {name!r}")


def _from_file(source: str, flags: "Changes") -> "Changes":
    """The changes in a JSON/TOML file or stdin; refused together with field options."""
    from rights.cli._common import read_text_source
    from rights.errors import InputError
    from rights.profile import identity

    if not flags.is_empty():
        raise InputError("--from-file: give the fields in the file or as options, not both")
    shown = "stdin" if source == "-" else source
    return identity.changes_from_text(read_text_source(source, "--from-file"), shown)


def _ask(current: "Identity") -> "Changes":
    """Prompt for every field, showing the current value as the default (a terminal only)."""
    from rights.profile import identity

    if not sys.stdin.isatty():
        from rights.errors import InputError

        raise InputError(
            "nothing to change",
            hint="use --from-file FILE (JSON or TOML; '-' for stdin), "
            "or run in a terminal to be asked",
        )

    data = current.to_dict()

    def ask(label: str, key: str) -> str:
        value = data[key]
        shown = "; ".join(value) if isinstance(value, list) else (value or "")
        return str(typer.prompt(label, default=shown, show_default=bool(shown)))

    def many(text: str) -> list[str]:
        return [part.strip() for part in text.split(";") if part.strip()]

    return identity.Changes(
        full_name=ask("Full name", "full_name") or None,
        other_names=many(ask("Other names (separate with ';')", "other_names")),
        emails=many(ask("Emails (separate with ';')", "emails")),
        phones=many(ask("Phones (separate with ';')", "phones")),
        addresses=many(ask("Postal addresses (lines with ',', several with ';')", "addresses")),
        birth_date=ask("Date of birth (YYYY-MM-DD)", "birth_date") or None,
        country=ask("Country (ISO code, e.g. DE, US)", "country") or None,
        region=ask("Region (e.g. CA, BY; empty if none)", "region") or None,
        accounts=None,
        clear=[],
    )


@app.command("delete")
def delete(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Profile to delete.")],
    yes: YesOption = False,
) -> None:
    """Delete a profile: its encrypted store, its backups and its keyring key.

    Example: rights profile delete client-42 --yes
    """
    from rights.errors import InputError
    from rights.profile import profiles

    home = app_context(ctx).home
    profiles.require(home, name)
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(
                f"deleting profile {name!r} needs confirmation", hint="add --yes to confirm"
            )
        if not typer.confirm(f"Delete profile {name!r} and everything in it?", default=False):
            note("nothing deleted")
            raise typer.Exit(1)
    folders = _folders_written(home, name)
    was_active = profiles.active_profile(home) == name
    profiles.delete(home, name)
    out(f"deleted profile {name}")
    note(
        "letters, exports and bundles written with --out are not part of the profile: they "
        "stay where they were written; delete them yourself if you no longer need them"
    )
    for folder in folders:
        note(f"  written to: {folder}")
    if was_active:
        left = [p.name for p in profiles.list_profiles(home)]
        nxt = profiles.active_profile(home)
        if not left:
            note("no profile is left: create one with rights init")
        elif nxt in left:
            note(f"the active profile is now {nxt!r} (choose another: rights profile use NAME)")
        else:
            note(f"no profile is active now: choose one with rights profile use NAME "
                 f"({', '.join(left)})")  # fmt: skip


def _folders_written(home: "Path", name: str) -> list[str]:
    """The folders the profile's letters were written to, as its events recorded them
    (none when the store cannot be unlocked: deleting does not need the key)."""
    from rights.errors import RightsError
    from rights.profile import profiles
    from rights.store import cases_repo

    try:
        with profiles.open_store(home, name) as store:
            grouped = cases_repo.events_grouped(store.conn, None)
    except RightsError:
        return []
    found = {
        str(Path(f).parent)
        for events in grouped.values()
        for event in events
        for f in event.data.get("files", [])
        if isinstance(f, str)
    }
    return sorted(found)


@app.command("export")
def export(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Profile to export.")],
    out_file: Annotated[
        Path, typer.Option("--out", help="The bundle file to write (0600, encrypted).")
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")] = False,
) -> None:
    """Write a profile as one encrypted bundle, to move it to another machine.

    The bundle holds the identity, cases, events, letters, attachments and your own
    company records, encrypted by SQLCipher under a bundle passphrase from
    RIGHTS_BUNDLE_PASSPHRASE_FILE (or _COMMAND, or RIGHTS_BUNDLE_PASSPHRASE), else the usual
    RIGHTS_PASSPHRASE* sources, else a prompt. (rights export writes plaintext JSON.)

    Example: rights profile export client-42 --out client-42.rights
    """
    from rights.cli._common import output_target
    from rights.profile import bundle, profiles

    home = app_context(ctx).home
    profiles.require(home, name)
    target = output_target(out_file, force, name)
    with profiles.open_store(home, name) as store:
        key = bundle.bundle_key(confirm=True)
        written = bundle.export_bundle(store, target, key, force=force)
    note(f"encrypted bundle of profile {name!r} written to {written}")
    note(f"bring it to the other machine and run: rights profile import {written.name}")


@app.command("import")
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A bundle written by rights profile export.")],
    as_name: Annotated[
        str | None, typer.Option("--as", help="Name of the new profile (default: the original).")
    ] = None,
    key: Annotated[str, typer.Option(help="Key source: auto, keyring or passphrase.")] = "auto",
) -> None:
    """Make a new profile from an encrypted bundle (rights profile export).

    Asks for the bundle's passphrase (same sources as export); the new profile gets its
    own key, as rights profile new would make it. A wrong passphrase or a changed file is
    one error and nothing is written.

    Example: rights profile import client-42.rights --as client-42
    """
    from rights import clock
    from rights.cli.store import _key_mode
    from rights.profile import bundle

    home = app_context(ctx).home
    mode = _key_mode(key)
    secret = bundle.bundle_key(confirm=False)
    name = as_name or bundle.origin(file.expanduser(), secret)
    if not name:
        from rights.errors import InputError

        raise InputError("the bundle names no profile", hint="give one: --as NAME")
    bundle.import_bundle(home, file.expanduser(), secret, name, mode=mode, now=clock.now())  # type: ignore[arg-type]
    out(f"imported profile {name}")
    note(f"use it with: rights --profile {name} list")
