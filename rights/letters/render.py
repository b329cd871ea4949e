"""Letters: the one Jinja entry. Rendering, the sandbox for user templates, and the
report of every missing variable.

A template is ``<family>/<lang>/<kind>.j2`` under the shipped ``templates/`` folder or the
user's ``<RIGHTS_HOME>/templates`` (which may add or override any file, including the
shared layouts). Shipped templates render in a plain environment; as soon as the user has
templates of their own, everything renders in a sandbox. Both use StrictUndefined: a
missing value is an error, never an empty gap in a letter sent to a company. When a
render fails on a missing value, the template is rendered again with a recording
``Undefined`` so the error names every missing value at once.

The rendered text's first line is the subject; the rest is the body. The subject must
contain the request's reference code (it is how replies are matched). The context a
template gets is :class:`rights.letters.context.LetterContext`; its filters are in
:mod:`rights.letters.filters`.
"""

from __future__ import annotations

import contextvars
import functools
import re
from pathlib import Path
from typing import Any

from rights.errors import DataFileError, InputError
from rights.letters.context import LANG_CODE, Letter, LetterContext
from rights.letters.sandbox import bad_template, contained_loader, generate, sandbox_class
from rights.letters.source import bad_file_hint
from rights.paths import shipped

__all__ = ["languages", "missing_variables", "render", "render_form"]


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


@functools.lru_cache(maxsize=1)
def _recorder() -> type[Any]:
    """The recording ``Undefined`` (jinja2 is imported only when a letter is rendered)."""
    import jinja2

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

    return Recorder


@functools.lru_cache(maxsize=16)
def _environment(user_dir: str | None, recording: bool) -> Any:
    import jinja2

    from rights.letters.filters import install

    roots = [shipped("templates")]
    cls: type[jinja2.Environment] = jinja2.Environment
    if user_dir is not None:
        roots.insert(0, Path(user_dir))
        cls = sandbox_class()
    env = cls(
        loader=contained_loader(roots),
        undefined=_recorder() if recording else jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
    )
    install(env.filters)
    return env


@functools.lru_cache(maxsize=1)
def _forms_environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(shipped("templates") / "_forms")),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )


def render_form(name: str, **variables: Any) -> str:
    """Render a shipped form (``templates/_forms/<name>``, e.g. the agent's authorisation);
    user templates never override forms."""
    return str(_forms_environment().get_template(name).render(**variables))


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
            if lang_dir.is_dir() and LANG_CODE.match(lang_dir.name) and wanted:
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
    """Render the letter's template and return every missing value it uses, in order.

    A template that fails otherwise (recursion, a limit, the sandbox) is a DataFileError.
    """
    user = _str(_user_dir(home))
    env = _environment(user, True)
    data = _variables(ctx)
    seen: list[Any] = []
    token = _RECORDED.set(seen)
    try:
        _run(env, _template_name(ctx), data, limited=user is not None)
    finally:
        _RECORDED.reset(token)
    return list(dict.fromkeys(_path_of(u, data) for u in seen))


def _run(env: Any, name: str, data: dict[str, Any], *, limited: bool) -> str:
    """Render ``name`` within the limits; what a bad template raises is a DataFileError
    (a missing value still raises jinja2's UndefinedError, for the caller to report)."""
    import jinja2

    try:
        return generate(env.get_template(name), data, limited=limited)
    except jinja2.UndefinedError:
        raise
    except Exception as exc:
        bad = bad_template(name, exc, env.loader)
        if bad is None:
            raise
        raise bad from None


def _str(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _check_available(ctx: LetterContext, home: Path | None) -> None:
    langs = languages(ctx.family, home=home)
    if ctx.lang not in langs:
        raise InputError(
            f"no {ctx.family} letters in language {ctx.lang!r}",
            hint=f"available: {', '.join(langs) or 'none'}",
        )
    from rights.core.vocabulary import LETTER_KINDS
    from rights.letters.families import family_kinds

    kinds = family_kinds(ctx.family, home)
    if ctx.right in LETTER_KINDS and ctx.right not in kinds:
        raise InputError(
            f"the {ctx.family} letters have no {ctx.right} letter",
            hint=f"they write: {', '.join(kinds)}",
        )
    if ctx.lang not in languages(ctx.family, ctx.right, home=home):
        raise InputError(f"no {ctx.family} {ctx.right} letter in language {ctx.lang!r}")


def _split(text: str) -> tuple[str, str]:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    subject, _, body = tidy.partition("\n")
    return subject.strip(), body.strip() + "\n"


def _kept(ctx: LetterContext) -> list[str]:
    """The values render-time spelling rules leave alone: names, addresses, the user's text."""
    kept = [ctx.details, ctx.recipient.name, *ctx.recipient.address_lines]
    for value in ctx.sender.values():
        kept.extend([value] if isinstance(value, str) else value)
    if ctx.agent:
        kept += [ctx.agent.name, ctx.agent.client_name, *ctx.agent.address_lines]
    if ctx.previous:
        kept.append(ctx.previous.company)
    return kept


def render(ctx: LetterContext, *, home: Path | None = None) -> Letter:
    """Render the letter for ``ctx``; ``home`` is the user's data folder (its ``templates/``
    may add or override templates, rendered in a sandbox).

    Raises InputError when the template needs values the context lacks (listing them all),
    or when no template serves that family, language and kind; DataFileError for a broken
    or unsafe template, or one whose subject lacks the reference code.
    """
    import jinja2

    from rights.letters.native import finish

    _check_available(ctx, home)
    user = _str(_user_dir(home))
    name = _template_name(ctx)
    env = _environment(user, False)
    try:
        text = _run(env, name, _variables(ctx), limited=user is not None)
    except jinja2.UndefinedError:
        missing = missing_variables(ctx, home=home)
        raise InputError(
            f"letter template {name} needs values that were not given: "
            f"{', '.join(missing) or 'unknown'}",
            hint="pass them in the letter's context (citations come from the law's data)",
        ) from None
    subject, body = _split(finish(text, ctx.law_id, ctx.lang, _kept(ctx)))
    if ctx.ref not in subject:
        raise DataFileError(
            f"template {name}: the subject line must contain the reference code ({ctx.ref})",
            hint=bad_file_hint(env.loader.files.get(name, name)),
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
        sender=ctx.letter_from(),
        enclosures=ctx.enclosures(),
        reply_to=ctx.agent.email if ctx.agent else None,
    )
