"""``rights config ...``: settings kept in the profile's encrypted store."""

from pathlib import Path
from typing import Annotated

import typer

from rights.cli._common import JsonOption, ProfileOption, app_context
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
    from rights.delivery import smtp_settings
    from rights.profile import profiles

    app_ = app_context(ctx)
    settings = smtp_settings.settings_from(
        {"host": host, "port": port, "username": username, "security": security}
    )
    password = smtp_settings.password_from(username, host, password_file)
    with profiles.open_store(app_.home, app_.profile_for(profile)) as store:
        where = smtp_settings.save(store, settings, password, home=app_.home)
    note(f"SMTP server {host}:{port} saved; password: {where}")


@app.command("show")
def show(ctx: typer.Context, profile: ProfileOption = None, json_out: JsonOption = False) -> None:
    """Show the settings of a profile (never the password itself).

    Example: rights config show --json
    """
    from rights.delivery import smtp_settings
    from rights.profile import profiles

    app_ = app_context(ctx)
    with profiles.open_store(app_.home, app_.profile_for(profile)) as store:
        data = {"smtp": smtp_settings.describe(store)}
    if json_out:
        emit_json(data)
        return
    smtp_data = data["smtp"]
    if not smtp_data:
        note("no SMTP server set up: rights config smtp --host H --port P")
        return
    fields([(f"smtp {key}", str(value)) for key, value in sorted(smtp_data.items())])
