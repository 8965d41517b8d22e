"""Text from other systems, cleaned before it becomes entry fields.

Characters the data file refuses (tabs, control, bidi and zero-width
characters) are removed, lines are joined where a field is one line, and
long descriptions are split into a summary and a description.
"""

from __future__ import annotations

import re
from typing import Any

from ..data.fields import _PHONE, check_https_url
from ..data.loader import _FORBIDDEN


def text(value: Any) -> str | None:
    """Text without the characters the data file refuses (a tab becomes a space); None when empty."""
    if isinstance(value, bool) or value is None:
        return None
    found = str(value) if isinstance(value, (int, float)) else value
    if not isinstance(found, str):
        return None
    found = _FORBIDDEN.sub(lambda m: " " if m.group() == "\t" else "", found)
    return found.strip() or None


def line(value: Any) -> str | None:
    found = text(value)
    return " ".join(found.split()) if found else None


def paragraphs(value: Any) -> list[str]:
    found = (text(value) or "").replace("\r\n", "\n")
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", found) if p.strip()]


def placeholder(key: str, value: Any) -> bool:
    """The official examples fill some fields with their own name ('wait_time')."""
    return isinstance(value, str) and value.strip().casefold() in {key.casefold(), key.replace("_", " ").casefold()}


def summary(parts: list[str], limit: int) -> tuple[str, list[str], str | None]:
    """(summary, description paragraphs, note): the first paragraph when it is short
    enough, otherwise its first sentences, with the whole text kept as the description."""
    first = parts[0]
    if len(first) <= limit:
        return first, parts[1:], None
    short = ""
    for sentence in re.split(r"(?<=[.!?])\s+", first):
        if len(short) + len(sentence) + 1 > limit:
            break
        short = f"{short} {sentence}".strip()
    if not short:
        short = first[: limit - 1].rsplit(" ", 1)[0] + "…"
    return short, parts, "shortened from the description's first paragraph; check that it reads well"


def description(parts: list[str], limit: int) -> tuple[str | None, str | None]:
    """Whole paragraphs up to the limit, and a note when some were left out."""
    kept: list[str] = []
    for paragraph in parts:
        if len("\n\n".join([*kept, paragraph])) > limit:
            return "\n\n".join(kept) or None, f"{len(parts) - len(kept)} paragraph(s) left out: over {limit} characters"
        kept.append(paragraph)
    return "\n\n".join(kept) or None, None


def https(value: Any) -> str | None:
    url = line(value)
    if not url:
        return None
    try:
        return check_https_url(url)
    except Exception:
        return None


def phone_number(value: Any) -> str | None:
    """A number we can dial: quotes dropped (the official examples have them),
    '(0)' dropped after a country code, brackets, dots and dashes as spaces."""
    found = (line(value) or "").replace('"', "").replace("'", "").replace("(0)", " ")
    found = " ".join(re.sub(r"[().\u2010-\u2015/]", " ", found).split())
    digits = sum(ch.isdigit() for ch in found)
    return found if _PHONE.match(found) and 3 <= digits <= 15 else None
