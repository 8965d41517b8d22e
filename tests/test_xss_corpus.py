"""An XSS corpus in every text field of every entry and in the taxonomy's labels
builds a site in which nothing from the data became markup, script or a link.

The scan (tests/site_scan.py) reads every file the build wrote, whatever its
type, so exports and search indexes added later are covered when they land.
"""

from __future__ import annotations

import gzip
import json
from datetime import date

import yaml
from bs4 import BeautifulSoup
from pydantic import TypeAdapter

from generator.data.schema import Entry
from generator.data.validate import load_directory

from .hostile_site import CLOSED_ID, CLOSED_NAME, HARMLESS, PAYLOADS, SHORT_PAYLOADS
from .site_scan import MARKER, known_inline_scripts, scan_site, structure

ALL_PAYLOADS = set(PAYLOADS) | set(SHORT_PAYLOADS)


def free_text_fields() -> list[tuple[str, str]]:
    """(model, field) for every field of the model that takes free text, read from its JSON Schema."""
    schema = TypeAdapter(list[Entry]).json_schema()
    found = []
    for model, definition in schema["$defs"].items():
        for name, prop in definition.get("properties", {}).items():
            for variant in prop.get("anyOf", [prop]):
                if variant.get("type") == "string" and not {"pattern", "format", "enum", "const"} & variant.keys():
                    found.append((model, name))
    return sorted(found)


def values_of(entry: dict, model: str, name: str) -> list:
    if model == "Entry":
        return [entry.get(name)]
    if model == "Contact":
        return [entry["contact"].get(name)]
    if model == "Phone":
        return [phone.get(name) for phone in entry["contact"]["phones"]]
    if model == "Address":
        return [entry["address"].get(name)]
    raise AssertionError(f"the corpus does not know where {model}.{name} goes: add it to tests/hostile_site.py")


def test_the_corpus_fills_every_free_text_field(hostile_builds):
    data = yaml.safe_load((hostile_builds.corpus_project / "data" / "resources.yaml").read_text(encoding="utf-8"))
    fields = free_text_fields()
    assert len(fields) >= 14, fields
    for model, name in fields:
        for entry in data[:-1]:
            values = values_of(entry, model, name)
            texts = [v for value in values if value for v in value.split("\n\n")]
            assert texts and any(text in ALL_PAYLOADS for text in texts), (model, name, entry["id"])
    terms = yaml.safe_load((hostile_builds.corpus_project / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))
    labels = [
        t if isinstance(t, str) else t["label"] for s in ("topics", "settings", "regions") for t in terms[s].values()
    ]
    labels += list(terms["languages"].values())
    labels += [
        area
        for region in terms["regions"].values()
        if isinstance(region, dict)
        for area in region.get("areas", {}).values()
    ]
    assert labels and all(label in ALL_PAYLOADS for label in labels)


def test_the_corpus_data_is_valid(hostile_builds):
    data = hostile_builds.corpus_project / "data"
    directory = load_directory(data / "resources.yaml", data / "taxonomy.yaml", today=date.today())
    assert len(directory.published) == 105


def test_no_markup_from_data_anywhere_in_the_site(hostile_builds):
    known = known_inline_scripts(hostile_builds.harmless.root)
    assert known, "the harmless build has the theme's inline scripts"
    findings = scan_site(hostile_builds.corpus.root, known_inline=known)
    assert findings == [], "\n".join(map(str, findings[:40]))


def test_the_harmless_build_scans_clean_too(hostile_builds):
    root = hostile_builds.harmless.root
    assert scan_site(root, known_inline=known_inline_scripts(root)) == []


def test_every_page_has_the_elements_it_has_with_harmless_text(hostile_builds):
    corpus, harmless = hostile_builds.corpus.root, hostile_builds.harmless.root

    def listing(root):
        # The search index is split by the words in it, so its files are compared by count.
        names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
        return [n for n in names if not n.startswith("search/")], sum(n.startswith("search/") for n in names)

    (files, index_files), harmless_listing = listing(corpus), listing(harmless)
    assert files == harmless_listing[0]
    assert index_files > 0 and abs(index_files - harmless_listing[1]) <= index_files // 2
    pages = [f for f in files if f.endswith(".html")]
    assert "find/page/2/index.html" in pages and len(pages) > 130
    for page in pages:
        hostile = structure((corpus / page).read_text(encoding="utf-8"))
        plain = structure((harmless / page).read_text(encoding="utf-8"))
        assert hostile == plain, page


