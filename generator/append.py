"""Add new entries to the end of a data file: YAML text, checked, written atomically.

The existing text is kept byte for byte; the new entries are added after it.
The whole result is checked with the same loader, model and rules as
``python -m generator check`` before it replaces the file (through a temporary
file in the same folder and a rename), so a failed import leaves the file as
it was.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from . import loader
from .errors import DataError, Problem
from .validate import Directory, load_directory

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Text that YAML reads back unchanged without quotes in a block mapping.
_PLAIN = re.compile(r"^[A-Za-z0-9(][^\n\r\t\"']*$")


def scalar(text: str) -> str:
    """A value as YAML: plain when that reads back as the same text, otherwise double-quoted."""
    plain = (
        _PLAIN.match(text)
        and ": " not in text and " #" not in text and not text.endswith((":", " "))
        and text not in loader.NULLS and text.isprintable()
    )
    return text if plain else json.dumps(text, ensure_ascii=False)


def _is_simple(value: Any) -> bool:
    return isinstance(value, str) and (_SLUG.match(value) is not None or _DATE.match(value) is not None)


def _lines(key: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, dict):
        return [f"{key}:", *(line for k, v in value.items() if v not in (None, [], {})
                             for line in _indented(_lines(k, v, indent), indent))]
    if isinstance(value, list):
        if all(_is_simple(item) for item in value):
            return [f"{key}: [{', '.join(value)}]"]
        lines = [f"{key}:"]
        for item in value:
            if isinstance(item, dict):
                fields = [line for k, v in item.items() if v not in (None, [], {}) for line in _lines(k, v, indent)]
                lines += [f"{indent}- {fields[0]}", *(f"{indent}  {line}" for line in fields[1:])]
            else:
                lines.append(f"{indent}- {scalar(str(item))}")
        return lines
    text = str(value)
    if "\n" in text and all(part.isprintable() and part == part.strip() for part in text.split("\n")):
        # Paragraphs as a literal block, as people write them by hand.
        return [f"{key}: |-", *(f"{indent}{part}" if part else "" for part in text.split("\n"))]
    return [f"{key}: {scalar(text)}"]


def _indented(lines: list[str], indent: str) -> list[str]:
    return [f"{indent}{line}" if line else "" for line in lines]


def entry_yaml(entry: dict[str, Any]) -> str:
    """One entry as a YAML list item, fields in the order given."""
    lines: list[str] = []
    for key, value in entry.items():
        if value in (None, [], {}):
            continue
        field_lines = _lines(key, value, "  ")
        lead = "- " if not lines else "  "
        lines.append(lead + field_lines[0])
        lines += _indented(field_lines[1:], "  ")
    return "\n".join(lines) + "\n"


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


def append_entries(path: Path, existing: Existing, text: str, taxonomy_path: Path,
                   today: date | None = None, *, write: bool = True) -> Directory:
    """Check the file as it would be with ``text`` added at the end and, when
    ``write`` is true, replace the file with it. Raises DataError and leaves
    the file untouched when the result does not pass the check."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(combined_text(existing, text))
        directory = load_directory(temporary, taxonomy_path, today=today)
        if write:
            if path.exists():
                os.chmod(temporary, path.stat().st_mode & 0o777)
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(temporary, path)
        return directory
    finally:
        temporary.unlink(missing_ok=True)


__all__ = ["DataError", "Existing", "Problem", "append_entries", "entry_yaml", "first_new_line", "read_existing", "scalar"]
