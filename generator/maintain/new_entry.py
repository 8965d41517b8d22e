"""Add one entry to a data file without touching anything else in it.

The new entry is written as YAML text and inserted as whole lines at its place
in id order; the rest of the file (comments, blank lines, quoting, the
``# yaml-language-server`` first line) is never re-dumped, so every other byte
stays as it was. The whole resulting text is then checked with the same code as
``python -m generator check``, and only a valid file replaces the old one, by a
rename, so a reader never sees half a file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ..data import loader
from ..data.files import display_path, write_atomically
from ..data.validate import check_text
from .yaml_writer import WriterError, entry_yaml, scalar

__all__ = ["NewEntryError", "add_entry", "entry_yaml", "existing_ids", "insert_entry", "scalar", "write_atomically"]


class NewEntryError(WriterError):
    """The entry cannot be added; the message says why and what to do."""


# --- where it goes ---------------------------------------------------------------------


def existing_ids(text: str) -> list[str]:
    """The ids of the entries in the file text, in file order (unreadable ones skipped)."""
    loaded = loader.load_text(text)
    if loaded.data is None:
        return []
    return [item["id"] for item in loaded.data if isinstance(item, dict) and isinstance(item.get("id"), str)]


def insert_entry(text: str, entry_id: str, values: dict[str, Any]) -> tuple[str, int]:
    """The file text with the entry inserted before the first entry whose id sorts
    after it (or at the end), and the 1-based line where the entry now starts."""
    loaded = loader.load_text(text)
    if loaded.data is None:
        problems = "; ".join(f"line {p.mark.line}: {p.type}" for p in loaded.problems) or "it holds no entries"
        raise NewEntryError(
            f"the data file cannot be read ({problems}) — run 'python -m generator check' and fix it first"
        )
    data = loaded.data
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split("\n")  # keeps '\r' on each line of a CRLF file
    follower = next(
        (index for index, item in enumerate(data) if isinstance(item, dict) and str(item.get("id", "")) > entry_id),
        None,
    )
    if follower is None:
        last_start = data.item_marks[-1].line - 1
        dash = _dash_indent(lines[last_start])
        block = entry_yaml(values, dash).replace("\n", newline)
        body = text if text.endswith("\n") else text + newline
        start_line = body.count("\n") + 2
        return body + newline + block, start_line
    start = data.item_marks[follower].line - 1
    dash = _dash_indent(lines[start])
    if follower > 0:
        # Comments directly above an entry belong to it and stay with it. Above the
        # first entry they belong to the file (the yaml-language-server line).
        while start > 0 and lines[start - 1].strip().startswith("#") and _indent(lines[start - 1]) <= len(dash):
            start -= 1
    block = entry_yaml(values, dash).replace("\n", newline) + newline
    offset = sum(len(line) + 1 for line in lines[:start])
    return text[:offset] + block + text[offset:], start + 1


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _dash_indent(line: str) -> str:
    return " " * _indent(line)


# --- checking and writing --------------------------------------------------------------


def add_entry(path: Path, taxonomy: Path, values: dict[str, Any], today: date | None = None) -> tuple[str, int]:
    """Insert, check and write; returns the new text and the entry's first line.

    Raises NewEntryError (a plain message) or DataError (problems in the
    resulting file); in both cases the file is left exactly as it was.
    """
    entry_id = values.get("id")
    if not isinstance(entry_id, str) or not entry_id:
        raise NewEntryError("the entry needs an id")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NewEntryError(f"{display_path(path)} does not exist — check the path given with --data") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise NewEntryError(f"{display_path(path)} is not UTF-8 text — run 'python -m generator check' on it") from None
    if entry_id in existing_ids(text):
        raise NewEntryError(
            f"an entry with the id '{entry_id}' already exists in {display_path(path)} — "
            "choose another id, or edit that entry instead"
        )
    new_text, line = insert_entry(text, entry_id, values)
    check_text(new_text, path, taxonomy, today)
    write_atomically(path, new_text)
    return new_text, line
