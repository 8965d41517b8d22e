"""Site search (the index in search/, behind the header's search control): what
it finds and in what order, by keyboard, what screen readers hear, what it leaves
behind (nothing), what it requests (only this site, and small pieces), the
page's policy, accessibility, and without JavaScript."""

from __future__ import annotations

import json
import os
from urllib.parse import urlsplit

import pytest

from generator.site import search_terms

from .conftest import StaticServer, tab_to

HOSTILE_NAME = 'Calm <script>alert("name")</script> & "Line"'
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Collects policy violations from the first moment of every page (an init
# script runs outside the page's policy).
WATCH_POLICY = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


class Watched:
    """A page with a log of its requests, failed responses, console errors and policy violations."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.failures: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "response",
            lambda response: response.status >= 400 and self.failures.append(f"{response.status} {response.url}"),
        )
        page.on("console", lambda message: message.type in ("error", "warning") and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations")


def open_search(page) -> None:
    page.locator(".wm-js-search-toggle").click()
    page.wait_for_selector(".wm-js-search-panel:not([hidden])")


def search(page, term: str) -> list[str]:
    """Type a term, press Enter and wait for the answer; the names of the results."""
    box = page.locator(".wm-js-search-input")
    box.fill(term)
    box.press("Enter")
    page.wait_for_selector(".wm-js-search-results:not([aria-busy])", state="attached")
    page.wait_for_selector(".wm-js-search-status:not(:empty)")
    return page.locator(".wm-search-result__link").all_inner_texts()


@pytest.fixture
def watched(context_factory):
    context = context_factory(viewport={"width": 1280, "height": 900})
    context.add_init_script(WATCH_POLICY)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return Watched(page)


@pytest.fixture
def searching(watched, mini_server):
    watched.page.goto(mini_server.url("entries/hand-written/"))
    open_search(watched.page)
    return watched


@pytest.mark.parametrize(
    "term, name",
    [
        ("study", "A study"),  # name
        ("university", "Course in Oregon"),  # publisher
        ("domestic abuse", "Paused local service"),  # topic label
        ("Dudley", "Paused local service"),  # area label
        ("overdue", "Old toolkit"),  # a word of the summary
    ],
    ids=["name", "publisher", "topic", "area", "summary"],
)
def test_finds_entries_by_name_publisher_topic_area_and_summary(searching, term, name):
    assert search(searching.page, term)[0] == name


def test_finds_only_what_is_published(searching):
    assert search(searching.page, "Closed programme") == []
    # Pages that list entries (facet pages, the finder, My list) are not in the
    # index, so an entry is found once, on its own page.
    search(searching.page, "calm")
    hrefs = searching.page.locator(".wm-search-result__link").evaluate_all("links => links.map(a => a.pathname)")
    assert hrefs == ["/entries/calm-line/", "/help-now/"]


def test_results_show_kind_place_and_excerpt_as_text(searching, mini_server):
    assert search(searching.page, "calm")[0] == HOSTILE_NAME
    first = searching.page.locator(".wm-search-result").first
    assert first.locator("a").get_attribute("href") == mini_server.url("entries/calm-line/")
    assert first.locator(".wm-search-result__meta").inner_text() == "Helpline · UK-wide"
    excerpt = first.locator(".wm-search-result__excerpt").inner_text()
    assert excerpt == '</title><script>alert("summary")</script> A free line to talk.'
    # The words searched for are marked in the excerpt, as text.
    assert search(searching.page, "FREE talks")[0] == HOSTILE_NAME
    assert first.locator("mark").all_inner_texts() == ["free", "talk"]
    # Nothing from the index became markup: only the elements the script builds.
    tags = searching.page.evaluate(
        "[...document.querySelectorAll('.wm-js-search-results *')].map(el => el.tagName.toLowerCase())"
    )
    assert set(tags) <= {"li", "p", "a", "mark"}
    handlers = searching.page.evaluate(
        "[...document.querySelectorAll('.wm-js-search-results *')].flatMap(el => el.getAttributeNames())"
    )
    assert set(handlers) <= {"class", "href"}
    assert searching.violations() == []


def test_results_are_announced(searching):
    status = searching.page.locator(".wm-js-search-status")
    assert status.get_attribute("role") == "status"
    search(searching.page, "Dudley")
    assert status.inner_text() == "1 result"
    search(searching.page, "calm")
    assert status.inner_text() == "2 results"
    assert search(searching.page, "zebracrossingxyz") == []
    assert status.inner_text() == "No results. Try another word, or browse every resource."
    searching.page.locator(".wm-js-search-input").fill("")
    searching.page.wait_for_selector(".wm-js-search-status:empty", state="attached")


def test_keyboard_only(watched, mini_server):
    page = watched.page
    page.goto(mini_server.url(""))
    tab_to(page, "wm-js-search-toggle", "the search button", presses=15)
    toggle = page.locator(".wm-js-search-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "wm-search-input"
    page.keyboard.type("Oregon")
    page.wait_for_selector(".wm-search-result__link")
    # Escape closes and puts focus back on the button.
    page.keyboard.press("Escape")
    assert page.locator(".wm-js-search-panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('wm-js-search-toggle')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "wm-search-input"
    # Tab passes the close button to the first result; the arrow keys move between the box and results.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Close search"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Course in Oregon"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == "wm-search-input"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent") == "Course in Oregon"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == mini_server.url("entries/us-course/")


def test_close_button_and_focus_elsewhere_close_the_panel(searching):
    page = searching.page
    search(page, "calm")
    page.get_by_role("button", name="Close search").click()
    assert page.locator(".wm-js-search-panel").is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('wm-js-search-toggle')")
    open_search(page)
    # The header's safety links stay usable while the panel is open...
    page.locator(".wm-help-link").focus()
    assert page.locator(".wm-js-search-panel").is_visible()
    # ...and focus moving into the page closes it, so it never covers what has focus.
    page.locator("#main-content").focus()
    assert page.locator(".wm-js-search-panel").is_hidden()


def test_search_terms_leave_no_trace(watched, mini_server):
    page = watched.page
    page.goto(mini_server.url(""))
    before = page.evaluate("history.length")
    open_search(page)
    search(page, "Dudley")
    search(page, "oregon")
    page.locator(".wm-js-search-input").press("Enter")
    assert page.url == mini_server.url("")
    assert page.evaluate("history.length") == before
    traces = page.evaluate("""async () => JSON.stringify([
        location.href, Object.entries(localStorage), Object.entries(sessionStorage), document.cookie,
        indexedDB.databases ? (await indexedDB.databases()).map(db => db.name) : [],
        await caches.keys(),
    ])""")
    assert "dudley" not in traces.lower() and "oregon" not in traces.lower()
    assert traces == f'["{mini_server.url("")}",[],[],"",[],[]]'
    assert page.context.cookies() == []
    # Result links carry no search term either.
    assert all(
        "oregon" not in href.lower()
        for href in page.locator(".wm-search-result__link").evaluate_all("els => els.map(a => a.href)")
    )
    # Nor do the files search fetches.
    assert not [url for url in watched.requests if "dudley" in url.lower() or "oregon" in url.lower()]


def test_requests_stay_on_this_site_without_errors_or_policy_violations(searching, mini_server):
    search(searching.page, "calm")
    searching.page.wait_for_load_state("networkidle")
    hosts = {urlsplit(url).hostname for url in searching.requests}
    assert hosts == {"127.0.0.1"}, searching.requests
    assert searching.failures == []
    assert not [url for url in searching.requests if "search_index" in url or "workers/search" in url]
    assert any(url.endswith("/search/index.json") for url in searching.requests)
    assert searching.violations() == []
    assert searching.errors == []


def test_nothing_is_downloaded_until_search_is_opened(watched, mini_server):
    watched.page.goto(mini_server.url(""))
    watched.page.wait_for_load_state("networkidle")
    assert not [url for url in watched.requests if "/search/" in url]


def test_a_search_fetches_one_piece_per_word_and_one_file_per_result(watched, mini_server):
    page = watched.page
    page.goto(mini_server.url(""))
    open_search(page)
    assert search(page, "Dudley referrals") == ["Paused local service"]
    fetched = [urlsplit(url).path for url in watched.requests if "/search/" in url]
    assert fetched[0] == "/search/index.json"
    build = page.evaluate("fetch('/search/index.json').then(r => r.json()).then(toc => toc.id)")
    # The table of contents, the pieces holding "dud…" and "ref…", and the one result's page.
    assert sorted(fetched[1:3]) == [f"/search/{build}/w/dud.json", f"/search/{build}/w/ref.json"]
    assert len(fetched) == 4 and fetched[3].startswith(f"/search/{build}/p/")
    # The same words again come from what the browser already has.
    before = len(watched.requests)
    search(page, "referrals Dudley")
    assert [url for url in watched.requests[before:] if "/w/" in url] == []


def test_a_word_finds_longer_and_slightly_shorter_forms(searching):
    # "referral" is in the index as "referrals"; "pause" as "paused".
    assert search(searching.page, "referral") == ["Paused local service"]
    assert search(searching.page, "pause")[0] == "Paused local service"
    # Accents and capitals do not matter, in the query or in the data.
    assert search(searching.page, "DÚDLEY") == ["Paused local service"]
    # A word found nowhere does not hide what the other words find.
    assert search(searching.page, "Dudley zebracrossingxyz") == ["Paused local service"]
    assert search(searching.page, "zebracrossingxyz") == []


def test_a_name_ranks_above_a_mention(searching):
    # "study" is the name of one entry and a word of other pages' text.
    names = search(searching.page, "study")
    assert names[0] == "A study"


def test_results_come_ten_at_a_time(watched, real_server):
    page = watched.page
    page.goto(real_server.url(""))
    open_search(page)
    first = search(page, "trauma")
    assert len(first) == 10
    total = int(page.locator(".wm-js-search-status").inner_text().split()[0])
    assert total > 20
    fragments = [url for url in watched.requests if "/p/" in urlsplit(url).path]
    assert len(fragments) == 10  # one small file per result shown, not one per match
    page.get_by_role("button", name="Show more results").click()
    page.wait_for_selector(".wm-search-result:nth-child(20)")
    assert page.locator(".wm-search-result__link").all_inner_texts()[:10] == first
    # Announced just after (in a later task, so that a repeated answer is heard again).
    page.locator(".wm-js-search-status").filter(has_text="Showing").wait_for()
    assert page.locator(".wm-js-search-status").inner_text() == f"Showing 20 of {total} results"
    # Focus moves to the first new result, so keyboard users carry on from there.
    assert (
        page.evaluate("document.activeElement.textContent")
        == page.locator(".wm-search-result__link").nth(10).inner_text()
    )


def test_if_search_cannot_load_it_says_so_and_offers_the_finder(watched, mini_server):
    page = watched.page
    page.route("**/search/index.json", lambda route: route.fulfill(status=404, body=""))
    page.goto(mini_server.url(""))
    open_search(page)
    status = page.locator(".wm-js-search-status")
    status.filter(has_text="Search could not load").wait_for()
    assert status.inner_text() == "Search could not load. You can browse every resource instead."
    link = page.get_by_role("link", name="Browse and filter every resource")
    assert link.get_attribute("href") == "find/"


def test_without_javascript_the_control_leads_to_the_finder(context_factory, mini_server):
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(mini_server.url("entries/calm-line/"))
    assert page.locator(".wm-js-search-toggle").is_hidden()
    assert page.locator(".wm-js-search-panel").is_hidden()
    link = page.get_by_role("link", name="Find support", exact=True).first
    assert link.is_visible()
    with page.expect_navigation():
        link.click()
    assert page.url == mini_server.url("find/")
    assert page.locator(".wm-browse").is_visible()


def test_works_when_the_site_is_served_under_a_path(tmp_path, context_factory, mini_site):
    """A GitHub Pages project site lives at /<repository>/: the index and result links follow."""
    os.symlink(mini_site.root, tmp_path / "directory")
    server = StaticServer(tmp_path)
    try:
        page = context_factory().new_page()
        page.goto(server.url("directory/entries/calm-line/"))
        open_search(page)
        assert search(page, "Oregon")[0] == "Course in Oregon"
        href = page.locator(".wm-search-result__link").first.get_attribute("href")
        assert href == server.url("directory/entries/us-course/")
    finally:
        server.close()


def test_the_real_site_finds_an_entry_by_name(watched, real_server):
    page = watched.page
    page.goto(real_server.url("guidance/"))
    open_search(page)
    assert search(page, "Samaritans")[0] == "Samaritans"
    page.locator(".wm-search-result__link").first.click()
    assert page.url == real_server.url("entries/samaritans/")
    assert {urlsplit(url).hostname for url in watched.requests} == {"127.0.0.1"}
    assert watched.failures == [] and watched.violations() == []


@pytest.mark.parametrize("width", [1280, 320])
def test_no_accessibility_violations_with_results_open(width, context_factory, real_server, axe_source):
    context = context_factory(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    page.goto(real_server.url("entries/samaritans/"))
    open_search(page)
    assert len(search(page, "trauma")) == 10
    assert page.locator(".wm-js-search-more").is_visible()
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    violations = [{"id": v["id"], "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]
    assert violations == []
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]
    assert page.locator(".wm-exit-this-page__button").is_visible()


def likeness(typed: str, word: str) -> bool:
    """The matching rule of search-query.js, written out again here as the oracle."""
    return (
        word == typed
        or (len(typed) >= 3 and word.startswith(typed))
        or (len(word) >= 4 and typed.startswith(word) and len(typed) - len(word) <= 2)
    )


def one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def test_the_browser_finds_what_the_index_holds(watched, real_site, real_server):
    """For a spread of the real index's terms, and pairs of them, the count the page
    announces is the number of pages holding any of them (in any form the rule
    allows, or one edit away for a term the index does not hold), and the pages
    holding all of them come first, counted here from all the index's files, not
    only the piece a term's first letters name: so a term filed in the wrong
    piece, or read wrongly, fails."""
    root = real_site.root / "search"
    toc = json.loads((root / "index.json").read_text())
    pages_of: dict[str, set[int]] = {}
    for name in toc["shards"]:
        shard = json.loads((root / toc["id"] / "w" / f"{name}.json").read_text())
        shard.pop("~", None)
        for word, postings in shard.items():
            number, pages = 0, set()
            for posting in postings:
                number += posting >> toc["bits"]
                pages.add(number)
            pages_of[word] = pages
    # Terms of the search's own words and those near them take other paths (synonyms, crisis lines first).
    own = {t for key in ("syn", "oneway") for group in toc[key] for phrase in group for t in phrase}
    own |= {t for phrase in toc["crisis"] for t in phrase}
    spell = toc["spell"]
    vocabulary = sorted(
        w
        for w in pages_of
        if w not in own and not any(one_edit(w, o) or likeness(w, o) for o in own) and w not in spell
    )
    sample = vocabulary[:: max(1, len(vocabulary) // 24)] + [w for w in vocabulary if len(w) == 2][:3]
    # Whole terms, and their first three or four letters as someone still typing.
    queries = [[word] for word in sample] + [[word[:3]] for word in sample[::4]] + [[word[:4]] for word in sample[2::4]]
    # A prefix that is itself a very common word ("you" of "young") is not searched on its own.
    queries = [query for query in queries if not set(query) & set(toc["stop"])]
    queries += [[sample[i], sample[-1 - i]] for i in range(3)] + [["trauma", "informed"], ["wellbeing", "staff"]]

    def found_by(typed: str) -> set[int]:
        term = search_terms.term(typed, spell)
        found = set().union(*(pages_of[w] for w in pages_of if likeness(term, w)))
        if term not in pages_of and len(term) >= 5:
            shard = [w for w in pages_of if w[:3] == term[:3]]
            found |= set().union(*(pages_of[w] for w in shard if one_edit(term, w)))
        return found

    page = watched.page
    page.goto(real_server.url(""))
    open_search(page)
    status = page.locator(".wm-js-search-status")
    urls = [json.loads((root / toc["id"] / "p" / f"{n}.json").read_text())["url"] for n in range(toc["pages"])]
    checked = 0
    for query in queries:
        names = search(page, " ".join(query).upper())
        text = status.inner_text()
        shown = 0 if text.startswith("No results") else int(text.split()[0])
        each = [found_by(word) for word in query]
        assert shown == len(set.union(*each)), (query, text)
        every = set.intersection(*each)
        first = page.locator(".wm-search-result__link").evaluate_all("links => links.map(a => a.pathname)")
        # The first results shown are pages that hold every term, while there are any.
        want = {"/" + urls[n] for n in every}
        assert set(first[: len(want)]) <= want, (query, names)
        checked += shown > 0
    assert checked >= len(queries) - 3  # the spread finds something, so the comparison means something


@pytest.mark.parametrize("query", ["ŁÓDŹ", "ελλαδα", "Ελλάδα", "東京"])
def test_words_outside_a_to_z_are_found(searching, query):
    """Their pieces are named by code point (`_142od`): the script must name them as the build does."""
    assert search(searching.page, query) == ["Mini directory"]  # the home page, by its heading


def test_search_files_are_fetched_past_the_browser_cache(watched, mini_server):
    """Fetched with cache "no-store", so no search file stays in the cache of a shared device."""
    page = watched.page
    sent: list[tuple[str, str | None]] = []
    page.on(
        "request",
        lambda request: (
            "/search/" in request.url
            and sent.append((urlsplit(request.url).path, request.all_headers().get("cache-control")))
        ),
    )
    page.goto(mini_server.url(""))
    open_search(page)
    search(page, "Dudley")
    assert len(sent) == 3 and all(control == "no-cache" for _, control in sent), sent


def test_a_single_letter_or_a_common_word_asks_for_more(searching):
    status = searching.page.locator(".wm-js-search-status")
    for query in ("a", "the", "of and"):
        assert search(searching.page, query) == []
        assert status.inner_text() == "Type a longer word, or browse every resource."


def test_the_count_is_announced_once_typing_pauses_and_every_time_on_enter(searching):
    page = searching.page
    page.evaluate("""() => {
        window.__said = [];
        new MutationObserver(() => window.__said.push(document.querySelector('.wm-js-search-status').textContent))
            .observe(document.querySelector('.wm-js-search-status'), {childList: true, characterData: true, subtree: true});
    }""")
    page.locator(".wm-js-search-input").press_sequentially("Dudley")
    page.wait_for_selector(".wm-search-result__link")
    # The results are there at once; the count follows when typing has paused.
    assert page.locator(".wm-js-search-status").inner_text() == ""
    page.locator(".wm-js-search-status").filter(has_text="1 result").wait_for()
    # The same words twice with Enter: said twice (cleared, then set in a later task).
    page.evaluate("window.__said = []")
    for _ in range(2):
        search(page, "zebracrossingxyz")
    said = [text for text in page.evaluate("window.__said") if text]
    assert said == ["No results. Try another word, or browse every resource."] * 2


def test_show_more_pressed_twice_shows_each_result_once(watched, real_server):
    page = watched.page
    page.goto(real_server.url(""))
    open_search(page)
    search(page, "trauma")
    page.get_by_role("button", name="Show more results").dblclick()
    page.wait_for_selector(".wm-js-search-results:not([aria-busy])", state="attached")
    page.locator(".wm-js-search-status").filter(has_text="Showing").wait_for()
    hrefs = page.locator(".wm-search-result__link").evaluate_all("links => links.map(a => a.href)")
    shown = int(page.locator(".wm-js-search-status").inner_text().split()[1])
    assert len(hrefs) == len(set(hrefs)) == shown and shown in (20, 30)


def test_a_failed_search_takes_away_the_previous_results(searching):
    page = searching.page
    assert len(search(page, "calm")) == 2
    page.route("**/search/**", lambda route: route.fulfill(status=404, body=""))
    box = page.locator(".wm-js-search-input")
    box.fill("oregon")
    box.press("Enter")
    page.locator(".wm-js-search-status").filter(has_text="Search could not load").wait_for()
    assert page.locator(".wm-search-result").count() == 0
    assert page.locator(".wm-js-search-more").is_hidden()
    # Once the files can be had again, the next search works.
    page.unroute("**/search/**")
    assert search(page, "oregon") == ["Course in Oregon"]


def test_a_site_published_again_during_a_visit_is_searched_from_its_new_files(watched, mini_server, mini_site):
    """The old build's files are gone (404): search reads the new table of contents and carries on."""
    page = watched.page
    page.goto(mini_server.url(""))
    open_search(page)
    assert search(page, "Dudley") == ["Paused local service"]
    old = json.loads((mini_site.root / "search" / "index.json").read_text())
    new = {**old, "id": "0" * 12}
    page.route(f"**/search/{old['id']}/**", lambda route: route.fulfill(status=404, body=""))
    page.route(
        "**/search/index.json",
        lambda route: route.fulfill(status=200, content_type="application/json", body=json.dumps(new)),
    )
    page.route(
        f"**/search/{new['id']}/**",
        lambda route: route.fulfill(
            path=mini_site.root / urlsplit(route.request.url).path.lstrip("/").replace(new["id"], old["id"])
        ),
    )
    assert search(page, "oregon") == ["Course in Oregon"]
    assert any(f"/search/{new['id']}/w/ore.json" in url for url in watched.requests)


def test_the_script_builds_a_named_button_and_panel_the_page_does_not_carry(watched, mini_server):
    page = watched.page
    page.goto(mini_server.url("entries/calm-line/"))
    toggle = page.get_by_role("button", name="Search", exact=True)
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    assert page.locator(".wm-js-search-link").is_hidden()
    assert toggle.locator(".wm-icon--search").count() == 1
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    box = page.get_by_role("searchbox", name="Search this site")
    assert box.is_visible()
    assert page.get_by_role("button", name="Close search").is_visible()
    assert page.get_by_role("link", name="Browse and filter every resource").get_attribute("href") == "../../find/"
