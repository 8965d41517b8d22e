"""The site's search index: small static JSON files that the search box reads.

A visitor's first search downloads the index's table of contents, the one
piece of the word list its words fall in, and a small file for each result
shown, a few dozen kilobytes in all even at 10,000 entries. Search runs
entirely in the visitor's browser from files on this site: what is typed is
never sent anywhere (theme/components/search/search.js).

What is found: each entry by its name, topics, summary, publisher, area, type
and description (labels repeated on every entry page would match every
entry); each hand-written page by its title and text. Pages that list entries
(facet listings, the finder, My list) carry `search: exclude` in their meta and
stay out, so an entry is found once, on its own page.

Words are stored as terms (search_terms.py: folded, British spelling, Snowball
English stem), so "counselling", "counseling" and "counsellor" meet.

Files, under <site>/search/:

    index.json          {"version", "id", "pages", "stop", "min", "shard", "bits",
                         "shards", "crisisPages", "spell", "syn", "oneway", "crisis"}
    <id>/w/<shard>.json {term: [posting, ...], "~": {term: word as written}}
    <id>/p/<n>.json     {"url", "title", "kind", "where", "text"}: page n

A term's shard is its first three letters (a two-letter term has its own).
A posting is one number: (page n - previous page n) * 8 + weight, where the
weight (1-7) says in which field the term was found (WEIGHTS), so a match in
a name ranks above one in a description. <id> is a digest of the files, so a
visitor whose browser kept an older index.json never mixes two builds.
"spell", "syn", "oneway" and "crisis" come from data/search-words.yaml, every
phrase already turned into terms; "crisisPages" are the crisis lines and the page
that lists them (help-now), which a search with a crisis word puts first.
"""

from __future__ import annotations

import hashlib
import html.parser
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..data.directory import Directory
from ..data.json_text import compact
from ..data.schema import KINDS, Entry
from ..data.search_words import EMPTY, SearchWords
from . import search_terms

# In a shard, the words each term is most often written as (for "Did you mean …?").
FORMS_KEY = "~"

FOLDER = "search"
INDEX_FILE = "index.json"
VERSION = 2
SHARD_LENGTH = 3
EXCERPT_CHARS = 4000  # of a written page's text, kept for the excerpt shown under its result

# Where a word was found, and how much that counts (at most 7: three bits of a
# posting): a name most, then topics, the summary, the publisher and place, the
# type, and last an entry's description or a written page's text.
WEIGHTS = {"title": 7, "topic": 5, "summary": 4, "publisher": 3, "where": 3, "kind": 2, "text": 1}
WEIGHT_BITS = 3

_SAFE_SHARD_CHAR = re.compile(r"[a-z0-9]")


class SearchIndexError(Exception):
    """The index could not be built; the message says why."""


@dataclass(frozen=True)
class Document:
    """One page as search sees it: its address, what is shown, and its words by field."""

    url: str  # site-relative, as MkDocs gives it: "" for the home page, "entries/x/" for an entry
    title: str
    text: str  # shown as the excerpt under the result
    fields: tuple[tuple[str, str], ...]  # (field, text) pairs: field is a key of WEIGHTS
    kind: str = ""
    where: str = ""
    crisis: bool = False  # a crisis line: first for a search with a crisis word


def shard_of(word: str) -> str:
    """The file name of the shard that holds a word: letters a-z and digits as
    they are, any other character as _ and its code point in hexadecimal."""
    return "".join(c if _SAFE_SHARD_CHAR.fullmatch(c) else f"_{ord(c):x}" for c in word[:SHARD_LENGTH])


# --- what is indexed ------------------------------------------------------------------


def entry_document(entry: Entry, directory: Directory, url: str) -> Document:
    taxonomy = directory.taxonomy
    # Where the entry is, as its page says it: "Dudley, England; UK-wide".
    where = "; ".join(taxonomy.place_label(ref.region, ref.area) for ref in entry.regions)
    kind = KINDS[entry.kind][0]
    fields = [("title", entry.name), ("summary", entry.summary), ("where", where), ("kind", kind),
              ("publisher", entry.publisher)]
    fields += [("topic", taxonomy.label("topics", t)) for t in entry.topics]
    # A service for an area serves every area within it, as the site lists it:
    # the Black Country's line is found by "Dudley".
    for ref in entry.regions:
        if ref.area:
            inner = sorted(taxonomy.areas_within(ref.region, ref.area) - {ref.area})
            fields += [("where", taxonomy.area_label(ref.region, a)) for a in inner]
    if entry.description:
        fields.append(("text", entry.description))
    return Document(url=url, title=entry.name, text=entry.summary, fields=tuple(fields), kind=kind, where=where,
                    crisis=entry.crisis and entry.status == "active")


