"""Search relevance: the queries of benchmarks/relevance.yaml, typed into
Waymark's search and into Pagefind's, on the same site built from the bundled
data, scored side by side.

- Waymark: the site as built, searched through its own search panel in
  Chromium (typed, Enter, the first ten results read from the page), so what
  is measured is what a visitor gets.
- Pagefind: the ``pagefind`` package from the lock file indexes a copy of the
  same site offline, told to index only the pages Waymark's index holds
  (``data-pagefind-body`` on their content; listings, the finder and My list
  are left out of both), and is searched through its own JavaScript API in the
  same browser, on a page of its own (its WebAssembly needs a policy the site
  does not allow).

Scores, over every query and for each kind of query:

- recall@10: of the pages judged relevant, the share found in the first ten
  results (out of at most ten: a query with twelve relevant pages scores 1 when
  ten of them fill the first ten);
- MRR: the mean of 1 / the rank of the first relevant result in the first ten
  (0 when none is there);
- zero results: queries that found nothing at all.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).with_name("relevance.yaml")
TOP = 10
KINDS = ("exact", "plural", "word-form", "spelling", "misspelling", "synonym", "abbreviation", "place",
         "several-words", "crisis")  # fmt: skip
HARNESS = "__relevance__.html"
_EXCLUDED = '<meta name="waymark:search" content="exclude">'
_ARTICLE = re.compile(r"<article\b")


@dataclass(frozen=True)
class Query:
    query: str
    who: str
    kind: str
    relevant: tuple[str, ...]


def load_queries(path: Path = QUERIES) -> list[Query]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(str(q["query"]), q["who"], q["kind"], tuple(q["relevant"])) for q in raw]


def page_id(url: str) -> str:
    """An entry's id for entries/<id>/, "page:<path>" for any other page."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url).lstrip("/")
    path = re.sub(r"index\.html$", "", path.split("#")[0].split("?")[0])
    match = re.fullmatch(r"entries/([a-z0-9-]+)/", path)
    return match.group(1) if match else f"page:{path}"


# --- the sites ------------------------------------------------------------------------


def build_site(out: Path) -> Path:
    """The site of the bundled data, built as `make build` builds it."""
    site = out / "site"
    shutil.rmtree(site, ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
    )
    return site


