"""The search relevance set (benchmarks/relevance.yaml) and how the benchmark
scores it: realistic queries, judgements that name real published pages, and
recall@10 and MRR computed as the README says."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from benchmarks.relevance import KINDS, Query, load_queries, page_id, score, summary

ROOT = Path(__file__).resolve().parents[1]


def test_the_set_is_large_and_varied():
    queries = load_queries()
    assert len(queries) >= 60
    kinds = Counter(q.kind for q in queries)
    assert set(kinds) == set(KINDS) and min(kinds.values()) >= 5, kinds
    assert {q.who for q in queries} == {"public", "practitioner"}
    assert len({q.query.casefold() for q in queries}) == len(queries)


def test_every_judged_page_is_published():
    entries = {e["id"]: e for e in yaml.safe_load((ROOT / "data" / "resources.yaml").read_text(encoding="utf-8"))}
    for q in load_queries():
        assert q.relevant, q.query
        for found in q.relevant:
            if found.startswith("page:"):
                path = found.removeprefix("page:").rstrip("/")
                assert (ROOT / "content" / f"{path}.md").exists() or (ROOT / "content" / path / "index.md").exists(), (
                    found
                )
            else:
                assert found in entries and entries[found].get("status") != "closed", (q.query, found)


def test_page_ids():
    assert page_id("/entries/samaritans/") == "samaritans"
    assert page_id("http://127.0.0.1:1234/entries/samaritans/index.html") == "samaritans"
    assert page_id("/help-now/") == "page:help-now/"
    assert page_id("/guidance/principles/#safety") == "page:guidance/principles/"
    assert page_id("/") == "page:"


def test_recall_and_reciprocal_rank():
    q = Query("x", "public", "exact", ("a", "b", "c", "d"))
    assert score(q, ["z", "b", "a"]) == (0.5, 0.5)
    assert score(q, []) == (0.0, 0.0)
    # At most ten count: twelve relevant pages, ten of them first, is full recall.
    many = Query("y", "public", "exact", tuple(f"p{n}" for n in range(12)))
    assert score(many, [f"p{n}" for n in range(10)]) == (1.0, 1.0)
    # Beyond the tenth result nothing counts.
    assert score(q, [f"z{n}" for n in range(10)] + ["a"]) == (0.0, 0.0)
    totals = summary([q, many], {"x": {"count": 3, "ids": ["z", "b", "a"]}, "y": {"count": 0, "ids": []}})
    assert totals["all"] == {"queries": 2, "recall_at_10": 0.25, "mrr": 0.25, "zero_results": 1}
    assert totals["kinds"]["exact"]["queries"] == 2