class _TextOfPage(html.parser.HTMLParser):
    """The readable text of a page's HTML: no scripts, styles or heading anchors."""

    SKIPPED = frozenset({"script", "style", "template", "svg"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []

    VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if self.skipping or tag in self.SKIPPED or "headerlink" in classes:
            if tag not in self.VOID:
                self.skipping.append(tag)
        else:
            self.parts.append(" ")  # "line<br>break" is two words

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipping:
            # Up to the element that started the skip, even if an inner one was left open.
            while self.skipping.pop() != tag:
                pass
        elif not self.skipping:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _TextOfPage()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


_HEADING = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)


def page_document(title: str, html: str, url: str, *, crisis: bool = False) -> Document:
    """A written page: named in results by its first heading (the navigation's
    title is often short: "In schools"), found by both as names and by its text."""
    text = page_text(html)
    fields = [("title", title)]
    match = _HEADING.search(html)
    heading = page_text(match.group(1)) if match else ""
    if heading:
        fields.append(("title", heading))
    fields.append(("text", text))
    return Document(url=url, title=heading or title, text=text[:EXCERPT_CHARS], fields=tuple(fields), crisis=crisis)


# --- the files ------------------------------------------------------------------------


def _dumps(value: object) -> str:
    return compact(value)


def _phrases(phrases: Iterable[str], spellings: dict[str, str]) -> list[list[str]]:
    unique: list[list[str]] = []
    for phrase in phrases:
        found = search_terms.terms(phrase, spellings)
        if found and found not in unique:
            unique.append(found)
    return unique


def vocabulary(words: SearchWords) -> dict[str, object]:
    """What the browser needs of data/search-words.yaml, with every phrase already
    turned into the terms the index holds."""
    spellings = words.replacements
    return {
        "spell": spellings,
        "syn": [_phrases(group, spellings) for group in words.synonyms],
        "oneway": [_phrases(group, spellings) for group in words.one_way],
        "crisis": _phrases(words.crisis_words, spellings),
    }


def index_files(documents: Iterable[Document], words: SearchWords = EMPTY) -> dict[str, str]:
    """{path under the site: text} of the whole index."""
    docs = list(documents)
    spellings = words.replacements
    postings: dict[str, dict[int, int]] = defaultdict(dict)  # term -> {page number: weight}
    written: dict[str, Counter[str]] = defaultdict(Counter)  # term -> the words it was written as
    for number, doc in enumerate(docs):
        for field, text in doc.fields:
            weight = WEIGHTS[field]
            for found_term, word in search_terms.indexed(text, spellings):
                found = postings[found_term]
                if found.get(number, 0) < weight:
                    found[number] = weight
                written[found_term][word] += 1
    shards: dict[str, dict[str, object]] = defaultdict(dict)
    forms: dict[str, dict[str, str]] = defaultdict(dict)
    for found_term in sorted(postings):
        encoded, previous = [], 0
        for number, weight in sorted(postings[found_term].items()):
            encoded.append(((number - previous) << WEIGHT_BITS) | weight)
            previous = number
        shard = shard_of(found_term)
        shards[shard][found_term] = encoded
        # The word most often written for a term, to offer in "Did you mean …?".
        form = min(written[found_term].items(), key=lambda pair: (-pair[1], pair[0]))[0]
        if form != found_term:
            forms[shard][found_term] = form
    for shard, shard_forms in forms.items():
        shards[shard][FORMS_KEY] = shard_forms
    body = {f"w/{name}.json": _dumps(shards[name]) for name in sorted(shards)}
    for number, doc in enumerate(docs):
        record = {"url": doc.url, "title": doc.title, "text": doc.text}
        if doc.kind:
            record["kind"] = doc.kind
        if doc.where:
            record["where"] = doc.where
        body[f"p/{number}.json"] = _dumps(record)
    digest = hashlib.sha256()
    for path in sorted(body):
        digest.update(path.encode() + b"\0" + body[path].encode() + b"\0")
    build_id = digest.hexdigest()[:12]
    files = {f"{FOLDER}/{build_id}/{path}": text for path, text in body.items()}
    files[f"{FOLDER}/{INDEX_FILE}"] = _dumps({
        "version": VERSION,
        "id": build_id,
        "pages": len(docs),
        "min": search_terms.MIN_LENGTH,
        "shard": SHARD_LENGTH,
        "bits": WEIGHT_BITS,
        "stop": list(search_terms.STOP_WORDS),
        "shards": sorted(shards),
        "crisisPages": [number for number, doc in enumerate(docs) if doc.crisis],
        **vocabulary(words),
    })  # fmt: skip
    return files


def write_index(site_dir: Path, documents: Iterable[Document], words: SearchWords = EMPTY) -> int:
    """Write the index into <site_dir>/search/; return the number of pages indexed.

    Raises SearchIndexError when there is nothing to index or a file cannot be written.
    """
    docs = list(documents)
    if not docs:
        raise SearchIndexError("search index: no page to index")
    files = index_files(docs, words)
    site_dir = Path(site_dir)
    folders: set[Path] = set()
    index_path = f"{FOLDER}/{INDEX_FILE}"
    try:
        for path, text in files.items():
            if path == index_path:
                continue
            target = site_dir / path
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            target.write_text(text, encoding="utf-8")
        # The table of contents last, so that it never names files not yet written.
        (site_dir / index_path).write_text(files[index_path], encoding="utf-8")
    except OSError as error:
        raise SearchIndexError(f"search index: could not write {error.filename}: {error.strerror}") from None
    return len(docs)
