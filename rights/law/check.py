"""Check a folder of law files as ``rights laws validate`` does: every law, regulator and
answers file against its model, and the references between them (a law's regulators must
exist; its letter family must be one of the known families)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from rights.errors import DataFileError
from rights.law.model import REGULATORS_DIR, Law, Regulator

M = TypeVar("M", bound=BaseModel)


@dataclass
class Report:
    """What a check found: the files read and one ``file: field.path: message`` per problem."""

    folder: Path
    laws: list[str] = field(default_factory=list)
    regulators: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The ``rights laws validate --json`` output."""
        return {
            "folder": str(self.folder),
            "laws": self.laws,
            "regulators": self.regulators,
            "problems": self.problems,
            "valid": not self.problems,
        }


def validate_folder(folder: Path, known_regulators: Collection[str],
                    families: Collection[str]) -> Report:  # fmt: skip
    """Check every file in ``folder`` (read alone, not merged). ``known_regulators``: the
    regulator ids available besides the folder's own; ``families``: the letter families."""
    from rights.law.answers import ANSWERS_FILE, BrushOffs

    report = Report(folder)
    laws: list[Law] = []
    for path in sorted(folder.glob("*.json")):
        law = _checked(report, path, path.name, Law)
        if law is not None:
            laws.append(law)
            report.laws.append(law.id)
    for path in sorted((folder / REGULATORS_DIR).glob("*.json")):
        reg = _checked(report, path, f"{REGULATORS_DIR}/{path.name}", Regulator)
        if reg is not None:
            report.regulators.append(reg.id)
    rolls = _checked_rolls(report, folder)
    answers = folder / ANSWERS_FILE
    if answers.is_file():
        _checked(report, answers, ANSWERS_FILE, BrushOffs)
    regulators = set(known_regulators) | set(report.regulators)
    for law in laws:
        missing = [r for r in law.regulators if r not in regulators]
        if missing:
            report.problems.append(
                f"{law.id}.json: regulators: no regulator file for {', '.join(missing)}"
            )
        order = law.complaint_order
        strangers = [r for r in (order.regulators if order else []) if r not in law.regulators]
        if strangers:
            report.problems.append(
                f"{law.id}.json: complaint_order.regulators: not among the law's regulators: "
                f"{', '.join(strangers)}"
            )
        report.problems.extend(_missing_rolls(law, rolls))
        if law.letters.family not in families:
            report.problems.append(
                f"{law.id}.json: letters.family: no letter family {law.letters.family!r} "
                f"(families: {', '.join(sorted(families))})"
            )
    return report


def _checked(report: Report, path: Path, shown: str, model: type[M]) -> M | None:
    from rights.law.load import parse_file

    try:
        found = parse_file(path, shown, model)
    except DataFileError as exc:
        report.problems.extend(getattr(exc, "problems", [exc.message]))
        return None
    found_id = getattr(found, "id", path.stem)
    if found_id != path.stem:
        report.problems.append(f"{shown}: id: {found_id!r} does not match the file name")
        return None
    return found


def _checked_rolls(report: Report, folder: Path) -> set[str]:
    """Check ``folder/rolls``; the roll rule ids a law there may name (its own and the
    shipped ones)."""
    from rights.law.load import data_folder
    from rights.law.rolls import ROLLS_DIR, RollRule, roll_ids

    found = set(roll_ids(data_folder()))
    for path in sorted((folder / ROLLS_DIR).glob("*.json")):
        if _checked(report, path, f"{ROLLS_DIR}/{path.name}", RollRule) is not None:
            found.add(path.stem)
    return found


def _missing_rolls(law: Law, rolls: set[str]) -> list[str]:
    """One problem per period that names a roll rule no file defines."""
    problems = []
    for name, right in law.rights.items():
        periods = [(label, getattr(right, label)) for label in ("response", "extension",
                                                                 "acknowledge")]  # fmt: skip
        periods += [(f"variants.{i}.period", v.period) for i, v in enumerate(right.variants)]
        for label, period in periods:
            roll = period.roll_rule_id() if period is not None else None
            if roll is not None and roll not in rolls:
                problems.append(
                    f"{law.id}.json: rights.{name}.{label}.roll: no roll rule {roll!r} "
                    f"(rolls/{roll}.json)"
                )
    return problems
