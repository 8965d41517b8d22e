"""Lighthouse scores for a built site, served with gzip on 127.0.0.1.

Lighthouse comes from the npm lock file (node_modules/.bin/lighthouse, installed
by scripts/ensure-browser) and drives Debian's Chromium through CHROME_PATH.
Its default settings are the mobile ones: a phone's screen and simulated
slow 4G with a slower processor.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from .chromium import CHROMIUM
from .server import GzipServer

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"


def available() -> bool:
    return LIGHTHOUSE.exists() and Path("/usr/bin/chromium").exists()


def audit(url: str, report: Path) -> dict[str, Any]:
    """Scores (0–100) by category, and the audits that lost points."""
    report.parent.mkdir(parents=True, exist_ok=True)
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not report.exists():
        raise RuntimeError(f"lighthouse failed for {url}:\n{result.stderr[-3000:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {key: round((data["categories"][key]["score"] or 0) * 100) for key in CATEGORIES}
    failing = []
    for key in CATEGORIES:
        for ref in data["categories"][key]["auditRefs"]:
            item = data["audits"].get(ref["id"], {})
            if ref.get("weight", 0) > 0 and item.get("score") is not None and item["score"] < 1:
                failing.append(
                    {
                        "category": key,
                        "id": ref["id"],
                        "title": item.get("title", ""),
                        "score": item["score"],
                        "value": item.get("displayValue", ""),
                    }
                )
    return {"scores": scores, "failing": failing}


def measure(site: Path, pages: dict[str, str], out: Path) -> dict[str, Any]:
    """{page name: audit} for each {name: path} of ``pages``."""
    results = {}
    with GzipServer(site) as server:
        for name, path in pages.items():
            results[name] = {"path": path, **audit(server.url(path), out / f"lighthouse-{name}.json")}
    return results
