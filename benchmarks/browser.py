"""What a visitor downloads and waits for, measured in headless Chromium.

Playwright for Python drives Debian's /usr/bin/chromium against the site served
by ``server.GzipServer``; bytes are read from the server's log (gzip as sent),
times from the page's own clock (``performance.now()``), so Playwright's round
trips are not counted.

The search box is found generically, so the same measurement works for
Material's search and for any search put behind the same box.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from .chromium import launch
from .server import GzipServer, Response

# The site's search input, and what a shown result looks like: change here if the search changes.
SEARCH_INPUT = ".wm-js-search-input, .md-search__input"
SEARCH_OPEN = '.wm-js-search-toggle, label[for="__search"]'  # opens the search panel (Waymark's, or Material's)
SEARCH_RESULT = ".wm-search-result, .md-search-result__item"
SEARCH_QUERY = "wellbeing"
# Requests made for search while a page loads (there should be none) count towards the first search.
SEARCH_PATHS = ("search",)
FINDER_FILTERS = ".wm-finder__filters"
FINDER_READY = '.wm-finder__list:not([aria-busy="true"])'
SETTLE_S = 0.3  # lets the server finish logging responses the page has already used

_WATCH = """
([selector, start]) => {
  window.__wm = { t0: null, t1: null, results: 0 };
  const found = () => {
    const hits = document.querySelectorAll(selector);
    if (window.__wm.t0 !== null && window.__wm.t1 === null && hits.length) {
      window.__wm.t1 = performance.now();
      window.__wm.results = hits.length;
    }
  };
  document.addEventListener(start, () => {
    if (window.__wm.t0 === null) window.__wm.t0 = performance.now();
  }, true);
  new MutationObserver(found).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
}
"""


def _wait_for_mark(page: Any, timeout_s: float = 60.0) -> dict[str, Any]:
    """Poll the page's own record (the site's policy forbids string evaluation, which
    Playwright's wait_for_function would need)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        timing = page.evaluate("() => window.__wm")
        if timing and timing.get("t1") is not None:
            return timing
        time.sleep(0.02)
    raise TimeoutError("no results were shown")


def _bytes(responses: list[Response]) -> dict[str, Any]:
    return {
        "requests": len(responses),
        "raw": sum(r.raw for r in responses),
        "gzip": sum(r.sent for r in responses),
        "files": sorted({r.path for r in responses}),
    }


def cold_visit(browser: Any, server: GzipServer, path: str) -> dict[str, Any]:
    """Everything a first visit to ``path`` downloads until the network is idle;
    requests for search are also counted on their own."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        start = server.mark()
        page.goto(server.url(path), wait_until="networkidle")
        time.sleep(SETTLE_S)
        responses = server.since(start)
    finally:
        context.close()
    search = [r for r in responses if any(part in r.path for part in SEARCH_PATHS)]
    other = [r for r in responses if r not in search]
    return {"path": path, "all": _bytes(responses), "without_search": _bytes(other), "search": _bytes(search)}


def first_search(browser: Any, server: GzipServer, path: str = "", query: str = SEARCH_QUERY) -> dict[str, Any]:
    """Open a page, type a query into the site's search box, wait for results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        start = server.mark()
        page.goto(server.url(path), wait_until="load")
        loaded = server.mark()
        box = page.locator(SEARCH_INPUT).first
        if not box.is_visible() and page.locator(SEARCH_OPEN).count():
            page.locator(SEARCH_OPEN).first.click()
        box.focus()
        page.evaluate(_WATCH, [SEARCH_RESULT, "keydown"])
        page.keyboard.type(query)
        timing = _wait_for_mark(page)
        time.sleep(SETTLE_S)
        during_load = [r for r in server.since(start)[: loaded - start] if any(p in r.path for p in SEARCH_PATHS)]
        after = server.since(loaded)
    finally:
        context.close()
    return {
        "query": query,
        "ms": round(timing["t1"] - timing["t0"], 1),
        "results_shown": timing["results"],
        **_bytes(during_load + after),
    }


def first_filter(browser: Any, server: GzipServer, path: str = "find/") -> dict[str, Any]:
    """Open the finder, tick its first option, wait for the new results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        start = server.mark()
        page.goto(server.url(path), wait_until="load")
        page.wait_for_selector('[data-module="wm-finder"][data-ready]')
        page.locator(".wm-filter__summary").first.click()  # the groups start closed
        option = page.locator(f"{FINDER_FILTERS} input[type=checkbox]").first
        label = option.get_attribute("name") + "=" + option.get_attribute("value")
        before = page.locator(".wm-finder__status").inner_text()
        page.evaluate(
            """() => {
              window.__wm = { t0: null, t1: null };
              const status = document.querySelector('.wm-finder__status');
              const list = document.querySelector('.wm-finder__list');
              document.addEventListener('click', () => { if (window.__wm.t0 === null) window.__wm.t0 = performance.now(); }, true);
              new MutationObserver(() => {
                if (window.__wm.t0 !== null && window.__wm.t1 === null && status.textContent.trim()
                    && list.getAttribute('aria-busy') !== 'true' && list.querySelector('.wm-card')) {
                  window.__wm.t1 = performance.now();
                }
              }).observe(document.querySelector('[data-module="wm-finder"]') || document.body,
                         { childList: true, subtree: true, attributes: true, characterData: true });
            }"""
        )
        option.check()
        timing = _wait_for_mark(page)
        page.wait_for_selector(FINDER_READY, state="attached")
        status = page.locator(".wm-finder__status").inner_text()
        time.sleep(SETTLE_S)
        responses = server.since(start)
    finally:
        context.close()
    # The finder's own data: JSON fetched from opening the page to the first filtered results.
    used = [r for r in responses if r.path.endswith(".json") and not any(p in r.path for p in SEARCH_PATHS)]
    return {
        "option": label,
        "status_before": before,
        "status": status,
        "ms": round(timing["t1"] - timing["t0"], 1),
        **_bytes(used),
    }


def measure(site: Path, entry_path: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with GzipServer(site) as server, sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            return {
                "entry_cold": cold_visit(browser, server, entry_path),
                "home_cold": cold_visit(browser, server, ""),
                "first_search": first_search(browser, server, ""),
                "first_filter": first_filter(browser, server),
            }
        finally:
            browser.close()
