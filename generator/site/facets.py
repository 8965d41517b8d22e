"""The facets people filter by, shared by the facet pages and the finder.

A facet maps each entry to the set of values it matches. Regions are
expanded: an entry for the UK matches England, Scotland, Wales and Northern
Ireland too, and an entry for Dudley matches England.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable

from ..data.schema import (
    ACCESS,
    AUDIENCES,
    COSTS,
    FORMATS,
    KINDS,
    PRACTICE_LEVELS,
    Entry,
)
from ..data.taxonomy import Taxonomy


@dataclass(frozen=True)
class Facet:
    key: str  # used in paths and the finder data: find/<key>/<value>/
    label: str  # the filter's heading
    noun: str  # "a topic", for sentences
    values: Callable[[Entry, Taxonomy], Iterable[str]]
    labels: Callable[[Taxonomy], dict[str, str]]

    def label_of(self, value: str, taxonomy: Taxonomy) -> str:
        return self.labels(taxonomy).get(value, value)

    def counts(self, entries: Iterable[Entry], taxonomy: Taxonomy) -> Counter[str]:
        counter: Counter[str] = Counter()
        for entry in entries:
            counter.update(set(self.values(entry, taxonomy)))
        return counter

    def ordered(self, counts: Counter[str], taxonomy: Taxonomy) -> list[str]:
        """Values in the order the vocabulary lists them (which is meaningful), then any others."""
        known = [value for value in self.labels(taxonomy) if counts.get(value)]
        return known + sorted(value for value in counts if value not in known and counts[value])


def region_values(entry: Entry, taxonomy: Taxonomy) -> set[str]:
    values: set[str] = set()
    for ref in entry.regions:
        values |= taxonomy.covered_by(ref.region)
        if ref.area:
            # A service for the Black Country serves Dudley, which lies within it.
            values |= {f"{ref.region}/{area}" for area in taxonomy.areas_within(ref.region, ref.area)}
    return values


def region_labels(taxonomy: Taxonomy) -> dict[str, str]:
    labels: dict[str, str] = {}
    for key, term in taxonomy.regions.items():
        labels[key] = term.label
        for area, label in term.area_labels.items():
            labels[f"{key}/{area}"] = label
    return labels


def _plural_kinds(taxonomy: Taxonomy) -> dict[str, str]:
    return {key: plural for key, (_, plural) in KINDS.items()}


def _terms(vocabulary: str) -> Callable[[Taxonomy], dict[str, str]]:
    return lambda taxonomy: {key: taxonomy.label(vocabulary, key) for key in getattr(taxonomy, vocabulary)}


def _fixed(table: dict[str, str]) -> Callable[[Taxonomy], dict[str, str]]:
    return lambda taxonomy: table


FACETS: tuple[Facet, ...] = (
    Facet("kind", "Type of resource", "a type", lambda e, t: [e.kind], _plural_kinds),
    Facet("topic", "Topic", "a topic", lambda e, t: e.topics, _terms("topics")),
    Facet("setting", "Setting", "a setting", lambda e, t: e.settings, _terms("settings")),
    Facet("audience", "Who it is for", "an audience", lambda e, t: e.audience, _fixed(AUDIENCES)),
    Facet("region", "Nation or area", "a place", region_values, region_labels),
    Facet("cost", "Cost", "a cost", lambda e, t: [e.cost] if e.cost else [], _fixed(COSTS)),
    Facet("format", "Format", "a format", lambda e, t: e.format, _fixed(FORMATS)),
    Facet("access", "How to get it", "a way in", lambda e, t: [e.access] if e.access else [], _fixed(ACCESS)),
    Facet("level", "Practice level", "a practice level", lambda e, t: e.practice_level, _fixed(PRACTICE_LEVELS)),
)
FACETS_BY_KEY = {facet.key: facet for facet in FACETS}
