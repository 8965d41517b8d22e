"""`python -m generator build` replaces site/ only when the whole build succeeds."""

from __future__ import annotations

import errno
import hashlib
import os
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
        pytest.param(
            lambda p: (p / "mkdocs.yml").write_text(
                (p / "mkdocs.yml")
                .read_text()
                .replace("quick_exit_url: https://www.example.org/weather", "quick_exit_url: javascript:void(0)")
            ),
            id="plugin-error",
        ),
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


def full_disk_after(count: int):
    """A replacement for a write function that fails with ENOSPC after `count` calls."""
    calls = []

    def wrap(real):
        def write(*args, **kwargs):
            if len(calls) >= count:
                raise OSError(errno.ENOSPC, "No space left on device", str(args[-1]))
            calls.append(args)
            return real(*args, **kwargs)

        return write

    return wrap


def break_page_writes(monkeypatch):
    import mkdocs.utils

    monkeypatch.setattr(mkdocs.utils, "write_file", full_disk_after(5)(mkdocs.utils.write_file))


def break_static_copies(monkeypatch):
    import mkdocs.utils

    monkeypatch.setattr(mkdocs.utils, "copy_file", full_disk_after(3)(mkdocs.utils.copy_file))


def break_the_swap(monkeypatch):
    """Moving the new site into place fails after the old one was moved aside."""
    import generator.engine.atomic

    real_rename = os.rename

    def rename(source, target):
        if Path(source).name.startswith(".site-new-"):
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        return real_rename(source, target)

    monkeypatch.setattr(generator.engine.atomic.os, "rename", rename)
    monkeypatch.setattr(generator.engine.atomic, "_exchange", lambda first, second: False)


def break_the_exchange(monkeypatch):
    """The one-step exchange itself fails (a full disk, say)."""
    import generator.engine.atomic

    def exchange(first, second):
        raise OSError(errno.ENOSPC, "No space left on device", str(second))

    monkeypatch.setattr(generator.engine.atomic, "_exchange", exchange)


def break_the_plugin(monkeypatch):
    import generator.site.pages

    def crash(*args, **kwargs):
        raise RuntimeError("the page builder failed")

    monkeypatch.setattr(generator.site.pages, "build_pages", crash)


@pytest.mark.parametrize(
    "break_it, message",
    [
        pytest.param(break_page_writes, "No space left on device", id="disk-full-writing-pages"),
        pytest.param(break_static_copies, "No space left on device", id="disk-full-copying-assets"),
        pytest.param(break_the_swap, "could not put the new site in place", id="disk-full-during-swap"),
        pytest.param(break_the_exchange, "could not put the new site in place", id="disk-full-during-exchange"),
        pytest.param(break_the_plugin, "the page builder failed", id="plugin-exception"),
    ],
)
def test_a_failure_while_writing_leaves_the_previous_site_untouched(project, capsys, monkeypatch, break_it, message):
    assert build(project, capsys)[0] == 0
    before = tree_digest(project / "site")
    break_it(monkeypatch)
    code, output = build(project, capsys)
    assert code == 1
    assert message in output and "Traceback" not in output
    assert "The previous site in" in output
    assert tree_digest(project / "site") == before
    assert leftovers(project) == []


def test_bad_data_prints_the_problem_lines(project, capsys):
    (project / "data" / "resources.yaml").write_text("- id: Broken\n")
    code, output = build(project, capsys)
    assert code == 1
    assert "resources.yaml:1:7: entry 1: id: 'Broken' is not a valid id" in output


# --- never missing, readable by the web server, tidy after a kill -----------------------


def test_the_new_site_is_exchanged_in_one_step(project, capsys, monkeypatch):
    """site/ is swapped with the new folder by one system call: at no moment is it missing."""
    import generator.engine.atomic

    assert build(project, capsys)[0] == 0
    real_rename = os.rename

    def rename(source, target):
        if Path(source).name == "site":
            raise AssertionError("site/ was moved aside: there was a moment without it")
        return real_rename(source, target)

    monkeypatch.setattr(generator.engine.atomic.os, "rename", rename)
    (project / "content" / "index.md").write_text("# Changed\n", encoding="utf-8")
    assert build(project, capsys)[0] == 0
    assert "Changed" in (project / "site" / "index.html").read_text(encoding="utf-8")
    assert leftovers(project) == []


def test_a_kill_between_the_two_renames_is_put_right_by_the_next_build(project, capsys, monkeypatch):
    import generator.engine.atomic

    assert build(project, capsys)[0] == 0
    before = tree_digest(project / "site")
    monkeypatch.setattr(generator.engine.atomic, "_exchange", lambda first, second: False)
    real_rename = os.rename

    def killed(source, target):
        if Path(source).name.startswith(".site-new-"):
            raise KeyboardInterrupt  # the process dies here: site/ has been moved aside
        return real_rename(source, target)

    monkeypatch.setattr(generator.engine.atomic.os, "rename", killed)
    with pytest.raises(KeyboardInterrupt):
        build(project, capsys)
    assert not (project / "site").exists() and leftovers(project)
    monkeypatch.setattr(generator.engine.atomic.os, "rename", real_rename)
    done = generator.engine.atomic.recover(project / "site")
    assert any(line.startswith("put back site") for line in done)
    assert tree_digest(project / "site") == before
    assert leftovers(project) == []


def test_staging_folders_of_dead_builds_are_removed_and_live_ones_kept(project, capsys):
    dead = project / ".site-new-999999-abc"
    dead.mkdir()
    live = project / ".site-new-1-abc"  # process 1 is always running
    live.mkdir()
    assert build(project, capsys)[0] == 0
    assert not dead.exists() and live.exists()


def test_the_built_site_is_readable_by_a_web_server(project, capsys):
    assert build(project, capsys)[0] == 0
    site = project / "site"
    assert site.stat().st_mode & 0o777 == 0o755
    assert all(p.stat().st_mode & 0o777 == (0o755 if p.is_dir() else 0o644) for p in site.rglob("*"))


@pytest.mark.parametrize("error", [errno.EACCES, errno.ENOSPC], ids=["unwritable-folder", "no-free-inodes"])
def test_a_folder_that_cannot_be_written_is_one_clear_line(project, capsys, monkeypatch, error):
    import generator.engine.atomic

    def refuse(*args, **kwargs):
        raise OSError(error, os.strerror(error))

    monkeypatch.setattr(generator.engine.atomic.tempfile, "mkdtemp", refuse)
    code, output = build(project, capsys)
    assert code == 1 and "Traceback" not in output
    assert f"cannot write in {project}: {os.strerror(error)}" in output
