"""On a phone, "Exit this page" and "Need help now?" stay on top and work in
every state of the page: menu open, search open, both — with and without
JavaScript. Each is tapped at its centre, as a finger would."""

from __future__ import annotations

import pytest

EXIT_URL = "https://www.bbc.co.uk/weather"  # the bundled site's quick_exit_url
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True, "is_mobile": True}
PAGES = ["", "find/", "my-list/", "entries/samaritans/", "guidance/principles/"]


def _answer_locally(context):
    context.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Weather</title><p>Weather</p>"
        ),
    )


def _open_menu(page):
    """Hand-written pages open the menu as a drawer; generated pages (entries,
    listings, the finder, My list) link to the menu page instead."""
    link = page.locator("header a.wm-menu-link")
    if link.count():
        link.tap()
        page.wait_for_url("**/menu/")
        return
    page.locator('label.md-header__button[for="__drawer"]').tap()
    page.wait_for_function("document.getElementById('__drawer').checked")
    page.wait_for_timeout(300)  # the drawer slides in over 0.25 s


def _open_search(page):
    page.locator(".wm-js-search-toggle").tap()
    page.locator(".wm-js-search-panel").wait_for(state="visible")


STATES_WITH_JS = {
    "nothing open": [],
    "menu open": [_open_menu],
    "search open": [_open_search],
    "search then menu open": [_open_search, _open_menu],
}
STATES_WITHOUT_JS = {"nothing open": [], "menu open": [_open_menu]}


def _centre_target(page, selector: str) -> tuple[float, float, str]:
    box = page.locator(selector).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    on_top = page.evaluate(
        "([x, y, sel]) => { const t = document.elementFromPoint(x, y); return t && t.closest(sel) ? 'ok' : (t ? t.outerHTML.slice(0, 80) : 'nothing'); }",
        [x, y, selector],
    )
    return x, y, on_top


def _cases():
    for js, states in ((True, STATES_WITH_JS), (False, STATES_WITHOUT_JS)):
        for state in states:
            for path in PAGES:
                yield pytest.param(
                    js, state, path, id=f"{'js' if js else 'nojs'}-{state.replace(' ', '-')}-{path or 'home'}"
                )


@pytest.mark.parametrize(("js", "state", "path"), list(_cases()))
def test_exit_this_page_is_on_top_and_leaves(context_factory, real_server, js, state, path):
    context = context_factory(java_script_enabled=js, **PHONE)
    _answer_locally(context)
    page = context.new_page()
    page.goto(real_server.url(path))
    for step in (STATES_WITH_JS if js else STATES_WITHOUT_JS)[state]:
        step(page)
    x, y, on_top = _centre_target(page, ".wm-exit-this-page__button")
    assert on_top == "ok", f"with {state}, the element under Exit this page is {on_top}"
    with page.expect_navigation(url=EXIT_URL):
        page.touchscreen.tap(x, y)


@pytest.mark.parametrize(("js", "state", "path"), [c for c in _cases() if c.values[2] in ("", "entries/samaritans/")])
def test_need_help_now_is_on_top_and_opens(context_factory, real_server, js, state, path):
    page = context_factory(java_script_enabled=js, **PHONE).new_page()
    page.goto(real_server.url(path))
    for step in (STATES_WITH_JS if js else STATES_WITHOUT_JS)[state]:
        step(page)
    x, y, on_top = _centre_target(page, ".wm-help-link")
    assert on_top == "ok", f"with {state}, the element under Need help now? is {on_top}"
    with page.expect_navigation(url=real_server.url("help-now/")):
        page.touchscreen.tap(x, y)


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
@pytest.mark.parametrize("path", ["", "find/", "help-now/", "my-list/"])
def test_the_menu_never_opens_empty(context_factory, real_server, js, path):
    page = context_factory(java_script_enabled=js, **PHONE).new_page()
    page.goto(real_server.url(path))
    _open_menu(page)
    drawer = page.locator("article nav.wm-nav" if page.url.endswith("/menu/") else ".md-sidebar--primary")
    assert drawer.is_visible()
    links = drawer.locator("a.md-nav__link:visible, label.md-nav__link:visible")
    assert links.count() >= 4, "the menu opened with no navigation in it"
    assert drawer.get_by_text("Find support", exact=True).first.is_visible()


def test_wide_screens_keep_the_pages_without_navigation_as_they_were(context_factory, real_server):
    page = context_factory(viewport={"width": 1400, "height": 900}).new_page()
    page.goto(real_server.url("find/"))
    assert page.locator(".md-sidebar--primary").is_hidden()
    page.goto(real_server.url("guidance/principles/"))
    assert page.locator(".md-sidebar--primary").is_visible()


FOLD = 740


def test_the_call_button_is_on_the_first_screen_of_every_helpline(context_factory, real_server, real_site):
    """A 360 × 740 phone: on every helpline's page the first call or text button
    is fully on the first screen, and Add to my list comes after how to get help."""
    page = context_factory(**PHONE).new_page()
    helplines = sorted(
        p.parent.name
        for p in (real_site.root / "entries").glob("*/index.html")
        if 'class="wm-action wm-action--call"' in p.read_text(encoding="utf-8")
    )
    assert len(helplines) >= 20
    for entry_id in helplines:
        page.goto(real_server.url(f"entries/{entry_id}/"))
        box = page.locator("#get-help ~ .wm-actions .wm-action").first.bounding_box()
        assert box["y"] + box["height"] <= FOLD, (
            f"{entry_id}: the first button ends at {box['y'] + box['height']:.0f} px"
        )
        order = page.evaluate("""() => {
            const help = document.getElementById('get-help'), list = document.querySelector('.wm-my-list-toggle');
            return help.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING ? 'after' : 'before'; }""")
        assert order == "after", entry_id


@pytest.mark.parametrize("js", [True, False], ids=["js", "nojs"])
def test_help_now_shows_999_and_a_listening_line_on_the_first_screen(context_factory, real_server, js):
    page = context_factory(java_script_enabled=js, **PHONE).new_page()
    page.goto(real_server.url("help-now/"))
    for selector, href in (
        (".wm-help-first__danger .wm-action", "tel:999"),
        (".wm-help-first__talk .wm-action", "tel:116123"),
    ):
        button = page.locator(selector).first
        assert button.get_attribute("href") == href
        box = button.bounding_box()
        assert box["y"] + box["height"] <= FOLD, f"{href} ends at {box['y'] + box['height']:.0f} px"
