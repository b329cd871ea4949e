"""The click that typer runs on. typer 0.26 and newer carry their own copy (``typer._click``)
and raise its exception classes and keep its context stack; older typer uses the ``click``
package. Code that catches click's exceptions or asks for the current context at run time
goes through here; type annotations keep naming ``click``, whose classes have the same API."""

from __future__ import annotations

import importlib
from typing import Any, TypeAlias

Context: TypeAlias = Any
"""A click context of either click (typer's copy or the package): one annotation that type
checks against every supported typer."""
Command: TypeAlias = Any
"""A click command of either click."""


def current_context() -> Any:
    """The click context of the running command, from typer's own click copy or the click
    package (whichever has one), or None outside a command."""
    for module in ("typer._click.globals", "click.globals"):
        try:
            get = importlib.import_module(module).get_current_context
        except (ImportError, AttributeError):
            continue
        ctx = get(silent=True)
        if ctx is not None:
            return ctx
    return None


def _classes(name: str) -> tuple[type[BaseException], ...]:
    """Every class called ``name`` among the exception modules of both clicks and typer."""
    found: list[type[BaseException]] = []
    for module in ("typer._click.exceptions", "typer.exceptions", "click.exceptions"):
        try:
            cls = getattr(importlib.import_module(module), name, None)
        except ImportError:
            continue
        if isinstance(cls, type) and issubclass(cls, BaseException) and cls not in found:
            found.append(cls)
    return tuple(found)


def click_exceptions() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    """(usage error classes, abort classes) of whichever click and typer are installed."""
    return _classes("ClickException"), _classes("Abort")
