"""A small site built by MkDocs with the plugin, checked page by page with CSS selectors."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from .conftest import FIXTURES, ROOT, build_site

HOSTILE_NAME = 'Calm <script>alert("name")</script> & "Line"'


def main_text(page) -> str:
    return page.select_one("article").get_text(" ", strip=True)


def test_entry_page_shows_what_a_user_needs(mini_site):
    page = mini_site.page("entries/calm-line/")
    assert page.select_one("article h1").get_text() == HOSTILE_NAME
    assert page.title.get_text() == f"{HOSTILE_NAME} – Mini directory"
    assert page.select_one(".wm-entry__summary").get_text().startswith("</title><script>")
    calls = page.select("a.wm-action--call")
    assert [(a["href"], a.get_text()) for a in calls] == [("tel:08080001111", "Call 0808 000 1111")]
    texts = page.select("a.wm-action--text")
    assert [(a["href"], a.get_text()) for a in texts] == [("sms:85258?body=CALM", "Text CALM to 85258")]
    assert page.select_one("a.wm-action--email")["href"] == "mailto:help@example.org"
    checked = page.select_one(".wm-entry__checked time")
    assert (checked["datetime"], checked.get_text()) == ("2026-10-01", "1 October 2026")
    facts = {row.dt.get_text(): row.dd.get_text(" ", strip=True) for row in page.select(".wm-facts > div")}
    assert facts["Cost"] == "Free"
    assert facts["Who it is for"] == "Members of the public . Aged 16 and over"
    assert facts["Where"] == "UK-wide"
    assert [a.get_text() for a in page.select(".wm-sources a")] == ["https://example.org/about"]


def test_suggest_a_change_opens_a_prefilled_issue(mini_site):
    link = mini_site.page("entries/calm-line/").select_one(".wm-entry__suggest a")["href"]
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/example-org/mini-directory/issues/new")
    query = parse_qs(parts.query)
    assert query["template"] == ["report-problem.yml"]
    assert query["entry"] == ["calm-line"]
    assert query["title"] == [f"Problem with entry: {HOSTILE_NAME}"]


def test_text_from_data_never_becomes_markup(mini_site):
    page = mini_site.page("entries/calm-line/")
    article = page.select_one("article")
    assert article.find("script") is None
    assert article.find("img") is None
    assert article.find("b") is None
    assert not article.select("[onerror]")
    assert "javascript:" not in " ".join(a.get("href", "") for a in page.find_all("a"))
    paragraphs = [p.get_text() for p in page.select("#about ~ p")]
    assert paragraphs[0] == "First paragraph with [Help](javascript:alert(1)) and <img src=x onerror=alert(1)>."
    assert paragraphs[1] == "Second paragraph &amp; an entity, and a \"quote\" and an 'apostrophe'."
    description = page.select_one('meta[name="description"]')["content"]
    assert description.startswith('</title><script>alert("summary")</script>')


def test_notices_for_paused_overdue_and_sensitive_entries(mini_site):
    paused = mini_site.page("entries/paused-service/")
    assert "Not taking new referrals" in paused.select_one(".wm-notice--paused").get_text()
    old = mini_site.page("entries/old-toolkit/")
    assert "last checked them on 1 January 2020" in old.select_one(".wm-notice--overdue").get_text()
    notes = old.select_one(".wm-notice--content")
    assert "Mentions abuse in childhood." in notes.get_text()
    assert old.select_one(".wm-notice--content").find_next("h2") is not None
    fresh = mini_site.page("entries/calm-line/")
    assert fresh.select_one(".wm-notice--overdue") is None
    related = old.select_one(".wm-facts > div:-soup-contains('Related') a")
    assert related["href"] == "../calm-line/"


def test_practice_levels_show_scotland_and_wales_names_together(mini_site):
    page = mini_site.page("entries/old-toolkit/")
    row = page.select_one(".wm-facts > div:-soup-contains('Practice level') dd").get_text()
    assert "Trauma-informed (Scotland) / trauma-aware (Wales)" in row and "Trauma-skilled" in row


def test_hand_written_page_wins_over_generated(mini_site):
    page = mini_site.page("entries/hand-written/")
    assert page.select_one("article h1").get_text() == "A page written by hand & kept"


def test_closed_entries_are_not_published(mini_site):
    """Not on any page, nor in the finder data, the search index or any other file the build wrote."""
    import gzip

    assert not (mini_site.root / "entries" / "closed-programme").exists()
    files = [p for p in mini_site.root.rglob("*") if p.is_file()]
    assert any(p.parent.name == "p" and "search" in p.parts for p in files) and any(
        p.name == "finder.json" for p in files
    )
    for path in files:
        raw = path.read_bytes()
        raw = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        assert b"Closed programme" not in raw and b"closed-programme" not in raw, path


def test_entries_are_never_in_the_navigation(mini_site):
    for url in ("", "menu/"):
        nav_links = [a["href"] for a in mini_site.page(url).select("nav.wm-nav a")]
        assert nav_links and not any("entries/" in href for href in nav_links)


def test_generated_pages_link_to_the_menu_instead_of_carrying_it(mini_site):
    """Entries, listings and the finder carry a link to the menu page, not the
    menu (about 2 KB a page); hand-written pages keep the menu as the drawer."""
    for url in ("entries/calm-line/", "find/", "find/topic/", "my-list/"):
        page = mini_site.page(url)
        assert page.select_one("nav.wm-nav") is None, url
        assert page.select_one("label[for='__drawer'].md-header__button") is None, url
        assert page.select_one("header a.wm-menu-link")["href"].endswith("menu/"), url
    home = mini_site.page("")
    assert home.select_one("header label.md-header__button[for='__drawer']") is not None
    assert home.select_one(".md-sidebar--primary nav.wm-nav") is not None
    menu = mini_site.page("menu/")
    assert menu.select_one("h1").get_text() == "Menu"
    assert menu.select_one("article nav.wm-nav") is not None
    # Every page of the navigation is on the menu page, the help page among them.
    hrefs = {a["href"] for a in menu.select("article nav.wm-nav a")}
    assert any(href.endswith("help-now/") for href in hrefs)
    assert len(hrefs) == len({a["href"] for a in home.select(".md-sidebar--primary nav.wm-nav a")})


@pytest.mark.parametrize(
    "url, ids",
    [
        ("find/kind/helpline/", ["calm-line"]),
        ("find/region/england/", ["calm-line", "hand-written", "paused-service"]),
        ("find/region/england/dudley/", ["paused-service"]),
        ("find/region/united-states/oregon/", ["us-course"]),
        ("find/topic/crisis/", ["calm-line"]),
        ("find/level/skilled/", ["old-toolkit"]),
        ("find/access/referral/", ["paused-service"]),
    ],
)
def test_facet_pages_list_their_entries(mini_site, url, ids):
    links = [a["href"] for a in mini_site.page(url).select(".wm-rows > li > a")]
    assert sorted(Path(href.rstrip("/")).name for href in links) == ids


def test_facet_index_and_finder_list_everything_published(mini_site):
    index = mini_site.page("find/kind/")
    assert [li.get_text(" ", strip=True) for li in index.select(".wm-facet-list__item")] == [
        "Toolkits (1)",
        "Guidance (1)",
        "Local services (1)",
        "Training (1)",
        "Helplines (1)",
        "Research (1)",
    ]
    finder = mini_site.page("find/")
    names = sorted(a.get_text() for a in finder.select(".wm-card__title a"))
    assert names == sorted(
        [HOSTILE_NAME, "Shadowed entry", "Old toolkit", "Paused local service", "Course in Oregon", "A study"]
    )


def test_markers_in_hand_written_pages_are_filled(mini_site):
    home = mini_site.page("")
    assert [a.get_text() for a in home.select(".wm-kinds a")] == [
        "Toolkits",
        "Guidance",
        "Local services",
        "Training",
        "Helplines",
        "Research",
    ]
    help_page = mini_site.page("help-now/")
    nations = {
        section.h2.get_text(): [h3.get_text() for h3 in section.select("h3")]
        for section in help_page.select(".wm-crisis-lines__nation")
    }
    assert nations == {
        nation: ["Someone to talk to"] for nation in ("England", "Scotland", "Wales", "Northern Ireland")
    }
    names = {a.get_text() for a in help_page.select(".wm-crisis-lines .wm-crisis-line__name a")}
    assert names == {HOSTILE_NAME}
    assert help_page.select_one(".wm-crisis-lines a.wm-action--call")["href"] == "tel:08080001111"
    # The first screen: the mini site has no emergency line, and its one listening line is for everyone.
    first = help_page.select_one(".wm-help-first")
    assert first.select_one(".wm-help-first__danger") is None
    assert [a["href"] for a in first.select(".wm-help-first__talk a.wm-action")] == ["tel:08080001111"]


def test_pages_request_nothing_from_other_hosts(mini_site):
    for path in mini_site.html_files():
        html = path.read_text(encoding="utf-8")
        for attribute in re.findall(
            r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*?\s(?:src|href)="([^"]*)"', html
        ):
            assert not re.match(r"^(?:[a-z]+:)?//", attribute), f"{path}: {attribute}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_quick_exit_and_help_are_on_every_page_in_the_same_place(mini_site):
    for path in mini_site.html_files():
        if path.name == "404.html":
            continue
        page = mini_site.page(str(path.relative_to(mini_site.root)).removesuffix("index.html"))
        exit_link = page.select_one(".wm-exit-this-page a.wm-js-exit-this-page-button")
        assert exit_link["href"] == "https://www.example.org/weather", path
        assert exit_link["rel"] == ["nofollow", "noreferrer"]
        safety = page.select_one("header .wm-safety")
        assert [el.get("class")[0] for el in safety.find_all(recursive=False)] == ["wm-help-link", "wm-exit-this-page"]


def copy_mini(tmp_path: Path) -> Path:
    project = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    config = project / "mkdocs.yml"
    text = config.read_text()
    text = text.replace("../../../data/taxonomy.yaml", str(ROOT / "data" / "taxonomy.yaml"))
    config.write_text(text)
    return project


def test_bad_data_fails_the_build_with_the_check_messages(tmp_path):
    from mkdocs.exceptions import Abort

    project = copy_mini(tmp_path)
    data = project / "data" / "resources.yaml"
    data.write_text(data.read_text().replace("kind: toolkit", "kind: tool-kit"))
    with pytest.raises(Abort):
        build_site(project / "mkdocs.yml", tmp_path / "site")
    assert not (tmp_path / "site" / "index.html").exists()


def test_bad_data_message_reaches_the_build_log(tmp_path, caplog):
    from mkdocs.exceptions import Abort

    project = copy_mini(tmp_path)
    data = project / "data" / "resources.yaml"
    data.write_text(data.read_text().replace("kind: toolkit", "kind: tool-kit"))
    with pytest.raises(Abort), caplog.at_level("ERROR", logger="mkdocs"):
        build_site(project / "mkdocs.yml", tmp_path / "site")
    assert re.search(r"resources\.yaml:\d+:9: old-toolkit: kind: 'tool-kit' is not allowed here", caplog.text)


def test_privacy_baseline_in_the_project_config():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=Loader)
    assert config["theme"]["font"] is False
    assert "repo_url" not in config and "google_analytics" not in config
    assert "analytics" not in config.get("extra", {})
    features = config["theme"].get("features") or []
    assert "search.highlight" not in features and "search.share" not in features
    # Material's search downloads one index of every entry; the site has its own sharded index instead.
    assert not any(
        plugin == "search" or (isinstance(plugin, dict) and "search" in plugin) for plugin in config["plugins"]
    )
    nav_text = yaml.dump(config["nav"])
    assert "entries/" not in nav_text and "find/kind" not in nav_text


def test_a_printed_entry_shows_its_published_address(tmp_path):
    site = build_site(
        FIXTURES / "mini" / "mkdocs.yml", tmp_path / "site", site_url="https://directory.example.org/help/"
    )
    line = site.page("entries/calm-line/").select_one(".wm-print-address")
    assert line.get_text(" ", strip=True) == "This page: https://directory.example.org/help/entries/calm-line/"


def test_without_the_site_address_the_line_is_left_to_the_browser(mini_site):
    assert mini_site.page("entries/calm-line/").select_one(".wm-js-print-address").get_text() == ""
