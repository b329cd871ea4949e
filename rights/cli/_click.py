"""The click that typer runs on. typer 0.26 and newer carry their own copy (``typer._click``)
and raise its exception classes and keep its context stack; older typer uses the ``click``
package. Code that catches click's exceptions or asks for the current context at run time
goes through here; type annotations keep naming ``click``, whose classes have the same API."""

from __future__ import annotations

import functools
import importlib
from types import ModuleType


@functools.cache
def runtime_click() -> ModuleType:
    """The click module typer's commands are built on (for ``get_current_context``)."""
    try:
        return importlib.import_module("typer._click.globals")
    except ImportError:
        return importlib.import_module("click")


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
