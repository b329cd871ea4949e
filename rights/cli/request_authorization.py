"""``rights request authorization``: the form a client signs so this profile can act as
their authorized agent, and the signed copy kept in the client's store."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rights.cli._common import ProfileOption, home, profile_name
from rights.cli._output import note

if TYPE_CHECKING:
    from rights.store.connect import Connection


def authorization(
    ctx: typer.Context,
    client: Annotated[str, typer.Option(help="The client's profile (who signs the form).")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="PDF file to write the form to.")
    ] = None,
    company: Annotated[
        list[str] | None, typer.Option(help="Limit it to these companies (slugs).")
    ] = None,
    paper: Annotated[
        str | None,
        typer.Option(help="a4 or letter (default: the client's: letter in the US and Canada)."),
    ] = None,
    lang: Annotated[
        str | None, typer.Option(help="Form language (default: the client's letter language).")
    ] = None,
    signed: Annotated[
        Path | None,
        typer.Option(
            "--signed",
            help="The form as the client signed it (PDF, PNG or JPEG): kept in the client's "
            "encrypted store and enclosed with every letter you write for them.",
        ),
    ] = None,
    copy_signed: Annotated[
        Path | None,
        typer.Option(
            "--copy-signed",
            help="Write the kept signed copy to this file (to upload it to a web form).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the file.")] = False,
    profile: ProfileOption = None,
) -> None:
    """Write the authorisation form a client signs so this profile can act as their agent
    (in the client's language, citing the law of each company); then keep the signed copy
    with --signed, and it goes with every letter (attached to an email, appended to a PDF).

    Example: rights request authorization --client client-042 --company schufa --out auth.pdf
    """
    from rights import clock
    from rights.companies.lookup import for_residence, resolve
    from rights.delivery.pdf import paper_for
    from rights.errors import InputError
    from rights.law.load import data_folder, load_laws
    from rights.letters import authorization as forms
    from rights.paths import shipped
    from rights.profile import profiles
    from rights.store import companies_repo, repo

    if out_file is None and signed is None and copy_signed is None:
        raise InputError("say what to do: --out FILE writes the form, --signed FILE keeps "
                         "the signed copy, --copy-signed FILE writes it out",
                         hint=f"rights request authorization --client {client} --out "
                         "authorization.pdf")  # fmt: skip
    data = _read_signed(signed) if signed is not None else None
    with profiles.open_store(home(), profile_name(ctx, profile)) as own:
        agent = repo.get_identity(own.conn)
    if not agent.full_name:
        raise InputError("the agent's profile has no name",
                         hint="rights profile edit --full-name 'Clinic name'")  # fmt: skip
    today = clock.today()
    with profiles.open_store(home(), client) as theirs:
        person = repo.get_identity(theirs.conn)
        if data is not None:
            forms.store_signed(theirs.conn, agent.full_name, data, today)
            note(f"signed authorisation of {person.full_name} kept in their encrypted store: "
                 f"it goes with every letter {agent.full_name} writes for them")  # fmt: skip
        if copy_signed is not None:
            _copy_signed(theirs.conn, str(agent.full_name), copy_signed, force=force)
        mine = companies_repo.list_companies(theirs.conn)
        named = resolve(company, None, folder=shipped("companies"), mine=mine) if company else []
        named = for_residence(named, person.country, folder=shipped("companies"), mine=mine)[0]
    if out_file is None:
        return
    letter = forms.authorization_letter(
        person, agent, companies=named, laws=load_laws(data_folder()), today=today, lang=lang
    )
    written = forms.write_form(letter, out_file, paper=paper_for(person.country, paper),
                               today=today, force=force)  # fmt: skip
    note(f"authorisation form for {person.full_name} written to {written}: print it, have it "
         f"signed, then keep the signed copy: rights request authorization --client {client} "
         "--signed FILE")  # fmt: skip


def _read_signed(path: Path) -> bytes:
    """The signed copy's bytes (InputError when it cannot be read)."""
    from rights.errors import InputError

    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"--signed: cannot read {path}: {exc.strerror}") from None


def _copy_signed(conn: "Connection", agent: str, dest: Path, *, force: bool) -> None:
    """Write the signed copy kept for ``agent`` to ``dest`` (0600; the user asked for it)."""
    from rights.errors import NotFoundError
    from rights.files import atomic_write, refuse_existing
    from rights.letters.authorization import signed_copy

    found = signed_copy(conn, agent)
    if found is None:
        raise NotFoundError(f"no signed authorisation kept for {agent}",
                            hint="keep it first: rights request authorization --client NAME "
                            "--signed FILE")  # fmt: skip
    refuse_existing(dest, overwrite=force)
    note(f"signed authorisation written to {atomic_write(dest, found.data, overwrite=force)}")
