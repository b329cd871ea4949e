"""``rights packs ...``: curated lists of companies."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rights.cli._common import ForceOption, JsonOption, ProfileOption
from rights.cli._complete import completer
from rights.cli._output import emit_json, note, out, table

if TYPE_CHECKING:
    from rights.actions.booklet import Booklet

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
    name: Annotated[
        str, typer.Argument(help="The pack's name.", autocompletion=completer("packs"))
    ],
    json_out: JsonOption = False,
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


@app.command("print")
def print_(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(help="The pack's name (or --company).", autocompletion=completer("packs")),
    ] = None,
    right: Annotated[
        str,
        typer.Option(
            help="The right the letters ask for: access, deletion, ...",
            autocompletion=completer("rights"),
        ),
    ] = "",
    company: Annotated[
        list[str] | None,
        typer.Option(
            help="Company slug (repeatable; with or without a pack).",
            autocompletion=completer("companies"),
        ),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="The PDF file to write ('-': standard output).")
    ] = None,
    blank: Annotated[
        bool,
        typer.Option(
            "--blank",
            help="Lines to fill in by hand instead of your details: no profile is opened.",
        ),
    ] = False,
    country: Annotated[
        str | None,
        typer.Option(
            help="With --blank: where the writer lives (DE, FR, US-CA...), which "
            "decides the law (default: where most of the companies are)."
        ),
    ] = None,
    paper: Annotated[
        str | None, typer.Option(help="a4 or letter (default: letter in the US and Canada).")
    ] = None,
    force: ForceOption = False,
    profile: ProfileOption = None,
) -> None:
    """Print a booklet: a cover with instructions, the contents, one letter per company with
    a postal address (the window-envelope layout), to sign and post by hand.

    Nothing is stored: no case is created (to have rights track the deadlines, use rights
    request new). --blank leaves your details as lines to fill in and opens no profile.

    Example: rights packs print people-search --right deletion --blank --out booklet.pdf
    """
    import sys

    from rights import clock
    from rights.actions.booklet import prepare
    from rights.cli._common import home, output_target, profile_name
    from rights.delivery import booklet
    from rights.delivery.pdf import check_paper
    from rights.errors import InputError

    if not right:
        raise InputError("--right is needed", hint="e.g. --right deletion or --right access")
    if out is None:
        raise InputError("--out is needed", hint="--out booklet.pdf (or --out - for stdout)")
    if str(out) == "-" and sys.stdout.isatty():
        raise InputError(
            "--out -: refusing to write a PDF to the terminal",
            hint="pipe it (--out - | lpr) or name a file: --out booklet.pdf",
        )
    acting = None if blank else profile_name(ctx, profile)
    target = None if str(out) == "-" else output_target(out, force, acting)
    book = prepare(
        slugs=company or [], pack=name, right=right, country=country, today=clock.today(),
        profile=acting, home=home(),
        paper=check_paper(paper) if paper else None,
    )  # fmt: skip
    if blank and not country:
        where = "-".join(x for x in (book.place.country, book.place.region) if x)
        note(f"letters for a resident of {where}, where most of these companies are "
             "(another place: --country CC)")  # fmt: skip
    more = f"rights request new --pack {name} --right {right}" if name else None
    pdf = booklet.render(book, more)
    _report_skipped(book)
    _write(pdf, target, force)
    letters, skipped = len(book.entries), len(book.skipped)
    note(f"{letters} letter{'s' * (letters != 1)}, {skipped} compan"
         f"{'y' if skipped == 1 else 'ies'} skipped; nothing stored")  # fmt: skip


def _report_skipped(book: "Booklet") -> None:
    """The companies left out, on stderr: one line each, or by reason for many."""
    by_reason: dict[str, list[str]] = {}
    for s in book.skipped:
        by_reason.setdefault(s.reason, []).append(s.slug)
    for reason, slugs in by_reason.items():
        if len(slugs) <= 5:
            for slug in slugs:
                note(f"skipped {slug}: {reason}")
        else:  # every slug, wrapped to lines that fit a terminal
            import textwrap

            listed = textwrap.fill(", ".join(slugs), width=78, initial_indent="  ",
                                   subsequent_indent="  ", break_on_hyphens=False)  # fmt: skip
            note(f"skipped {len(slugs)} companies: {reason}:\n{listed}")


def _write(pdf: bytes, target: Path | None, force: bool) -> None:
    import sys

    from rights.files import atomic_write

    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(pdf)
        sys.stdout.flush()
        return
    atomic_write(target, pdf, overwrite=force)
    note(f"wrote {target} ({len(pdf)} bytes)")
