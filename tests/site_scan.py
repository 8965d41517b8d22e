"""Scan every file of a built site for markup, scripts or links that came from data.

The scan is generic over file types, so files added later (exports, the
search index, JSON-LD) are covered as soon as they are built:

- HTML (.html): read by two parsers (Beautiful Soup with html.parser, and the
  standard library's tokenizer). No event-handler attribute; no javascript:,
  data: or vbscript: address in any attribute that holds one; no element that
  embeds or redirects (iframe, object, base, meta refresh ...); every script is
  either a file of the site or an inline script the theme writes (by hash);
  JSON data blocks (JSON-LD) parse and hold no "</script" or "<!--".
- JSON (.json): parses; no "<" unescaped in the search index and no "<script"
  anywhere; a search result's address is a path of this site; in Material's
  search index, whose text is shown as HTML, every string is read as HTML and
  checked like a page.
- CSV: no cell a spreadsheet would run as a formula.
- XML (sitemaps, also gzip-compressed): parses; no markup inside.
- Scripts, styles and everything else: the data never lands there at all.
"""

from __future__ import annotations

import csv
import functools
import gzip
import hashlib
import html.parser
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

MARKER = "wmxss"  # every corpus payload carries it, so data can be traced to any file

URL_ATTRIBUTES = frozenset(
    {
        "href",
        "src",
        "action",
        "formaction",
        "xlink:href",
        "poster",
        "data",
        "codebase",
        "cite",
        "background",
        "ping",
        "srcset",
        "imagesrcset",
        "manifest",
        "longdesc",
        "lowsrc",
        "dynsrc",
        "usemap",
        "profile",
        "icon",
        "archive",
        "classid",
        "content-location",
    }
)
BAD_SCHEMES = ("javascript:", "data:", "vbscript:")
# Elements that embed other documents or change where links and forms go: never on a page.
FORBIDDEN_ELEMENTS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal"})
# Elements the theme never puts in the main content, where text from the data is shown.
FORBIDDEN_IN_CONTENT = frozenset(
    {
        "img",
        "image",
        "svg",
        "math",
        "style",
        "video",
        "audio",
        "source",
        "track",
        "textarea",
        "select",
        "template",
        "noscript",
        "xmp",
        "plaintext",
        "listing",
        "marquee",
        "dialog",
        "meta",
        "link",
        "title",
        "foreignobject",
        "animate",
        "set",
        "use",
    }
)  # scripts are checked one by one (their source, or the hash of inline ones)
DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})
MATERIAL_SEARCH_INDEX = "search/search_index.json"
SEARCH_PAGE_RECORD = re.compile(r"^search/[0-9a-f]+/p/[0-9]+\.json$")


@dataclass(frozen=True)
class Finding:
    path: str
    what: str

    def __str__(self) -> str:
        return f"{self.path}: {self.what}"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def inline_scripts(text: str) -> list[str]:
    """The text of every inline script that would run (data blocks excluded)."""
    soup = BeautifulSoup(text, "html.parser")
    return [s.string or "" for s in soup.find_all("script") if not s.get("src") and not _is_data_script(s)]


def _is_data_script(script) -> bool:
    return (script.get("type") or "").strip().lower() in DATA_SCRIPT_TYPES


def normalised_url(value: str) -> str:
    # Browsers ignore leading spaces and control characters, and tabs or line breaks anywhere.
    return re.sub(r"[\x00-\x20\x7f]+", "", value).lower()


def bad_scheme(name: str, value: str) -> str | None:
    """The dangerous scheme an attribute's address uses, if any."""
    values = [part.strip().split(" ")[0] for part in value.split(",")] if "srcset" in name else [value]
    for candidate in map(normalised_url, values):
        for scheme in BAD_SCHEMES:
            if candidate.startswith(scheme):
                return scheme
    return None


# --- HTML -----------------------------------------------------------------------------


