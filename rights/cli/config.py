"""``rights config ...``: settings kept in the profile's encrypted store."""

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from rights.cli._common import JsonOption, ProfileOption, home, profile_name
from rights.cli._output import emit_json, fields, note

app = typer.Typer(
    help="Settings kept in the profile's encrypted store (the SMTP server).\n\n"
    "Example: rights config smtp --host smtp.example.org --port 587 --username ada",
    no_args_is_help=True,
)


@app.command("smtp")
def smtp(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="SMTP server name.")],
    port: Annotated[int, typer.Option(help="Port: 587 (STARTTLS) or 465 (TLS).")] = 587,
    username: Annotated[
        str | None, typer.Option(help="Login name, if the server needs one.")
    ] = None,
    security: Annotated[
        str, typer.Option(help="starttls, tls, or none (loopback servers only).")
    ] = "starttls",
    password_file: Annotated[
        Path | None,
        typer.Option(
            help="Read the password from this file (else RIGHTS_SMTP_PASSWORD or a prompt)."
        ),
    ] = None,
    profile: ProfileOption = None,
) -> None:
    """Set up the outgoing mail server used by 'rights request new --send'.

    The password goes to the OS keyring when there is one, else into the encrypted store.

    Example: rights config smtp --host smtp.example.org --port 587 --username ada
    """
    from rights.delivery import smtp_settings as smtp_config
    from rights.errors import InputError
    from rights.profile import profiles

    settings = smtp_config.settings_from(
        {"host": host, "port": port, "username": username, "security": security}
    )
    password = None
    if username:
        if password_file is not None:
            try:
                password = password_file.read_text(encoding="utf-8").rstrip("\r\n")
            except OSError as exc:
                raise InputError(f"cannot read --password-file: {exc.strerror}") from None
        elif os.environ.get("RIGHTS_SMTP_PASSWORD"):
            password = os.environ["RIGHTS_SMTP_PASSWORD"]
        elif sys.stdin.isatty():
            import getpass

            password = getpass.getpass(f"SMTP password for {username}@{host}: ")
        else:
            raise InputError(
                "no SMTP password given",
                hint="use --password-file FILE or RIGHTS_SMTP_PASSWORD (never the command line)",
            )
    with profiles.open_store(home(), profile_name(ctx, profile)) as store:
        where = smtp_config.save(store, settings, password)
    note(f"SMTP server {host}:{port} saved; password: {where}")


@app.command("show")
def show(ctx: typer.Context, profile: ProfileOption = None, json_out: JsonOption = False) -> None:
    """Show the settings of a profile (never the password itself).

    Example: rights config show --json
    """
    from rights.delivery import smtp_settings as smtp_config
    from rights.profile import profiles

    with profiles.open_store(home(), profile_name(ctx, profile)) as store:
        data = {"smtp": smtp_config.describe(store)}
    if json_out:
        emit_json(data)
        return
    smtp_data = data["smtp"]
    if not smtp_data:
        note("no SMTP server set up: rights config smtp --host H --port P")
        return
    fields([(f"smtp {key}", str(value)) for key, value in sorted(smtp_data.items())])
