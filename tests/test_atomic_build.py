"""`python -m generator build` replaces site/ only when the whole build succeeds."""

from __future__ import annotations

import errno
import hashlib
from pathlib import Path

import pytest

from generator.cli import main

from .test_build import copy_mini


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(str(path.relative_to(root)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def project(tmp_path):
    return copy_mini(tmp_path)


def build(project: Path, capsys) -> tuple[int, str]:
    code = main(["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site")])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site-"))


def test_a_good_build_replaces_the_whole_site(project, capsys):
    assert build(project, capsys)[0] == 0
    stale = project / "site" / "stale.html"
    stale.write_text("from an older build")
    assert build(project, capsys)[0] == 0
    assert (project / "site" / "entries" / "calm-line" / "index.html").exists()
    assert not stale.exists()
    assert leftovers(project) == []


@pytest.mark.parametrize(
    "break_it",
    [
        pytest.param(lambda p: (p / "data" / "resources.yaml").write_text("- id: Broken\n"), id="bad-data"),
        pytest.param(lambda p: (p / "mkdocs.yml").write_text((p / "mkdocs.yml").read_text().replace(
            "quick_exit_url: https://www.example.org/weather", "quick_exit_url: javascript:void(0)")), id="plugin-error"),
        pytest.param(lambda p: (p / "content" / "index.md").write_text("[broken](nowhere.md)\n"), id="strict-warning"),
    ],
)
def test_a_failed_build_leaves_the_previous_site_untouched(project, capsys, break_it):
    assert build(project, capsys)[0] == 0
    before = tree_digest(project / "site")
    break_it(project)
    code, output = build(project, capsys)
    assert code == 1
    assert "previous site" in output and "Traceback" not in output
    assert tree_digest(project / "site") == before
    assert leftovers(project) == []


def test_a_full_disk_leaves_the_previous_site_untouched(project, capsys, monkeypatch):
    import mkdocs.utils

    assert build(project, capsys)[0] == 0
    before = tree_digest(project / "site")
    real_write = mkdocs.utils.write_file
    written = []

    def write_until_full(content, output_path):
        if len(written) >= 5:
            raise OSError(errno.ENOSPC, "No space left on device", output_path)
        written.append(output_path)
        real_write(content, output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", write_until_full)
    code, output = build(project, capsys)
    assert code == 1
    assert "No space left on device" in output
    assert tree_digest(project / "site") == before
    assert leftovers(project) == []


def test_bad_data_prints_the_problem_lines(project, capsys):
    (project / "data" / "resources.yaml").write_text("- id: Broken\n")
    code, output = build(project, capsys)
    assert code == 1
    assert "resources.yaml:1:7: entry 1: id: 'Broken' is not a valid id" in output
