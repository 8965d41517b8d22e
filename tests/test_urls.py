"""Page addresses: one place decides them."""

from __future__ import annotations

import pytest

from generator.site import urls


@pytest.mark.parametrize(
    ("src", "directory", "url"),
    [
        ("index.md", True, ""),
        ("entries/a.md", True, "entries/a/"),
        ("find/index.md", True, "find/"),
        ("entries/a.md", False, "entries/a.html"),
        ("about/index.md", False, "about/"),
    ],
)
def test_page_url(src, directory, url):
    assert urls.page_url(src, directory) == url


@pytest.mark.parametrize(
    ("here", "there", "link"),
    [
        ("entries/a/", "entries/b/", "../b/"),
        ("", "find/", "find/"),
        ("find/topic/crisis/", "", "../../../"),
        ("entries/a/", "entries/a/", "./"),
    ],
)
def test_relative(here, there, link):
    assert urls.relative(here, there) == link


def test_facet_and_finder_pages():
    assert urls.facet_uri("topic") == "find/topic/index.md"
    assert urls.facet_uri("region", "england/dudley", 2) == "find/region/england/dudley/page/2.md"
    assert urls.finder_uri(1) == urls.FINDER_URI and urls.finder_uri(3) == "find/page/3.md"


def test_absolute_only_with_a_site_address():
    assert urls.absolute("", "entries/a.md") == ""
    assert urls.absolute("https://x.example/dir/", "entries/a b.md") == "https://x.example/dir/entries/a%20b/"
