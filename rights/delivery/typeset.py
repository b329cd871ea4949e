"""Every PDF rights writes (letters, complaints, the authorisation form, the case report,
the printed booklet of `packs print`) is typeset here, by typst:

* **PDF/A-2b**: archivable PDFs (fonts embedded, XMP metadata saying ``pdfaid:part 2``,
  ``conformance B``), as courts, archives and records offices ask for.
* **One compiler per process**: the fonts are loaded once and a batch of letters
  reuses the same typst compiler (and its caches) instead of starting from scratch for
  each PDF. :data:`compilers_made` counts the compilers built.
* **Every character shown, or a clear refusal**: before typesetting, each character of the
  caller's fields is checked against the fonts (typst's embedded Libertinus Serif, New
  Computer Modern and DejaVu Sans Mono, plus the fonts under ``RIGHTS_FONT_PATH``); a
  character no font has (a Chinese or Japanese name, say) stops with an InputError naming
  the characters and the field, never a PDF with empty boxes.

Fonts of the system are never used: a PDF looks the same on every machine. typst is
imported only when a PDF is made (``rights --help`` does not load it).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from rights.errors import DeliveryError, InputError

if TYPE_CHECKING:
    import typst

PDF_STANDARD: Final = "a-2b"
"""The PDF standard of every PDF written (typst's name for PDF/A-2b)."""

FONT_PATH_VARIABLE = "RIGHTS_FONT_PATH"
"""Folders or font files (separated by ``os.pathsep``) with fonts to use besides typst's
own, e.g. a font that covers Chinese, Japanese or Korean names."""

FONTS = ("Libertinus Serif", "New Computer Modern")
"""The text fonts of the letters (embedded in typst); any loaded font fills a gap."""

ENCLOSURE_PPI = 200
"""The resolution an enclosed PDF's pages are rasterised at (PDF/A cannot embed a PDF)."""

compilers_made = 0
"""How many typst compilers this process has built (one per font set: a batch makes one)."""


class LayoutError(DeliveryError):
    """typst refused a document; ``detail`` is its own message."""

    def __init__(self, message: str, detail: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.detail = detail


def font_paths() -> tuple[str, ...]:
    """The font folders or files named by ``RIGHTS_FONT_PATH`` (InputError for one that
    does not exist: a misspelt path would otherwise be silently ignored)."""
    value = os.environ.get(FONT_PATH_VARIABLE, "")
    paths = tuple(part for part in value.split(os.pathsep) if part.strip())
    for part in paths:
        if not Path(part).exists():
            raise InputError(
                f"{FONT_PATH_VARIABLE}: {part!r} does not exist",
                hint=f"set {FONT_PATH_VARIABLE} to folders or font files that exist "
                f"(several: separated by {os.pathsep!r}), or unset it",
            )
    return paths


@lru_cache(maxsize=2)
def _compiler(paths: tuple[str, ...]) -> typst.Compiler:
    import typst

    global compilers_made
    compilers_made += 1
    return typst.Compiler(font_paths=list(paths), ignore_system_fonts=True)


def compiler() -> typst.Compiler:
    """The process's typst compiler for the current font set (built on first use)."""
    return _compiler(font_paths())


def compile_pages(
    source: bytes,
    inputs: Mapping[str, str],
    fmt: Literal["pdf", "png"],
    ppi: float | None = None,
) -> list[bytes]:
    """``source`` in ``fmt`` (``png``: one image per page; ``pdf``: one plain PDF, not
    PDF/A), to rasterise an enclosure or probe a PDF's pages. Raises LayoutError."""
    try:
        out = compiler().compile(input=source, sys_inputs=dict(inputs), format=fmt, ppi=ppi)
    except Exception as exc:  # typst raises its own error types
        raise _layout_error(exc) from None
    if isinstance(out, bytes):
        return [out]
    if not isinstance(out, list):
        raise DeliveryError("the layout returned no pages")
    return out


@lru_cache(maxsize=2)
def _fonts(paths: tuple[str, ...]) -> typst.Fonts:
    import typst

    return typst.Fonts(include_system_fonts=False, font_paths=list(paths))


def query(source: bytes, inputs: Mapping[str, str], selector: str) -> list[object]:
    """The ``value`` of each ``metadata`` element ``selector`` (a label, e.g.
    ``<rights-fit>``) finds in ``source``, laid out with the same fonts as every PDF (loaded
    once per process): a measuring pass that writes no document. Raises LayoutError.

    typst's compiler object queries only the document it was made for, so this uses
    typst's one-shot query, on the fonts loaded once."""
    import typst

    try:
        found = typst.query(
            source,
            selector,
            field="value",
            font_paths=_fonts(font_paths()),
            ignore_system_fonts=True,
            sys_inputs=dict(inputs),
        )
    except Exception as exc:  # typst raises its own error types
        raise _layout_error(exc) from None
    values = json.loads(found)
    if not isinstance(values, list):
        raise DeliveryError("the layout query returned no list")
    return values


def pdf(
    source: bytes,
    inputs: Mapping[str, str],
    fields: Mapping[str, str],
    instead: str | None = None,
) -> bytes:
    """``source`` typeset as PDF/A-2b, its ``sys.inputs`` being ``inputs``.

    ``fields`` (a name the user knows, e.g. "the recipient's address", then its text) are
    checked against the fonts first (:func:`check_glyphs`; ``instead`` names another way
    to write the document in the hint). Raises InputError for a character no font shows,
    LayoutError when typst refuses the document."""
    check_glyphs(fields, instead)
    try:
        out = compiler().compile(
            input=source, sys_inputs=dict(inputs), format="pdf", pdf_standards=PDF_STANDARD
        )
    except Exception as exc:  # typst raises its own error types
        missing = _not_displayed(exc)
        if missing:  # a character the check did not see (e.g. of the template itself)
            raise _glyph_error({"the document": missing}, instead) from None
        raise _layout_error(exc) from None
    if not isinstance(out, bytes):
        raise DeliveryError("the layout returned no document")
    return out


# What is known about each character, per font set: shown, or missing.
_known: dict[tuple[str, ...], dict[str, bool]] = {}

_PROBE = b"""
#set text(font: ("Libertinus Serif", "New Computer Modern"))
#for c in json(bytes(sys.inputs.chars)) [#box(c) #box(strong(c)) #box(emph(c)) ]
"""


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` that no font can show (in the order of first use).
    Characters are checked once per process: a batch probes only what is new."""
    known = _known.setdefault(font_paths(), {})
    chars = [c for c in dict.fromkeys(text) if not c.isspace() and c.isprintable()]
    new = [c for c in chars if c not in known]
    if new:
        missing = set(_probe(new))
        known.update({c: c not in missing for c in new})
    return [c for c in chars if not known[c]]


def check_glyphs(fields: Mapping[str, str], instead: str | None = None) -> None:
    """InputError naming each field with characters no font can show, and those
    characters; nothing when every character has a glyph."""
    found = {name: gaps for name, text in fields.items() if (gaps := missing_glyphs(text))}
    if found:
        raise _glyph_error(found, instead)


def _probe(chars: list[str]) -> list[str]:
    """The characters typst cannot display (its PDF/A check names each one)."""
    data = json.dumps(chars, ensure_ascii=False)
    try:
        compiler().compile(
            input=_PROBE, sys_inputs={"chars": data}, format="pdf", pdf_standards=PDF_STANDARD
        )
    except Exception as exc:  # typst raises its own error types
        missing = _not_displayed(exc)
        if not missing:
            raise _layout_error(exc) from None
        return missing
    return []


_NOT_DISPLAYED = re.compile(r'the text `"((?:[^"\\]|\\.)*)"` could not be displayed')
_ESCAPE = re.compile(r"\\(u\{([0-9a-fA-F]+)\}|.)")
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}


