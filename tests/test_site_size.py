"""The deploy workflow refuses a site over the host's limit before upload (scripts/site-size)."""

from __future__ import annotations

import subprocess
import sys

import yaml

from .conftest import ROOT

SCRIPT = ROOT / "scripts" / "site-size"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True)


def test_a_site_within_the_limit_passes_and_one_over_it_fails_saying_where(tmp_path):
    site = tmp_path / "site"
    (site / "entries" / "a").mkdir(parents=True)
    (site / "entries" / "a" / "index.html").write_bytes(b"x" * 3000)
    (site / "index.html").write_bytes(b"y" * 100)
    # 2 folders and 2 files as packed in a tar: 512 per header, files padded to 512.
    packed = 2 * 512 + (512 + 3072) + (512 + 512)
    ok = run(str(site), "--limit-mb", str(packed / 1e6))
    assert ok.returncode == 0 and "site size" in ok.stdout
    over = run(str(site), "--limit-mb", str((packed - 1) / 1e6))
    assert over.returncode == 1
    assert "over the host's limit" in over.stderr and "not uploaded" in over.stderr and "entries/" in over.stderr


def test_a_missing_site_is_a_clear_error(tmp_path):
    result = run(str(tmp_path / "nothing"))
    assert result.returncode == 2 and "make build" in result.stderr


def test_the_deploy_workflow_checks_the_size_before_upload():
    steps = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))["jobs"]
    build = next(
        job for job in steps.values() if any("upload-pages-artifact" in s.get("uses", "") for s in job["steps"])
    )
    names = [s.get("run", "") + s.get("uses", "") for s in build["steps"]]
    check = next(i for i, step in enumerate(names) if "scripts/site-size" in step)
    upload = next(i for i, step in enumerate(names) if "upload-pages-artifact" in step)
    assert check < upload and "--limit-mb 1000" in names[check]
