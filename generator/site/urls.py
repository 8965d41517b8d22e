"""Page addresses, worked out the way MkDocs does, and links between pages.

Links are relative so that a site works at a domain's root, under a project
path (GitHub Pages) and from a folder opened without a server.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote

# The folder of the later pages of a listing; the taxonomy refuses an area of that name.
from ..data.fields import PAGE_FOLDER

__all__ = ["PAGE_FOLDER"]


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """``entries/x.md`` → ``entries/x/`` (or ``entries/x.html``); ``a/index.md`` → ``a/``."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative(from_url: str, to_url: str) -> str:
    """The link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    link = _relpath(to_url.rstrip("/") or ".", base.rstrip("/") or ".")
    if to_url.endswith("/") or not to_url:
        link = "./" if link == "." else f"{link}/"
    return quote(link, safe="/.-_~#")


def _relpath(target: str, base: str) -> str:
    # posixpath.relpath for two site-relative paths, without its calls to
    # os.getcwd(): a large site makes hundreds of thousands of links.
    target_parts = [part for part in posixpath.normpath(target).split("/") if part and part != "."]
    base_parts = [part for part in posixpath.normpath(base).split("/") if part and part != "."]
    common = 0
    for mine, theirs in zip(target_parts, base_parts):
        if mine != theirs:
            break
        common += 1
    parts = [".."] * (len(base_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."


def absolute(site_url: str, src_uri: str, directory_urls: bool = True) -> str:
    """The published address of a page ("" when the site's address is not known)."""
    return site_url.rstrip("/") + "/" + quote(page_url(src_uri, directory_urls)) if site_url else ""


def entry_uri(entry_id: str) -> str:
    return f"entries/{entry_id}.md"




def facet_uri(facet: str, value: str | None = None, page: int = 1) -> str:
    if value is None:
        return f"find/{facet}/index.md"
    return f"find/{facet}/{value}.md" if page == 1 else f"find/{facet}/{value}/{PAGE_FOLDER}/{page}.md"


FINDER_URI = "find/index.md"


def finder_uri(page: int = 1) -> str:
    return FINDER_URI if page == 1 else f"find/{PAGE_FOLDER}/{page}.md"


HELP_URI = "help-now.md"
CONTRIBUTE_URI = "contribute.md"
MY_LIST_URI = "my-list.md"
# Every page of the navigation, for pages that link to the menu instead of carrying it.
MENU_URI = "menu.md"
