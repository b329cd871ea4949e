"""Letters: typed input, Jinja2 rendering, and the report of every missing variable.

A template is ``<family>/<lang>/<kind>.j2`` under the shipped ``templates/`` folder or the
user's ``<RIGHTS_HOME>/templates`` (which may add or override any file, including the
shared layouts). Shipped templates render in a plain environment; as soon as the user has
templates of their own, everything renders in a sandbox. Both use StrictUndefined: a
missing value is an error, never an empty gap in a letter sent to a company. When a
render fails on a missing value, the template is rendered again with a recording
``Undefined`` so the error names every missing value at once.

The rendered text's first line is the subject; the rest is the body. The subject must
contain the request's reference code (it is how replies are matched).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rights.core.vocabulary import ANSWER_KIND, LETTER_KINDS, LETTER_RIGHTS, letter_kind
from rights.errors import DataFileError, InputError
from rights.letters.disclosure import disclosed_identity
from rights.paths import shipped

__all__ = [
    "Agent",
    "Letter",
    "LetterContext",
    "Previous",
    "Recipient",
    "disclosed_identity",
    "languages",
    "longdate",
    "missing_variables",
    "render",
]


_REF = re.compile(r"^[A-Z0-9][A-Z0-9-]{2,23}$")
_LANG = re.compile(r"^[a-z]{2}$")


def _one_line(value: str, field: str) -> str:
    if "\r" in value or "\n" in value:
        raise ValueError(f"{field}: line breaks are not allowed")
    return value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Recipient(_Model):
    """Who the letter goes to: a company, or a regulator for a complaint."""

    name: str = Field(min_length=1)
    address_lines: list[str] = Field(default_factory=list)
    email: str | None = None

    @field_validator("name", "email")
    @classmethod
    def _no_breaks(cls, value: str | None) -> str | None:
        return None if value is None else _one_line(value, "recipient")

    @field_validator("address_lines")
    @classmethod
    def _lines(cls, value: list[str]) -> list[str]:
        return [_one_line(v, "recipient address line") for v in value]


class Agent(_Model):
    """An authorized agent writing for a client, and the rule that lets them."""

    name: str = Field(min_length=1)
    client_name: str = Field(min_length=1)
    rule: str = Field(min_length=1, description="citation of the agent rule, e.g. 11 CCR §7063")

    @field_validator("name", "client_name", "rule")
    @classmethod
    def _no_breaks(cls, value: str) -> str:
        return _one_line(value, "agent")


class Previous(_Model):
    """The earlier request a reminder or complaint is about."""

    ref: str
    right: str
    sent: dt.date
    due: dt.date
    company: str = Field(min_length=1)
    outcome: Literal["late", "partial", "refused"] = Field(
        default="late",
        description="why a complaint is made: no full answer in time, a partial one, a refusal",
    )

    @field_validator("right")
    @classmethod
    def _right(cls, value: str) -> str:
        try:
            right = letter_kind(value)
        except InputError:
            right = ""
        if right not in LETTER_RIGHTS:
            raise ValueError(f"previous right must be one of {', '.join(LETTER_RIGHTS)}")
        return right


class LetterContext(_Model):
    """Everything a letter template may use. See docs/letters.md for the variables."""

    ref: str
    right: str = Field(description="the letter kind: a right, reminder, complaint or answer")
    family: str = Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        description="the template family: a folder of templates/ with a family.json",
    )
    law_id: str = Field(min_length=1, description="e.g. gdpr, uk-gdpr, ch-fadp, ccpa, qc-law25")
    law_name: str = Field(min_length=1)
    lang: str
    citations: dict[str, str]
    due: dt.date
    today: dt.date
    sender: dict[str, str | list[str]]
    recipient: Recipient
    agent: Agent | None = None
    previous: Previous | None = None
    details: str = ""
    answer: str = Field(
        default="", description="for an answer letter: the brush-off id, e.g. id-copy"
    )

    @field_validator("right")
    @classmethod
    def _kind(cls, value: str) -> str:
        if value not in (*LETTER_KINDS, ANSWER_KIND):
            raise ValueError(f"right must be one of {', '.join((*LETTER_KINDS, ANSWER_KIND))}")
        return value

    @field_validator("ref")
    @classmethod
    def _ref(cls, value: str) -> str:
        if not _REF.match(value):
            raise ValueError("a reference code is 3-24 capitals, digits and dashes, like R-7K3M")
        return value

    @field_validator("lang")
    @classmethod
    def _lang(cls, value: str) -> str:
        if not _LANG.match(value):
            raise ValueError("a language is a two-letter lower-case code, like en or de")
        return value

    @field_validator("law_id", "law_name")
    @classmethod
    def _no_breaks(cls, value: str) -> str:
        return _one_line(value, "law")

    @field_validator("citations")
    @classmethod
    def _citations(cls, value: dict[str, str]) -> dict[str, str]:
        for key, text in value.items():
            _one_line(text, f"citation {key}")
        return value

    @model_validator(mode="after")
    def _coherent(self) -> LetterContext:
        if not self.sender.get("name"):
            raise ValueError("sender: the name is always disclosed (see disclosed_identity)")
        if self.right in ("reminder", "complaint", "answer") and self.previous is None:
            raise ValueError(f"a {self.right} letter needs `previous` (the earlier request)")
        if self.right == "answer" and not self.answer:
            raise ValueError("an answer letter needs `answer` (the brush-off it answers)")
        if self.right == "correction" and not self.details.strip():
            raise ValueError("a correction letter needs `details`: what is wrong, what is right")
        return self


@dataclass(frozen=True)
class Letter:
    """A rendered letter, ready for a delivery channel."""

    subject: str
    body: str
    lang: str
    ref: str
    right: str
    family: str
    template: str
    recipient: Recipient
    sender: dict[str, str | list[str]]

    @property
    def sender_name(self) -> str:
        """The name that signs the letter (the person, or the agent for a client)."""
        name = self.sender.get("name", "")
        return name if isinstance(name, str) else " ".join(name)

    @property
    def text(self) -> str:
        """Subject and body as one plain text."""
        return f"{self.subject}\n\n{self.body}"


# ---------------------------------------------------------------- dates in words


def end_sentence(text: str) -> str:
    """``text`` with a full stop, unless it ends with one already (``Equifax Ltd.``)."""
    text = str(text)
    return text if text.endswith((".", "!", "?")) else f"{text}."


def longdate(day: dt.date, locale: str = "en") -> str:
    """A date in words: ``26 November 2026`` (en), ``November 26, 2026`` (en-US, en-CA),
    ``26. November 2026`` (de), ``26 de noviembre de 2026`` (es, pt), ``26 listopada 2026 r.``
    (pl). The words come from ``templates/_lang/<lang>.json``; unknown locales fall back to
    ISO ``2026-11-26``."""
    from rights.letters.families import load_language

    if not isinstance(day, dt.date):
        return str(day)
    lang, _, region = locale.partition("-")
    words = load_language(lang)
    if words is None:
        return day.isoformat()
    return words.longdate(day.day, day.month, day.year, region)


# ---------------------------------------------------------------- environments

_RECORDED: contextvars.ContextVar[list[Any]] = contextvars.ContextVar("_recorded")


class _Absent:
    """Stands for an optional value that was not given (``agent``, ``previous``): falsy,
    and any attribute of it is undefined (so a strict render names it)."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __bool__(self) -> bool:
        return False

    def __str__(self) -> str:
        return ""


