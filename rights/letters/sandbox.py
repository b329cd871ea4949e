"""The sandbox user templates render in, and the limits every render runs under.

- Files: :class:`Contained` loads a template only from inside the user's or the shipped
  templates folder, symlinks resolved (see :mod:`rights.letters.source`).
- Operators: ``*``, ``+`` and ``**`` are checked before they run, so ``'x' * 10**10`` or
  ``10 ** 10**8`` is refused without allocating anything; a joined block (macro, ``set``
  block, include) longer than :data:`MAX_OUTPUT_CHARS` is refused before it is joined.
  Jinja's sandbox already refuses ``range()`` over 100 000 items (an OverflowError).
- Time and size: the letter is rendered through ``Template.generate()``, checking the time
  and the length after every chunk (:data:`MAX_SECONDS`, :data:`MAX_OUTPUT_CHARS`). In the
  main thread where ``signal.setitimer`` exists (Unix), a one-shot ``SIGALRM`` also stops a
  loop that yields nothing for that long (inside a macro, say); no thread is started.
- Memory (Linux): while a user template renders, the address space may grow by at most
  :data:`MEMORY_MARGIN` (``RLIMIT_AS``, restored after), so one huge allocation is a
  MemoryError rather than the system's out-of-memory killer.

:func:`bad_template` turns what a hostile template raises (recursion, MemoryError,
OverflowError, SecurityError, a limit) into the one "bad template" error (DataFileError).
"""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from rights.errors import DataFileError
from rights.letters.source import bad_file_hint, read_inside

__all__ = [
    "MAX_OUTPUT_CHARS",
    "MAX_SECONDS",
    "LimitError",
    "bad_template",
    "contained_loader",
    "generate",
    "sandbox_class",
]

MAX_SECONDS = 2.0
MAX_OUTPUT_CHARS = 256 * 1024
MAX_POWER_BITS = 64 * 1024
MEMORY_MARGIN = 512 * 1024 * 1024
TOO_SLOW = f"took longer than {MAX_SECONDS:g} s to render"
TOO_LONG = f"makes a text longer than {MAX_OUTPUT_CHARS // 1024} KiB"


class LimitError(Exception):
    """A render went over a limit (time, length, size of a number)."""


@functools.lru_cache(maxsize=1)
def _loader_class() -> type[Any]:
    import jinja2
    from jinja2.loaders import split_template_path

    class Contained(jinja2.BaseLoader):
        """Templates from the first of ``roots`` that has them, never from outside them."""

        def __init__(self, roots: list[Path]) -> None:
            self.roots = roots
            self.files: dict[str, str] = {}

        def get_source(
            self, environment: Any, template: str
        ) -> tuple[str, str, Callable[[], bool]]:
            pieces = split_template_path(template)
            for root in self.roots:
                path = root.joinpath(*pieces)
                if not os.path.lexists(path):
                    continue
                text = read_inside(path, self.roots, f"template {template}")
                self.files[template] = str(path)
                mtime = os.stat(path).st_mtime
                return text, str(path), functools.partial(_unchanged, path, mtime)
            raise jinja2.TemplateNotFound(template)

    return Contained


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return os.stat(path).st_mtime == mtime
    except OSError:
        return False


def contained_loader(roots: list[Path]) -> Any:
    """A loader reading ``<root>/<name>`` from the first root that has it (see the module)."""
    return _loader_class()(roots)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    sized = (str, bytes, list, tuple)
    size = 0
    if operator == "*" and isinstance(right, int) and isinstance(left, sized):
        size = len(left) * right
    elif operator == "*" and isinstance(left, int) and isinstance(right, sized):
        size = len(right) * left
    elif operator == "+" and isinstance(left, sized) and isinstance(right, sized):
        size = len(left) + len(right)
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
        size = abs(left).bit_length() * right if abs(left) > 1 else 0
        if size > MAX_POWER_BITS:
            raise LimitError(f"makes a number of more than {MAX_POWER_BITS} bits")
        size = 0
    if size > MAX_OUTPUT_CHARS:
        raise LimitError(TOO_LONG)


