"""A second engine: ProperDocs (the maintained continuation of MkDocs 1.x) runs
the same plugin and theme, and must build the same site, byte for byte. The
engine-specific part of Waymark is engine/; the policy and the search index are
a pass over the built files (site/postbuild.py), so nothing else differs."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

COMPARE = ROOT / "scripts" / "compare-sites"


def _compare():
    spec = importlib.util.spec_from_loader("compare_sites", loader=None, origin=str(COMPARE))
    module = importlib.util.module_from_spec(spec)
    exec(COMPARE.read_text(encoding="utf-8"), module.__dict__)
    return module


def test_properdocs_builds_the_same_site(real_site, tmp_path):
    out = tmp_path / "properdocs-site"
    properdocs = Path(sys.executable).with_name("properdocs")
    result = subprocess.run(
        [str(properdocs), "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "waymark: " in result.stderr  # the plugin ran under ProperDocs
    assert _compare().differences(real_site.root, out) == []


def test_the_comparison_sees_a_difference(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for root in (first, second):
        (root / "x").mkdir(parents=True)
        (root / "x" / "index.html").write_text("<p>same</p>")
    (second / "x" / "index.html").write_text("<p>other</p>")
    (second / "extra.html").write_text("")
    assert _compare().differences(first, second) == [f"only in {second}: extra.html", "differs: x/index.html"]
