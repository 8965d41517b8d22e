"""Data for the finder and My list: small static JSON files, built from the directory.

- find/finder.json: the facets with their values, and for each entry (in name
  order) the index of every value it matches. Filtering and counting happen
  in the browser from this alone.
- find/cards/<n>.json: what a result shows (name, summary, place, numbers),
  CHUNK entries per file, fetched only when results need them.
- find/ids.json: entry ids in the same order, for My list to find its entries.

Everything is data, never markup: the browser puts it on the page as text.
"""

from __future__ import annotations

from typing import Any

from ..data.directory import Directory
from ..data.json_text import compact
from ..data.schema import KINDS, Entry
from .facets import FACETS

CHUNK = 100
FINDER_PATH = "find/finder.json"
IDS_PATH = "find/ids.json"


def card_path(chunk: int) -> str:
    return f"find/cards/{chunk}.json"


def where(entry: Entry, directory: Directory) -> str:
    """A card's place line ("Dudley, UK-wide"), for the cards of both the server and the script."""
    taxonomy = directory.taxonomy
    return ", ".join(
        taxonomy.area_label(ref.region, ref.area) if ref.area else taxonomy.label("regions", ref.region)
        for ref in entry.regions
    )


def card(entry: Entry, directory: Directory) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entry.id,
        "name": entry.name,
        "kind": KINDS[entry.kind][0],
        "where": where(entry, directory),
        "summary": entry.summary,
    }
    if entry.crisis:
        data["crisis"] = True
    if entry.status == "paused":
        data["paused"] = True
    if entry.overdue(directory.today):
        data["overdue"] = True
    phones = [{"text": phone.label, "href": phone.href, "detail": phone.detail} for phone in entry.phones]
    if phones:
        data["phones"] = phones
    if entry.url:
        data["web"] = entry.url
    if entry.contact and entry.contact.email:
        data["email"] = entry.contact.email
    if entry.contact and entry.contact.hours:
        data["hours"] = entry.contact.hours
    return data


def finder_files(directory: Directory) -> dict[str, str]:
    """{site path: JSON text} for every finder and My list data file."""
    entries = directory.published
    taxonomy = directory.taxonomy
    facets = []
    codes: list[list[list[int]]] = [[] for _ in entries]
    for facet in FACETS:
        counts = facet.counts(entries, taxonomy)
        values = facet.ordered(counts, taxonomy)
        if not values:
            continue
        index = {value: i for i, value in enumerate(values)}
        facets.append({
            "key": facet.key,
            "label": facet.label,
            "values": [{"value": v, "label": facet.label_of(v, taxonomy), "nested": "/" in v} for v in values],
        })
        for position, entry in enumerate(entries):
            codes[position].append(sorted(index[v] for v in set(facet.values(entry, taxonomy)) if v in index))
    files = {
        FINDER_PATH: _json({"count": len(entries), "chunk": CHUNK, "facets": facets, "entries": codes}),
        IDS_PATH: _json([entry.id for entry in entries]),
    }
    for start in range(0, len(entries), CHUNK):
        files[card_path(start // CHUNK)] = _json([card(e, directory) for e in entries[start : start + CHUNK]])
    return files


def _json(value: Any) -> str:
    return compact(value)
