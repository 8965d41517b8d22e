"""Add one entry to a data file without touching anything else in it.

The new entry is written as YAML text and inserted as whole lines at its place
in id order; the rest of the file (comments, blank lines, quoting, the
``# yaml-language-server`` first line) is never re-dumped, so every other byte
stays as it was. The whole resulting text is then checked with the same code as
``python -m generator check``, and only a valid file replaces the old one, by a
rename, so a reader never sees half a file.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from . import loader
from .errors import DataError
from .schema import ENTRY_FIELDS
from .validate import display_path, load_directory

_PLAIN_ITEM = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_NUMBER = re.compile(r"^[0-9]+$")
_BLOCK_LISTS = {"sources"}  # long addresses read better one per line, as in the bundled file
_QUOTED = {"number"}  # phone numbers are always quoted, as in the bundled file


class NewEntryError(Exception):
    """The entry cannot be added; the message says why and what to do."""


# --- YAML text for one entry -----------------------------------------------------------


def scalar(value: str, *, quote: bool = False) -> str:
    """A YAML scalar that reads back as exactly ``value``: plain when that is safe
    (PyYAML's emitter decides), otherwise double-quoted with escapes."""
    if not quote:
        plain = yaml.safe_dump(value, width=float("inf"), allow_unicode=True)
        if plain.endswith("\n...\n"):
            plain = plain[: -len("\n...\n")]
        else:
            plain = plain.rstrip("\n")
        if "\n" not in plain and plain == value and value not in loader.NULLS:
            return plain
    quoted = yaml.safe_dump(value, default_style='"', width=float("inf"), allow_unicode=True)
    return quoted.rstrip("\n").removesuffix("\n...")


def _flow_item(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow_item(item)}" for key, item in value.items()) + "}"
    text = str(value)
    # In a flow list plain text must also avoid ',', '[', ']', '{' and '}'; slugs are safe.
    return text if _PLAIN_ITEM.match(text) else scalar(text, quote=True)


def _field_lines(key: str, value: Any, indent: str) -> list[str]:
    if isinstance(value, list):
        if not value:
            return []
        if key not in _BLOCK_LISTS and all(isinstance(v, str) and _PLAIN_ITEM.match(v) for v in value):
            return [f"{indent}{key}: [{', '.join(value)}]"]
        lines = [f"{indent}{key}:"]
        for item in value:
            if isinstance(item, dict) and key == "phones":
                first, *rest = [(k, v) for k, v in item.items() if v not in (None, "")]
                lines += _field_lines(first[0], first[1], indent + "  - ")
                lines += [line for k, v in rest for line in _field_lines(k, v, indent + "    ")]
            elif isinstance(item, dict):
                lines.append(f"{indent}  - {_flow_item(item)}")
            else:
                lines.append(f"{indent}  - {scalar(str(item))}")
        return lines
    if isinstance(value, dict):
        inner = [line for k, v in value.items() if v not in (None, "", []) for line in _field_lines(k, v, indent + "  ")]
        return [f"{indent}{key}:", *inner] if inner else []
    text = str(value)
    if key == "description" and "\n" in text.strip():
        # A literal block, as in the bundled file; paragraphs are tidied first so
        # no line starts or ends with spaces.
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        body = "\n\n".join(paragraphs).split("\n")
        return [f"{indent}{key}: |", *[f"{indent}  {line}" if line else "" for line in body]]
    if (
        (key == "last_reviewed" and _DATE.match(text))
        or (key == "review_every_months" and _NUMBER.match(text))
        or (key == "crisis" and text in ("true", "false"))
    ):
        return [f"{indent}{key}: {text}"]
    return [f"{indent}{key}: {scalar(text, quote=key in _QUOTED)}"]


def entry_yaml(values: dict[str, Any], indent: str = "") -> str:
    """The entry as YAML lines: fields in the model's order, empty ones left out."""
    lines: list[str] = []
    for key in ENTRY_FIELDS:
        value = values.get(key)
        if value is None or value == "" or value == []:
            continue
        lines += _field_lines(key, value, indent + "  ")
    if not lines:
        raise NewEntryError("the entry has no fields")
    lines[0] = indent + "- " + lines[0][len(indent) + 2 :]
    return "\n".join(lines) + "\n"


# --- where it goes ---------------------------------------------------------------------


def existing_ids(text: str) -> list[str]:
    """The ids of the entries in the file text, in file order (unreadable ones skipped)."""
    loaded = loader.load_text(text)
    if loaded.data is None:
        return []
    return [item.get("id") for item in loaded.data if isinstance(item, dict) and isinstance(item.get("id"), str)]


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


def validate_text(text: str, target: Path, taxonomy: Path, today: date | None = None) -> None:
    """Check the text exactly as ``check`` would check it at ``target``; raise DataError.

    The text is written to a temporary file beside the target (so that the final
    rename stays on one file system) and loaded with ``load_directory``; the
    problems are reported under the target's name.
    """
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        try:
            load_directory(temp, taxonomy, today=today)
        except DataError as error:
            name = display_path(target)
            raise DataError([replace(p, file=name) for p in error.problems]) from None
    finally:
        temp.unlink(missing_ok=True)


def write_atomically(path: Path, text: str) -> None:
    """Replace the file in one step: a temporary file beside it, then a rename."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.chmod(temp, path.stat().st_mode & 0o7777)
        except FileNotFoundError:
            pass
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


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
    validate_text(new_text, path, taxonomy, today)
    write_atomically(path, new_text)
    return new_text, line

