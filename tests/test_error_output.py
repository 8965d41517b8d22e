"""Golden files: the exact output of `python -m generator check` for invalid data files.

Each tests/golden/NAME.yaml has NAME.txt beside it. Set WAYMARK_UPDATE_GOLDEN=1
to rewrite the .txt files after a deliberate change, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.cli import main

GOLDEN = Path(__file__).parent / "golden"
TAXONOMY = Path(__file__).resolve().parent.parent / "data" / "taxonomy.yaml"
CASES = sorted(p.stem for p in GOLDEN.glob("*.yaml"))


def run_check(name: str, capsys, *extra: str) -> tuple[int, str, str]:
    code = main(["check", f"{name}.yaml", "--taxonomy", str(TAXONOMY), "--today", "2026-11-22", *extra])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("name", CASES)
def test_check_output_matches_golden_file(name, capsys, monkeypatch):
    monkeypatch.chdir(GOLDEN)
    code, out, err = run_check(name, capsys)
    assert code == 1
    assert "Traceback" not in out + err
    expected = GOLDEN / f"{name}.txt"
    if os.environ.get("WAYMARK_UPDATE_GOLDEN"):
        expected.write_text(out, encoding="utf-8")
    assert out == expected.read_text(encoding="utf-8")
    for line in out.splitlines():
        assert line.startswith(f"{name}.yaml:"), line
        assert " — " in line, line


def test_github_annotations(capsys, monkeypatch):
    monkeypatch.chdir(GOLDEN)
    code, out, _ = run_check("missing-fields", capsys, "--format", "github")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == (
        "::error file=missing-fields.yaml,line=1,col=3,title=lonely-entry%3A audience"
        "::required field 'audience' is missing — add 'audience:' with a value to this entry"
    )
    assert all(line.startswith("::error file=missing-fields.yaml,line=") for line in lines)


def test_a_valid_file_passes(capsys, tmp_path, monkeypatch):
    from .conftest import valid_entry

    (tmp_path / "ok.yaml").write_text(valid_entry())
    monkeypatch.chdir(tmp_path)
    code = main(["check", "ok.yaml", "--taxonomy", str(TAXONOMY), "--today", "2026-11-22"])
    assert code == 0
    assert "1 entries are valid" in capsys.readouterr().out