def _unescape(text: str) -> str:
    """A string as typst's message quotes it (Rust's escapes) back as it was."""

    def one(m: re.Match[str]) -> str:
        if m.group(2):
            return chr(int(m.group(2), 16))
        return _ESCAPED.get(m.group(1), m.group(1))

    return _ESCAPE.sub(one, text)


def _not_displayed(exc: Exception) -> list[str]:
    """The characters a typst error says no font could display (none: another error)."""
    text = str(getattr(exc, "diagnostic", "") or exc)
    found = [_unescape(m) for m in _NOT_DISPLAYED.findall(text)]
    chars = (c for piece in found for c in piece if not c.isspace())
    return list(dict.fromkeys(chars))


def _glyph_error(found: Mapping[str, list[str]], instead: str | None) -> InputError:
    def listed(chars: list[str]) -> str:
        return ", ".join(f"{c} (U+{ord(c):04X})" for c in chars)

    groups: dict[tuple[str, ...], list[str]] = {}  # the same characters: one list
    for name, chars in found.items():
        groups.setdefault(tuple(chars), []).append(name)
    where = "; ".join(
        f"{listed(list(chars))} in {' and '.join(names)}" for chars, names in groups.items()
    )
    hint = (
        f"set {FONT_PATH_VARIABLE} to a font folder or file that covers them, e.g. Noto Sans "
        f"CJK for Chinese, Japanese or Korean (several paths: separated by {os.pathsep!r})"
    )
    return InputError(
        f"the PDF fonts have no glyph for {where}; no PDF was written",
        hint=f"{hint}; or {instead}" if instead else hint,
    )


def _layout_error(exc: Exception) -> LayoutError:
    detail = str(getattr(exc, "message", "") or exc)
    return LayoutError(f"PDF layout failed: {detail}", detail)
