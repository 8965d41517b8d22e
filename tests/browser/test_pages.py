"""Every page type, as a visitor's browser sees it: accessibility (axe-core, WCAG 2.2 AA),
no horizontal scrolling at 320 px, no request to any other host, no cookies."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

# One page of each type in the project's own site.
PAGE_TYPES = {
    "home": "",
    "help now": "help-now/",
    "guidance": "guidance/principles/",
    "about": "about/accessibility/",
    "entry (helpline)": "entries/samaritans/",
    "entry (local service)": "entries/cambridgeshire-victim-and-witness-hub/",
    "facet value": "find/kind/toolkit/",
    "facet index": "find/topic/",
    "finder": "find/",
    "my list": "my-list/",
    "not found": "404.html",
}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


def open_page(context_factory, server, path: str, *, width: int = 1280, js: bool = True):
    context = context_factory(viewport={"width": width, "height": 800}, java_script_enabled=js)
    page = context.new_page()
    page.set_default_timeout(10_000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(server.url(path), wait_until="load")
    page.wait_for_load_state("networkidle")
    return page, requests


@pytest.fixture
def bypass_csp_factory(playwright_browser):
    """Contexts that let axe's injected script run despite the page's policy."""
    contexts = []

    def make(**options):
        context = playwright_browser.new_context(bypass_csp=True, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_accessibility_violations(name, bypass_csp_factory, real_server, axe_source):
    page, _ = open_page(bypass_csp_factory, real_server, PAGE_TYPES[name])
    assert run_axe(page, axe_source) == []


def test_no_accessibility_violations_with_filters_and_a_saved_list(bypass_csp_factory, real_server, axe_source):
    page, _ = open_page(bypass_csp_factory, real_server, "entries/samaritans/")
    page.get_by_role("button", name="Add to my list").click()
    page.goto(real_server.url("my-list/"))
    page.wait_for_selector(".wm-my-list__item")
    assert run_axe(page, axe_source) == []
    page.goto(real_server.url("find/"))
    page.wait_for_selector(".wm-finder[data-ready]")
    page.locator(".wm-filter__summary").first.click()  # open "Type of resource"
    page.locator('.wm-finder__filters input[name="kind"][value="helpline"]').check()
    page.wait_for_selector('.wm-finder__list:not([aria-busy="true"])', state="attached")
    assert page.locator(".wm-finder__status").inner_text().endswith("resources match")
    assert run_axe(page, axe_source) == []


@pytest.mark.parametrize("js", [True, False], ids=["javascript", "no-javascript"])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_horizontal_scrolling_at_320_pixels(name, js, context_factory, real_server):
    page, _ = open_page(context_factory, real_server, PAGE_TYPES[name], width=320, js=js)
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"{name}: the page is {widths[0]} px wide in a {widths[1]} px window"
    # The quick exit and "Need help now?" stay visible on the smallest screens.
    assert page.locator(".wm-exit-this-page__button").is_visible()
    assert page.locator(".wm-help-link").is_visible()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_requests_stay_on_this_host_and_no_cookies(name, context_factory, real_server):
    page, requests = open_page(context_factory, real_server, PAGE_TYPES[name])
    hosts = {urlsplit(url).hostname for url in requests if not url.startswith("data:")}
    assert hosts == {"127.0.0.1"}, requests
    assert page.context.cookies() == []
    assert page.evaluate("document.cookie") == ""


def test_requests_stay_on_this_host_while_using_the_finder_and_my_list(context_factory, real_server):
    page, requests = open_page(context_factory, real_server, "find/")
    page.wait_for_selector(".wm-finder[data-ready]")
    page.locator(".wm-filter__summary").first.click()  # open "Type of resource"
    page.locator('.wm-finder__filters input[name="kind"][value="local-service"]').check()
    page.wait_for_selector('.wm-finder__list:not([aria-busy="true"])', state="attached")
    page.locator(".wm-finder__list .wm-card__title a").first.click()
    page.get_by_role("button", name="Add to my list").click()
    page.goto(real_server.url("my-list/"))
    page.wait_for_selector(".wm-my-list__item")
    page.wait_for_load_state("networkidle")
    hosts = {urlsplit(url).hostname for url in requests}
    assert hosts == {"127.0.0.1"}, requests
    assert page.context.cookies() == []


def test_every_page_names_its_policies(real_site):
    """The policy, referrer and viewport tags that the browser tests rely on, on every page."""
    for path in real_site.html_files():
        html = path.read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        assert '<meta name="referrer" content="no-referrer">' in head, path
        assert 'http-equiv="Content-Security-Policy"' in head, path
        policy = head.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy, path
        assert "http:" not in policy and "https:" not in policy, path


def test_print_hides_controls_and_shows_link_addresses(context_factory, real_server):
    page, _ = open_page(context_factory, real_server, "entries/samaritans/")
    page.emulate_media(media="print")
    for selector in (".wm-exit-this-page", ".wm-safety", ".md-header", ".wm-footer", ".wm-entry__suggest"):
        assert page.locator(selector).first.is_hidden(), selector
    assert page.locator("article h1").is_visible()
    web = page.locator("a.wm-action--web")
    after = page.evaluate("el => getComputedStyle(el, '::after').content", web.element_handle())
    assert json.loads(after).startswith(" (https://")


def test_material_script_and_its_keyboard_shortcuts_are_not_loaded(context_factory, real_server):
    """Material's bundle brings single-key shortcuts ("p", "n") that WCAG 2.1.4 asks to be switchable;
    this theme does not load it, and its files are not published."""
    page, requests = open_page(context_factory, real_server, "guidance/principles/")
    scripts = [url for url in requests if url.endswith(".js")]
    assert scripts and all(url.endswith("/assets/javascripts/waymark.js") for url in scripts), scripts
    before = page.url
    page.locator("body").press("n")
    page.locator("body").press("p")
    page.wait_for_timeout(200)
    assert page.url == before


def test_a_printed_entry_shows_its_own_address(context_factory, mini_server):
    page = context_factory().new_page()
    page.goto(mini_server.url("entries/calm-line/?from=somewhere#get-help"))
    page.emulate_media(media="print")
    line = page.locator(".wm-print-address")
    assert line.is_visible()
    assert line.inner_text() == "This page: " + mini_server.url("entries/calm-line/")
    page.emulate_media(media="screen")
    assert line.is_hidden()