def test_the_text_from_data_reaches_every_kind_of_output(hostile_builds):
    """The scan is not vacuous: the corpus is in the pages, the search index and the finder data."""
    root = hostile_builds.corpus.root
    holding = set()
    for path in root.rglob("*"):
        if path.is_file():
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            if MARKER.encode() in raw:
                holding.add(path.relative_to(root).as_posix())
    assert {"entries/entry-000/index.html", "find/index.html", "help-now/index.html", "find/cards/0.json"} <= holding
    assert any(p.startswith("search/") and "/p/" in p for p in holding)
    assert any(p.startswith("search/") and "/w/" in p for p in holding)


def test_the_corpus_is_shown_exactly_as_written(hostile_builds):
    data = yaml.safe_load((hostile_builds.corpus_project / "data" / "resources.yaml").read_text(encoding="utf-8"))
    for entry in data[:-1]:
        page = hostile_builds.corpus.page(f"entries/{entry['id']}/")
        assert page.select_one("article h1").get_text() == entry["name"]
        assert page.select_one(".wm-entry__summary").get_text() == entry["summary"]
        paragraphs = [p.get_text() for p in page.select("#about ~ p")]
        assert paragraphs == entry["description"].split("\n\n")
        assert page.select_one('meta[name="description"]')["content"] == entry["summary"]
        assert page.select_one("a.wm-action--web")["href"] == entry["url"]
    cards = json.loads((hostile_builds.corpus.root / "find" / "cards" / "0.json").read_text(encoding="utf-8"))
    by_id = {entry["id"]: entry for entry in data}
    assert all(card["name"] == by_id[card["id"]]["name"] for card in cards)


def test_harmless_look_alikes_stay_as_written_on_built_pages(hostile_builds):
    page = hostile_builds.harmless.page("entries/entry-000/")
    assert page.select_one(".wm-entry__summary").get_text() == HARMLESS[1]
    assert [p.get_text() for p in page.select("#about ~ p")] == HARMLESS[0:3]
    assert page.select_one(".wm-action--text").get_text() == f"Text {HARMLESS[0]} to 85258"


def test_a_closed_entry_is_in_no_file_of_the_site(hostile_builds):
    root = hostile_builds.corpus.root
    assert not (root / "entries" / CLOSED_ID).exists()
    for path in (p for p in root.rglob("*") if p.is_file()):
        raw = path.read_bytes()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        assert CLOSED_ID.encode() not in raw and CLOSED_NAME.encode() not in raw, path


def test_paused_entries_say_so_on_their_page_and_in_the_finder(hostile_builds):
    data = yaml.safe_load((hostile_builds.corpus_project / "data" / "resources.yaml").read_text(encoding="utf-8"))
    paused = [e for e in data if e["status"] == "paused"]
    assert paused
    cards = {
        c["id"]: c
        for n in (0, 1)
        for c in json.loads((hostile_builds.corpus.root / "find" / "cards" / f"{n}.json").read_text())
    }
    finder = [hostile_builds.corpus.page("find/"), hostile_builds.corpus.page("find/page/2/")]
    for entry in paused:
        notice = hostile_builds.corpus.page(f"entries/{entry['id']}/").select_one(".wm-notice--paused")
        assert notice.get_text(" ", strip=True) == f"This service is paused. {entry['status_note']}"
        assert cards[entry["id"]].get("paused") is True
        card = next(
            li
            for page in finder
            for li in page.select(".wm-card")
            if li.select_one(".wm-card__title a")["href"].rstrip("/").endswith(entry["id"])
        )
        assert card.select_one(".wm-tag--paused").get_text() == "Paused"
    active = next(e for e in data if e["status"] == "active")
    assert "paused" not in cards[active["id"]]
    assert (
        BeautifulSoup(
            (hostile_builds.corpus.root / "entries" / active["id"] / "index.html").read_text(), "html.parser"
        ).select_one(".wm-notice--paused")
        is None
    )


def test_the_scan_catches_a_build_that_stops_escaping(hostile_builds, tmp_path, monkeypatch):
    """Mutation check: with autoescaping turned off the same corpus must light the scan up."""
    import functools
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.site import pages

    make_environment = pages.environment.__wrapped__

    def unescaped_environment():
        environment = make_environment()
        environment.autoescape = False
        return environment

    monkeypatch.setattr(pages, "environment", functools.lru_cache(maxsize=1)(unescaped_environment))
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    config = load_config(
        str(hostile_builds.corpus_project / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False
    )
    build(config)
    found = " ".join(
        f.what for f in scan_site(tmp_path / "site", known_inline=known_inline_scripts(hostile_builds.harmless.root))
    )
    for expected in (
        "inline script the theme does not write",
        "event handler attribute onerror",
        "holds a javascript: address",
        "<iframe> element",
        "<img> element in the page content",
        "<base> element",
        "redirects the page",
    ):
        assert expected in found
