"""``rights companies ...``: search, show, add, edit, import, export, validate, stats, bounced."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rights.cli._common import ForceOption, JsonOption, ProfileOption, app_context
from rights.cli._output import emit_json, fields, note, out, table

if TYPE_CHECKING:
    from rights.companies.directory import MergedDirectory
    from rights.companies.user import UserMode
    from rights.core.company import Company

app = typer.Typer(
    help="The company and data-broker directory (shipped data plus your own records).\n\n"
    "Example: rights companies search acxiom",
    no_args_is_help=True,
)

MineOption = Annotated[
    bool | None,
    typer.Option(
        "--mine/--no-mine",
        help="Include your own companies and bounce flags from the profile's store "
        "(default: only when it opens without asking for a passphrase).",
        show_default=False,
    ),
]
ListOpt = Annotated[list[str] | None, typer.Option(show_default=False)]


def _load(ctx: typer.Context, profile: str | None, mine: bool | None) -> "MergedDirectory":
    """The shipped directory, merged with the user's records when their store opens."""
    from rights.companies import directory
    from rights.paths import shipped

    app_ = app_context(ctx)
    mode: UserMode = "auto" if mine is None else ("yes" if mine else "no")
    name = app_.profile_for(profile) if mode != "no" else ""
    return directory.load(shipped("companies"), app_.home, name, mode)


def _warn(loaded: "MergedDirectory", slug: str) -> list[str]:
    """Print (stderr) and return the bounced addresses of ``slug``."""
    bounced = loaded.bounced(slug)
    for flag in bounced:
        note(f"warning: {slug}: {flag.address} bounced ({flag.noted_at[:10]})")
    return [f.address for f in bounced]


@app.command("search")
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Name, alias, domain or slug; typos are fine.")],
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    country: Annotated[str | None, typer.Option(help="Only records serving this country.")] = None,
    registry: Annotated[str | None, typer.Option(help="Only records in this registry.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many.")] = 20,
    json_out: JsonOption = False,
    mine: MineOption = None,
    profile: ProfileOption = None,
) -> None:
    """Find companies by name, alias, domain or slug, best match first.

    Example: rights companies search "white pages" --category people-search --json
    """
    from rights.companies.search import search as run
    from rights.core.categories import CATEGORIES
    from rights.core.values import country as check_country
    from rights.errors import InputError

    if category and category not in CATEGORIES:
        raise InputError(f"--category: unknown {category!r}", hint=", ".join(CATEGORIES))
    cc = check_country(country) if country else None
    loaded = _load(ctx, profile, mine)
    hits = run(
        loaded.directory,
        query,
        category=category,
        country=cc,
        registry=registry.lower() if registry else None,
        limit=limit,
    )
    rows = [_hit_row(h.entry, h.score, _warn(loaded, h.entry.slug)) for h in hits]
    if json_out:
        emit_json(rows)
        return
    if not rows:
        note(f"no company matches {query!r}")
        return
    table(
        ["slug", "name", "contact", "score"],
        [[r["slug"], r["name"], r["email"] or r["web"] or "-", f"{r['score']:.0f}"] for r in rows],
    )


_HIT_FIELDS = ("slug", "name", "categories", "countries", "registries", "email", "web")


def _hit_row(entry: Any, score: float, bounced: list[str]) -> dict[str, Any]:
    row = {name: getattr(entry, name) for name in (*_HIT_FIELDS, "channel", "mine")}
    return {**row, "bounced": bounced, "score": score}


@app.command("show")
def show(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The company's slug.")],
    json_out: JsonOption = False,
    mine: MineOption = None,
    profile: ProfileOption = None,
) -> None:
    """Show one company: contacts, categories, registries and sources.

    Example: rights companies show acxiom --json
    """
    loaded = _load(ctx, profile, mine)
    company = loaded.company(slug)
    bounced = _warn(loaded, slug)
    if json_out:
        data = company.to_json()
        data["bounced"] = bounced
        emit_json(data)
        return
    rows = [("slug", company.slug), ("name", company.name)]
    for label in ("aliases", "categories", "countries", "registries", "domains"):
        value = getattr(company, label)
        if value:
            rows.append((label, ", ".join(value)))
    for label in ("email", "webform", "opt_out_url", "web", "phone", "fax", "address"):
        value = getattr(company, label)
        if value:
            suffix = "  (BOUNCED)" if value in bounced else ""
            rows.append((label, value.replace("\n", ", ") + suffix))
    if not (company.contact_addresses() or company.address or company.phone):
        rows.append(("contact", "none known: no source gives one"))
    if company.bounced_emails:
        rows.append(("bounced (per source)", ", ".join(company.bounced_emails)))
    rows.append(("channel", company.effective_channel()))
    rows.append(("quality", company.quality))
    rows.append(("sources", ", ".join(s.dataset for s in company.sources)))
    fields(rows)


