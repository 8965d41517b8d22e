"""Data file → validated Directory, or a DataError listing every problem at once.

Three passes, each collecting problems rather than stopping at the first:
reading (loader), the model (pydantic, per entry), and the rules that need the
whole directory or the taxonomy (unique ids, known topics, what each kind needs).
"""

from __future__ import annotations

import functools
import os
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import loader, rules
from .directory import Directory
from .errors import FILE_LEVEL, DataError, Problem
from .files import display_path
from .report import Loc, _found, _from_raw, _problem, entry_name, problem_from_pydantic
from .rules import MAX_PROBLEMS, check_vocabularies
from .schema import Entry
from .taxonomy import Taxonomy

# Kept here too: commands import them from the module that loads the data.
__all__ = ["Directory", "display_path", "load_directory", "read_taxonomy", "validate_entries", "check_rules"]


# --- entry points ---------------------------------------------------------------------


def load_directory(
    data_path: Path,
    taxonomy_path: Path,
    *,
    today: date | None = None,
    max_bytes: int = loader.DEFAULT_MAX_BYTES,
) -> Directory:
    """Load, validate and check the data file; raise DataError with every problem."""
    today = today or date.today()
    taxonomy = read_taxonomy(taxonomy_path, max_bytes=max_bytes)
    name = display_path(data_path)
    loaded = loader.load_file(data_path, max_bytes)
    data = loaded.data
    # When the file cannot be used, its outline still tells which entry and field a problem is in.
    located = data if data is not None else loaded.outline
    problems = [_from_raw(name, raw, located) for raw in loaded.problems]
    if data is None:
        raise DataError(problems)
    entries, model_problems = validate_entries(name, data, taxonomy)
    problems += model_problems
    problems += check_rules(name, data, entries, taxonomy, today)
    if problems:
        raise DataError(_at_most(problems, name))
    return Directory(tuple(entries.values()), taxonomy, today, name)


def _at_most(problems: list[Problem], name: str) -> list[Problem]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    kept = sorted(problems)[:MAX_PROBLEMS]
    last = kept[-1]
    more = _problem(name, loader.Mark(last.line, last.column), FILE_LEVEL, (), "more_problems", {"count": MAX_PROBLEMS})
    return [*kept, more]


def read_taxonomy(path: Path, *, max_bytes: int = loader.DEFAULT_MAX_BYTES) -> Taxonomy:
    name = display_path(path)
    loaded = loader.load_file(path, max_bytes, top_level=loader.MarkedMap)
    data = loaded.data
    problems = [_from_raw(name, raw, None, where=FILE_LEVEL) for raw in loaded.problems]
    if data is not None and not problems:
        try:
            return Taxonomy.model_validate(data)
        except ValidationError as error:
            problems += [problem_from_pydantic(name, data, (), err, FILE_LEVEL, Taxonomy) for err in error.errors()]
    raise DataError(problems)


def validate_entries(name: str, data: loader.MarkedList, taxonomy: Taxonomy) -> tuple[dict[int, Entry], list[Problem]]:
    context = {"allowed_hosts": frozenset(taxonomy.allowed_hosts)}
    entries: dict[int, Entry] = {}
    problems: list[Problem] = []
    validate = Entry.model_validate
    for index, item in enumerate(data):
        if len(problems) > MAX_PROBLEMS:
            break  # the rest of the file is not validated; the report says so
        if not isinstance(item, loader.MarkedMap):
            problems.append(
                _problem(name, data.item_marks[index], f"entry {index + 1}", (), "model_type", {"found": _found(item)})
            )
            continue
        try:
            entries[index] = validate(item, context=context)
        except ValidationError as error:
            where = entry_name(data, index)
            problems += [problem_from_pydantic(name, item, (), err, where, Entry) for err in error.errors()]
    return entries, problems


# --- rules across fields, entries and the taxonomy ------------------------------------


def check_rules(
    name: str, data: loader.MarkedList, entries: dict[int, Entry], taxonomy: Taxonomy, today: date
) -> list[Problem]:
    problems: list[Problem] = []

    def add(index: int, loc: Loc, type_: str, **context: Any) -> None:
        mark = loader.locate(data[index], loc) or data.item_marks[index]
        problems.append(_problem(name, mark, entry_name(data, index), loc, type_, context))

    first_seen: dict[str, int] = {}
    for index, item in enumerate(data):
        # Ids are checked on the raw data too, so a clash is found even in an invalid entry.
        entry_id = item.get("id") if isinstance(item, loader.MarkedMap) else None
        if not isinstance(entry_id, str):
            continue
        if entry_id in first_seen:
            first = loader.locate(data[first_seen[entry_id]], ("id",))
            first_line = first.line if first else data.item_marks[first_seen[entry_id]].line
            add(index, ("id",), "duplicate_id", input=entry_id, first_line=first_line)
        else:
            first_seen[entry_id] = index

    known_ids = set(first_seen)
    for index, item in enumerate(data):
        if len(problems) > MAX_PROBLEMS:
            return problems  # the report says there are more
        if isinstance(item, loader.MarkedMap):
            check_vocabularies(item, taxonomy, functools.partial(add, index))

    for index, entry in entries.items():
        if len(problems) > MAX_PROBLEMS:
            break
        rules.entry_rules(entry, taxonomy, today, known_ids, functools.partial(add, index))
    return problems


def check_text(text: str | bytes, target: Path, taxonomy_path: Path, today: date | None = None) -> Directory:
    """Check text exactly as ``check`` would check it as the file ``target``; raise
    DataError naming ``target``. The text is written to a temporary file beside the
    target and loaded with ``load_directory``."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".new", dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8") if isinstance(text, str) else text)
        try:
            return load_directory(temp, taxonomy_path, today=today)
        except DataError as error:
            name = display_path(target)
            raise DataError([replace(p, file=name) for p in error.problems]) from None
    finally:
        temp.unlink(missing_ok=True)
