"""Add new entries to the end of a data file: YAML text, checked, written atomically.

The existing text is kept byte for byte; the new entries are added after it.
The whole result is checked with the same loader, model and rules as
``python -m generator check`` before it replaces the file (through a temporary
file in the same folder and a rename), so a failed import leaves the file as
it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..data import loader
from ..data.errors import DataError, Problem
from ..data.files import write_atomically
from ..data.validate import Directory, check_text, load_directory
from .yaml_writer import entry_yaml, scalar

# --- the data file --------------------------------------------------------------------


@dataclass(frozen=True)
class Existing:
    raw: bytes
    ids: frozenset[str]


def read_existing(path: Path, taxonomy_path: Path, today: date | None = None) -> Existing:
    """The data file as it is, which must already pass the check; a missing or
    entry-less file counts as empty. Raises DataError."""
    if not path.exists():
        return Existing(b"", frozenset())
    raw = path.read_bytes()
    loaded = loader.load_bytes(raw)
    if loaded.data is None and loaded.problems and all(p.type in ("empty_file", "empty_list") for p in loaded.problems):
        return Existing(raw, frozenset())
    directory: Directory = load_directory(path, taxonomy_path, today=today)
    return Existing(raw, frozenset(directory.by_id))


def combined_text(existing: Existing, text: str) -> bytes:
    """The file after the import: the old bytes unchanged, then the new text."""
    raw = existing.raw
    if raw and not raw.endswith(b"\n"):
        raw += b"\n"
    return raw + text.encode("utf-8")


def first_new_line(existing: Existing) -> int:
    """The line of the combined file where the new text starts."""
    return combined_text(existing, "").count(b"\n") + 1


def append_entries(
    path: Path, existing: Existing, text: str, taxonomy_path: Path, today: date | None = None, *, write: bool = True
) -> Directory:
    """Check the file as it would be with ``text`` added at the end and, when
    ``write`` is true, replace the file with it. Raises DataError and leaves
    the file untouched when the result does not pass the check."""
    combined = combined_text(existing, text)
    directory = check_text(combined, path, taxonomy_path, today)
    if write:
        write_atomically(path, combined)
    return directory


__all__ = [
    "DataError",
    "Existing",
    "Problem",
    "append_entries",
    "entry_yaml",
    "first_new_line",
    "read_existing",
    "scalar",
]
