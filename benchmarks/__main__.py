"""`python -m benchmarks` (`make bench`): Waymark at 100, 1,000 and 10,000 entries against bare MkDocs.

For each size: synthetic data (deterministic from the seed), `check` and a bare
libyaml parse of the same file, the Waymark build and the bare-MkDocs
baseline (each in its own process, the site folder removed beforehand so that
cleaning it is not timed), sizes on disk, and what a browser downloads and waits
for. Lighthouse runs once, on the size given by --lighthouse-size.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

from . import measure, report, sites, sizes, synthetic

ROOT = Path(__file__).resolve().parent.parent


def _sizes(text: str) -> list[int]:
    try:
        values = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of whole numbers such as 100,1000") from None
    if not values or any(v < 1 for v in values):
        raise argparse.ArgumentTypeError("sizes must be whole numbers of at least 1")
    return values


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=_sizes, default=[100, 1000, 10000], help="entry counts, comma-separated")
    p.add_argument("--seed", type=int, default=1, help="seed of the synthetic data")
    p.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out", help="where data, sites and results go")
    p.add_argument(
        "--repeat",
        type=int,
        default=2,
        help="runs of each timed step, alternating Waymark and baseline; the fastest counts",
    )
    p.add_argument("--skip-browser", action="store_true", help="no Chromium measurements")
    p.add_argument("--skip-lighthouse", action="store_true", help="no Lighthouse scores")
    p.add_argument(
        "--skip-relevance",
        action="store_true",
        help="no search relevance (benchmarks/relevance.yaml, against Pagefind)",
    )
    p.add_argument("--lighthouse-size", type=int, default=1000, help="the size whose site Lighthouse audits")
    p.add_argument(
        "--update-readme", action="store_true", help="write the table into README.md and benchmarks/RESULTS.md"
    )
    return p


def machine() -> dict[str, Any]:
    return {
        "date": date.today().isoformat(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "material": version("mkdocs-material"),
    }


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _best(runs: list[measure.Run]) -> dict[str, Any]:
    """The fastest run (the least disturbed by other work on the machine), and every run."""
    return {
        "seconds": min(r.seconds for r in runs),
        "peak_mb": max(r.peak_mb for r in runs),
        "runs_s": [round(r.seconds, 3) for r in runs],
    }


def run_size(count: int, seed: int, out: Path, browser: bool, repeat: int = 1) -> dict[str, Any]:
    work = out / str(count)
    if work.exists():
        shutil.rmtree(work)
    data = synthetic.write(work / "data" / "resources.yaml", count, seed, ROOT / "data" / "taxonomy.yaml")
    plain = synthetic.as_plain(data)
    published = sum(1 for e in plain if e.get("status") != "closed")
    site, base_site = work / "site", work / "baseline-site"
    config = sites.waymark_config(data, site, work / "mkdocs.yml")
    sites.write_baseline_docs(plain, work / "baseline-docs")
    base_config = sites.baseline_config(work / "baseline-docs", base_site, work / "baseline.yml")
    checks, parses, parse_times, builds, baselines = [], [], [], [], []
    for attempt in range(1, repeat + 1):
        _say(f"[{count}] run {attempt} of {repeat}: check and parse")
        checks.append(measure.check(data, synthetic.REFERENCE_DAY.isoformat(), work))
        parse_run, times = measure.parse(data, work)
        parses.append(parse_run)
        parse_times.append(times)
        _say(f"[{count}] run {attempt} of {repeat}: Waymark build, then the baseline")
        for folder in (site, base_site):  # cleaning an old site is not part of a build
            shutil.rmtree(folder, ignore_errors=True)
        builds.append(measure.mkdocs_build(config, work, "build", strict=True))
        baselines.append(measure.mkdocs_build(base_config, work, "baseline", strict=False))
    check, parse, build, baseline = _best(checks), _best(parses), _best(builds), _best(baselines)
    parse["parse_s"] = min(t["parse_s"] for t in parse_times)
    parse["events_s"] = min(t["events_s"] for t in parse_times)

    _say(f"[{count}] sizes")
    site_sizes = sizes.measure(site)
    result: dict[str, Any] = {
        "entries": count,
        "published": published,
        "data_bytes": data.stat().st_size,
        "check": check,
        "parse": parse,
        "check_ratio": check["seconds"] / parse["seconds"],
        "build": build,
        "baseline": baseline,
        "build_ratio": build["seconds"] / baseline["seconds"],
        "sizes": site_sizes,
        "baseline_sizes": {
            "entry_page": sizes.measure(base_site)["entry_page"],
            "search_index": sizes.search_index(base_site),
        },
        "browser": None,
    }
    if browser and site_sizes["entry_page"]:
        from . import browser as chromium

        _say(f"[{count}] browser")
        result["browser"] = chromium.measure(site, site_sizes["entry_page"]["path"])
    return result


def run_lighthouse(results: dict[str, Any], out: Path, count: int) -> dict[str, Any] | None:
    from . import lighthouse

    if not lighthouse.available():
        _say("Lighthouse or Chromium is missing: run scripts/ensure-browser")
        return None
    size = results["sizes"].get(str(count))
    if not size:
        _say(f"no site of {count} entries to audit (add it to --sizes)")
        return None
    entry = size["sizes"]["entry_page"]["path"]
    pages = {"home": "", "finder": "find/", "entry": entry}
    _say(f"[{count}] Lighthouse")
    scores = {}
    for name, path in pages.items():
        try:
            scores.update(lighthouse.measure(out / str(count) / "site", {name: path}, out / str(count)))
        except (RuntimeError, OSError) as error:  # one failing page should not lose the rest
            scores[name] = {"path": path, "error": str(error).splitlines()[0]}
    return {"version": version_of_lighthouse(), "site": f"the {count:,}-entry site", "pages": scores}


def version_of_lighthouse() -> str:
    import json

    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else ""


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    out: Path = args.out.resolve()
    started = time.perf_counter()
    results: dict[str, Any] = {
        "seed": args.seed,
        "repeat": max(1, args.repeat),
        "machine": machine(),
        "memory_method": measure.MEMORY_METHOD,
        "check_today": synthetic.REFERENCE_DAY.isoformat(),
        "sizes": {},
        "lighthouse": None,
        "relevance": None,
    }
    for count in args.sizes:
        results["sizes"][str(count)] = run_size(
            count, args.seed, out, browser=not args.skip_browser, repeat=max(1, args.repeat)
        )
    if not args.skip_lighthouse:
        results["lighthouse"] = run_lighthouse(results, out, args.lighthouse_size)
    if not args.skip_relevance and not args.skip_browser:
        from . import relevance

        _say("search relevance: Waymark and Pagefind on the bundled data")
        results["relevance"] = relevance.run(out / "relevance")
    results["total_s"] = time.perf_counter() - started
    path = report.write(results, out)
    text = report.markdown(results)
    print(text)
    _say(f"Results written to {path}")
    if args.update_readme:
        report.update_readme(ROOT / "README.md", text)
        (ROOT / "benchmarks" / "RESULTS.md").write_text("# Benchmark results\n\n" + text, encoding="utf-8")
        _say("README.md and benchmarks/RESULTS.md updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
