"""Directory → generated pages: one per entry, one per facet value, facet
indexes and the finder. Pure functions: no MkDocs, no files written.

Pages are HTML bodies rendered by Jinja with autoescaping on, so no text from
the data can become markup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Callable, Iterable
from urllib.parse import quote, urlencode

import jinja2
from markupsafe import Markup

from ..data.directory import Directory
from ..data.schema import (
    ACCESS,
    AUDIENCES,
    COSTS,
    FORMATS,
    KINDS,
    PRACTICE_LEVELS,
    STATUSES,
    Entry,
)
from . import finder, jsonld, urls
from .facets import FACETS, Facet
from ..data.words import count


@dataclass(frozen=True)
class SiteOptions:
    directory_urls: bool = True
    repository: str = ""  # owner/name on GitHub, for "Suggest a change" issue links
    site_name: str = "Waymark"
    site_url: str = ""  # the published address, when known: printed pages show their own


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str  # plain text; escaped wherever it is shown
    html: str  # the page body, already escaped
    description: str  # plain text for the meta description
    template_kind: str  # entry | facet | facet-index | finder
    search: bool = True  # facet listings repeat entry text, so they stay out of search
    meta: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["longdate"] = long_date
    env.globals.update(
        KINDS=KINDS, AUDIENCES=AUDIENCES, COSTS=COSTS, FORMATS=FORMATS, ACCESS=ACCESS,
        PRACTICE_LEVELS=PRACTICE_LEVELS, STATUSES=STATUSES,
    )
    return env


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


class _Links:
    """Relative links from one page to the others."""

    def __init__(self, src_uri: str, options: SiteOptions):
        self.options = options
        self.here = urls.page_url(src_uri, options.directory_urls)

    def __call__(self, target_uri: str) -> str:
        return urls.relative(self.here, urls.page_url(target_uri, self.options.directory_urls))

    def entry(self, entry_id: str) -> str:
        return self(urls.entry_uri(entry_id))

    def facet(self, facet: str, value: str | None = None) -> str:
        return self(urls.facet_uri(facet, value))


def suggest_change_url(entry: Entry, options: SiteOptions, links: _Links) -> str:
    """A prefilled 'Report a problem with an entry' issue, or the contribute page."""
    if not options.repository:
        return links(urls.CONTRIBUTE_URI)
    query = urlencode(
        {"template": "report-problem.yml", "title": f"Problem with entry: {entry.name}", "entry": entry.id}
    )
    return f"https://github.com/{quote(options.repository, safe='/')}/issues/new?{query}"


def build_pages(directory: Directory, options: SiteOptions = SiteOptions()) -> list[GeneratedPage]:
    entries = directory.published
    cards: CardCache = {}  # each entry's card is listed on a dozen facet pages and the finder
    pages = [entry_page(entry, directory, options) for entry in entries]
    pages += facet_pages(entries, directory, options, cards)
    pages += finder_pages(entries, directory, options, cards)
    pages.append(my_list_page(options))
    pages.append(menu_page())
    return pages


# --- entry pages ----------------------------------------------------------------------


def entry_page(entry: Entry, directory: Directory, options: SiteOptions) -> GeneratedPage:
    src_uri = urls.entry_uri(entry.id)
    links = _Links(src_uri, options)
    taxonomy = directory.taxonomy
    html = environment().get_template("entry.html").render(
        e=entry,
        link=links,
        taxonomy=taxonomy,
        regions=_region_links(entry, directory, links),
        related=[directory.by_id[i] for i in entry.related if i in directory.by_id and directory.by_id[i].status != "closed"],
        overdue=entry.overdue(directory.today),
        suggest_url=suggest_change_url(entry, options, links),
        kind_label=KINDS[entry.kind][0],
        page_address=urls.absolute(options.site_url, src_uri, options.directory_urls),
    )
    # schema.org data for the page's <head>: escaped so that it can never end its script tag.
    structured = Markup(jsonld.script_text(jsonld.entry_jsonld(entry, taxonomy)))
    return GeneratedPage(src_uri, entry.name, html, entry.summary, "entry", meta={"entry": entry.id, "jsonld": structured})


def _region_links(entry: Entry, directory: Directory, links: _Links) -> list[tuple[str, str]]:
    taxonomy = directory.taxonomy
    result = []
    for ref in entry.regions:
        value = f"{ref.region}/{ref.area}" if ref.area else ref.region
        result.append((taxonomy.place_label(ref.region, ref.area), links.facet("region", value)))
    return result


# --- facet pages ----------------------------------------------------------------------


def facet_pages(
    entries: list[Entry], directory: Directory, options: SiteOptions, cards: CardCache | None = None
) -> list[GeneratedPage]:
    taxonomy = directory.taxonomy
    pages = []
    for facet in FACETS:
        members: dict[str, list[Entry]] = {}
        for entry in entries:
            for value in set(facet.values(entry, taxonomy)):
                members.setdefault(value, []).append(entry)
        counts = {value: len(items) for value, items in members.items()}
        ordered = facet.ordered(counts, taxonomy)  # type: ignore[arg-type]
        for value in ordered:
            pages += _facet_value_pages(facet, value, members[value], directory, options, cards)
        pages.append(_facet_index_page(facet, ordered, counts, directory, options))
    return pages


def _facet_value_pages(
    facet: Facet, value: str, items: list[Entry], directory: Directory, options: SiteOptions, cards: CardCache | None = None
) -> list[GeneratedPage]:
    """The entries listed under one value, grouped by kind, PAGE_SIZE to a page
    (a value such as "Members of the public" can hold most of a large directory)."""
    label = facet.label_of(value, directory.taxonomy)
    description = _facet_description(facet, value, directory)
    ordered = [entry for _, group in _by_kind(items) for entry in group]
    total = page_count(len(ordered))

    def uri_of(number: int) -> str:
        return urls.facet_uri(facet.key, value, number)

    pages = []
    for number in range(1, total + 1):
        src_uri = uri_of(number)
        links = _Links(src_uri, options)
        window = ordered[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        pager, previous_next = pager_links(number, total, uri_of, links)
        html = environment().get_template("facet.html").render(
            facet=facet, label=label, description=description, groups=_by_kind(window),
            link=links, card=_card_context(directory, links, cards), count=len(items),
            page=number, pages=total, first=(number - 1) * PAGE_SIZE + 1, shown=len(window),
            pager=pager, previous_next=previous_next,
        )
        title = f"{label}: {facet.label.lower()}" if facet.key != "kind" else label
        if number > 1:
            title += f" (page {number} of {total})"
        summary = f"{count(len(items), 'resource')} listed under {label}."
        pages.append(GeneratedPage(src_uri, title, html, summary, "facet", search=False))
    return pages


def _facet_description(facet: Facet, value: str, directory: Directory) -> str:
    vocabulary = {"topic": "topics", "setting": "settings"}.get(facet.key)
    if vocabulary:
        term = getattr(directory.taxonomy, vocabulary).get(value)
        return term.description or "" if term else ""
    if facet.key == "region" and "/" not in value and value in directory.taxonomy.regions:
        return directory.taxonomy.regions[value].description or ""
    return ""


def _facet_index_page(facet: Facet, ordered: list[str], counts: dict[str, int], directory: Directory, options: SiteOptions) -> GeneratedPage:
    src_uri = urls.facet_uri(facet.key)
    links = _Links(src_uri, options)
    rows = [(facet.label_of(v, directory.taxonomy), links.facet(facet.key, v), counts[v], "/" in v) for v in ordered]
    html = environment().get_template("facet_index.html").render(facet=facet, rows=rows, link=links)
    return GeneratedPage(src_uri, f"Browse by {facet.label.lower()}", html, f"Every {facet.label.lower()} in the directory.", "facet-index", search=False)


def _by_kind(items: Iterable[Entry]) -> list[tuple[str, list[Entry]]]:
    groups: dict[str, list[Entry]] = {}
    for entry in items:
        groups.setdefault(entry.kind, []).append(entry)
    return [(KINDS[kind][1], groups[kind]) for kind in KINDS if kind in groups]


CardCache = dict[tuple[str, str], Markup]


def _card_context(directory: Directory, links: _Links, cards: CardCache | None = None) -> dict[str, Any]:
    cache = {} if cards is None else cards
    module = environment().get_template("_macros.html").module

    def where(entry: Entry) -> str:
        return finder.where(entry, directory)  # the same place line as the script's cards

    # The link to an entry is this base plus the entry's id (a slug, never quoted).
    entries_base = urls.relative(links.here, "entries/")

    def cached(name: str) -> Callable[[Entry], Markup]:
        macro = getattr(module, name)

        def render(entry: Entry) -> Markup:
            # A card or row depends only on its entry and the link to it, so pages at
            # the same depth share the markup: rendered once, not once per listing.
            key = (entry.id, f"{name}:{entries_base}")
            markup = cache.get(key)
            if markup is None:
                markup = cache[key] = macro(entry, links, context)
            return markup

        return render

    html, row = cached("card"), cached("row")
    context = {"where": where, "today": directory.today, "html": html, "row": row}
    return context


# --- the finder -----------------------------------------------------------------------

PAGE_SIZE = 100


def pager_numbers(current: int, total: int) -> list[int]:
    """Page numbers to link, as GOV.UK's pagination does: the first, the last and
    those next to the current page; 0 marks a gap (shown as an ellipsis)."""
    keep = sorted({1, total, *range(max(1, current - 1), min(total, current + 1) + 1)})
    numbers: list[int] = []
    for n in keep:
        if numbers and n - numbers[-1] > 1:
            numbers.append(0)
        numbers.append(n)
    return numbers


def page_count(items: int) -> int:
    return max(1, -(-items // PAGE_SIZE))


def pager_links(number: int, total: int, uri_of: Any, links: "_Links") -> tuple[list[tuple[int, str]], tuple[str, str]]:
    """The pagination links of page `number` of `total`, and its previous and next links."""
    if total <= 1:
        return [], ("", "")
    pager = [(n, links(uri_of(n)) if n else "") for n in pager_numbers(number, total)]
    return pager, (links(uri_of(number - 1)) if number > 1 else "", links(uri_of(number + 1)) if number < total else "")


def finder_pages(
    entries: list[Entry], directory: Directory, options: SiteOptions, cards: CardCache | None = None
) -> list[GeneratedPage]:
    """The finder: every entry, a page of PAGE_SIZE at a time without JavaScript;
    the first page carries the filters that JavaScript brings to life."""
    taxonomy = directory.taxonomy
    total = page_count(len(entries))
    pages = []
    for number in range(1, total + 1):
        src_uri = urls.finder_uri(number)
        links = _Links(src_uri, options)
        facets = []
        if number == 1:
            for facet in FACETS:
                counts = facet.counts(entries, taxonomy)
                ordered = facet.ordered(counts, taxonomy)
                if ordered:
                    rows = [(facet.label_of(v, taxonomy), links.facet(facet.key, v), counts[v], "/" in v, v) for v in ordered]
                    facets.append((facet, rows))
        window = entries[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        pager, previous_next = pager_links(number, total, urls.finder_uri, links)
        html = environment().get_template("finder.html").render(
            facets=facets, items=window, count=len(entries), link=links, card=_card_context(directory, links, cards),
            page=number, pages=total, pager=pager, previous_next=previous_next, first=(number - 1) * PAGE_SIZE + 1,
            root=links("index.md"),
        )
        title = "Find support" if number == 1 else f"Find support: page {number} of {total}"
        pages.append(GeneratedPage(src_uri, title, html, "Search and filter every resource in the directory.",
                                   "finder", search=False, meta={"hide": ["navigation", "toc"]}))
    return pages


def my_list_page(options: SiteOptions) -> GeneratedPage:
    links = _Links(urls.MY_LIST_URI, options)
    html = environment().get_template("my_list.html").render(link=links, root=links("index.md"), chunk=finder.CHUNK)
    return GeneratedPage(urls.MY_LIST_URI, "My list", html, "Resources you saved on this device, ready to print.",
                         "my-list", search=False, meta={"hide": ["navigation", "toc"]})


def menu_page() -> GeneratedPage:
    """The site's menu as a page of its own (the theme fills it from the
    navigation): generated pages link to it rather than carry the menu."""
    html = "<h1>Menu</h1>\n<p>Every page of this site. To find a service, use Find support or search.</p>\n"
    return GeneratedPage(urls.MENU_URI, "Menu", html, "Every page of this site.", "menu", search=False,
                         meta={"hide": ["navigation", "toc"], "menu": "page"})


# --- pieces for hand-written pages ----------------------------------------------------


def kinds_html(directory: Directory, from_uri: str, options: SiteOptions = SiteOptions()) -> str:
    """Links to each kind of resource with its count, for the home page."""
    links = _Links(from_uri, options)
    counts = FACETS[0].counts(directory.published, directory.taxonomy)
    rows = [(KINDS[k][1], links.facet("kind", k), counts[k]) for k in KINDS if counts.get(k)]
    return environment().get_template("kinds.html").render(rows=rows)
