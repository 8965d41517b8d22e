"""The search index: Pagefind run over the built site, with only the pages meant to be found."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator import search_index
from generator.cli import main

from .test_atomic_build import tree_digest
from .test_build import copy_mini


def indexed_pages(site_root: Path) -> dict[str, dict]:
    """{url: record} from Pagefind's fragment files (gzip: a 12-byte signature, then JSON)."""
    records = {}
    for path in (site_root / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        record = json.loads(data[len(b"pagefind_dcd"):])
        records[record["url"]] = record
    return records


def marked_for_search(site) -> set[str]:
    urls = set()
    for path in site.html_files():
        if site.page(str(path.relative_to(site.root))).select_one("article[data-pagefind-body]"):
            urls.add("/" + str(path.relative_to(site.root)).removesuffix("index.html"))
    return urls


def test_the_index_is_built_into_the_site(mini_site):
    bundle = mini_site.root / "pagefind"
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"):
        assert (bundle / name).is_file(), name
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["en"]
    assert search_index.indexed_page_count(mini_site.root) == 8
    # Pagefind's ready-made interfaces are not used, so not published.
    for name in search_index.UNUSED_FILES:
        assert not (bundle / name).exists(), name
    # Material's whole-site index is gone.
    assert not (mini_site.root / "search").exists()


def test_entries_and_written_pages_are_indexed_but_not_listings(mini_site):
    pages = indexed_pages(mini_site.root)
    assert set(pages) == marked_for_search(mini_site)
    assert set(pages) == {
        "/", "/help-now/", "/entries/calm-line/", "/entries/hand-written/", "/entries/old-toolkit/",
        "/entries/paused-service/", "/entries/us-course/", "/entries/study/",
    }
    for path in ("find/", "find/kind/helpline/", "find/kind/", "my-list/"):
        assert mini_site.page(path).select_one("article[data-pagefind-body]") is None, path
    assert "data-pagefind-body" not in (mini_site.root / "404.html").read_text()
    assert not any("Closed programme" in record["content"] for record in pages.values())


def test_an_entry_is_indexed_by_what_people_search_for(mini_site):
    record = indexed_pages(mini_site.root)["/entries/paused-service/"]
    assert record["meta"] == {"title": "Paused local service", "kind": "Local service", "where": "Dudley, England"}
    content = record["content"]
    for text in ("Paused local service", "Dudley example", "Domestic abuse", "Dudley, England", "has paused new referrals"):
        assert text in content, text
    # Labels and notices repeated on every entry page are left out: they would match every entry.
    for chrome in ("Where", "Published by", "Topics", "Sources", "How to get help", "This service is paused", "Needs a referral"):
        assert chrome not in content, chrome
    # So are the description and other entries' names (under "Related").
    toolkit = indexed_pages(mini_site.root)["/entries/old-toolkit/"]["content"]
    assert "Calm" not in toolkit and "Mentions abuse" not in toolkit
    assert "First paragraph" not in indexed_pages(mini_site.root)["/entries/calm-line/"]["content"]


def test_a_failed_index_fails_the_build_and_keeps_the_old_site(tmp_path, capsys, monkeypatch):
    project = copy_mini(tmp_path)
    args = ["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site")]
    assert main(args) == 0
    before = tree_digest(project / "site")
    # Pagefind's Python package runs the program named here instead of its own.
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    assert main(args) == 1
    assert "search index: Pagefind failed (exit status 1)" in capsys.readouterr().err
    assert tree_digest(project / "site") == before


def test_indexing_an_empty_folder_is_an_error(tmp_path):
    with pytest.raises(search_index.SearchIndexError, match="no built site"):
        search_index.build_index(tmp_path)
