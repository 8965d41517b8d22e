"""In Chromium: no page breaks its Content-Security-Policy, and nothing from the
XSS corpus runs or becomes an element, even after the finder, My list and search
have put data on the page with JavaScript.
"""

from __future__ import annotations

import pytest

from .conftest import StaticServer

# Recorded from before the first script runs.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push([e.violatedDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber, e.sample].join(" | "));
});
"""

# Elements and attributes that only markup from the data could have made.
FIND_INJECTED = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (tag.includes("-")) found.push("custom element " + tag);
    for (const attr of el.attributes) {
      if (attr.name.startsWith("on")) found.push(tag + " " + attr.name);
      if (["href", "src", "action", "formaction", "xlink:href"].includes(attr.name)
          && /^[\\s\\x00-\\x1f]*(javascript|data|vbscript):/i.test(attr.value)) found.push(tag + " " + attr.name + "=" + attr.value);
    }
  }
  for (const el of document.querySelectorAll(
      "article img, article svg, article iframe, article object, article embed, article style, article script, article math," +
      ".wm-search__results img, .wm-search__results iframe, .wm-search__results script, .wm-search__results svg," +
      ".wm-search__results style, base, iframe")) {
    found.push(el.outerHTML.slice(0, 100));
  }
  return found;
}"""


@pytest.fixture(scope="session")
def corpus_server(hostile_builds):
    server = StaticServer(hostile_builds.corpus.root)
    yield server
    server.close()


class Visit:
    """A page opened in a fresh context, recording policy violations, console messages, errors and dialogs."""

    def __init__(self, context_factory, url: str):
        context = context_factory(viewport={"width": 1280, "height": 900})
        context.add_init_script(RECORD_VIOLATIONS)
        self.page = context.new_page()
        self.console: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))
        self.page.goto(url, wait_until="load")

    def problems(self) -> list[str]:
        violations = self.page.evaluate("window.__violations")
        policy_messages = [m for m in self.console if "Content Security Policy" in m or "Content-Security-Policy" in m]
        return violations + policy_messages + self.errors + [f"dialog: {d}" for d in self.dialogs]


def use_the_page(page, query: str = "line") -> dict[str, int]:
    """Run the scripts that put data on the page (finder filters, My list, search);
    return how many finder results and search results they drew."""
    drawn = {"finder": 0, "search": 0}
    if page.locator(".wm-finder__filters").count():
        page.wait_for_selector(".wm-finder[data-ready]")
        page.locator(".wm-filter__summary").first.click()  # open "Type of resource"
        page.locator('.wm-finder__filters input[name="kind"]').first.check()
        page.wait_for_selector('.wm-finder__list:not([aria-busy="true"])', state="attached")
        drawn["finder"] = page.locator(".wm-finder__list .wm-card").count()
    toggle = page.locator(".wm-my-list-toggle__button")
    if toggle.count() and toggle.is_visible():
        toggle.click()
    toggle = page.locator(".wm-js-search-toggle")
    if toggle.count() and toggle.is_visible():
        toggle.click()
        page.locator(".wm-js-search-input").press_sequentially(query)  # typed, as people do
        page.locator(".wm-js-search-input").press("Enter")
        # Wait until search has answered and the status says how many results there are.
        page.wait_for_function("() => /result/i.test(document.querySelector('.wm-js-search-status').textContent)")
        drawn["search"] = page.locator(".wm-search-result").count()
    page.wait_for_load_state("networkidle")
    return drawn


MINI_PAGES = [
    "",  # home, with the kinds marker
    "help-now/",  # crisis lines from the data, through Markdown
    "entries/hand-written/",  # a hand-written Markdown page
    "entries/calm-line/",  # an entry with hostile text
    "entries/paused-service/",
    "find/kind/helpline/",  # a facet value
    "find/kind/",  # a facet index
    "find/",  # the finder
    "my-list/",
    "404.html",
]


@pytest.mark.parametrize("path", MINI_PAGES)
def test_no_policy_violation_on_any_page_type(context_factory, mini_server, path):
    visit = Visit(context_factory, mini_server.url(path))
    use_the_page(visit.page)
    assert visit.problems() == []