def _user_dir(home: Path | None) -> Path | None:
    if home is None:
        return None
    folder = home / "templates"
    if folder.is_dir() and any(folder.rglob("*.j2")):
        return folder
    return None


@functools.lru_cache(maxsize=16)
def _environment(user_dir: str | None, recording: bool) -> Any:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    class Recorder(jinja2.ChainableUndefined):
        """Records every use of a missing value and renders it as nothing."""

        __slots__ = ()

        def _note(self) -> None:
            seen = _RECORDED.get(None)
            if seen is not None:
                seen.append(self)

        def __str__(self) -> str:
            self._note()
            return ""

        def __iter__(self) -> Any:
            self._note()
            return iter(())

        def __bool__(self) -> bool:
            self._note()
            return False

        def __len__(self) -> int:
            self._note()
            return 0

    class Sandbox(SandboxedEnvironment):
        def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
            raise jinja2.exceptions.SecurityError(
                f"access to attribute {attribute!r} of a {type(obj).__name__!r} is not allowed"
            )

    shipped_loader = jinja2.FileSystemLoader(str(shipped("templates")))
    loader: jinja2.BaseLoader = shipped_loader
    cls: type[jinja2.Environment] = jinja2.Environment
    if user_dir is not None:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(user_dir), shipped_loader])
        cls = Sandbox
    env = cls(
        loader=loader,
        undefined=Recorder if recording else jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )
    env.filters["longdate"] = longdate
    env.filters["dot"] = end_sentence
    return env


