"""Browser tests: Playwright for Python driving Debian's Chromium (never a downloaded browser).

They are part of every run. If /usr/bin/chromium is missing they fail with the
command that installs it; they are never skipped.
"""

from __future__ import annotations

import pytest

from benchmarks.chromium import CHROMIUM, MISSING, launch
from benchmarks.server import GzipServer

from ..conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# One static server (gzip, 404.html for missing pages, as GitHub Pages serves a
# site) for the tests, the benchmark and the screenshots.
StaticServer = GzipServer


@pytest.fixture(scope="session")
def playwright_browser():
    if not CHROMIUM.exists():
        pytest.fail(MISSING)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def mini_server(mini_site):
    server = StaticServer(mini_site.root)
    yield server
    server.close()


@pytest.fixture(scope="session")
def real_server(real_site):
    server = StaticServer(real_site.root)
    yield server
    server.close()


@pytest.fixture
def context_factory(playwright_browser):
    """New browser contexts (fresh storage); closed after the test."""
    contexts = []

    def make(**options):
        context = playwright_browser.new_context(**options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(context_factory):
    return context_factory().new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `scripts/ensure-browser` (make test does this)")
    return AXE.read_text(encoding="utf-8")


def tab_to(page, css_class: str, what: str, presses: int) -> None:
    """Press Tab, as a keyboard user does, until the element with `css_class` has
    focus; fail, naming `what`, if it is not reached within `presses` presses."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("name => document.activeElement.classList.contains(name)", css_class):
            return
    pytest.fail(f"{what} was not reached with the Tab key")
