"""``rights laws ...`` and ``rights deadline``: the laws as data, and their deadlines."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rights.cli._common import JsonOption, ProfileOption, home, profile_name
from rights.cli._output import emit_json, fields, note, out, table
from rights.core.vocabulary import RIGHTS

if TYPE_CHECKING:
    from rights.law.model import Fact, Law, Regulator

app = typer.Typer(
    help="The laws rights knows: rights, deadlines, regulators, sources.\n\n"
    "Example: rights laws show gdpr",
    no_args_is_help=True,
)


@app.command("list")
def list_(json_out: JsonOption = False) -> None:
    """List the laws, with the rights each grants.

    Example: rights laws list --json
    """
    from rights.law import load as j

    laws = j.load_laws(j.data_folder())
    if json_out:
        emit_json([_summary(law) for law in laws])
        return
    table(
        ["id", "law", "where", "from", "rights"],
        [
            [
                law.id,
                law.short_name,
                law.jurisdiction,
                law.effective.isoformat(),
                ", ".join(law.rights),
            ]
            for law in laws
        ],
    )


@app.command("show")
def show(
    law_id: Annotated[str, typer.Argument(metavar="ID", help="Law id, e.g. gdpr or ccpa.")],
    json_out: JsonOption = False,
) -> None:
    """Show a law: its rights with citations and deadlines, regulators, sources, doubts.

    Example: rights laws show ccpa
    """
    from rights.law import load as j

    root = j.data_folder()
    law = j.load_law(root, law_id)
    regulators = j.load_regulators(root, law.regulators)
    if json_out:
        emit_json(
            {
                "law": law.model_dump(mode="json", by_alias=True),
                "regulators": [r.model_dump(mode="json") for r in regulators],
            }
        )
        return
    _print_law(law, regulators)


@app.command("which")
def which(
    ctx: typer.Context,
    country: Annotated[
        str | None, typer.Option(help="Your country of residence (ISO code, e.g. DE, US).")
    ] = None,
    region: Annotated[str | None, typer.Option(help="Your state or region (e.g. CA, QC).")] = None,
    profile: ProfileOption = None,
    json_out: JsonOption = False,
) -> None:
    """The laws a resident can use (default: the profile's country and region).

    Example: rights laws which --country US --region CA
    """
    from rights import clock
    from rights.core import values as validate
    from rights.law import load as j

    if country is None:
        country, region = _profile_residence(ctx, profile)
    code = validate.country(country)
    sub = validate.region(region, code) if region else None
    laws = j.load_laws(j.data_folder())
    resident, by_location = j.laws_for_resident(laws, code, sub)
    resident.sort(key=lambda law: law.scope.companies is not None)  # sector laws last
    today = clock.today()
    data = {
        "country": code,
        "region": sub,
        "laws": [
            _summary(law) | {"in_force": law.in_force(today), "only": _only(law)}
            for law in resident
        ],
        "by_controller_location": [
            {"id": law.id, "short_name": law.short_name, "where": law.jurisdiction}
            for law in by_location
        ],
        "note": WHICH_NOTE,
    }
    if json_out:
        emit_json(data)
        return
    _print_which(data, code, sub)


@app.command("validate")
def validate(
    path: Annotated[
        Path | None,
        typer.Argument(help="A jurisdictions folder (default: your RIGHTS_HOME/jurisdictions)."),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Check your law files (laws, regulators/, answers/) as rights reads them.

    Example: rights laws validate ~/my-laws/jurisdictions
    """
    from rights.errors import DataFileError
    from rights.law import load as j
    from rights.law.check import validate_folder
    from rights.letters.families import family_ids

    folder = path.expanduser() if path else j.user_folder()
    if path is None and not folder.exists():
        if json_out:  # nothing to check is still an answer
            emit_json({"folder": str(folder), "laws": [], "problems": [], "regulators": [],
                       "valid": True})  # fmt: skip
        note(f"no law files of yours to check ({folder} does not exist)")
        return
    if not folder.is_dir():
        raise DataFileError(f"no folder {folder}", hint="create it, or give the folder to check")
    shipped_regulators = j.regulator_ids(j.data_folder())
    report = validate_folder(folder, shipped_regulators, family_ids(home()))
    if json_out:
        emit_json(report.to_dict())
    else:
        for line in report.problems:
            out(line)
    if report.problems:
        count = len(report.problems)
        raise DataFileError(f"{count} problem{'s' if count != 1 else ''} in {folder}")
    note(f"{folder}: valid ({len(report.laws)} laws, {len(report.regulators)} regulators)")


WHICH_NOTE = (
    "GDPR-style laws (marked by_controller_location) also protect you, wherever you live, "
    "when the company is established there or targets people there."
)


def deadline(
    law_id: Annotated[str, typer.Option("--law", help="Law id, e.g. gdpr, ccpa, icdpa.")],
    right: Annotated[
        str,
        typer.Option(help=f"{', '.join(RIGHTS)} (or an alias: erasure, rectification, ...)."),
    ],
    received: Annotated[
        str | None, typer.Option(help="Day the request reached the company (YYYY-MM-DD).")
    ] = None,
    delivered: Annotated[
        str | None, typer.Option(help="Postal request: the day it was delivered.")
    ] = None,
    posted: Annotated[
        str | None, typer.Option(help="Postal request: the day it was posted (gives an estimate).")
    ] = None,
    country: Annotated[
        str | None,
        typer.Option(help="The company's country for public holidays: CC or CC-SUB (GB-SCT)."),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Compute the legal deadline for a request under a law.

    Example: rights deadline --law gdpr --right access --received 2026-01-31 --country DE
    """
    from rights import clock
    from rights.core import values as validate
    from rights.law import deadlines
    from rights.law import load as j

    law = j.load_law(j.data_folder(), law_id)
    right = law.right_name(right)  # the law's own id: aliases and equivalents understood
    rule = law.deadline_rule(right)
    start, start_notes = deadlines.start_date(
        received=validate.iso_date(received, "received") if received else None,
        delivered=validate.iso_date(delivered, "delivered") if delivered else None,
        posted=validate.iso_date(posted, "posted") if posted else None,
    )
    law.require_in_force(right, start, when="the receipt date")
    controller = deadlines.normalise_country(country) if country else None
    result = deadlines.compute(rule, start, controller=controller, today=clock.today())
    data = result.to_dict(law.id, right)
    data["notes"] = list(start_notes) + data["notes"]
    if json_out:
        emit_json(data)
        return
    _print_deadline(data, law)


# --- rendering ------------------------------------------------------------------------------


def _summary(law: "Law") -> dict[str, Any]:
    return {
        "id": law.id,
        "name": law.name,
        "short_name": law.short_name,
        "citation": law.citation,
        "jurisdiction": law.jurisdiction,
        "effective": law.effective.isoformat(),
        "rights": list(law.rights),
    }


def _only(law: "Law") -> str | None:
    """The companies a sector law reaches ("a consumer reporting agency"), None for all."""
    return law.scope.companies.kind if law.scope.companies else None


def _profile_residence(ctx: typer.Context, explicit: str | None) -> tuple[str, str | None]:
    from rights.errors import InputError
    from rights.profile import profiles
    from rights.store import repo

    name = profile_name(ctx, explicit)
    if not profiles.exists(home(), name):
        raise InputError(
            "no --country given and no profile to read your residence from",
            hint="use --country CC [--region RR], or set it: rights profile edit --country CC",
        )
    with profiles.open_store(home(), name) as store:
        identity = repo.get_identity(store.conn)
    if not identity.country:
        raise InputError(
            f"profile {name!r} has no country of residence",
            hint="use --country CC, or set it: rights profile edit --country CC --region RR",
        )
    return identity.country, identity.region


def _fact(fact: "Fact | None") -> str:
    from rights.law.model import fact_text

    return fact_text(fact) if fact else "-"


def _period(period: Any) -> str:
    from rights.law.deadlines import describe

    if period is None:
        return "-"
    text = describe(period.to_engine())
    if period.roll == "next_working_day":
        text += ", next working day if it ends on a weekend/holiday"
    if period.holidays:
        text += f" (holidays: {period.holidays})"
    text += f" [{period.tag}]"
    if period.uncertain:
        text += f" (UNCERTAIN: {period.uncertain})"
    return text


def _print_law(law: "Law", regulators: "list[Regulator]") -> None:
    fields(
        [
            ("law", f"{law.name} ({law.short_name})"),
            ("id", law.id),
            ("citation", law.citation),
            ("where", law.jurisdiction),
            ("in force from", law.effective.isoformat()),
            ("who can use it", _fact(law.scope.note)),
            ("fees", _fact(law.fees)),
            ("identity", _fact(law.identity)),
            ("agents", _fact(law.agents)),
            ("appeal", _fact(law.appeal)),
            ("complaints", _fact(law.complaints)),
        ]
    )
    if law.effective_note:
        out(f"  note: {_fact(law.effective_note)}")
    for name, right in law.rights.items():
        out(f"\nright: {name} — {right.citation}")
        out(f"  {right.summary}")
        if right.since:
            out(f"  in force from: {right.since.isoformat()}")
        out(f"  response:    {_period(right.response)}")
        out(f"  extension:   {_period(right.extension)} (counted from receipt)")
        if right.extension_terms:
            out(f"               {_fact(right.extension_terms)}")
        out(f"  acknowledge: {_period(right.acknowledge)}")
        for variant in right.variants:
            out(f"  variant:     {variant.label}: {_period(variant.period)}")
        for label, fact in (
            ("fees", right.fees),
            ("identity", right.identity),
            ("agents", right.agents),
        ):
            if fact:
                out(f"  {label}: {_fact(fact)}")
        for fact in right.notes:
            out(f"  note: {_fact(fact)}")
    for mech in law.mechanisms:
        out(f"\n{mech.name} ({mech.citation})")
        for fact in mech.facts:
            out(f"  - {_fact(fact)}")
    if law.notes:
        out("\nnotes:")
        for fact in law.notes:
            out(f"  - {_fact(fact)}")
    out("\nregulators:")
    for reg in regulators:
        ways = ", ".join(filter(None, (reg.complaint_url, reg.email, reg.web)))
        out(f"  - {reg.name} [{', '.join(reg.covers)}]: {ways or reg.contact_missing}")
    out("\nsources:")
    for src in law.sources:
        out(f"  - {src}")
    out(f"last reviewed: {law.last_reviewed.isoformat()}")


def _print_which(data: dict[str, Any], code: str, sub: str | None) -> None:
    where = f"{code}-{sub}" if sub else code
    if data["laws"]:
        table(
            ["id", "law", "from", "in force", "against"],
            [
                [
                    d["id"],
                    d["short_name"],
                    d["effective"],
                    "yes" if d["in_force"] else "not yet",
                    f"only {d['only']}" if d["only"] else "any company it covers",
                ]
                for d in data["laws"]
            ],
        )
    else:
        note(f"no law in the data covers residents of {where} as such")
    others = ", ".join(f"{d['id']} ({d['where']})" for d in data["by_controller_location"])
    note(f"{data['note']} Such laws: {others}")


def _print_deadline(data: dict[str, Any], law: "Law") -> None:
    fields(
        [
            ("law", f"{law.short_name} ({law.id})"),
            ("right", data["right"]),
            ("received", data["received"]),
            ("due", data["due"]),
            ("extended due", data["extended_due"] or "-"),
            ("acknowledge by", data["acknowledge_by"] or "-"),
            ("rule", data["rule"]),
        ]
    )
    for line in data["notes"]:
        out(f"  - {line}")
