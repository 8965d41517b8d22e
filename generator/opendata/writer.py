"""The open data files, written into the built site one entry at a time.

At 100,000 entries the HSDS file alone is about 700 MB of text: held whole in
memory (as MkDocs holds a generated file's content) it would take gigabytes,
and published as it is it would take most of a static host's size limit
(GitHub Pages: 1 GB). So each file is written as it is made, and a file larger
than ``gzip_over`` bytes is published gzip-compressed instead, as
``<name>.gz`` (about a tenth of the size; every data tool opens it). The open
data page lists the files as published, with their sizes (plugin marker
``<!-- waymark:open-data-files -->``).
"""

from __future__ import annotations

import gzip
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..data.directory import Directory
from . import exports, hsds_export

GZIP_OVER = 10 * 1000 * 1000  # bytes: files above this are published as .gz


@dataclass(frozen=True)
class Written:
    path: str  # as published, under the site: "hsds/services.json" or "hsds/services.json.gz"
    size: int  # bytes as published
    gzipped: bool


def write_open_data(
    site_dir: Path, directory: Directory, site_name: str = "Waymark", gzip_over: int = GZIP_OVER
) -> list[Written]:
    """Write every open data file under ``site_dir``; raises OSError (naming the
    file) when one cannot be written."""
    written = []
    for path, make in exports.open_data_chunks(directory, site_name).items():
        target = Path(site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="") as out:
            for piece in make():
                out.write(piece)
        size = target.stat().st_size
        if size <= gzip_over:
            written.append(Written(path, size, False))
            continue
        packed = target.with_name(target.name + ".gz")
        # mtime 0 and no file name inside: the same data gives the same bytes.
        with open(target, "rb") as source, open(packed, "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
                shutil.copyfileobj(source, out, 1 << 20)
        os.unlink(target)
        written.append(Written(path + ".gz", packed.stat().st_size, True))
    return written


# What each file holds, for the open data page's table (in the site's words).
DESCRIPTIONS = {
    exports.JSON_PATH: "Every published entry, with the same fields and values as our own data file. "
    "The entries are in a list called `entries`, next to the licence and a count.",
    exports.SCHEMA_PATH: "A JSON Schema that describes `resources.json` field by field. "
    "`resources.json` points to it with its `$schema` key.",
    exports.CSV_PATH: "The same entries for spreadsheets: one row per entry and one column per field. "
    "Where a field holds several values, they are separated by a semicolon and a space.",
    hsds_export.SERVICES_PATH: "Every entry as a service in version 3.0 of the Human Services Data "
    "Specification (HSDS), the open standard for directories of services.",
}


def size_text(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1000 * 1000:
        return f"{size / 1000:.0f} KB"
    return f"{size / 1000 / 1000:.1f} MB"


def files_table(written: list[Written]) -> str:
    """The open data page's table of files (Markdown), as this build published them."""
    lines = ["| File | Size | What it holds |", "| --- | --- | --- |"]
    for item in written:
        source = item.path.removesuffix(".gz") if item.gzipped else item.path
        note = " Compressed with gzip because it is large: most tools open it as it is." if item.gzipped else ""
        name = item.path.rsplit("/", 1)[-1]
        lines.append(f"| [{name}]({item.path}) | {size_text(item.size)} | {DESCRIPTIONS[source]}{note} |")
    return "\n".join(lines) + "\n"
