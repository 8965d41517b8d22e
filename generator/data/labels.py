"""Values typed by people: an id, or the label people see, matched exactly but
for capitals, spaces and hyphens ("English" → en, "self referral" →
self-referral, "Dudley" → england/dudley). Nothing is guessed: a word that
matches no id or label, or matches two, is left as typed for the checks to
report (with their "did you mean …?").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .schema import (
    ACCESS,
    AUDIENCES,
    COSTS,
    CRISIS_NEEDS,
    FORMATS,
    KINDS,
    PRACTICE_LEVELS,
    VISIBILITY,
)
from .taxonomy import Taxonomy

_NOISE = re.compile(r"[\s_-]+")


def normal(text: str) -> str:
    return _NOISE.sub("", text.casefold())


def _fixed(table: Mapping[str, Any]) -> dict[str, str]:
    labels = {key: value[0] if isinstance(value, tuple) else value for key, value in table.items()}
    return {key: str(label) for key, label in labels.items()}


def vocabulary(field: str, taxonomy: Taxonomy) -> dict[str, str]:
    """{id: label} for a field whose values come from a list."""
    fixed: dict[str, Mapping[str, Any]] = {
        "kind": KINDS,
        "audience": AUDIENCES,
        "cost": COSTS,
        "format": FORMATS,
        "access": ACCESS,
        "practice_level": PRACTICE_LEVELS,
        "location_visibility": VISIBILITY,
        "crisis_needs": CRISIS_NEEDS,
    }
    if field in fixed:
        return _fixed(fixed[field])
    if field in ("topics", "settings"):
        return {key: term.label for key, term in getattr(taxonomy, field).items()}
    if field == "languages":
        return dict(taxonomy.languages)
    return {}


def match(text: str, table: Mapping[str, str]) -> str:
    """The id whose id or label is the text (ignoring case, spaces and hyphens); else the text."""
    wanted = normal(text)
    found = {key for key, label in table.items() if wanted in (normal(key), normal(label))}
    # A label such as "Welsh (Cymraeg)" also answers to its first part, "Welsh".
    if not found:
        found = {key for key, label in table.items() if wanted == normal(label.split(" (")[0])}
    return found.pop() if len(found) == 1 else text.strip()


def region(text: str, taxonomy: Taxonomy) -> Any:
    """A region id, ``region:area`` / ``region/area``, or a region's or an area's id or label."""
    text = text.strip()
    for separator in (":", "/"):
        if separator in text:
            region_text, _, area_text = text.partition(separator)
            region_id = match(region_text, {k: t.label for k, t in taxonomy.regions.items()})
            areas = taxonomy.regions[region_id].area_labels if region_id in taxonomy.regions else {}
            return {"region": region_id, "area": match(area_text, areas)}
    region_id = match(text, {k: t.label for k, t in taxonomy.regions.items()})
    if region_id in taxonomy.regions:
        return region_id
    wanted = normal(text)
    found = [
        (r, a)
        for r, term in taxonomy.regions.items()
        for a, label in term.area_labels.items()
        if wanted in (normal(a), normal(label))
    ]
    if len(found) == 1:
        return {"region": found[0][0], "area": found[0][1]}
    return text


def split(text: str) -> list[str]:
    """Values separated by commas (as every prompt says), or by semicolons."""
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
