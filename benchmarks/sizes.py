"""Sizes of what a built site serves, raw and gzipped (level 6, as a web server would)."""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path
from typing import Any

# Pages under find/ that are not facet value pages.
_NOT_FACET = {"page", "cards"}


def gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def pair(data: bytes) -> dict[str, int]:
    return {"raw": len(data), "gzip": gz(data)}


def typical_entry(site: Path) -> Path | None:
    """The entry page of median size."""
    pages = sorted(site.glob("entries/*/index.html"), key=lambda p: (p.stat().st_size, p.as_posix()))
    return pages[len(pages) // 2] if pages else None


def finder_data(site: Path) -> dict[str, int] | None:
    finder = site / "find" / "finder.json"
    if not finder.exists():
        return None
    data = finder.read_bytes()
    first = site / "find" / "cards" / "0.json"
    cards = first.read_bytes() if first.exists() else b""
    return {
        **pair(data),
        "first_cards_raw": len(cards),
        "first_cards_gzip": gz(cards),
        "total_raw": len(data) + len(cards),
        "total_gzip": gz(data) + gz(cards),
    }


def search_index(site: Path) -> dict[str, Any]:
    """Material's whole index, or Waymark's: its files, its table of contents and
    its largest piece of the word list (the most a single word can download)."""
    result: dict[str, Any] = {}
    material = site / "search" / "search_index.json"
    if material.exists():
        result["material"] = pair(material.read_bytes())
    toc = site / "search" / "index.json"
    if toc.exists():
        files = [p for p in (site / "search").rglob("*") if p.is_file()]
        shards = [p for p in files if p.parent.name == "w"]
        largest = max(shards, key=lambda p: p.stat().st_size).read_bytes() if shards else b""
        result["waymark"] = {
            "files": len(files),
            "raw": sum(p.stat().st_size for p in files),
            "toc": pair(toc.read_bytes()),
            "largest_shard": pair(largest),
        }
    return result


def facet_pages(site: Path) -> dict[str, Any] | None:
    """Facet value pages (find/<facet>/<value>/, and their own pages if paginated)."""
    find = site / "find"
    if not find.is_dir():
        return None
    pages = [
        p
        for p in find.glob("*/**/index.html")
        if p.relative_to(find).parts[0] not in _NOT_FACET and len(p.relative_to(find).parts) > 2
    ]
    if not pages:
        return None
    sizes = sorted(((p.stat().st_size, p) for p in pages), key=lambda item: item[0])
    largest_size, largest = sizes[-1]
    return {
        "count": len(pages),
        "total_raw": sum(size for size, _ in sizes),
        "median_raw": int(statistics.median(size for size, _ in sizes)),
        "largest_path": largest.parent.relative_to(site).as_posix() + "/",
        "largest_raw": largest_size,
        "largest_gzip": gz(largest.read_bytes()),
    }


def site_totals(site: Path) -> dict[str, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"files": len(files), "raw": sum(p.stat().st_size for p in files)}


def measure(site: Path) -> dict[str, Any]:
    entry = typical_entry(site)
    return {
        "entry_page": {"path": entry.parent.relative_to(site).as_posix() + "/", **pair(entry.read_bytes())}
        if entry
        else None,
        "finder_data": finder_data(site),
        "search_index": search_index(site),
        "facet_pages": facet_pages(site),
        "site": site_totals(site),
    }
