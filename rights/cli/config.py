"""``rights config ...``: settings kept in the profile's encrypted store."""

from pathlib import Path
from typing import Annotated

import typer

from rights.cli._common import JsonOption, ProfileOption, app_context
from rights.cli._output import emit_json, fields, note

app = typer.Typer(
    help="Settings kept in the profile's encrypted store (the SMTP server, the mailbox).\n\n"
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


@app.command("imap")
def imap(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="IMAP server name.")],
    user: Annotated[str, typer.Option(help="Login name.")],
    port: Annotated[int, typer.Option(help="Port: 993 (TLS) or 143 (STARTTLS).")] = 993,
    folder: Annotated[str, typer.Option(help="The folder 'rights inbox sync' reads.")] = "INBOX",
    sent_folder: Annotated[
        str, typer.Option(help="Where a copy of each email rights sends goes.")
    ] = "Sent",
    security: Annotated[
        str, typer.Option(help="tls, starttls, or none (loopback servers only).")
    ] = "tls",
    cafile: Annotated[
        Path | None,
        typer.Option(help="An extra CA certificate to trust (a self-hosted server)."),
    ] = None,
    password_file: Annotated[
        Path | None,
        typer.Option(
            help="Read the password from this file (else RIGHTS_IMAP_PASSWORD or a prompt)."
        ),
    ] = None,
    profile: ProfileOption = None,
) -> None:
    """Set up the mailbox read by 'rights inbox sync' (and the Sent folder for copies).

    The password goes to the OS keyring when there is one, else into the encrypted store.
    The certificate is always checked; plaintext is allowed only to a loopback server.

    Example: rights config imap --host imap.example.org --port 993 --user ada
    """
    from rights.inbox import imap_settings
    from rights.profile import profiles

    app_ = app_context(ctx)
    settings = imap_settings.settings_from(
        {"host": host, "port": port, "user": user, "folder": folder, "sent_folder": sent_folder,
         "security": security, "cafile": str(cafile.resolve()) if cafile else None}
    )  # fmt: skip
    password = imap_settings.password_from(user, host, password_file)
    with profiles.open_store(app_.home, app_.profile_for(profile)) as store:
        where = imap_settings.save(store, settings, password, home=app_.home)
    note(f"IMAP mailbox {user} at {host}:{port} saved; password: {where}")


@app.command("show")
def show(ctx: typer.Context, profile: ProfileOption = None, json_out: JsonOption = False) -> None:
    """Show the settings of a profile (never the password itself).

    Example: rights config show --json
    """
    from rights.delivery import smtp_settings
    from rights.inbox import imap_settings
    from rights.profile import profiles

    app_ = app_context(ctx)
    with profiles.open_store(app_.home, app_.profile_for(profile)) as store:
        data = {"smtp": smtp_settings.describe(store), "imap": imap_settings.describe(store)}
    if json_out:
        emit_json(data)
        return
    if not data["smtp"]:
        note("no SMTP server set up: rights config smtp --host H --port P")
    if not data["imap"]:
        note("no IMAP mailbox set up: rights config imap --host H --user U")
    rows = [
        (f"{kind} {key}", str(value))
        for kind in ("smtp", "imap")
        for key, value in sorted((data[kind] or {}).items())
    ]
    if rows:
        fields(rows)
