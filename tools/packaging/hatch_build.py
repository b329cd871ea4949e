"""The wheel's build hook: the directory's record files go into the wheel as one archive
(written by ``records_archive.py``, read by ``rights/companies/archive.py``), everything
else of ``companies/`` as it is. Runs in the isolated build environment (hatchling and the
standard library only).
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET = "rights/_data/companies"


class CompaniesArchive(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        source = Path(self.root) / "companies"
        self._work = Path(tempfile.mkdtemp(prefix="rights-build-"))
        write = _writer(Path(self.root)).write
        records = sorted(p for p in source.glob("*.json") if not p.name.startswith("_"))
        write(records, self._work)
        include = build_data["force_include"]
        for name in ("_records.pack", "_records.idx"):
            include[str(self._work / name)] = f"{TARGET}/{name}"
        record_names = {p.name for p in records}
        for path in sorted(source.rglob("*")):
            if path.is_file() and not (path.parent == source and path.name in record_names):
                include[str(path)] = f"{TARGET}/{path.relative_to(source).as_posix()}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)


def _writer(root: Path) -> Any:
    """``tools/packaging/records_archive.py``, loaded from its file (the build environment
    has neither the package nor the checkout on its path)."""
    spec = importlib.util.spec_from_file_location(
        "_rights_records_archive", root / "tools" / "packaging" / "records_archive.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
