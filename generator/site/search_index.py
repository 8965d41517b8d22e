"""The site's search index: small static JSON files that the search box reads.

A visitor's first search downloads the index's table of contents, the one
piece of the word list its words fall in, and a small file for each result
shown, a few dozen kilobytes in all even at 10,000 entries. Search runs
entirely in the visitor's browser from files on this site: what is typed is
never sent anywhere (theme/components/search/search.js).

What is found: each entry by its name, summary, publisher, topics, area and
type (its other text, and labels repeated on every entry page, would match
every entry); each hand-written page by its title and text. Pages that list
entries (facet listings, the finder, My list) carry `search: exclude` in their
meta and stay out, so an entry is found once, on its own page.

Files, under <site>/search/:

    index.json          {"version", "id", "pages", "stop", "min", "shards"}
    <id>/w/<shard>.json {word: [posting, ...]} for the words of one shard
    <id>/p/<n>.json     {"url", "title", "kind", "where", "text"}: page n

A word's shard is its first three letters (a two-letter word has its own).
A posting is one number: (page n - previous page n) * 8 + weight, where the
weight (1-7) says in which field the word was found (WEIGHTS), so a match in
a name ranks above one in a summary. <id> is a digest of the files, so a
visitor whose browser kept an older index.json never mixes two builds.

Words are found the same way here and in search.js (`words`): lower case,
accents and other marks removed, runs of letters and digits; words of one
letter and the few very common words in STOP_WORDS are not indexed.
"""

from __future__ import annotations

import hashlib
import html.parser
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..data.directory import Directory
from ..data.json_text import compact
from ..data.schema import KINDS, Entry

FOLDER = "search"
INDEX_FILE = "index.json"
VERSION = 1
MIN_LENGTH = 2
SHARD_LENGTH = 3
EXCERPT_CHARS = 4000  # of a written page's text, kept for the excerpt shown under its result

# Where a word was found, and how much that counts (at most 7: three bits of a posting).
WEIGHTS = {"title": 6, "summary": 3, "publisher": 2, "topic": 2, "where": 2, "kind": 1, "text": 1}
WEIGHT_BITS = 3

# Words in nearly every entry, which would make their shard large and match
# everything. Short, and only words no one searches for on their own ("us",
# "who" and "it" stay: the US, the WHO, IT).
STOP_WORDS = (
    "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in", "is", "its",
    "of", "on", "or", "that", "the", "their", "this", "to", "was", "with", "you", "your",
)

_STOP = frozenset(STOP_WORDS)
_WORD = re.compile(r"[^\W_]+")
_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
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


def fold(text: str) -> str:
    """Lower case, with accents and other marks removed ("Café" → "cafe"). Lower
    case again at the end: some characters decompose into capitals ("™" → "TM")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M")).lower()


def words(text: str) -> list[str]:
    """The words of a text as search indexes and looks them up (search.js does the same)."""
    return _split(fold(text))


def _split(folded: str) -> list[str]:
    return [w for w in _WORD.findall(folded) if len(w) >= MIN_LENGTH and w not in _STOP]


def indexed_words(text: str) -> list[str]:
    """The words of a text, and each hyphenated word also written as one, so that
    "re-traumatisation" is found by "retraumatisation" as well as by its parts."""
    folded = fold(text)
    return _split(folded) + [w.replace("-", "") for w in _HYPHENATED.findall(folded)]


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
    return Document(url=url, title=entry.name, text=entry.summary, fields=tuple(fields), kind=kind, where=where)


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


def page_document(title: str, html: str, url: str) -> Document:
    text = page_text(html)
    return Document(url=url, title=title, text=text[:EXCERPT_CHARS], fields=(("title", title), ("text", text)))


# --- the files ------------------------------------------------------------------------


def _dumps(value: object) -> str:
    return compact(value)


def index_files(documents: Iterable[Document]) -> dict[str, str]:
    """{path under the site: text} of the whole index."""
    docs = list(documents)
    postings: dict[str, dict[int, int]] = defaultdict(dict)  # word -> {page number: weight}
    for number, doc in enumerate(docs):
        for field, text in doc.fields:
            weight = WEIGHTS[field]
            for word in indexed_words(text):
                found = postings[word]
                if found.get(number, 0) < weight:
                    found[number] = weight
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word in sorted(postings):
        encoded, previous = [], 0
        for number, weight in sorted(postings[word].items()):
            encoded.append(((number - previous) << WEIGHT_BITS) | weight)
            previous = number
        shards[shard_of(word)][word] = encoded
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
        "min": MIN_LENGTH,
        "shard": SHARD_LENGTH,
        "bits": WEIGHT_BITS,
        "stop": list(STOP_WORDS),
        "shards": sorted(shards),
    })
    return files


def write_index(site_dir: Path, documents: Iterable[Document]) -> int:
    """Write the index into <site_dir>/search/; return the number of pages indexed.

    Raises SearchIndexError when there is nothing to index or a file cannot be written.
    """
    docs = list(documents)
    if not docs:
        raise SearchIndexError("search index: no page to index")
    files = index_files(docs)
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
