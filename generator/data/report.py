"""Problems as people read them: pydantic's errors and the loader's and rules'
findings turned into Problems naming file, line, column, entry, field and a fix.

Messages are keyed on each error's ``type`` (errors.MESSAGES), never on
pydantic's own wording.
"""

from __future__ import annotations

import bisect
import difflib
import typing
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from . import loader
from .errors import FILE_LEVEL, NO_FIELD, Problem, describe
from .fields import _SLUG

Loc = tuple[Any, ...]


def entry_name(data: loader.MarkedList, index: int) -> str:
    item = data[index]
    entry_id = item.get("id") if isinstance(item, dict) else None
    if isinstance(entry_id, str) and len(entry_id) <= 80 and _SLUG.fullmatch(entry_id):
        return entry_id
    return f"entry {index + 1}"


def format_loc(loc: Loc) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or NO_FIELD


def _problem(name: str, mark: loader.Mark, where: str, loc: Loc, type_: str, context: dict[str, Any]) -> Problem:
    loc = tuple(_shorten(part) if isinstance(part, str) else part for part in loc)
    field_name = next((part for part in reversed(loc) if isinstance(part, str)), "")
    message, fix = describe(type_, {"field": field_name, **context})
    return Problem(
        printable(name),
        mark.line,
        mark.column,
        printable(where),
        printable(format_loc(loc)),
        printable(message),
        printable(fix),
        type_,
    )


def printable(text: str) -> str:
    """Invisible and control characters written as \\uXXXX, so that a report is
    one line and a terminal or CI log shows exactly what the file holds."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04X}" for ch in text)


def _shorten(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _from_raw(name: str, raw: loader.RawProblem, data: Any, where: str | None = None) -> Problem:
    loc = raw.path
    if not loc and where is None and raw.type in _FOUND_BY_LINE and isinstance(data, loader.MarkedList):
        loc = _path_at_line(data, raw.mark.line)
    if where is None:
        if loc and isinstance(loc[0], int) and isinstance(data, loader.MarkedList) and loc[0] < len(data):
            where = entry_name(data, loc[0])
        elif loc and isinstance(loc[0], int):
            where = f"entry {loc[0] + 1}"
        else:
            where = FILE_LEVEL
    field_loc = loc[1:] if loc and isinstance(loc[0], int) else loc
    return _problem(name, raw.mark, where, field_loc, raw.type, raw.context)


# Problems found in the text before it is read as YAML: their line tells the entry and field.
_FOUND_BY_LINE = frozenset({"tab", "bidi", "zero_width", "invisible", "control", "more_characters", "nul", "encoding"})


def _path_at_line(data: loader.MarkedList, line: int) -> Loc:
    """The entry, and the field within it, that a line of the file belongs to."""
    starts = [mark.line for mark in data.item_marks]
    index = bisect.bisect_right(starts, line) - 1
    if index < 0:
        return ()
    item = data[index]
    if isinstance(item, loader.MarkedMap):
        fields = [key for key, mark in item.key_marks.items() if mark.line <= line]
        if fields:
            return (index, max(fields, key=lambda key: item.key_marks[key]))
    return (index,)


_EMPTY_TYPES = {
    "string_type",
    "list_type",
    "model_type",
    "dict_type",
    "model_attributes_type",
    "literal_error",
    "date_format",
    "yes_no",
    "whole_number",
    "bool_type",
}


def problem_from_pydantic(
    name: str, root: Any, prefix: Loc, err: Mapping[str, Any], where: str, model: type[BaseModel]
) -> Problem:
    loc = tuple(err["loc"])
    type_ = err["type"]
    value = err.get("input")
    context: dict[str, Any] = dict(err.get("ctx") or {})
    context["input"] = _show(value)
    context["found"] = _found(value)
    if type_ == "extra_forbidden":
        mark = loader.locate(root, loc, key=True)
        known = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.5)
        context["suggestion"] = (
            f"did you mean '{close[0]}'?" if close else f"remove it; known fields here are: {', '.join(known)}"
        )
    else:
        mark = loader.locate(root, loc)
    if type_ in _EMPTY_TYPES and value is None:
        type_ = "empty"
    elif type_ in ("model_type", "dict_type", "model_attributes_type"):
        type_ = "model_type"
    elif type_ == "literal_error":
        allowed = _literal_values(model, loc)
        context["expected"] = ", ".join(allowed)
        close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.5) if isinstance(value, str) else []
        context["suggestion"] = f" (did you mean '{close[0]}'?)" if close else ""
    elif type_ == "string_too_long" and isinstance(value, str):
        context["length"] = len(value.strip())
    elif type_ == "too_short":
        context["plural"] = "" if context.get("min_length") == 1 else "s"
    return _problem(name, mark or loader.Mark(1, 1), where, prefix + loc, type_, context)


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    text = value if isinstance(value, str) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _found(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "fields ('name: value' lines)"
    if isinstance(value, list):
        return "a list"
    return f"the text '{_show(value)}'"


def _annotation_at(model: type[BaseModel], loc: Loc) -> Any:
    """The type annotation reached by following ``loc`` through the models."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(part, int) or part == "[key]":
            args = typing.get_args(annotation)
            annotation = args[-1] if args else Any
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
        elif typing.get_origin(annotation) is dict:
            annotation = typing.get_args(annotation)[1]
        else:
            return Any
    return annotation


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated and Optional so that lists, dicts and models show through."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
            options = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(options) != 1:
                return annotation
            annotation = options[0]
        else:
            return annotation


def _fields_at(model: type[BaseModel], loc: Loc) -> list[str]:
    target = _unwrap(_annotation_at(model, loc))
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []


def _literal_values(model: type[BaseModel], loc: Loc) -> list[str]:
    target = _unwrap(_annotation_at(model, loc))
    if typing.get_origin(target) is typing.Literal:
        return [str(v) for v in typing.get_args(target)]
    return []
