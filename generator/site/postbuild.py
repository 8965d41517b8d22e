"""What is done to the built site after the engine has written its pages:
every page gets its Content-Security-Policy and loses its templates' indentation
(html_space.py), and the search index is built from
the pages themselves. Working on the HTML files, not on engine hooks, keeps
this the same under any engine that writes the theme's pages (MkDocs,
ProperDocs): an engine needs an adapter that calls ``finish`` and nothing else.

The theme writes a few ``<meta name="waymark:…">`` tags in each page's head
(theme/main.html): the page's address and title, the entry it shows, and
whether search leaves it out. They are read here and stay in the page, so a
``--dirty`` build that rewrites only some pages still indexes them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from ..data.directory import Directory
from ..data.search_words import EMPTY, SearchWords
from . import csp, html_space, search_index

_META = re.compile(r'<meta name="waymark:([a-z]+)" content="([^"]*)">')
_CRISIS_LIST = 'class="wm-crisis-lines"'
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)


@dataclass(frozen=True)
class Finished:
    pages: int  # HTML files given their policy
    indexed: int  # pages in the search index


def page_meta(html: str) -> dict[str, str]:
    head = html.split("</head>", 1)[0]
    return {name: unescape(value) for name, value in _META.findall(head)}


def search_document(html: str, directory: Directory) -> search_index.Document | None:
    meta = page_meta(html)
    if "url" not in meta or meta.get("search") == "exclude":
        return None
    entry = directory.by_id.get(meta.get("entry", ""))
    if entry is not None:
        return search_index.entry_document(entry, directory, meta["url"])
    article = _ARTICLE.search(html)
    # MkDocs keeps the first heading's entities ("&amp;") in a page's title.
    title = unescape(meta.get("title", ""))
    text = article.group(1) if article else ""
    # The page that lists every crisis line (help-now) is a crisis page itself:
    # first, with the lines, for a search with a crisis word.
    return search_index.page_document(title, text, meta["url"], crisis=_CRISIS_LIST in text)


class FinishError(Exception):
    """The built site could not be finished; the message says which file and why."""


def finish(
    site_dir: Path, directory: Directory, theme_dir: Path, *, allow_inline: bool = False, words: SearchWords = EMPTY
) -> Finished:
    """Give every page its policy and write the search index. Raises FinishError
    (a failed build) when a page or the index cannot be written."""
    hashes = csp.theme_script_hashes(theme_dir)
    documents = []
    pages = 0
    for path in sorted(Path(site_dir).rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if csp.PLACEHOLDER in html:
            # The theme's pages: their policy, and the templates' indentation taken out.
            html = html_space.drop_inert(html_space.collapse(csp.apply(html, hashes, allow_inline=allow_inline)))
            try:
                path.write_text(html, encoding="utf-8")
            except OSError as error:
                raise FinishError(f"could not write {path}: {error.strerror}") from None
            pages += 1
        document = search_document(html, directory)
        if document is not None:
            documents.append(document)
    # In name order, as the directory lists entries: ties in ranking go to the shorter, earlier name.
    documents.sort(key=lambda d: (d.title.casefold(), d.url))
    try:
        indexed = search_index.write_index(Path(site_dir), documents, words)
    except search_index.SearchIndexError as error:
        raise FinishError(str(error)) from None
    return Finished(pages, indexed)
