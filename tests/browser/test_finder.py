"""The finder: every entry without JavaScript; with it, instant filters by keyboard or pointer."""

from __future__ import annotations

import json

import pytest

from .conftest import tab_to


def published_names(site) -> list[str]:
    return sorted(a.get_text() for a in site.page("find/").select(".wm-finder__list .wm-card__title a"))


def wait_for_results(page) -> None:
    page.wait_for_selector('.wm-finder__list:not([aria-busy="true"])', state="attached")


def result_names(page) -> list[str]:
    wait_for_results(page)
    return sorted(page.locator(".wm-finder__list .wm-card__title a").all_inner_texts())


def option(page, facet: str, value: str):
    return page.locator(f'.wm-finder__filters input[name="{facet}"][value="{value}"]')


def count_of(page, facet: str, value: str) -> str:
    return page.locator(f'.wm-finder__filters input[name="{facet}"][value="{value}"] + label .wm-count').inner_text()


@pytest.fixture
def finder(context_factory, mini_server):
    page = context_factory(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(mini_server.url("find/"))
    page.wait_for_selector(".wm-finder[data-ready]")
    # The filter groups start closed; open them as a person would, to see the options.
    for summary in page.locator(".wm-filter__summary").all():
        summary.click()
    return page


def test_without_javascript_every_entry_is_listed(context_factory, mini_server, mini_site):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(mini_server.url("find/"))
    assert page.locator(".wm-finder__filters").is_hidden()
    assert page.locator(".wm-browse").is_visible()
    assert len(result_names(page)) == 6
    assert result_names(page) == published_names(mini_site)
    page.locator(".wm-browse summary", has_text="Type of resource").click()
    page.get_by_role("link", name="Helplines").click()
    assert page.url.endswith("/find/kind/helpline/")


def test_options_within_a_group_combine_with_or_and_groups_with_and(finder):
    assert len(result_names(finder)) == 6
    option(finder, "kind", "helpline").check()
    assert result_names(finder) == ['Calm <script>alert("name")</script> & "Line"']
    assert finder.locator(".wm-finder__status").inner_text() == "1 resource matches"
    option(finder, "kind", "toolkit").check()
    assert result_names(finder) == ['Calm <script>alert("name")</script> & "Line"', "Old toolkit"]
    option(finder, "region", "scotland").check()
    assert result_names(finder) == [
        'Calm <script>alert("name")</script> & "Line"',
        "Old toolkit",
    ]  # the UK includes Scotland
    option(finder, "region", "scotland").uncheck()
    option(finder, "region", "england/dudley").check()
    assert result_names(finder) == []
    assert finder.locator(".wm-finder__status").inner_text() == "No resources match. Try removing a filter."


def test_counts_show_what_each_option_would_give(finder):
    assert count_of(finder, "kind", "toolkit") == "(1)"
    assert count_of(finder, "region", "england") == "(3)"
    option(finder, "region", "scotland").check()
    # Other types still show their own counts within the chosen region...
    assert count_of(finder, "kind", "toolkit") == "(1)"
    assert count_of(finder, "kind", "local-service") == "(0)"
    # ...and the region group counts ignore its own choice.
    assert count_of(finder, "region", "england") == "(3)"
    assert (
        finder.locator(".wm-filter", has_text="Nation or area").locator(".wm-filter__chosen").inner_text()
        == "(1 chosen)"
    )


def test_clear_filters(finder):
    option(finder, "kind", "helpline").check()
    option(finder, "region", "uk").check()
    finder.get_by_role("button", name="Clear filters").click()
    assert len(result_names(finder)) == 6
    assert finder.locator(".wm-finder__status").inner_text() == "Filters cleared. 6 resources match"
    assert finder.locator(".wm-finder__filters input:checked").count() == 0


def test_results_link_to_entries_and_show_data_as_text(finder, mini_server):
    option(finder, "kind", "helpline").check()
    wait_for_results(finder)
    link = finder.locator(".wm-finder__list .wm-card__title a")
    assert link.get_attribute("href") == mini_server.url("entries/calm-line/")
    assert finder.locator(".wm-finder__list script").count() == 0
    assert finder.locator(".wm-finder__list a.wm-action--call").get_attribute("href") == "tel:08080001111"


def test_keyboard_only(finder):
    first = option(finder, "kind", "toolkit")
    first.focus()
    finder.keyboard.press("Space")
    assert first.is_checked()
    assert result_names(finder) == ["Old toolkit"]
    # Tab through the remaining options to the clear button and use it.
    tab_to(finder, "wm-finder__clear", "Clear filters", presses=200)
    finder.keyboard.press("Enter")
    assert not first.is_checked()
    assert len(result_names(finder)) == 6


def test_filters_leave_no_trace_in_the_address_history_or_storage(finder, mini_server):
    before = finder.evaluate("history.length")
    option(finder, "topic", "domestic-abuse").check()
    option(finder, "region", "england").check()
    assert finder.url == mini_server.url("find/")
    assert finder.evaluate("history.length") == before
    storage = finder.evaluate(
        "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])"
    )
    assert "domestic" not in storage and "england" not in storage
    assert storage == '[[],[],""]'


def test_finder_data_is_small_static_json(mini_site):
    data = json.loads((mini_site.root / "find" / "finder.json").read_text())
    assert data["count"] == 6 and len(data["entries"]) == 6
    assert [f["key"] for f in data["facets"]][:2] == ["kind", "topic"]
    cards = json.loads((mini_site.root / "find" / "cards" / "0.json").read_text())
    calm = next(card for card in cards if card["id"] == "calm-line")
    assert calm["name"] == 'Calm <script>alert("name")</script> & "Line"'
    assert calm["phones"][0] == {
        "text": "Call 0808 000 1111",
        "href": "tel:08080001111",
        "detail": "24 hours a day. Free from mobiles",
    }
    assert "<" not in (mini_site.root / "find" / "cards" / "0.json").read_text()


def test_with_javascript_the_filters_are_laid_out_before_the_data_arrives(context_factory, mini_server):
    """The form is in place from the first paint (no layout shift); it works once the data is in."""
    context = context_factory(viewport={"width": 1280, "height": 900})
    held = []
    context.route("**/find/finder.json", lambda route: held.append(route))
    page = context.new_page()
    page.goto(mini_server.url("find/"), wait_until="domcontentloaded")
    page.wait_for_function("() => document.documentElement.classList.contains('wm-js')")
    assert page.locator(".wm-finder__filters").is_visible()
    assert page.locator(".wm-browse").is_hidden()
    box = page.locator(".wm-finder__list").bounding_box()
    page.wait_for_timeout(100)
    while not held:
        page.wait_for_timeout(20)
    held[0].continue_()
    page.wait_for_selector(".wm-finder[data-ready]")
    assert page.locator(".wm-finder__list").bounding_box() == box


def test_if_the_finder_data_cannot_load_the_browse_links_come_back(context_factory, mini_server):
    context = context_factory(viewport={"width": 1280, "height": 900})
    context.route("**/find/finder.json", lambda route: route.fulfill(status=404, body="not found"))
    page = context.new_page()
    page.goto(mini_server.url("find/"))
    page.wait_for_selector(".wm-finder--failed")
    assert page.locator(".wm-finder__filters").is_hidden()
    assert page.locator(".wm-browse").is_visible()
    assert len(result_names(page)) == 6


def test_back_from_an_entry_keeps_the_filters_but_never_in_the_address(finder, mini_server):
    option(finder, "kind", "toolkit").check()
    assert result_names(finder) == ["Old toolkit"]
    with finder.expect_navigation():
        finder.locator(".wm-finder__list .wm-card__title a").first.click()
    finder.go_back()
    finder.wait_for_selector(".wm-finder[data-ready]")
    assert option(finder, "kind", "toolkit").is_checked()
    assert result_names(finder) == ["Old toolkit"]
    assert finder.url == mini_server.url("find/")
    storage = finder.evaluate(
        "JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])"
    )
    assert storage == '[[],[],""]'
    assert finder.evaluate("history.state.wmFinder.checked") == ["kind=toolkit"]


def test_a_new_visit_starts_with_no_filters(finder, mini_server, context_factory):
    option(finder, "kind", "toolkit").check()
    page = context_factory(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(mini_server.url("find/"))
    page.wait_for_selector(".wm-finder[data-ready]")
    assert not option(page, "kind", "toolkit").is_checked()


def test_on_a_phone_results_come_first_and_filters_fold_away(context_factory, real_server):
    page = context_factory(viewport={"width": 360, "height": 740}, has_touch=True).new_page()
    page.goto(real_server.url("find/"))
    page.wait_for_selector(".wm-finder[data-ready]")
    assert page.locator(".wm-finder__filters").is_hidden()
    first_result = page.locator(".wm-finder__list .wm-card").first.bounding_box()
    assert first_result["y"] < 740, "the first result is not on the first screen"
    toggle = page.locator(".wm-finder__toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and page.locator(".wm-finder__filters").is_visible()
    page.locator(".wm-filter__summary").first.click()
    page.locator(".wm-finder__filters input[type=checkbox]").first.check()
    wait_for_results(page)
    show = page.locator(".wm-finder__show")
    shown = page.locator(".wm-finder__status").inner_text()
    count = int(shown.split()[0])
    assert show.inner_text() == (f"Show {count} resources" if count != 1 else "Show 1 resource")
    show.click()
    assert page.locator(".wm-finder__filters").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('wm-finder__status')")
    assert "(1 chosen)" in toggle.inner_text()


def test_wide_screens_show_the_filters_without_the_toggle(finder):
    assert finder.locator(".wm-finder__toggle").is_hidden() and finder.locator(".wm-finder__filters").is_visible()
    assert finder.locator(".wm-finder__show").is_hidden()


NORMALISE = """(list) => Array.from(list.children).map((card) => {
    const copy = card.cloneNode(true);
    copy.querySelectorAll('a[href]').forEach((a) => a.setAttribute('href', a.href));
    return copy.outerHTML.replace(/>\\s+</g, '><').replace(/\\s+/g, ' ').replace(/ </g, '<').trim();
})"""


def test_cards_drawn_by_the_script_match_the_cards_the_server_wrote(context_factory, mini_server):
    """One card, two writers (the Jinja macro and finder.js): the same markup, so
    that a result looks and reads the same with or without JavaScript."""
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(mini_server.url("find/"))
    served = page.locator(".wm-finder__list").evaluate(NORMALISE)
    page = context_factory(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(mini_server.url("find/"))
    page.wait_for_selector(".wm-finder[data-ready]")
    page.locator(".wm-filter__summary").first.click()
    first = page.locator(".wm-finder__filters input[type=checkbox]").first
    first.check()
    wait_for_results(page)
    first.uncheck()  # every entry again, now drawn by the script
    wait_for_results(page)
    drawn = page.locator(".wm-finder__list").evaluate(NORMALISE)
    assert len(drawn) == len(served) == 6
    for a, b in zip(drawn, served, strict=True):
        assert a == b, f"\nscript: {a}\nserver: {b}"
