"""JSON that stays inert wherever it lands: in a file, in a page's script element,
or put into a page by a script. ``<``, ``>``, ``&``, U+2028 and U+2029 are
written as ``\\u`` escapes (they only ever occur inside JSON strings, where the
escapes mean the same), so no text can end a script element, open a tag or
break a JavaScript string. The finder data, the search index, the open data
files and the JSON-LD blocks all use it.
"""

from __future__ import annotations

import json
from typing import Any


def to_json(value: Any, *, indent: int | None = 1) -> str:
    """JSON in which markup characters are escaped, so that the text stays inert
    even if a consumer ever put it into a page (as the finder data does)."""
    separators = (",", ":") if indent is None else None
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    return inert(text) + "\n"


def inert(json_text: str) -> str:
    # These characters only ever occur inside JSON strings, where the escapes mean the same.
    return (
        json_text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def compact(value: Any) -> str:
    """Inert JSON on one line, without spaces, for files the browser fetches."""
    return inert(json.dumps(value, ensure_ascii=False, separators=(",", ":")))