class _Tokens(html.parser.HTMLParser):
    """Start tags with their attributes, as the standard library's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def tokens(text: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Tokens()
    parser.feed(text)
    parser.close()
    return parser.tags


def structure(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """Element names and attribute names in document order: what text cannot change."""
    return [(tag, tuple(sorted(name for name, _ in attrs))) for tag, attrs in tokens(text)]


def _tag_problems(tag: str, attrs: list[tuple[str, str | None]]) -> list[str]:
    found = []
    for name, value in attrs:
        name = name.lower()
        if name.startswith("on"):
            found.append(f"<{tag}> has an event handler attribute {name}")
        elif name in URL_ATTRIBUTES and value and bad_scheme(name, value):
            found.append(f"<{tag} {name}> holds a {bad_scheme(name, value)} address")
    if tag in FORBIDDEN_ELEMENTS or "-" in tag:
        found.append(f"<{tag}> element")
    if tag == "meta" and any(n.lower() == "http-equiv" and (v or "").lower() == "refresh" for n, v in attrs):
        found.append("<meta http-equiv=refresh> redirects the page")
    if tag == "link" and any(
        n.lower() == "rel" and (v or "").lower() in ("import", "prefetch", "preconnect", "dns-prefetch")
        for n, v in attrs
    ):
        found.append(f"<link rel> that loads from elsewhere: {attrs}")
    return found


def scan_html(
    text: str, path: str, *, root: Path | None = None, known_inline: frozenset[str] = frozenset()
) -> list[Finding]:
    findings = [Finding(path, what) for tag, attrs in tokens(text) for what in _tag_problems(tag, attrs)]
    soup = BeautifulSoup(text, "html.parser")
    for element in soup.find_all(True):
        findings += [Finding(path, f"(soup) {what}") for what in _tag_problems(element.name, _attr_pairs(element))]
    for article in soup.find_all("article"):
        findings += [
            Finding(path, f"<{e.name}> element in the page content") for e in article.find_all(FORBIDDEN_IN_CONTENT)
        ]
    for script in soup.find_all("script"):
        findings += [Finding(path, what) for what in _script_problems(script, path, root, known_inline)]
    return findings


def _attr_pairs(element) -> list[tuple[str, str]]:
    return [(name, " ".join(value) if isinstance(value, list) else value) for name, value in element.attrs.items()]


def _script_problems(script, path: str, root: Path | None, known_inline: frozenset[str]) -> list[str]:
    content = script.string or ""
    src = script.get("src")
    if src:
        parts = urlsplit(src)
        if parts.scheme or parts.netloc:
            return [f"script from another address: {src}"]
        if root is not None:
            target = PurePosixPath(urljoin("/" + path, parts.path).lstrip("/"))
            if not (root / target).is_file():
                return [f"script that is not a file of the site: {src}"]
        return []
    if _is_data_script(script):
        problems = []
        # "</script" would end the block; "<!--" would let a later "<script" swallow the page.
        for fragment in ("</script", "<!--"):
            if fragment in content.lower():
                problems.append(f"JSON data block holds {fragment!r} unescaped")
        try:
            json.loads(content)
        except ValueError as error:
            problems.append(f"JSON data block does not parse: {error}")
        return problems
    if (script.get("type") or "").strip().lower() not in ("", "text/javascript", "module", "application/javascript"):
        return [f"script of unexpected type {script.get('type')!r}"]
    if sha256(content) not in known_inline:
        return [f"inline script the theme does not write: {content[:80]!r}"]
    return []


# --- JSON, CSV, XML, everything else -------------------------------------------------


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _search_page_problems(value: object, path: str) -> list[Finding]:
    """A result of the site's search links to its "url", resolved against the
    site's root: it must be a relative path of this site (no scheme, no host,
    no leading slash). Its text is put on the page only as text (search.js,
    tested in the browser with this corpus)."""
    url = value.get("url") if isinstance(value, dict) else None
    if not (isinstance(url, str) and not url.startswith(("/", "\\")) and ":" not in url and "<" not in url):
        return [Finding(path, f"links to {str(url)[:60]!r}, not a path of this site")]
    return []


def scan_json(text: str, path: str) -> list[Finding]:
    findings = []
    if "<script" in text.lower():
        findings.append(Finding(path, "'<script' unescaped in JSON (write '<' as \\u003c)"))
    if path.startswith("search/") and path != MATERIAL_SEARCH_INDEX and "<" in text:
        findings.append(Finding(path, "'<' unescaped in the search index (write it as \\u003c)"))
    try:
        value = json.loads(text)
    except ValueError as error:
        return findings + [Finding(path, f"does not parse as JSON: {error}")]
    if SEARCH_PAGE_RECORD.match(path):
        findings += _search_page_problems(value, path)
    if path == MATERIAL_SEARCH_INDEX:
        # Material's search showed this text as HTML (kept for sites that still use it).
        for string in _strings(value):
            if "<" in string:
                findings += [
                    Finding(path, f"in search text: {what}")
                    for tag, attrs in tokens(string)
                    for what in _tag_problems(tag, attrs)
                    + ([f"<{tag}> element"] if tag in FORBIDDEN_IN_CONTENT | {"script"} else [])
                ]
    return findings


FORMULA = re.compile(r"^(?:[=@\t\r]|[+-](?![0-9 ]))")


def scan_csv(text: str, path: str) -> list[Finding]:
    findings = []
    for number, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        for cell in row:
            if FORMULA.match(cell):
                findings.append(Finding(path, f"row {number}: a spreadsheet would run {cell[:40]!r} as a formula"))
    return findings


def scan_xml(text: str, path: str) -> list[Finding]:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        return [Finding(path, f"does not parse as XML: {error}")]
    return [Finding(path, f"<{e.tag}> inside XML") for e in root.iter() if "script" in str(e.tag).lower()]


def _decompress(raw: bytes) -> bytes | None:
    try:
        data = gzip.decompress(raw)
    except (OSError, EOFError):
        return None
    return data


def scan_file(
    path: Path, rel: str, *, root: Path | None = None, known_inline: frozenset[str] = frozenset()
) -> list[Finding]:
    raw = path.read_bytes()
    name = rel.lower()
    if name.endswith(".gz"):
        inner = _decompress(raw)
        if inner is None:
            return [Finding(rel, "is not gzip data")]
        raw, name = inner, name.removesuffix(".gz")
    text = raw.decode("utf-8", errors="replace")
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    if suffix in ("html", "htm"):
        return scan_html(text, rel, root=root, known_inline=known_inline)
    if suffix in ("json", "jsonld", "webmanifest"):
        return scan_json(text, rel)
    if suffix == "csv":
        return scan_csv(text, rel)
    if suffix == "xml":
        return scan_xml(text, rel)
    if suffix in ("txt", "md"):
        # Plain text: inert wherever the data lands, but never a script.
        return [Finding(rel, "'<script' in a text or index file")] if b"<script" in raw.lower() else []
    if MARKER.encode() in raw:
        return [Finding(rel, "text from the data inside a script, style or other file")]
    return []


def scan_site(root: Path, *, known_inline: frozenset[str] = frozenset()) -> list[Finding]:
    findings = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        findings += scan_file(path, path.relative_to(root).as_posix(), root=root, known_inline=known_inline)
    return findings


@functools.lru_cache(maxsize=4)
def known_inline_scripts(root: Path) -> frozenset[str]:
    """Hashes of every inline script in a site built from harmless text: the theme's own."""
    return frozenset(sha256(s) for p in root.rglob("*.html") for s in inline_scripts(p.read_text(encoding="utf-8")))
