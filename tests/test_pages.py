"""The pages the core makes from a directory, before any engine sees them."""

from __future__ import annotations

from datetime import date

from bs4 import BeautifulSoup

from generator.data.validate import load_directory
from generator.site import pages

from .conftest import FIXTURES, TAXONOMY

MINI = load_directory(FIXTURES / "mini" / "data" / "resources.yaml", TAXONOMY, today=date(2026, 11, 22))


def test_one_page_per_published_entry_and_listings_out_of_search():
    built = {page.src_uri: page for page in pages.build_pages(MINI)}
    entry_pages = [uri for uri in built if uri.startswith("entries/")]
    assert sorted(entry_pages) == sorted(f"entries/{e.id}.md" for e in MINI.published)
    assert "entries/closed-programme.md" not in built
    assert built["find/index.md"].search is False and built["my-list.md"].search is False
    assert built["entries/calm-line.md"].search is True


def test_an_entry_page_puts_how_to_get_help_before_my_list_and_escapes_text():
    page = pages.entry_page(MINI.by_id["calm-line"], MINI, pages.SiteOptions())
    soup = BeautifulSoup(page.html, "html.parser")
    order = [
        el.get("id") or el.get("class")[0] for el in soup.select("#get-help, .wm-my-list-toggle, #about, #sources")
    ]
    assert order == ["get-help", "wm-my-list-toggle", "about", "sources"]
    assert "<script>" not in page.html and "&lt;script&gt;" in page.html
    assert page.meta["entry"] == "calm-line"


def test_pager_numbers_keep_the_first_the_last_and_the_neighbours():
    assert pages.pager_numbers(1, 1) == [1]
    assert pages.pager_numbers(5, 9) == [1, 0, 4, 5, 6, 0, 9]
    assert pages.page_count(0) == 1 and pages.page_count(101) == 2


def test_suggest_a_change_goes_to_github_only_when_the_repository_is_known():
    entry = MINI.by_id["calm-line"]
    links = pages._Links("entries/calm-line.md", pages.SiteOptions())
    assert "github.com" not in pages.suggest_change_url(entry, pages.SiteOptions(), links)
    with_repo = pages.SiteOptions(repository="example-org/dir")
    assert pages.suggest_change_url(entry, with_repo, links).startswith(
        "https://github.com/example-org/dir/issues/new?"
    )
