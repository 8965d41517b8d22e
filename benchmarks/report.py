"""The results as JSON and as a Markdown table (printed, written to RESULTS.md and the README)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

README_START = "<!-- benchmark:start -->"
README_END = "<!-- benchmark:end -->"

# Keys every size's result has, whatever was skipped (tests check the writer against these).
SIZE_KEYS = (
    "entries",
    "published",
    "data_bytes",
    "check",
    "parse",
    "check_ratio",
    "build",
    "baseline",
    "build_ratio",
    "sizes",
    "baseline_sizes",
    "browser",
)


def _kb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1024:,.1f}"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value / 1024 / 1024:,.1f}"


def _s(value: float | None) -> str:
    return "–" if value is None else f"{value:,.2f}"


def _get(data: Any, *path: Any) -> Any:
    for part in path:
        if not isinstance(data, dict) or part not in data or data[part] is None:
            return None
        data = data[part]
    return data


def _pair(raw: Any, gzipped: Any) -> str:
    return "–" if raw is None else f"{_kb(raw)} / {_kb(gzipped)}"


def rows(size: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, value) for one size; the same labels for every size."""
    g = lambda *path: _get(size, *path)  # noqa: E731
    search_raw = g("sizes", "search_index", "material", "raw")
    own = g("sizes", "search_index", "waymark")
    search_cell = _pair(search_raw, g("sizes", "search_index", "material", "gzip"))
    if own:
        search_cell = (
            f"{own['files']:,} files, {_kb(own['raw'])}; contents {_pair(own['toc']['raw'], own['toc']['gzip'])},"
            f" largest piece {_pair(own['largest_shard']['raw'], own['largest_shard']['gzip'])}"
        )
    fs, ff = g("browser", "first_search"), g("browser", "first_filter")
    return [
        ("Entries (published)", f"{size['entries']:,} ({size['published']:,})"),
        ("Data file, MB", _mb(size["data_bytes"])),
        ("`check`, s", _s(g("check", "seconds"))),
        (
            "Bare libyaml parse, s: process / `yaml.load` only",
            f"{_s(g('parse', 'seconds'))} / {_s(g('parse', 'parse_s'))}",
        ),
        ("**Check ratio** (check process ÷ parse process; target ≤ 1.5)", _s(size.get("check_ratio"))),
        ("Waymark build, s", _s(g("build", "seconds"))),
        ("Bare MkDocs baseline build, s", _s(g("baseline", "seconds"))),
        ("**Build ratio** (Waymark ÷ baseline; target ≤ 1.0)", _s(size.get("build_ratio"))),
        ("Build peak memory, MB: Waymark / baseline", f"{_s(g('build', 'peak_mb'))} / {_s(g('baseline', 'peak_mb'))}"),
        (
            "Waymark build per 1,000 entries, s",
            _s(g("build", "seconds") and g("build", "seconds") * 1000 / size["entries"]),
        ),
        ("Entry page HTML, KB raw / gzip", _pair(g("sizes", "entry_page", "raw"), g("sizes", "entry_page", "gzip"))),
        (
            "Entry page cold visit, KB gzip: everything / without search",
            "–"
            if not g("browser", "entry_cold")
            else f"{_kb(g('browser', 'entry_cold', 'all', 'gzip'))} / {_kb(g('browser', 'entry_cold', 'without_search', 'gzip'))}",
        ),
        (
            "Finder data (finder.json + first cards), KB raw / gzip",
            _pair(g("sizes", "finder_data", "total_raw"), g("sizes", "finder_data", "total_gzip")),
        ),
        ("Search index, KB raw / gzip", search_cell),
        (
            "Baseline search index, KB raw / gzip",
            _pair(
                g("baseline_sizes", "search_index", "material", "raw"),
                g("baseline_sizes", "search_index", "material", "gzip"),
            ),
        ),
        (
            "Facet value pages: count, largest KB raw / gzip",
            "–"
            if not g("sizes", "facet_pages")
            else f"{g('sizes', 'facet_pages', 'count'):,}, {_pair(g('sizes', 'facet_pages', 'largest_raw'), g('sizes', 'facet_pages', 'largest_gzip'))}",
        ),
        ("First search: KB gzip, ms", "–" if not fs else f"{_kb(fs['gzip'])}, {fs['ms']:,.0f}"),
        ("First filter: KB gzip, ms", "–" if not ff else f"{_kb(ff['gzip'])}, {ff['ms']:,.0f}"),
        (
            "Site: files, MB",
            "–" if not g("sizes", "site") else f"{g('sizes', 'site', 'files'):,}, {_mb(g('sizes', 'site', 'raw'))}",
        ),
    ]


def table(results: dict[str, Any]) -> str:
    sizes = [results["sizes"][key] for key in sorted(results["sizes"], key=int)]
    if not sizes:
        return ""
    header = "| | " + " | ".join(f"{s['entries']:,} entries" for s in sizes) + " |"
    lines = [header, "| --- |" + " --- |" * len(sizes)]
    all_rows = [rows(s) for s in sizes]
    for index, (label, _) in enumerate(all_rows[0]):
        lines.append(f"| {label} | " + " | ".join(r[index][1] for r in all_rows) + " |")
    text = "\n".join(lines) + "\n"
    lighthouse = results.get("lighthouse")
    if lighthouse:
        text += "\n" + lighthouse_table(lighthouse)
    return text


def lighthouse_table(lighthouse: dict[str, Any]) -> str:
    lines = [
        f"Lighthouse {lighthouse.get('version', '')} (mobile), {lighthouse['site']}:",
        "",
        "| Page | Performance | Accessibility | Best practices | SEO |",
        "| --- | --- | --- | --- | --- |",
    ]
    order = ["home", "finder", "entry"]
    for name, page in sorted(lighthouse["pages"].items(), key=lambda item: (order + [item[0]]).index(item[0])):
        if "error" in page:
            lines.append(f"| {name} | {page['error']} | | | |")
            continue
        s = page["scores"]
        lines.append(
            f"| {name} (`/{page['path']}`) | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} |"
        )
    return "\n".join(lines) + "\n"


def describe_machine(results: dict[str, Any]) -> str:
    m = results["machine"]
    return (
        f"Measured {m['date']} on {m['cpus']} cores, Python {m['python']}, MkDocs {m['mkdocs']}, "
        f"Material {m['material']}; seed {results['seed']}; times are the fastest of "
        f"{results.get('repeat', 1)} run(s) each; the whole run took {results['total_s'] / 60:.1f} min. "
        f"Peak memory: {results['memory_method']}."
    )


def markdown(results: dict[str, Any]) -> str:
    text = describe_machine(results) + "\n\n" + table(results)
    if results.get("relevance"):
        from .relevance import table as relevance_table

        text += "\nSearch relevance: " + relevance_table(results["relevance"])
    return text


def write(results: dict[str, Any], out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    path = out / "results.json"
    path.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out / "results.md").write_text(markdown(results), encoding="utf-8")
    return path


def update_readme(readme: Path, text: str) -> None:
    """Replace what stands between the benchmark markers in the README."""
    content = readme.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(README_START) + r".*?" + re.escape(README_END), re.S)
    if not pattern.search(content):
        raise RuntimeError(f"{readme} has no {README_START} … {README_END} markers")
    content = pattern.sub(lambda _: f"{README_START}\n{text.rstrip()}\n{README_END}", content, count=1)
    readme.write_text(content, encoding="utf-8")