def pagefind_site(site: Path, out: Path) -> tuple[Path, int]:
    """A copy of the site with Pagefind's index; (its folder, pages Pagefind indexed)."""
    copy = out / "pagefind-site"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site, copy)
    marked = 0
    for page in copy.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if _EXCLUDED in text or page.name == "404.html" or not _ARTICLE.search(text):
            continue
        page.write_text(_ARTICLE.sub("<article data-pagefind-body", text, count=1), encoding="utf-8")
        marked += 1
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(copy)], check=True, capture_output=True)
    meta = json.loads((copy / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    indexed = sum(language["page_count"] for language in meta["languages"].values())
    if indexed != marked:
        raise RuntimeError(f"Pagefind indexed {indexed} pages of the {marked} marked")
    return copy, indexed


# --- searching ------------------------------------------------------------------------

_PAGEFIND_SEARCH = f"""async (query) => {{
  if (!window.__pagefind) {{
    window.__pagefind = await import("/pagefind/pagefind.js");
    await window.__pagefind.init();
  }}
  const found = await window.__pagefind.search(query);
  const top = await Promise.all(found.results.slice(0, {TOP}).map((r) => r.data()));
  return {{ count: found.results.length, urls: top.map((d) => d.url) }};
}}"""


def waymark_results(browser: Any, server: Any, queries: list[Query]) -> dict[str, dict[str, Any]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        page.goto(server.url(""))
        page.locator(".wm-js-search-toggle").click()
        page.wait_for_selector(".wm-js-search-panel:not([hidden])")
        box = page.locator(".wm-js-search-input")
        found: dict[str, dict[str, Any]] = {}
        for q in queries:
            box.fill(q.query)
            box.press("Enter")
            page.wait_for_selector(".wm-js-search-results:not([aria-busy])", state="attached")
            page.wait_for_selector(".wm-js-search-status:not(:empty)")
            status = page.locator(".wm-js-search-status").inner_text()
            count = 0 if status.startswith("No results") else int(status.split()[0].replace(",", ""))
            urls = page.locator(".wm-search-result__link").evaluate_all("links => links.map(a => a.pathname)")
            suggestion = page.locator(".wm-js-search-suggestion")
            found[q.query] = {
                "count": count,
                "ids": [page_id(u) for u in urls[:TOP]],
                "did_you_mean": suggestion.inner_text() if suggestion.is_visible() else "",
            }
        return found
    finally:
        context.close()


def pagefind_results(browser: Any, server: Any, queries: list[Query]) -> dict[str, dict[str, Any]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(20_000)
        # A page of its own, with no policy: Pagefind's WebAssembly needs one the site does not give.
        harness = server.url(HARNESS)
        page.route(
            harness,
            lambda route: route.fulfill(status=200, content_type="text/html", body="<!doctype html><title>x</title>"),
        )
        page.goto(harness)
        found = {}
        for q in queries:
            result = page.evaluate(_PAGEFIND_SEARCH, q.query)
            found[q.query] = {"count": result["count"], "ids": [page_id(u) for u in result["urls"]]}
        return found
    finally:
        context.close()


# --- scores ---------------------------------------------------------------------------


def score(query: Query, ids: list[str]) -> tuple[float, float]:
    """(recall@10, reciprocal rank) of one query's first results."""
    top = ids[:TOP]
    relevant = set(query.relevant)
    recall = len(relevant & set(top)) / min(len(relevant), TOP)
    rank = next((n for n, found in enumerate(top, 1) if found in relevant), None)
    return recall, (1 / rank if rank else 0.0)


def summary(queries: list[Query], results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    def of(group: list[Query]) -> dict[str, Any]:
        scored = [score(q, results[q.query]["ids"]) for q in group]
        return {
            "queries": len(group),
            "recall_at_10": sum(r for r, _ in scored) / len(group),
            "mrr": sum(m for _, m in scored) / len(group),
            "zero_results": sum(1 for q in group if results[q.query]["count"] == 0),
        }

    kinds: dict[str, list[Query]] = defaultdict(list)
    for q in queries:
        kinds[q.kind].append(q)
    return {"all": of(queries), "kinds": {kind: of(kinds[kind]) for kind in KINDS if kinds[kind]}}


def run(out: Path) -> dict[str, Any]:
    """Build, index, search with both and score: the benchmark's relevance results."""
    from playwright.sync_api import sync_playwright

    from .chromium import launch
    from .server import GzipServer

    queries = load_queries()
    out.mkdir(parents=True, exist_ok=True)
    site = build_site(out)
    pagefind_copy, pagefind_pages = pagefind_site(site, out)
    waymark_pages = json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))["pages"]
    with sync_playwright() as playwright, GzipServer(site) as ours, GzipServer(pagefind_copy) as theirs:
        browser = launch(playwright)
        try:
            waymark = waymark_results(browser, ours, queries)
            pagefind = pagefind_results(browser, theirs, queries)
        finally:
            browser.close()
    return {
        "queries": len(queries),
        "pages": {"waymark": waymark_pages, "pagefind": pagefind_pages},
        "pagefind_version": _pagefind_version(),
        "waymark": summary(queries, waymark),
        "pagefind": summary(queries, pagefind),
        "per_query": [
            {
                "query": q.query,
                "kind": q.kind,
                "relevant": list(q.relevant),
                "waymark": {
                    "count": waymark[q.query]["count"],
                    "top": waymark[q.query]["ids"],
                    "recall_at_10": score(q, waymark[q.query]["ids"])[0],
                },
                "pagefind": {
                    "count": pagefind[q.query]["count"],
                    "top": pagefind[q.query]["ids"],
                    "recall_at_10": score(q, pagefind[q.query]["ids"])[0],
                },
            }
            for q in queries
        ],  # fmt: skip
        "misses": {
            name: [
                {"query": q.query, "kind": q.kind, "found": found[q.query]["ids"][:5], "relevant": list(q.relevant)}
                for q in queries
                if score(q, found[q.query]["ids"])[1] == 0
            ]
            for name, found in (("waymark", waymark), ("pagefind", pagefind))
        },
    }


def _pagefind_version() -> str:
    from importlib.metadata import version

    return version("pagefind")


def table(results: dict[str, Any]) -> str:
    """The Markdown table of the README's Performance section."""
    w, p = results["waymark"], results["pagefind"]
    lines = [
        f"{results['queries']} queries of `benchmarks/relevance.yaml` on the site of the bundled data "
        f"({results['pages']['waymark']} pages in each index; Pagefind {results['pagefind_version']}).",
        "",
        "| Queries | Waymark recall@10 | Pagefind recall@10 | Waymark MRR | Pagefind MRR | Waymark zero results | Pagefind zero results |",
        "|---|---|---|---|---|---|---|",
    ]

    def row(name: str, a: dict[str, Any], b: dict[str, Any]) -> str:
        return (
            f"| {name} ({a['queries']}) | {a['recall_at_10']:.2f} | {b['recall_at_10']:.2f} | {a['mrr']:.2f} | "
            f"{b['mrr']:.2f} | {a['zero_results']} | {b['zero_results']} |"
        )

    lines.append(row("**All**", w["all"], p["all"]))
    for kind in w["kinds"]:
        lines.append(row(kind, w["kinds"][kind], p["kinds"][kind]))
    return "\n".join(lines) + "\n"


def main() -> int:
    out = ROOT / "benchmarks" / "out" / "relevance"
    results = run(out)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
