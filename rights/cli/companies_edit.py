"""``rights companies add``, ``edit`` and ``import``: the user's own records (registered
on the group in ``rights.cli.companies``)."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rights.cli._common import ForceOption, ProfileOption, app_context
from rights.cli._companies import ListOpt
from rights.cli._companies import load_directory as _load
from rights.cli._output import note

if TYPE_CHECKING:
    from rights.core.company import Company


def add(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="The organisation's name.")] = None,
    slug: Annotated[str | None, typer.Option(help="Slug (default: from the name).")] = None,
    email: Annotated[str | None, typer.Option(help="Privacy contact email.")] = None,
    web: Annotated[str | None, typer.Option(help="Website URL.")] = None,
    address: Annotated[str | None, typer.Option(help="Postal address (\\n between lines).")] = None,
    webform: Annotated[str | None, typer.Option(help="Privacy web form URL.")] = None,
    opt_out_url: Annotated[str | None, typer.Option(help="Opt-out page URL.")] = None,
    phone: Annotated[str | None, typer.Option(help="Phone number.")] = None,
    category: ListOpt = None,
    country: ListOpt = None,
    alias: ListOpt = None,
    source_url: Annotated[str | None, typer.Option(help="Where you found the details.")] = None,
    force: ForceOption = False,
    profile: ProfileOption = None,
) -> None:
    """Add a company to your own directory (kept in your encrypted store).

    Example: rights companies add --name "Acme Data LLC" --email privacy@acme.example
    """
    import sys

    from rights import clock
    from rights.companies.names import slug_for
    from rights.companies.user import company_from_options, option_values
    from rights.errors import ConflictError, InputError

    if name is None and sys.stdin.isatty():
        name, email, web, source_url = _ask_basics()
    if not name:
        raise InputError("--name is required", hint="or run in a terminal to be asked")
    values = option_values(
        name, email, web, address, webform, opt_out_url, phone, category, country, alias
    )
    company = company_from_options(
        slug or slug_for(name), values, today=clock.today(), source_url=source_url
    )
    loaded = _load(ctx, profile, False)
    if loaded.shipped.get(company.slug) is not None and not force:
        raise ConflictError(
            f"{company.slug!r} is a shipped company",
            hint=f"change it with: rights companies edit {company.slug}",
        )
    _save(ctx, profile, [company], replace=force)
    note(f"added {company.slug} to your companies")


def _ask_basics() -> tuple[str, str | None, str | None, str | None]:
    """Prompt for a new company's name, email, website and source (a terminal only)."""

    def optional(question: str) -> str | None:
        return str(typer.prompt(question, default="", show_default=False)) or None

    return (
        str(typer.prompt("Name")),
        optional("Privacy email (empty: none)"),
        optional("Website (empty: none)"),
        optional("Where you found this (URL, empty: none)"),
    )


def _save(
    ctx: typer.Context, profile: str | None, companies: "list[Company]", *, replace: bool
) -> None:
    from rights import clock
    from rights.companies.user import save_companies
    from rights.profile import profiles

    app_ = app_context(ctx)
    with profiles.open_store(app_.home, app_.profile_for(profile)) as store:
        save_companies(store, companies, replace=replace, now=clock.now())


def edit(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The company's slug.")],
    name: Annotated[str | None, typer.Option(help="The organisation's name.")] = None,
    email: Annotated[str | None, typer.Option(help="Privacy contact email.")] = None,
    web: Annotated[str | None, typer.Option(help="Website URL.")] = None,
    address: Annotated[str | None, typer.Option(help="Postal address (\\n between lines).")] = None,
    webform: Annotated[str | None, typer.Option(help="Privacy web form URL.")] = None,
    opt_out_url: Annotated[str | None, typer.Option(help="Opt-out page URL.")] = None,
    phone: Annotated[str | None, typer.Option(help="Phone number.")] = None,
    category: ListOpt = None,
    country: ListOpt = None,
    alias: ListOpt = None,
    profile: ProfileOption = None,
) -> None:
    """Change a company for yourself: your version is kept in your encrypted store.

    Example: rights companies edit acxiom --email consumeradvo@acxiom.com
    """
    from rights import clock
    from rights.companies.user import edited, option_values

    loaded = _load(ctx, profile, True)
    values = option_values(
        name, email, web, address, webform, opt_out_url, phone, category, country, alias
    )
    changed = edited(loaded.company(slug), values, today=clock.today())
    _save(ctx, profile, [changed], replace=True)
    note(f"saved your version of {slug}")


def import_(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Datenanfragen JSON file/folder or registry CSV.")],
    registry: Annotated[
        str | None, typer.Option(help="Registry id for a CSV, e.g. ca-2026.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Allow replacing shipped companies.")
    ] = False,
    profile: ProfileOption = None,
) -> None:
    """Import companies into your own directory; bad records are skipped and listed.

    Records that would replace shipped companies are listed and need --force.

    Example: rights companies import ~/Downloads/data-broker-registry-2026.csv
    """
    from rights.companies.user import check_shipped_overrides, import_path
    from rights.errors import DataFileError

    loaded = _load(ctx, profile, False)
    companies, problems = import_path(
        path.expanduser(), loaded.shipped, loaded.folder, registry=registry
    )
    for line in problems:
        note(line)
    if not companies:
        raise DataFileError(f"nothing imported from {path.name}")
    check_shipped_overrides(companies, loaded.shipped, force=force)
    _save(ctx, profile, companies, replace=True)
    note(
        f"imported {len(companies)} companies"
        + (f", skipped {len(problems)} problem(s)" if problems else "")
    )
