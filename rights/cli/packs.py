"""``rights packs ...``: curated lists of companies."""

from typing import Annotated

import typer

from rights.cli._common import JsonOption
from rights.cli._output import emit_json, out, table

app = typer.Typer(
    help="Packs: named lists of companies (e.g. us-data-brokers, people-search).\n\n"
    "Example: rights packs show people-search",
    no_args_is_help=True,
)


@app.command("list")
def list_(json_out: JsonOption = False) -> None:
    """List the packs.

    Example: rights packs list --json
    """
    from rights.companies.packs import list_packs
    from rights.paths import shipped

    packs = list_packs(shipped("companies"))
    if json_out:
        emit_json(
            [
                {
                    "name": p.name,
                    "title": p.title,
                    "description": p.description,
                    "count": len(p.companies),
                    "choose": p.choose,
                }
                for p in packs
            ]
        )
        return
    table(["pack", "companies", "title"], [[p.name, str(len(p.companies)), p.title] for p in packs])


@app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="The pack's name.")], json_out: JsonOption = False
) -> None:
    """Show a pack and its companies.

    Example: rights packs show credit-and-scoring --json
    """
    from rights.companies import index
    from rights.companies.packs import get_pack
    from rights.paths import shipped

    folder = shipped("companies")
    pack = get_pack(folder, name)
    directory = index.load(folder)
    entries = [e for e in (directory.get(s) for s in pack.companies) if e is not None]
    if json_out:
        data = pack.model_dump(mode="json")
        data["records"] = [
            {"slug": e.slug, "name": e.name, "email": e.email, "web": e.web, "channel": e.channel}
            for e in entries
        ]
        emit_json(data)
        return
    out(f"{pack.title} ({len(pack.companies)} companies)")
    out(pack.description)
    out()
    table(["slug", "name", "contact"], [[e.slug, e.name, e.email or e.web or "-"] for e in entries])
