"""``rights companies ...``: search, show, add, edit, import, export, validate, stats, bounced."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rights.cli import companies_edit
from rights.cli._common import ForceOption, JsonOption, ProfileOption, app_context
from rights.cli._companies import MineOption
from rights.cli._companies import load_directory as _load
from rights.cli._companies import warn_bounced as _warn
from rights.cli._output import emit_json, emit_json_text, fields, note, out, table

if TYPE_CHECKING:
    pass

app = typer.Typer(
    help="The company and data-broker directory (shipped data plus your own records).\n\n"
    "Example: rights companies search acxiom",
    no_args_is_help=True,
)


@app.command("search")
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Name, alias, domain or slug; typos are fine.")],
    category: Annotated[str | None, typer.Option(help="Only this category.")] = None,
    country: Annotated[
        str | None,
        typer.Option(
            help="Only records serving this country, ranked for it (default rank: see --near)."
        ),
    ] = None,
    near: Annotated[
        str | None,
        typer.Option(
            help="Rank records serving this country first, keeping the others (default: the "
            "profile's country when its store is read: --mine, or records of your own).",
        ),
    ] = None,
    registry: Annotated[str | None, typer.Option(help="Only records in this registry.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many.")] = 20,
    json_out: JsonOption = False,
    mine: MineOption = None,
    profile: ProfileOption = None,
) -> None:
    """Find companies by name, alias, domain or slug, best match first (good matches
    serving your country first); typo-only matches are offered as "did you mean".

    Example: rights companies search "white pages" --category people-search --json
    """
    from rights.companies.search import rank
    from rights.core.categories import CATEGORIES
    from rights.core.values import country as check_country
    from rights.errors import InputError

    if category and category not in CATEGORIES:
        raise InputError(f"--category: unknown {category!r}", hint=", ".join(CATEGORIES))
    cc = check_country(country) if country else None
    near_cc = check_country(near) if near else None
    loaded = _load(ctx, profile, mine)
    found = rank(
        loaded.directory,
        query,
        category=category,
        country=cc,
        registry=registry.lower() if registry else None,
        near=cc or near_cc or loaded.country,
        limit=limit,
    )
    rows = [_hit_row(h.entry, h.score, _warn(loaded, h.entry.slug)) for h in found.hits]
    if not rows:
        note(f"no company matches {query!r}")
    if found.did_you_mean:
        close = found.did_you_mean[:5]
        note("did you mean: " + ", ".join(f"{h.entry.name} ({h.entry.slug})" for h in close))
    if json_out:
        emit_json(rows)
        return
    if not rows:
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
    """Show one company: every field (contacts, each URL by kind, identity asked for,
    jurisdictions, last verified) and each source once.

    Example: rights companies show acxiom --json
    """
    from rights.companies.describe import show_rows

    loaded = _load(ctx, profile, mine)
    company = loaded.company(slug)
    bounced = _warn(loaded, slug)
    if json_out:
        data = company.to_json()
        data["bounced"] = bounced
        emit_json(data)
        return
    fields(show_rows(company, bounced))


app.command("add")(companies_edit.add)
app.command("edit")(companies_edit.edit)
app.command("import")(companies_edit.import_)


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
    text = json.dumps(records, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    if out_file is None:  # Datenanfragen's own format: no --json contract, no version key
        emit_json_text(text)
        return
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
    json_out: JsonOption = False,
) -> None:
    """Check company records (and packs and index) against the schema.

    With --json: {"folder", "index", "problems", "valid", "version"} on stdout (exit code 9
    still when a problem is found).

    Example: rights companies validate ./my-companies/
    """
    from rights.companies.index import write_index as write
    from rights.companies.user import validate_folder
    from rights.errors import DataFileError
    from rights.paths import shipped

    folder = path.expanduser() if path else shipped("companies")
    problems = validate_folder(folder, check_index=not write_index and path is None)
    index = str(write(folder)) if write_index and not problems else None
    if json_out:
        emit_json({"folder": str(folder), "index": index, "problems": list(problems),
                   "valid": not problems})  # fmt: skip
    else:
        for line in problems:
            note(line)
    if problems:
        raise DataFileError(f"{len(problems)} problem(s) in {folder}")
    if index:
        note(f"wrote {index}")
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
