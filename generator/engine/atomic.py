"""Build the site into a fresh folder and put it in place only when the build succeeds.

A failed build — bad data, a plugin error, a full disk — leaves the previous
site/ exactly as it was.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path


class AtomicBuildError(Exception):
    pass


def atomic_build(config_file: Path, site_dir: Path, *, strict: bool = True) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    _show_mkdocs_log()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-new-", dir=site_dir.parent))
    try:
        config = load_config(str(config_file), site_dir=str(staging), strict=strict)
        build(config)
    except (Abort, ConfigurationError, OSError, Exception) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise AtomicBuildError(str(error) or type(error).__name__) from error
    try:
        swap_into_place(staging, site_dir)
    except OSError as error:  # the swap itself failed (full disk, permissions): the old site is back
        shutil.rmtree(staging, ignore_errors=True)
        raise AtomicBuildError(f"could not put the new site in place: {error}") from error


def swap_into_place(staging: Path, site_dir: Path) -> None:
    """Replace site_dir with staging: two renames on the same file system."""
    previous = None
    if site_dir.exists():
        previous = site_dir.with_name(f".site-old-{os.getpid()}")
        shutil.rmtree(previous, ignore_errors=True)
        os.rename(site_dir, previous)
    try:
        os.rename(staging, site_dir)
    except OSError:
        if previous is not None:
            os.rename(previous, site_dir)
        raise
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


class _StderrHandler(logging.Handler):
    """Writes to whatever sys.stderr is at the time (tests replace it)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(self.format(record), file=sys.stderr)


def _show_mkdocs_log() -> None:
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
