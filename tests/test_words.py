"""Counts in words come from one helper."""

import re
from pathlib import Path

import pytest

from generator.data.words import count, plural

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("number", "noun", "expected"),
    [
        (0, "problem", "0 problems"),
        (1, "problem", "1 problem"),
        (2, "problem", "2 problems"),
        (1, "entry", "1 entry"),
        (3, "entry", "3 entries"),
        (2, "address", "2 addresses"),
        (1, "address", "1 address"),
    ],
)
def test_counts(number, noun, expected):
    assert count(number, noun) == expected


def test_verbs_agree():
    assert plural("entry is", 1) == "entry is" and plural("entry is", 4) == "entries are"


def test_no_module_writes_its_own_plural():
    hand_made = re.compile(r"""\{'s' if|\{"s" if|'y' if \w+ == 1 else 'ies'|'es' if \w+ != 1""")
    for path in (ROOT / "generator").rglob("*.py"):
        assert not hand_made.search(path.read_text(encoding="utf-8")), path
