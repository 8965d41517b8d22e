"""My list: a shortlist kept only in this browser, cleared in one click, printed as one sheet."""

from __future__ import annotations

import json
import re

import pytest

from .conftest import tab_to

KEY = "waymark:my-list"
US_COURSE = "Course in Oregon"
CALM = 'Calm <script>alert("name")</script> & "Line"'


@pytest.fixture
def browser_page(context_factory):
    return context_factory(viewport={"width": 1024, "height": 800}).new_page()


def saved(page) -> list[str]:
    return json.loads(page.evaluate(f"localStorage.getItem('{KEY}') || '[]'"))


def add(page, server, entry_id: str) -> None:
    page.goto(server.url(f"entries/{entry_id}/"))
    page.get_by_role("button", name="Add to my list").click()
    assert page.locator(".wm-my-list-toggle__status").inner_text() == "Added to your list."


def test_add_and_remove_on_an_entry_page(browser_page, mini_server):
    add(browser_page, mini_server, "calm-line")
    assert saved(browser_page) == ["calm-line"]
    button = browser_page.locator(".wm-my-list-toggle__button")
    assert button.inner_text() == "Remove from my list"
    browser_page.reload()
    assert button.inner_text() == "Remove from my list"
    button.click()
    assert browser_page.locator(".wm-my-list-toggle__status").inner_text() == "Removed from your list."
    assert saved(browser_page) == []
    # An empty list leaves nothing behind in storage.
    assert browser_page.evaluate(f"localStorage.getItem('{KEY}')") is None


def test_the_list_page_shows_saved_entries_with_their_contacts_as_text(browser_page, mini_server):
    add(browser_page, mini_server, "calm-line")
    add(browser_page, mini_server, "us-course")
    browser_page.goto(mini_server.url("my-list/"))
    browser_page.wait_for_selector(".wm-my-list__item")
    names = browser_page.locator(".wm-my-list__name a").all_inner_texts()
    assert names == [CALM, US_COURSE]  # in the order they were saved
    assert browser_page.locator(".wm-my-list__status").inner_text() == "2 resources in your list."
    assert browser_page.locator(".wm-my-list__items script").count() == 0
    call = browser_page.locator('.wm-my-list__details a[href^="tel:"]')
    assert call.get_attribute("href") == "tel:08080001111"
    assert call.inner_text() == "Call 0808 000 1111"
    assert browser_page.locator(".wm-my-list__name a").first.get_attribute("href") == mini_server.url(
        "entries/calm-line/"
    )


def test_remove_one_then_clear_all_in_one_click(browser_page, mini_server):
    add(browser_page, mini_server, "calm-line")
    add(browser_page, mini_server, "us-course")
    browser_page.goto(mini_server.url("my-list/"))
    browser_page.wait_for_selector(".wm-my-list__item")
    browser_page.get_by_role("button", name=f"Remove {CALM} from my list").click()
    assert browser_page.locator(".wm-my-list__item").count() == 1
    assert saved(browser_page) == ["us-course"]
    assert browser_page.locator(".wm-my-list__status").inner_text().endswith("1 resource in your list.")
    browser_page.get_by_role("button", name="Clear my list").click()
    assert browser_page.locator(".wm-my-list__item").count() == 0
    assert browser_page.locator(".wm-my-list__status").inner_text() == "Your list has been cleared."
    assert browser_page.evaluate("localStorage.length") == 0


def test_entries_no_longer_published_are_dropped(browser_page, mini_server):
    browser_page.goto(mini_server.url("my-list/"))
    browser_page.evaluate(f"localStorage.setItem('{KEY}', JSON.stringify(['calm-line', 'closed-programme', '../x']))")
    browser_page.reload()
    browser_page.wait_for_selector(".wm-my-list__item")
    assert browser_page.locator(".wm-my-list__item").count() == 1
    assert "1 saved item is no longer in the directory" in browser_page.locator(".wm-my-list__status").inner_text()
    assert saved(browser_page) == ["calm-line"]


def test_printed_list_is_a_plain_signposting_sheet(browser_page, mini_server):
    add(browser_page, mini_server, "calm-line")
    browser_page.goto(mini_server.url("my-list/"))
    browser_page.wait_for_selector(".wm-my-list__item")
    browser_page.emulate_media(media="print")
    for hidden in (".wm-my-list__actions", ".wm-my-list__remove", ".wm-exit-this-page", ".md-header", ".wm-footer"):
        assert browser_page.locator(hidden).first.is_hidden(), hidden
    assert browser_page.locator(".wm-my-list__print-note").is_visible()
    assert browser_page.locator(".wm-my-list__details").first.is_visible()
    pdf = browser_page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf)) == 1  # one sheet


def test_without_javascript_the_page_explains_and_entry_pages_hide_the_button(context_factory, mini_server):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(mini_server.url("my-list/"))
    assert page.locator(".wm-my-list__nojs").is_visible()
    assert page.locator(".wm-my-list__app").is_hidden()
    page.goto(mini_server.url("entries/calm-line/"))
    assert page.locator(".wm-my-list-toggle").is_hidden()


def test_keyboard_only(browser_page, mini_server):
    browser_page.goto(mini_server.url("entries/calm-line/"))
    button = browser_page.locator(".wm-my-list-toggle__button")
    tab_to(browser_page, "wm-my-list-toggle__button", "Add to my list", presses=60)
    browser_page.keyboard.press("Enter")
    assert button.inner_text() == "Remove from my list"
    assert saved(browser_page) == ["calm-line"]


def test_the_list_page_fetches_only_the_ids_and_the_cards_it_shows(browser_page, mini_server):
    add(browser_page, mini_server, "calm-line")
    fetched: list[str] = []
    browser_page.on("request", lambda request: fetched.append(request.url))
    browser_page.goto(mini_server.url("my-list/"))
    browser_page.wait_for_selector(".wm-my-list__item")
    data = sorted(url.removeprefix(mini_server.url()) for url in fetched if url.endswith(".json"))
    assert data == ["find/cards/0.json", "find/ids.json"]


@pytest.mark.parametrize("value", ["{not json", '"a string"', '{"ids": 1}', "null"])
def test_a_damaged_saved_list_is_cleared_and_my_list_works_again(browser_page, mini_server, value):
    browser_page.goto(mini_server.url("my-list/"))
    browser_page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, value])
    browser_page.reload()
    status = browser_page.locator(".wm-my-list__status")
    status.wait_for()
    browser_page.wait_for_function("document.querySelector('.wm-my-list__status').textContent.length > 0")
    assert "could not be read, so it has been cleared" in status.inner_text()
    assert browser_page.evaluate(f"localStorage.getItem('{KEY}')") is None
    add(browser_page, mini_server, "calm-line")  # and the button works again
    assert saved(browser_page) == ["calm-line"]
