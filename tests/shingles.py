"""Hashes of 8-word runs, to find text copied from a source."""

from __future__ import annotations

import hashlib
import re

WIDTH = 8


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))


def shingles(text: str, width: int = WIDTH) -> set[str]:
    tokens = words(text)
    return {
        hashlib.sha1(" ".join(tokens[i : i + width]).encode()).hexdigest()[:12] for i in range(len(tokens) - width + 1)
    }