def _bounded_concat(parts: Iterable[str]) -> str:
    items = list(parts)
    if sum(map(len, items)) > MAX_OUTPUT_CHARS:
        raise LimitError(TOO_LONG)
    return "".join(items)


@functools.lru_cache(maxsize=1)
def sandbox_class() -> type[Any]:
    """The sandboxed environment of user templates (jinja2 imported on first use)."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    class Sandbox(SandboxedEnvironment):
        intercepted_binops = frozenset({"*", "+", "**"})
        concat = staticmethod(_bounded_concat)

        def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
            raise jinja2.exceptions.SecurityError(
                f"access to attribute {attribute!r} of a {type(obj).__name__!r} is not allowed"
            )

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            _check_binop(operator, left, right)
            return super().call_binop(context, operator, left, right)

    return Sandbox


def generate(template: Any, variables: dict[str, Any], *, limited: bool) -> str:
    """Render ``template`` chunk by chunk, within the length limit and, when ``limited``
    (a user template may be involved), within the time and memory limits."""
    started = time.monotonic()
    parts: list[str] = []
    size = 0
    with _alarm(MAX_SECONDS if limited else None), _memory_cap(limited):
        for chunk in template.generate(variables):
            size += len(chunk)
            if size > MAX_OUTPUT_CHARS:
                raise LimitError(TOO_LONG)
            if limited and time.monotonic() - started > MAX_SECONDS:
                raise LimitError(TOO_SLOW)
            parts.append(chunk)
    return "".join(parts)


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[None]:
    """A one-shot SIGALRM after ``seconds`` that stops the render (main thread, Unix; not
    when a timer is already set, e.g. by a test runner)."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    )
    if not usable or seconds is None:
        yield
        return
    armed = [True]

    def on_alarm(signum: int, frame: Any) -> None:
        if armed[0]:
            raise LimitError(TOO_SLOW)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL if previous is None else previous)


def _address_space() -> int | None:
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextlib.contextmanager
def _memory_cap(active: bool) -> Iterator[None]:
    """Lower the soft RLIMIT_AS to the current size plus :data:`MEMORY_MARGIN` (Linux)."""
    now = _address_space() if active and sys.platform.startswith("linux") else None
    if now is None:
        yield
        return
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = now + MEMORY_MARGIN
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap:
        yield
        return
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _culprit(exc: BaseException, known: dict[str, str], default: str) -> str:
    """The template file where ``exc`` was raised (the last template frame), else ``default``."""
    files = set(known.values())
    found = default
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename in files:
            found = tb.tb_frame.f_code.co_filename
        tb = tb.tb_next
    return found


def bad_template(name: str, exc: BaseException, loader: Any) -> DataFileError | None:
    """The bad-template error for what rendering ``name`` raised, or None when ``exc`` is
    not one a template can cause (it then propagates)."""
    import jinja2

    known: dict[str, str] = getattr(loader, "files", {})
    default = known.get(name, name)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = known.get(exc.name or "", exc.filename or default)
        message = f"{exc.name or name}:{exc.lineno}: {exc.message}"
        return DataFileError(message, bad_file_hint(where))
    if isinstance(exc, LimitError):
        why = str(exc)
    elif isinstance(exc, RecursionError):
        why = "recursion too deep (a macro or include that calls itself?)"
    elif isinstance(exc, MemoryError):
        why = "needs too much memory"
    elif isinstance(exc, OverflowError):
        why = f"a number or range too big: {exc}"
    elif isinstance(exc, jinja2.exceptions.SecurityError):
        why = f"refused: {exc}"
    elif isinstance(exc, jinja2.TemplateError | TypeError | ValueError | AttributeError):
        why = str(exc)
    else:
        return None
    return DataFileError(f"template {name}: {why}", bad_file_hint(_culprit(exc, known, default)))
