"""``rights init`` and ``rights store ...``: create, locate, check, copy and rekey stores."""

from pathlib import Path
from typing import Annotated

import typer

from rights.cli._common import (
    AppContext,
    ForceOption,
    JsonOption,
    ProfileOption,
    app_context,
    describe_key,
)
from rights.cli._output import emit_json, note, out

app = typer.Typer(
    help="The encrypted store of a profile: path, verify, recover, backup, restore, rekey.\n\n"
    "Example: rights store backup ~/rights-backup.db",
    no_args_is_help=True,
)

KeyModeOption = Annotated[
    str, typer.Option("--key", help="Key source: auto, keyring or passphrase.")
]


def _key_mode(value: str) -> str:
    from rights.errors import InputError

    if value not in ("auto", "keyring", "passphrase"):
        raise InputError(f"--key: {value!r} is not one of auto, keyring, passphrase")
    return value


def create_profile(app_: AppContext, name: str, key: str) -> None:
    """Create a profile's store and say where it is and how it is locked."""
    from rights import clock
    from rights.profile import profiles
    from rights.store import keys, oskeyring

    mode = _key_mode(key)
    backend = oskeyring.current()
    refused = backend.present and not backend.usable
    if mode == "auto" and refused and not keys.passphrase_configured():
        note(f"{backend.reason}: the key needs a passphrase instead")
        note(f"hint: {oskeyring.refusal_hint(backend)}")
    info = profiles.create(app_.home, name, mode=mode, now=clock.now())  # type: ignore[arg-type]
    how = "your passphrase"
    if info.key_scheme == "keyring":
        how = f"a random key in the OS keyring ({backend.name})"
        if backend.opted_in:
            how += f", a backend accepted by {oskeyring.OPT_IN_VARIABLE}: check how it keeps keys"
    note(f"created profile {name!r}, encrypted with {how}")
    note(f"store: {info.path}")
    note(f"next: rights profile edit --profile {name} (asks for each field; or --from-file FILE)")


def init(ctx: typer.Context, profile: ProfileOption = None, key: KeyModeOption = "auto") -> None:
    """Create the encrypted store of a profile (default profile: 'default').

    The key is a random 256-bit key kept in the OS keyring when one is available;
    otherwise (or when a RIGHTS_PASSPHRASE* variable is set) a passphrase.

    Example: RIGHTS_PASSPHRASE_FILE=~/.rights-pass rights init
    """
    app_ = app_context(ctx)
    create_profile(app_, app_.profile_for(profile), key)


@app.command("path")
def path(ctx: typer.Context, profile: ProfileOption = None, json_out: JsonOption = False) -> None:
    """Print where a profile's store file is.

    Example: rights store path
    """
    from rights.paths import store_file
    from rights.profile import profiles

    app_ = app_context(ctx)
    name = app_.profile_for(profile)
    file = store_file(app_.home, name)
    found = profiles.exists(app_.home, name)
    scheme = profiles.key_scheme(app_.home, name) if found else None
    backend = profiles.key_backend(app_.home, name) if found else None
    if json_out:
        emit_json({"profile": name, "path": str(file), "exists": file.exists(),
                   "key_scheme": scheme, "key_backend": backend})  # fmt: skip
        return
    out(str(file))
    if scheme:
        note(f"key: {describe_key(scheme, backend)}")


@app.command("verify")
def verify(ctx: typer.Context, profile: ProfileOption = None, json_out: JsonOption = False) -> None:
    """Run SQLCipher's page check and SQLite's integrity check on a store.

    Exits with code 7 (store damaged) when either finds a problem.

    Example: rights store verify --json
    """
    from rights.errors import StoreDamagedError
    from rights.profile import profiles

    app_ = app_context(ctx)
    name = app_.profile_for(profile)
    problems = profiles.verify(app_.home, name)
    if json_out:
        emit_json({"profile": name, "ok": not problems, "problems": problems})
    elif not problems:
        out(f"profile {name}: store ok")
    if problems:
        if not json_out:
            for problem in problems[:20]:
                out(problem)
        raise StoreDamagedError(
            f"store damaged: profile {name!r}: {len(problems)} problem(s)",
            hint="restore a backup with: rights store restore FILE --force",
        )


@app.command("recover")
def recover(ctx: typer.Context, profile: ProfileOption = None) -> None:
    """Keep what can be saved of a store whose write-ahead log is damaged.

    A copy of the damaged log is kept beside the store (rights.db-wal.damaged-TIME);
    the changes logged before the damage are kept, the ones after it are not. Restore a
    newer backup instead if you have one.

    Example: rights store recover
    """
    from rights.errors import StoreDamagedError
    from rights.profile import profiles

    app_ = app_context(ctx)
    name = app_.profile_for(profile)
    kept, problems = profiles.recover(app_.home, name)
    if kept is not None:
        note(f"the damaged write-ahead log was copied to {kept}")
    if problems:
        raise StoreDamagedError(
            f"store damaged: profile {name!r}: {problems[0]}",
            hint="restore a backup with: rights store restore FILE --force",
        )
    out(f"profile {name}: store ok")


@app.command("backup")
def backup(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Backup file to write (encrypted).")],
    profile: ProfileOption = None,
    force: ForceOption = False,
) -> None:
    """Write an encrypted copy of a store (same key) to FILE.

    Example: rights store backup ~/rights-2026-11-26.db
    """
    from rights.profile import profiles
    from rights.store import maintenance

    app_ = app_context(ctx)
    name = app_.profile_for(profile)
    with profiles.open_store(app_.home, name) as store:
        written = maintenance.backup(store, file, force=force)
    note(f"encrypted backup of profile {name!r} written to {written}")


@app.command("restore")
def restore(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Backup file to restore.")],
    profile: ProfileOption = None,
    force: ForceOption = False,
) -> None:
    """Replace a profile's store with a backup (refuses to overwrite without --force).

    The backup must open with the profile's key; for a new profile, give the passphrase
    the backup was made with (RIGHTS_PASSPHRASE* or the prompt).

    Example: rights store restore ~/rights-2026-11-26.db --force
    """
    from rights.profile import profiles

    app_ = app_context(ctx)
    name = app_.profile_for(profile)
    target = profiles.restore(app_.home, name, file, force=force)
    note(f"restored profile {name!r} from {file} into {target}")


@app.command("rekey")
def rekey(
    ctx: typer.Context,
    profile: ProfileOption = None,
    to: Annotated[
        str, typer.Option("--to", help="New key source: keyring or passphrase.")
    ] = "passphrase",
    new_passphrase_file: Annotated[
        Path | None,
        typer.Option(
            help="Read the new passphrase from this file (else RIGHTS_NEW_PASSPHRASE or a prompt)."
        ),
    ] = None,
) -> None:
    """Re-encrypt a store under a new key or passphrase.

    Example: rights store rekey --to keyring
    """
    from rights.errors import InputError
    from rights.profile import profiles
    from rights.store import keys

    app_ = app_context(ctx)
    name = app_.profile_for(profile)
    if to not in ("keyring", "passphrase"):
        raise InputError(f"--to: {to!r} is not one of keyring, passphrase")
    scheme: keys.Scheme = "keyring" if to == "keyring" else "passphrase"
    profiles.require(app_.home, name)
    new_key = keys.new_key(name, scheme, passphrase_file=new_passphrase_file)
    profiles.rekey(app_.home, name, to=scheme, new_key=new_key)
    note(f"profile {name!r} re-encrypted; key source: {to}")