def _template_name(ctx: LetterContext) -> str:
    return f"{ctx.family}/{ctx.lang}/{ctx.right}.j2"


def languages(family: str, kind: str | None = None, *, home: Path | None = None) -> list[str]:
    """The languages with a template for ``family`` (and ``kind``, if given)."""
    roots = [shipped("templates")]
    user = _user_dir(home)
    if user is not None:
        roots.append(user)
    found: set[str] = set()
    for root in roots:
        base = root / family
        if not base.is_dir():
            continue
        for lang_dir in base.iterdir():
            wanted = kind is None or (lang_dir / f"{kind}.j2").is_file()
            if lang_dir.is_dir() and _LANG.match(lang_dir.name) and wanted:
                found.add(lang_dir.name)
    return sorted(found)


def _variables(ctx: LetterContext) -> dict[str, Any]:
    data = ctx.model_dump()
    data["agent"] = data["agent"] or _Absent("agent")
    data["previous"] = data["previous"] or _Absent("previous")
    return data


def _path_of(undefined: Any, data: dict[str, Any]) -> str:
    name = undefined._undefined_name
    obj = undefined._undefined_obj
    import jinja2

    if obj is jinja2.utils.missing or obj is None:
        return str(name)
    if isinstance(obj, _Absent):
        return f"{obj.name}.{name}"
    for key, value in data.items():
        if value is obj:
            return f"{key}.{name}"
    return f"{type(obj).__name__}.{name}"


def missing_variables(ctx: LetterContext, *, home: Path | None = None) -> list[str]:
    """Render the letter's template and return every missing value it uses, in order."""
    env = _environment(_str(_user_dir(home)), True)
    data = _variables(ctx)
    seen: list[Any] = []
    token = _RECORDED.set(seen)
    try:
        env.get_template(_template_name(ctx)).render(data)
    finally:
        _RECORDED.reset(token)
    return list(dict.fromkeys(_path_of(u, data) for u in seen))


def _str(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _check_available(ctx: LetterContext, home: Path | None) -> None:
    langs = languages(ctx.family, home=home)
    if ctx.lang not in langs:
        raise InputError(
            f"no {ctx.family} letters in language {ctx.lang!r}",
            hint=f"available: {', '.join(langs) or 'none'}",
        )
    if ctx.lang not in languages(ctx.family, ctx.right, home=home):
        raise InputError(f"no {ctx.family} {ctx.right} letter in language {ctx.lang!r}")


def _split(text: str) -> tuple[str, str]:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    subject, _, body = tidy.partition("\n")
    return subject.strip(), body.strip() + "\n"


def render(ctx: LetterContext, *, home: Path | None = None) -> Letter:
    """Render the letter for ``ctx``; ``home`` is the user's data folder (its ``templates/``
    may add or override templates, rendered in a sandbox).

    Raises InputError when the template needs values the context lacks (listing them all),
    or when no template serves that family, language and kind; DataFileError for a broken
    or unsafe template, or one whose subject lacks the reference code.
    """
    import jinja2

    _check_available(ctx, home)
    user = _str(_user_dir(home))
    name = _template_name(ctx)
    env = _environment(user, False)
    try:
        text = env.get_template(name).render(_variables(ctx))
    except jinja2.UndefinedError:
        missing = missing_variables(ctx, home=home)
        raise InputError(
            f"letter template {name} needs values that were not given: "
            f"{', '.join(missing) or 'unknown'}",
            hint="pass them in the letter's context (citations come from the law's data)",
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        raise DataFileError(f"{exc.name or name}:{exc.lineno}: {exc.message}") from None
    except jinja2.exceptions.SecurityError as exc:
        raise DataFileError(f"template {name}: refused: {exc}") from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError) as exc:
        raise DataFileError(f"template {name}: {exc}") from None
    subject, body = _split(text)
    if ctx.ref not in subject:
        raise DataFileError(
            f"template {name}: the subject line must contain the reference code ({ctx.ref})"
        )
    return Letter(
        subject=subject,
        body=body,
        lang=ctx.lang,
        ref=ctx.ref,
        right=ctx.right,
        family=ctx.family,
        template=name,
        recipient=ctx.recipient,
        sender=dict(ctx.sender),
    )
