"""The sample `check` output in README.md and CONTRIBUTING.md is the real output.

Each sample is a ```text block after a `<!-- check-sample: NAME -->` line. The
test runs `python -m generator check` on tests/fixtures/docs/resources.yaml
(copied to data/resources.yaml, as a maintainer would see it) and compares.
`WAYMARK_UPDATE_GOLDEN=1` writes the real output into the documents.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from .conftest import FIXTURES, ROOT, TAXONOMY

DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]
SAMPLE = re.compile(
    r"^(?P<indent> *)<!-- check-sample: (?P<name>\w+) -->\n(?P=indent)```text\n(?P<body>.*?)(?P=indent)```$",
    re.M | re.S,
)


@pytest.fixture(scope="module")
def real_output(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("docs")
    (folder / "data").mkdir()
    shutil.copy(FIXTURES / "docs" / "resources.yaml", folder / "data" / "resources.yaml")
    shutil.copy(TAXONOMY, folder / "data" / "taxonomy.yaml")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--today", "2026-12-02"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 1, result.stderr
    return result.stdout.splitlines()


def expected(name: str, lines: list[str]) -> list[str]:
    return {"all": lines, "first": lines[:1]}[name]


def test_the_sample_file_shows_two_problems(real_output):
    assert len(real_output) == 2
    assert "'tel:116123' starts with 'tel:'" in real_output[0] and "did you mean 'languages'?" in real_output[1]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_documents_show_the_real_check_output(document, real_output):
    text = document.read_text(encoding="utf-8")
    found = list(SAMPLE.finditer(text))
    assert found, f"{document.name} has no check sample"
    if os.environ.get("WAYMARK_UPDATE_GOLDEN"):

        def fill(match: re.Match) -> str:
            indent = match["indent"]
            body = "".join(f"{indent}{line}\n" for line in expected(match["name"], real_output))
            return f"{indent}<!-- check-sample: {match['name']} -->\n{indent}```text\n{body}{indent}```"

        document.write_text(SAMPLE.sub(fill, text), encoding="utf-8")
        return
    for match in found:
        shown = [line.strip() for line in match["body"].splitlines()]
        assert shown == expected(match["name"], real_output), (
            f"{document.name}: the '{match['name']}' sample differs from what check prints; "
            "run WAYMARK_UPDATE_GOLDEN=1 pytest tests/test_doc_samples.py"
        )
