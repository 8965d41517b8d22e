"""Shared fixtures: paths, a data-file writer, and site builds (built once per session)."""

from __future__ import annotations

import logging
import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TAXONOMY = ROOT / "data" / "taxonomy.yaml"

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice on every build


def valid_entry(**changes: str) -> str:
    """A valid entry as YAML text; keyword arguments replace whole lines by field name."""
    fields = {
        "id": "example-helpline",
        "name": "Example helpline",
        "kind": "helpline",
        "summary": "A free line to talk things through.",
        "publisher": "Example charity",
        "audience": "[public]",
        "topics": "[emotional-support]",
        "regions": "[uk]",
        "contact": '\n    phones:\n      - {number: "0808 000 0000", hours: 24 hours a day}',
        "last_reviewed": "2026-01-15",
        # An official page (check asks for an own or official source); tests never fetch it.
        "sources": "[https://www.gov.uk/example-helpline]",
    }
    fields.update(changes)
    lines = []
    for index, (key, value) in enumerate(fields.items()):
        if value is None:
            continue
        prefix = "- " if index == 0 else "  "
        lines.append(f"{prefix}{key}: {value}" if not value.startswith("\n") else f"{prefix}{key}:{value}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def write_data(tmp_path: Path):
    """Write YAML text (dedented) to a data file beside a copy of the real taxonomy."""

    def write(text: str | bytes, name: str = "resources.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        shutil.copy(TAXONOMY, tmp_path / "taxonomy.yaml")
        return path

    return write


@dataclass
class BuiltSite:
    root: Path

    def page(self, url: str) -> BeautifulSoup:
        path = self.root / url
        if url.endswith("/") or not url:
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


def build_site(config_file: Path, site_dir: Path, **overrides) -> BuiltSite:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(str(config_file), site_dir=str(site_dir), strict=True, **overrides)
    build(config)
    return BuiltSite(site_dir)


@pytest.fixture(scope="session")
def mini_site(tmp_path_factory) -> BuiltSite:
    """The small fixture project in tests/fixtures/mini: hostile text, every kind."""
    return build_site(FIXTURES / "mini" / "mkdocs.yml", tmp_path_factory.mktemp("mini") / "site")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> BuiltSite:
    """The project's own site, built from the bundled data."""
    return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("real") / "site")


# The XSS-corpus and harmless-text sites (built once per session when a test asks for them).
from .hostile_site import hostile_builds  # noqa: E402,F401