@pytest.mark.parametrize("path", ["guidance/principles/", "about/privacy/", "find/"])
def test_no_policy_violation_on_the_project_site(context_factory, real_server, path):
    visit = Visit(context_factory, real_server.url(path))
    use_the_page(visit.page)
    assert visit.problems() == []


@pytest.mark.parametrize(
    "path",
    [
        "find/",
        "find/page/2/",
        "entries/entry-000/",
        "entries/entry-010/",
        "help-now/",
        "find/topic/crisis/",
        "find/region/england/dudley/",
    ],
)
def test_nothing_from_the_corpus_runs_or_becomes_an_element(context_factory, corpus_server, path):
    visit = Visit(context_factory, corpus_server.url(path))
    drawn = use_the_page(visit.page, query="wmxss")
    assert drawn["search"] > 0  # the corpus text came back through the search index
    if path == "find/":
        assert drawn["finder"] > 0
    assert visit.page.evaluate(FIND_INJECTED) == []
    assert visit.problems() == []


def test_my_list_shows_corpus_entries_only_as_text(context_factory, corpus_server, hostile_builds):
    visit = Visit(context_factory, corpus_server.url("entries/entry-001/"))
    use_the_page(visit.page)  # adds the entry to My list
    visit.page.goto(corpus_server.url("my-list/"), wait_until="networkidle")
    visit.page.wait_for_selector(".wm-my-list__item")
    names = visit.page.locator(".wm-my-list__name a").all_inner_texts()
    expected = hostile_builds.corpus.page("entries/entry-001/").select_one("article h1").get_text()
    assert names == [expected]
    assert visit.page.evaluate(FIND_INJECTED) == []
    assert visit.problems() == []


def test_the_recorder_sees_a_violation(context_factory, mini_server):
    """The listener works: an inline script added after load is refused and recorded."""
    visit = Visit(context_factory, mini_server.url(""))
    visit.page.evaluate(
        """() => { const s = document.createElement("script"); s.textContent = "window.ran = 1"; document.body.append(s); }"""
    )
    visit.page.wait_for_function("window.__violations.length > 0")
    assert visit.page.evaluate("window.ran") is None
    assert any("script-src" in v for v in visit.problems())


def test_the_element_check_sees_injected_markup(context_factory, mini_server):
    visit = Visit(context_factory, mini_server.url("entries/calm-line/"))
    assert visit.page.evaluate(FIND_INJECTED) == []
    visit.page.evaluate("""() => { document.querySelector("article").insertAdjacentHTML("beforeend",
        '<img src="x.png" onerror="1"><a href=" javascript:void(0)">x</a><x-thing></x-thing>'); }""")
    found = visit.page.evaluate(FIND_INJECTED)
    assert any("onerror" in f for f in found) and any("javascript:" in f for f in found)
    assert any("x-thing" in f for f in found) and any(f.startswith("<img") for f in found)


def test_a_script_in_a_hand_written_page_does_not_run_even_when_allowed(tmp_path, context_factory):
    """allow_active_markup lets the build through; the policy still blocks the script,
    because only the theme's own inline scripts are hashed."""
    from generator.cli import main

    from ..test_page_markup import copy_mini
    from .conftest import StaticServer

    project = copy_mini(tmp_path)
    page = project / "content" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>window.injected = 1</script>\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      quick_exit_url:", "      allow_active_markup: [index.md]\n      quick_exit_url:", 1
        ),
        encoding="utf-8",
    )
    assert main(["build", "--config", str(config), "--site-dir", str(project / "site")]) == 0
    server = StaticServer(project / "site")
    try:
        browser_page = context_factory().new_page()
        violations = []
        browser_page.on(
            "console",
            lambda message: violations.append(message.text) if "Content Security Policy" in message.text else None,
        )
        browser_page.goto(server.url(""))
        browser_page.wait_for_load_state("load")
        assert browser_page.evaluate("typeof window.injected") == "undefined"
        assert browser_page.evaluate(
            "document.documentElement.classList.contains('wm-js')"
        )  # the theme's own script ran
        assert violations, "the blocked script was not reported as a policy violation"
    finally:
        server.close()
