"""YAML text for new entries, as people write them by hand: fields in the
model's order, slugs in flow lists, phones as a block, descriptions as literal
blocks, and every value quoted only when it would not read back as itself.
``new`` and ``import-hsds`` both write with it.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from ..data import loader
from ..data.schema import ENTRY_FIELDS

_PLAIN_ITEM = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_NUMBER = re.compile(r"^[0-9]+$")
_BLOCK_LISTS = {"sources"}  # long addresses read better one per line, as in the bundled file
_QUOTED = {"number"}  # phone numbers are always quoted, as in the bundled file


class WriterError(ValueError):
    """The entry cannot be written as YAML (it has no fields)."""


def scalar(value: str, *, quote: bool = False) -> str:
    """A YAML scalar that reads back as exactly ``value``: plain when that is safe
    (PyYAML's emitter decides), otherwise double-quoted with escapes."""
    if not quote:
        plain: str = yaml.safe_dump(value, width=float("inf"), allow_unicode=True)
        if plain.endswith("\n...\n"):
            plain = plain[: -len("\n...\n")]
        else:
            plain = plain.rstrip("\n")
        if "\n" not in plain and plain == value and value not in loader.NULLS:
            return plain
    quoted: str = yaml.safe_dump(value, default_style='"', width=float("inf"), allow_unicode=True)
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
        inner = [
            line for k, v in value.items() if v not in (None, "", []) for line in _field_lines(k, v, indent + "  ")
        ]
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
    # The model's order, then any other key (a hostile import may carry one; check reports it).
    for key in [*ENTRY_FIELDS, *(k for k in values if k not in ENTRY_FIELDS)]:
        value = values.get(key)
        if value is None or value == "" or value == []:
            continue
        lines += _field_lines(key, value, indent + "  ")
    if not lines:
        raise WriterError("the entry has no fields")
    lines[0] = indent + "- " + lines[0][len(indent) + 2 :]
    return "\n".join(lines) + "\n"