@app.command("add")
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


@app.command("edit")
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


@app.command("import")
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


@app.command("export")
def export(
    ctx: typer.Context,
    slugs: Annotated[list[str], typer.Argument(help="Slugs of the companies to export.")],
    format_: Annotated[str, typer.Option("--format", help="Output format: datenanfragen.")] = (
        "datenanfragen"
    ),
    out_file: Annotated[Path | None, typer.Option("--out", help="Write to this file.")] = None,
    force: ForceOption = False,
    mine: MineOption = None,
    profile: ProfileOption = None,
) -> None:
    """Export companies as a JSON list in the Datenanfragen.de format (an existing --out
    file is kept unless --force).

    Example: rights companies export acxiom google --format datenanfragen --out dn.json
    """
    import json

    from rights.companies.user import export_datenanfragen
    from rights.errors import DataFileError, InputError
    from rights.files import atomic_write

    if format_ != "datenanfragen":
        raise InputError(f"--format: unknown {format_!r}", hint="formats: datenanfragen")
    loaded = _load(ctx, profile, mine)
    records, problems = export_datenanfragen([loaded.company(s) for s in slugs])
    for line in problems:
        note(f"skipped {line}")
    if not records:
        raise DataFileError("nothing to export")
    if out_file is None:
        emit_json(records)
        return
    text = json.dumps(records, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    atomic_write(out_file.expanduser(), text.encode(), overwrite=force)
    note(f"wrote {len(records)} records to {out_file}")


@app.command("validate")
def validate(
    path: Annotated[
        Path | None, typer.Argument(help="A record file or folder (default: shipped).")
    ] = None,
    write_index: Annotated[
        bool, typer.Option("--write-index", help="Rebuild the folder's index.")
    ] = False,
) -> None:
    """Check company records (and packs and index) against the schema.

    Example: rights companies validate ./my-companies/
    """
    from rights.companies.index import write_index as write
    from rights.companies.user import validate_folder
    from rights.errors import DataFileError
    from rights.paths import shipped

    folder = path.expanduser() if path else shipped("companies")
    problems = validate_folder(folder, check_index=not write_index and path is None)
    for line in problems:
        note(line)
    if problems:
        raise DataFileError(f"{len(problems)} problem(s) in {folder}")
    if write_index:
        note(f"wrote {write(folder)}")
    note(f"{folder}: valid")


@app.command("stats")
def stats(
    ctx: typer.Context,
    json_out: JsonOption = False,
    mine: MineOption = None,
    profile: ProfileOption = None,
) -> None:
    """Count the companies: total, by source, category, country and channel.

    Example: rights companies stats --json
    """
    from rights.companies.user import stats as count

    data = count(_load(ctx, profile, mine).directory.entries())
    if json_out:
        emit_json(data)
        return
    out(f"total: {data['total']}")
    for key in ("by_source", "by_category", "by_channel"):
        out(f"{key[3:]}: " + ", ".join(f"{k} {v}" for k, v in data[key].items()))


@app.command("bounced")
def bounced(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="The company's slug.")],
    address: Annotated[str, typer.Argument(help="The email or URL that failed.")],
    note_: Annotated[str | None, typer.Option("--note", help="What happened.")] = None,
    ok: Annotated[bool, typer.Option("--ok", help="Clear the flag: the address works.")] = False,
    profile: ProfileOption = None,
) -> None:
    """Mark a company's address as bounced (search, show and requests will warn).

    Example: rights companies bounced acxiom privacy@acxiom.com --note "550 no such user"
    """
    from rights import clock
    from rights.companies.user import flag_address
    from rights.profile import profiles

    loaded = _load(ctx, profile, True)
    company = loaded.company(slug)
    if address not in company.contact_addresses():
        note(f"note: {address} is not one of {slug}'s known addresses")
    app_ = app_context(ctx)
    with profiles.open_store(app_.home, app_.profile_for(profile)) as store:
        flag_address(store, slug, address, ok=ok, note=note_, now=clock.now())
    note(f"{slug}: {address} marked {'ok' if ok else 'bounced'}")
