"""The site's search index: Pagefind, run over the finished pages.

Pagefind splits its index into small chunks, so the first search downloads a
few dozen kilobytes instead of one file holding every entry. It runs entirely
in the visitor's browser from files on this site: nothing is sent anywhere.

Which pages are found is decided by the theme: the article of every page that
should be found carries `data-pagefind-body` (see theme/main.html), and once
any page carries it Pagefind indexes only those pages. Pages with
`search: exclude` in their meta — facet listings, the finder and My list,
which repeat entry text — never get it.

The built HTML is indexed with Pagefind's command line (`python -m pagefind`),
in one run. Pagefind's Python API answers one record at a time with a pause of
a tenth of a second between answers, which would take minutes at 10,000 entries.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

OUTPUT_SUBDIR = "pagefind"
ENTRY_FILE = "pagefind-entry.json"
# Pagefind's ready-made interfaces, which the site does not use: it has its own
# small search component (theme/components/search/) that meets the site's
# accessibility and Content-Security-Policy rules.
UNUSED_FILES = (
    "pagefind-ui.js", "pagefind-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css",
    "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
TIMEOUT_SECONDS = 600


class SearchIndexError(Exception):
    """The index could not be built; the message says why."""


def index_command(site_dir: Path, language: str) -> list[str]:
    return [
        sys.executable, "-m", "pagefind",
        "--site", str(site_dir),
        "--output-subdir", OUTPUT_SUBDIR,
        # One index for the whole site, whatever a page's lang attribute says.
        "--force-language", language,
        "--quiet",
    ]


def build_index(site_dir: Path, *, language: str = "en") -> int:
    """Index the built site into <site_dir>/pagefind/; return the number of pages indexed.

    Raises SearchIndexError when Pagefind fails or writes no usable index.
    """
    site_dir = Path(site_dir).resolve()
    if not (site_dir / "index.html").is_file():
        raise SearchIndexError(f"search index: no built site in {site_dir}")
    # A fresh working folder: Pagefind reads a pagefind.yml from its working
    # folder, and no stray file may change how the index is built.
    with tempfile.TemporaryDirectory(prefix="waymark-pagefind-") as workdir:
        try:
            result = subprocess.run(
                index_command(site_dir, language), cwd=workdir, capture_output=True, text=True,
                timeout=TIMEOUT_SECONDS, check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise SearchIndexError(f"search index: could not run Pagefind: {error}") from None
    if result.returncode != 0:
        output = " ".join((result.stdout + result.stderr).split())
        raise SearchIndexError(f"search index: Pagefind failed (exit status {result.returncode}): {output}")
    count = indexed_page_count(site_dir)
    for name in UNUSED_FILES:
        (site_dir / OUTPUT_SUBDIR / name).unlink(missing_ok=True)
    return count


def indexed_page_count(site_dir: Path) -> int:
    entry = Path(site_dir) / OUTPUT_SUBDIR / ENTRY_FILE
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"]
        count = sum(int(language["page_count"]) for language in languages.values())
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise SearchIndexError(f"search index: {entry} is missing or unreadable ({error})") from None
    if count == 0:
        raise SearchIndexError("search index: Pagefind indexed no pages")
    return count
