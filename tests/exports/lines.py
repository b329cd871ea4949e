"""Tests read and write json exports (format version 3, JSON lines) as one object.

``parse_export`` gives the header with the cases under ``"cases"`` (the shape of version
2) and each case's content record lines; ``dump_export`` writes them back as version 3,
each case's records right after its line, and the end line.
"""

from __future__ import annotations

import json
from typing import Any


def parse_export(text: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """(header with ``cases``, content record lines by reference) of an export's text."""
    lines = [line + "\n" for line in text.split("\n") if line]  # never splitlines: U+2028
    data = json.loads(lines[0])
    data["cases"] = []
    records: dict[str, list[str]] = {}
    for line in lines[1:]:
        item = json.loads(line)
        if "end" in item:
            assert item == {"cases": len(data["cases"]), "end": True}, item
        elif "content_base64" in item:
            records.setdefault(data["cases"][-1]["ref"], []).append(line)
        else:
            data["cases"].append(item)
    return data, records


def dump_export(data: dict[str, Any], records: dict[str, list[str]] | None = None) -> str:
    """The version 3 text of ``data`` (``parse_export``'s shape) and its records."""
    head = {k: v for k, v in data.items() if k != "cases"}
    out = [json.dumps(head, sort_keys=True) + "\n"]
    for case in data["cases"]:
        out.append(json.dumps(case, sort_keys=True, ensure_ascii=False) + "\n")
        out += (records or {}).get(case["ref"], [])
    out.append(json.dumps({"cases": len(data["cases"]), "end": True}, sort_keys=True) + "\n")
    return "".join(out)
