"""Exit this page, as GOV.UK's component behaves: without JavaScript, with it, by keyboard."""

from __future__ import annotations

import pytest

DESTINATION = "https://www.example.org/weather"  # the mini site's quick_exit_url


def fake_destination(context):
    """Answer the neutral site locally: no request leaves the machine."""
    context.route(
        "https://www.example.org/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Weather</title><p>Weather</p>"
        ),
    )


@pytest.fixture
def js_page(context_factory):
    context = context_factory()
    fake_destination(context)
    return context.new_page()


@pytest.fixture
def nojs_page(context_factory):
    context = context_factory(java_script_enabled=False)
    fake_destination(context)
    return context.new_page()


def test_without_javascript_the_button_is_a_plain_link(nojs_page, mini_server):
    nojs_page.goto(mini_server.url("entries/calm-line/"))
    button = nojs_page.get_by_role("button", name="Emergency Exit this page", exact=True)
    assert button.get_attribute("rel") == "nofollow noreferrer"
    assert button.get_attribute("href") == DESTINATION
    with nojs_page.expect_navigation():
        button.click()
    assert nojs_page.url == DESTINATION


def test_without_javascript_the_skip_link_leaves_too(nojs_page, mini_server):
    nojs_page.goto(mini_server.url(""))
    nojs_page.keyboard.press("Tab")
    assert nojs_page.evaluate("document.activeElement.textContent") == "Skip to main content"
    nojs_page.keyboard.press("Tab")
    assert nojs_page.evaluate("document.activeElement.textContent") == "Exit this page"
    with nojs_page.expect_navigation():
        nojs_page.keyboard.press("Enter")
    assert nojs_page.url == DESTINATION


def test_click_hides_the_page_announces_and_leaves(js_page, mini_server):
    js_page.goto(mini_server.url("find/"))
    # A "204 No Content" answer cancels the navigation, so the page can be looked at.
    js_page.route(DESTINATION, lambda route: route.fulfill(status=204))
    js_page.locator(".wm-js-exit-this-page-button").click()
    js_page.wait_for_selector(".wm-exit-this-page-overlay")
    assert js_page.evaluate("document.body.classList.contains('wm-exit-this-page-hide-content')")
    overlay = js_page.locator(".wm-exit-this-page-overlay")
    assert overlay.get_attribute("role") == "alert"
    assert overlay.inner_text() == "Loading."
    assert js_page.locator("article").is_hidden()


def test_shift_three_times_leaves_and_takes_the_page_out_of_history(js_page, mini_server):
    js_page.goto(mini_server.url(""))
    js_page.goto(mini_server.url("entries/calm-line/"))
    with js_page.expect_navigation():
        for _ in range(3):
            js_page.keyboard.press("Shift")
    assert js_page.url == DESTINATION
    js_page.go_back()
    # location.replace: Back returns to the page before, not to the one that was left.
    assert js_page.url == mini_server.url("")
    assert js_page.locator("article").is_visible()


def test_screen_readers_hear_how_many_presses_remain(js_page, mini_server):
    js_page.goto(mini_server.url(""))
    status = js_page.locator('.wm-exit-this-page [role="status"]')
    lights_on = js_page.locator(".wm-exit-this-page__indicator-light--on")
    assert status.inner_text() == ""
    js_page.keyboard.press("Shift")
    assert status.inner_text() == "Shift, press 2 more times to exit."
    assert lights_on.count() == 1
    assert js_page.locator(".wm-exit-this-page__indicator--visible").count() == 1
    js_page.keyboard.press("Shift")
    assert status.inner_text() == "Shift, press 1 more time to exit."
    assert lights_on.count() == 2
    assert js_page.locator(".wm-exit-this-page__indicator").get_attribute("aria-hidden") == "true"


def test_presses_more_than_five_seconds_apart_expire(js_page, mini_server):
    js_page.clock.install()
    js_page.goto(mini_server.url(""))
    status = js_page.locator('.wm-exit-this-page [role="status"]')
    js_page.keyboard.press("Shift")
    js_page.keyboard.press("Shift")
    js_page.clock.run_for(5100)
    assert status.inner_text() == "Exit this page expired."
    assert js_page.locator(".wm-exit-this-page__indicator-light--on").count() == 0
    js_page.keyboard.press("Shift")
    assert status.inner_text() == "Shift, press 2 more times to exit."
    js_page.clock.run_for(5100)
    js_page.clock.run_for(5100)
    assert status.inner_text() == ""
    assert js_page.url == mini_server.url("")


def test_each_press_within_five_seconds_of_the_last_counts(js_page, mini_server):
    js_page.clock.install()
    js_page.goto(mini_server.url(""))
    js_page.keyboard.press("Shift")
    js_page.clock.run_for(4000)
    js_page.keyboard.press("Shift")
    js_page.clock.run_for(4000)
    with js_page.expect_navigation():
        js_page.keyboard.press("Shift")
    assert js_page.url == DESTINATION


def test_shift_used_with_another_key_does_not_count(js_page, mini_server):
    js_page.goto(mini_server.url(""))
    status = js_page.locator('.wm-exit-this-page [role="status"]')
    for _ in range(3):
        js_page.keyboard.press("Shift+KeyA")
    assert status.inner_text() == ""
    assert js_page.url == mini_server.url("")


def test_another_key_resets_the_count(js_page, mini_server):
    js_page.goto(mini_server.url(""))
    status = js_page.locator('.wm-exit-this-page [role="status"]')
    js_page.keyboard.press("Shift")
    js_page.keyboard.press("Shift")
    js_page.keyboard.press("KeyA")
    assert status.inner_text() == "Exit this page expired."
    js_page.keyboard.press("Shift")
    assert status.inner_text() == "Shift, press 2 more times to exit."
    assert js_page.url == mini_server.url("")


def test_pageshow_restores_a_page_that_was_being_left(js_page, mini_server):
    js_page.goto(mini_server.url("entries/calm-line/"))
    js_page.route(DESTINATION, lambda route: route.fulfill(status=204))
    js_page.locator(".wm-js-exit-this-page-button").click()
    js_page.wait_for_selector(".wm-exit-this-page-overlay")
    js_page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert js_page.locator(".wm-exit-this-page-overlay").count() == 0
    assert not js_page.evaluate("document.body.classList.contains('wm-exit-this-page-hide-content')")
    assert js_page.locator("article").is_visible()


def test_keyboard_only_the_exit_is_reached_and_used(js_page, mini_server):
    js_page.goto(mini_server.url("find/"))
    js_page.keyboard.press("Tab")
    js_page.keyboard.press("Tab")
    focused = js_page.evaluate("[document.activeElement.textContent, getComputedStyle(document.activeElement).left]")
    assert focused[0] == "Exit this page" and focused[1] != "-9999px"
    with js_page.expect_navigation():
        js_page.keyboard.press("Enter")
    assert js_page.url == DESTINATION
