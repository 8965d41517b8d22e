"""The one way the tests, the benchmark and the screenshots start a browser:
Debian's Chromium (never a downloaded one), headless, with the background
services that would try to reach other hosts turned off."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING = "Debian's Chromium is missing: install it with `apt-get install chromium` (make test does this as root)"


def launch(playwright: Any) -> Any:
    """A Chromium browser from a started Playwright; raises FileNotFoundError if it is not installed."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(MISSING)
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
