"""Plain text: the letter to read, copy or print; written to ``<ref>.txt`` only on request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rights.delivery import Options, Outcome, output_path, write_private

if TYPE_CHECKING:
    from rights.letters.context import Letter


def deliver(letter: Letter, options: Options) -> Outcome:
    """The text; also a ``.txt`` file (0600) when an output folder was given."""
    if options.out_dir is None:
        return Outcome(channel="text", text=letter.text)
    path = output_path(options, f"{letter.ref}.txt", "text")
    write_private(path, letter.text.encode("utf-8"))
    return Outcome(channel="text", text=letter.text, files=(path,))
