"""Counts in words, for every message that gives one: "1 problem", "2 problems",
"1 entry", "3 entries". One helper, so no message gets its plural wrong."""

from __future__ import annotations

# Nouns whose plural is not the noun and "s".
_PLURALS = {"entry": "entries", "address": "addresses", "is": "are", "entry is": "entries are"}


def plural(noun: str, count: int) -> str:
    """The noun for this many: plural("entry", 2) == "entries"."""
    return noun if count == 1 else _PLURALS.get(noun, noun + "s")


def count(number: int, noun: str) -> str:
    """The number and its noun: count(1, "problem") == "1 problem"; count(0, "entry") == "0 entries"."""
    return f"{number} {plural(noun, number)}"
