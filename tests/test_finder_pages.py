"""The finder without JavaScript: every entry, a page at a time, with pagination links."""

from __future__ import annotations

from bs4 import BeautifulSoup

from generator.data.validate import load_directory
from generator.site import pages

from .conftest import valid_entry


def many_entries(write_data, count: int):
    text = "".join(
        valid_entry(id=f"entry-{n:04d}", name=f"Entry {n:04d}", kind="toolkit", contact=None) for n in range(count)
    )
    path = write_data(text)
    return load_directory(path, path.with_name("taxonomy.yaml"))


def finder(directory) -> dict[str, BeautifulSoup]:
    generated = pages.finder_pages(directory.published, directory, pages.SiteOptions())
    return {page.src_uri: BeautifulSoup(page.html, "html.parser") for page in generated}


def test_every_entry_is_listed_once_across_the_pages(write_data):
    directory = many_entries(write_data, 250)
    found = finder(directory)
    assert list(found) == ["find/index.md", "find/page/2.md", "find/page/3.md"]
    names = [a.get_text() for soup in found.values() for a in soup.select(".wm-finder__list .wm-card__title a")]
    assert names == [f"Entry {n:04d}" for n in range(250)]
    assert found["find/page/3.md"].select_one(".wm-finder__status").get_text() == "Showing 201 to 250 of 250 resources"
    # Only the first page carries the filters and the "Browse by" links.
    assert found["find/index.md"].select(".wm-finder__filters input")
    assert found["find/index.md"].select(".wm-browse a")
    assert not found["find/page/2.md"].select(".wm-finder__filters")


def test_pagination_links_previous_next_and_the_current_page(write_data):
    found = finder(many_entries(write_data, 250))
    middle = found["find/page/2.md"].select_one(".wm-pagination")
    assert middle.select_one("[rel=prev]")["href"] == "../../"
    assert middle.select_one("[rel=next]")["href"] == "../3/"
    assert middle.select_one("[aria-current=page]").get_text() == "2"
    first = found["find/index.md"].select_one(".wm-pagination")
    assert first.select_one("[rel=prev]") is None
    assert [a["href"] for a in first.select(".wm-pagination__list a")] == ["./", "page/2/", "page/3/"]


def test_a_short_directory_has_one_page_and_no_pagination(write_data):
    found = finder(many_entries(write_data, 5))
    assert list(found) == ["find/index.md"]
    assert found["find/index.md"].select_one(".wm-pagination") is None


def test_long_runs_of_pages_are_shortened_with_gaps():
    assert pages.pager_numbers(1, 1) == [1]
    assert pages.pager_numbers(3, 5) == [1, 2, 3, 4, 5]
    assert pages.pager_numbers(50, 100) == [1, 0, 49, 50, 51, 0, 100]
    assert pages.pager_numbers(100, 100) == [1, 0, 99, 100]


def test_facet_value_pages_are_split_the_same_way(write_data):
    directory = many_entries(write_data, 250)
    generated = pages.facet_pages(directory.published, directory, pages.SiteOptions())
    toolkit = {
        p.src_uri: BeautifulSoup(p.html, "html.parser") for p in generated if p.src_uri.startswith("find/kind/toolkit")
    }
    assert list(toolkit) == ["find/kind/toolkit.md", "find/kind/toolkit/page/2.md", "find/kind/toolkit/page/3.md"]
    names = [a.get_text() for soup in toolkit.values() for a in soup.select(".wm-rows > li > a")]
    assert names == [f"Entry {n:04d}" for n in range(250)]
    last = toolkit["find/kind/toolkit/page/3.md"]
    assert last.select_one("h1").get_text(" ", strip=True) == "Toolkits (page 3 of 3)"
    assert "Showing 201 to 250 of 250 resources" in last.get_text()
    assert last.select_one("[rel=prev]")["href"] == "../2/"
    assert last.select_one(".wm-rows > li > a")["href"] == "../../../../../entries/entry-0200/"
    first = toolkit["find/kind/toolkit.md"]
    assert [a["href"] for a in first.select(".wm-pagination__list a")] == ["./", "page/2/", "page/3/"]


def test_an_area_may_not_take_the_name_of_the_page_folder(tmp_path):
    import pytest

    from generator.data.errors import DataError
    from generator.data.validate import read_taxonomy

    from .conftest import TAXONOMY

    text = TAXONOMY.read_text(encoding="utf-8").replace(
        "      west-midlands: West Midlands\n", "      west-midlands: West Midlands\n      page: Page\n", 1
    )
    assert "page: Page" in text
    path = tmp_path / "taxonomy.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as raised:
        read_taxonomy(path)
    assert [p.type for p in raised.value.problems] == ["area_reserved"]
    assert "choose another id for the area" in str(raised.value)


def test_an_area_lists_what_serves_the_larger_areas_it_lies_within(real_site):
    """Dudley lies within the Black Country, within the West Midlands: Dudley's page
    lists the Black Country's urgent mental health line and the West Midlands service."""
    names = [
        a["href"].split("/")[-2] for a in real_site.page("find/region/england/dudley/").select(".wm-rows > li > a")
    ]
    assert "dudley-safeguarding-people-partnership" in names
    assert "black-country-urgent-mental-health-helpline" in names
    assert "west-midlands-cyp-sexual-assault-service" in names
    # ... but a larger area does not list what serves only a smaller one within it.
    wider = [
        a["href"].split("/")[-2]
        for a in real_site.page("find/region/england/west-midlands/").select(".wm-rows > li > a")
    ]
    assert "dudley-safeguarding-people-partnership" not in wider


def test_areas_nest_one_way_within_their_region(tmp_path):
    import pytest

    from generator.data.errors import DataError
    from generator.data.validate import read_taxonomy

    from .conftest import TAXONOMY

    base = TAXONOMY.read_text(encoding="utf-8")
    cases = {
        "area_within_cycle": base.replace(
            "west-midlands: West Midlands", "west-midlands: {label: West Midlands, within: [dudley]}"
        ),
        "area_within_unknown": base.replace(
            "west-midlands: West Midlands", "west-midlands: {label: West Midlands, within: [midlands]}"
        ),
    }
    for expected, text in cases.items():
        assert text != base
        path = tmp_path / "taxonomy.yaml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DataError) as error:
            read_taxonomy(path)
        assert [p.type for p in error.value.problems] == [expected]
