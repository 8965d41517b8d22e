"""The relevance benchmark's two searches work end to end: Pagefind indexes the
same pages Waymark's index holds, offline, and both are searched in Chromium."""

from __future__ import annotations

import json

from benchmarks import relevance
from benchmarks.relevance import Query

from .conftest import StaticServer


def test_both_searches_answer_on_the_same_pages(tmp_path, mini_site, playwright_browser):
    copy, indexed = relevance.pagefind_site(mini_site.root, tmp_path)
    ours = json.loads((mini_site.root / "search" / "index.json").read_text())["pages"]
    assert indexed == ours  # the same pages in both indexes (listings left out of both)
    queries = [
        Query("Dudley", "public", "place", ("paused-service",)),
        Query("oregon university", "practitioner", "several-words", ("us-course",)),
        Query("zebracrossingxyz", "public", "exact", ("study",)),
    ]
    with StaticServer(mini_site.root) as waymark_server, StaticServer(copy) as pagefind_server:
        waymark = relevance.waymark_results(playwright_browser, waymark_server, queries)
        pagefind = relevance.pagefind_results(playwright_browser, pagefind_server, queries)
    for found in (waymark, pagefind):
        assert found["Dudley"]["ids"][0] == "paused-service", found
        assert "us-course" in found["oregon university"]["ids"], found
        assert found["zebracrossingxyz"] == {**found["zebracrossingxyz"], "count": 0, "ids": []}
    totals = relevance.summary(queries, waymark)
    assert totals["all"]["zero_results"] == 1 and totals["all"]["mrr"] == 2 / 3
