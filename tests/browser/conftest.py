"""Browser tests: Playwright for Python driving Debian's Chromium (never a downloaded browser).

They are part of every run. If /usr/bin/chromium is missing they fail with the
command that installs it; they are never skipped.
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from ..conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class StaticServer:
    """Serves a built site on 127.0.0.1 at a free port, like a static host."""

    def __init__(self, root: Path):
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def playwright_browser():
    if not CHROMIUM.exists():
        pytest.fail(
            "Debian's Chromium is missing: install it with `apt-get install chromium` (make test does this as root)"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
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
