"""The page for an address that does not exist, served as GitHub Pages serves it
(the site's 404.html, status 404, at any depth): it offers search, the home
page, Need help now? and Exit this page."""

from __future__ import annotations

import pytest

from .conftest import StaticServer


@pytest.fixture(scope="module")
def pages_server(real_site):
    # The project's static server answers a missing page with 404.html and status 404.
    server = StaticServer(real_site.root)
    yield server.url("")
    server.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_a_missing_page_offers_a_way_on(context_factory, pages_server, js):
    context = context_factory(java_script_enabled=js, viewport={"width": 360, "height": 740})
    context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>Weather</p>"),
    )
    page = context.new_page()
    response = page.goto(pages_server + "entries/no-such-entry/deeper/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    content = page.locator("article")
    for name, path in (("Need help now?", "help-now/"), ("Find support", "find/"), ("Go to the home page", "")):
        link = content.get_by_role("link", name=name, exact=True)
        with page.expect_navigation(url=pages_server + path):
            link.click()
        page.go_back()
    assert page.locator(".wm-exit-this-page__button").is_visible()
    with page.expect_navigation(url="https://www.bbc.co.uk/weather"):
        page.locator(".wm-exit-this-page__button").click()


def test_search_opens_on_a_missing_page(context_factory, pages_server):
    page = context_factory(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(pages_server + "a/b/c/")
    page.locator(".wm-js-search-toggle").click()
    page.locator(".wm-js-search-input").fill("samaritans")
    page.wait_for_selector(".wm-search-result")
    href = page.locator(".wm-search-result__link").first.get_attribute("href")
    assert href.startswith((pages_server + "entries/", "/entries/"))
