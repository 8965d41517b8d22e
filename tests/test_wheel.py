"""The wheel carries everything another site needs: built from the project,
installed into a fresh virtual environment, it builds a small second site with
nothing of this checkout but the wheel.

The fresh environment gets the already-installed dependencies (MkDocs,
Material, pydantic …) through a path file, so nothing is downloaded; Waymark
itself comes only from the wheel (the test checks where it was imported from).
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import textwrap
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (found,) = out.glob("waymark-*.whl")
    return found


def test_the_wheel_holds_the_theme_templates_and_schemas(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "generator/theme/main.html" in names
    assert "generator/theme/components/exit-this-page/exit-this-page.js" in names
    assert "generator/site/templates/entry.html" in names
    assert "generator/opendata/hsds_schema/service.json" in names
    assert not any(name.startswith(("tests/", "benchmarks/", "content/", "data/")) for name in names)


def test_a_second_site_builds_from_the_wheel_alone(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    purelib = Path(sysconfig.get_paths()["purelib"])
    target = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies, from this environment (a path, so its own .pth files, the
    # editable checkout among them, are not read).
    (target / "dependencies.pth").write_text(str(purelib) + "\n", encoding="utf-8")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )

    site = tmp_path / "second"
    (site / "docs").mkdir(parents=True)
    (site / "docs" / "index.md").write_text("# Our directory\n\n<!-- waymark:kinds -->\n", encoding="utf-8")
    (site / "docs" / "help-now.md").write_text("# Need help now?\n\n<!-- waymark:crisis-lines -->\n", encoding="utf-8")
    (site / "data").mkdir()
    (site / "data" / "taxonomy.yaml").write_text(
        (ROOT / "data" / "taxonomy.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (site / "data" / "resources.yaml").write_text(
        textwrap.dedent("""\
        - id: our-line
          name: Our line
          kind: helpline
          summary: A free line to talk things through.
          url: https://www.example.org/line
          publisher: Our charity
          audience: [public]
          topics: [emotional-support, crisis]
          regions: [uk]
          contact:
            phones:
              - {number: "116 123", hours: 24 hours a day}
          crisis: true
          crisis_needs: [listening]
          last_reviewed: 2026-01-15
          sources: [https://www.example.org/line/about]
        """),
        encoding="utf-8",
    )
    (site / "mkdocs.yml").write_text(
        textwrap.dedent("""\
        site_name: Our directory
        theme:
          name: material
          font: false
        plugins:
          - waymark:
              resources: data/resources.yaml
              taxonomy: data/taxonomy.yaml
        nav:
          - Home: index.md
          - Need help now?: help-now.md
        """),
        encoding="utf-8",
    )
    where = subprocess.run(
        [str(python), "-c", "import generator; print(generator.__file__)"],
        cwd=site,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where.startswith(str(env_dir)), f"Waymark came from {where}, not the wheel"
    result = subprocess.run(
        [str(python), "-m", "mkdocs", "build", "--strict"],
        cwd=site,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    page = (site / "site" / "entries" / "our-line" / "index.html").read_text(encoding="utf-8")
    assert "Exit this page" in page and 'href="tel:116123"' in page
    assert "Content-Security-Policy" in page
    assert (site / "site" / "assets" / "stylesheets" / "waymark.css").stat().st_size > 1000
    assert (site / "site" / "search" / "index.json").exists()
