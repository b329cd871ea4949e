"""Reading back the PDFs we write as a PDF/A checker would, with the tools at hand (no
veraPDF on the package registries): ``qpdf --check`` for the structure, the XMP metadata
for the PDF/A part and conformance, ``pdffonts`` for embedded fonts; and page images
(poppler's ``pdftoppm`` and ``pdfimages``) compared by their brightness."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

TIMEOUT = 60


def _run(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(args, input=data, capture_output=True, timeout=TIMEOUT)


def xmp(pdf: bytes) -> str:
    """The document's XMP metadata packet (PDF/A keeps it unfiltered, readable as it is)."""
    start = pdf.find(b"<x:xmpmeta")
    assert start >= 0, "no XMP metadata in the PDF"
    return pdf[start : pdf.index(b"</x:xmpmeta>", start)].decode()


def pdfa_part(pdf: bytes) -> tuple[str, str]:
    """``(part, conformance)`` from the XMP metadata (as element or attribute)."""
    meta = xmp(pdf)
    found = []
    for key in ("part", "conformance"):
        m = re.search(rf"pdfaid:{key}(?:>|=\")([^<\"]+)", meta)
        assert m, f"no pdfaid:{key} in the XMP metadata"
        found.append(m.group(1).strip())
    return found[0], found[1]


def fonts(path: Path) -> list[dict[str, str]]:
    """``pdffonts`` rows: name, type, emb (yes/no), sub, uni."""
    done = _run(["pdffonts", str(path)])
    assert done.returncode == 0, done.stderr.decode()
    lines = done.stdout.decode().splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type [encoding words...] emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def assert_pdfa_2b(pdf: bytes, tmp_path: Path) -> None:
    """The PDF passes ``qpdf --check``, says PDF/A-2b in its XMP, embeds every font."""
    path = tmp_path / "checked.pdf"
    path.write_bytes(pdf)
    done = _run(["qpdf", "--check", str(path)])
    out = done.stdout.decode() + done.stderr.decode()
    assert done.returncode == 0, out
    assert "No syntax or stream encoding errors found" in out, out
    assert pdfa_part(pdf) == ("2", "B")
    rows = fonts(path)
    assert rows, "no fonts in the PDF"
    assert all(row["emb"] == "yes" for row in rows), rows


def read_pnm(data: bytes) -> tuple[int, int, int, bytes]:
    """``(width, height, channels, pixels)`` of a binary PGM (P5) or PPM (P6)."""
    m = re.match(rb"(P[56])\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert m, data[:20]
    channels = 1 if m.group(1) == b"P5" else 3
    return int(m.group(2)), int(m.group(3)), channels, data[m.end() :]


def brightness_grid(data: bytes, cells: int = 16) -> list[float]:
    """The mean brightness (0-255) of each of ``cells`` x ``cells`` parts of an image."""
    width, height, channels, px = read_pnm(data)
    sums = [0.0] * (cells * cells)
    counts = [0] * (cells * cells)
    for y in range(0, height, 3):
        row = y * width * channels
        cy = y * cells // height
        for x in range(0, width, 3):
            i = row + x * channels
            cell = cy * cells + x * cells // width
            sums[cell] += sum(px[i : i + channels]) / channels
            counts[cell] += 1
    return [s / max(c, 1) for s, c in zip(sums, counts, strict=True)]


def rendered_page(pdf: Path, page: int, ppi: int, tmp_path: Path) -> bytes:
    """Page ``page`` of ``pdf`` rendered by poppler as a grey PGM."""
    prefix = tmp_path / f"render-{page}"
    done = _run(["pdftoppm", "-gray", "-r", str(ppi), "-f", str(page), "-l", str(page),
                 "-singlefile", str(pdf), str(prefix)])  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()
    return prefix.with_suffix(".pgm").read_bytes()


def images_on_page(pdf: Path, page: int, tmp_path: Path) -> list[tuple[int, int, bytes]]:
    """The images drawn on ``page`` (``pdfimages``): width, height and the PNM pixels
    (soft masks left out)."""
    listing = _run(["pdfimages", "-list", "-f", str(page), "-l", str(page), str(pdf)])
    kinds = [line.split()[2] for line in listing.stdout.decode().splitlines()[2:]]
    folder = tmp_path / f"images-{page}"
    folder.mkdir()
    done = _run(["pdfimages", "-f", str(page), "-l", str(page), str(pdf), str(folder / "i")])
    assert done.returncode == 0, done.stderr.decode()
    files = sorted(folder.iterdir())
    out = []
    for kind, file in zip(kinds, files, strict=True):
        if kind == "image":
            width, height, _, _ = read_pnm(file.read_bytes())
            out.append((width, height, file.read_bytes()))
    return out
