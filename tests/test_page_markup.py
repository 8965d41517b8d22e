"""Hand-written pages and configuration values cannot carry active markup.

Each row is refused by the build with the file, line and a fix, unless the
plugin's ``allow_active_markup`` option names the page or key; the policy then
still blocks any script (see tests/browser/test_page_safety.py).
"""

from __future__ import annotations

import shutil

import pytest

from generator.cli import main
from generator.site.page_safety import active_markup

from .conftest import FIXTURES, ROOT

REFUSED = [
    ("script", "<script>alert(1)</script>", "a <script> element"),
    ("script-upper", "<SCRIPT SRC=//evil.example/x.js></SCRIPT>", "a <script> element"),
    ("meta-refresh", '<meta http-equiv="refresh" content="0; url=https://evil.example/">', "a <meta http-equiv>"),
    ("base", '<base href="https://evil.example/">', "a <base> element"),
    ("iframe", '<iframe src="https://evil.example/"></iframe>', "an <iframe> element"),
    ("object", '<object data="x.swf"></object>', "an <object> element"),
    ("embed", '<embed src="x.swf">', "an <embed> element"),
    ("img-onerror", '<img src=x onerror="alert(1)">', "an inline event handler"),
    ("svg-onload", "<svg/onload=alert(1)>", "an inline event handler"),
    ("markdown-javascript-link", "[Help](javascript:alert(1))", "a javascript: link"),
    ("html-javascript-link", '<a href="javascript:alert(1)">x</a>', "a javascript: link"),
    ("entity-javascript-link", '<a href="jav&#x61;script:alert(1)">x</a>', "a javascript: link"),
    ("spaced-javascript-link", '<a href="java script:alert(1)">x</a>', "a javascript: link"),
    ("vbscript-link", "[x](vbscript:msgbox)", "a javascript: link"),
    ("autolink", "<javascript:alert(1)>", "a javascript: link"),
]
ALLOWED = [
    ("prose", "Everything works without JavaScript: the links are plain."),
    ("code-span", "Write `<script>` only in code, never in a page."),
    ("fenced-code", "```html\n<script>alert(1)</script>\n<iframe></iframe>\n```"),
    ("word-on", "Click on=here is text, not a tag."),
]


@pytest.mark.parametrize(("name", "text", "what"), REFUSED, ids=[r[0] for r in REFUSED])
def test_active_markup_is_found(name, text, what):
    found = active_markup("Line one\n\n" + text)
    assert found and found[0].line == 3 and what in found[0].what


@pytest.mark.parametrize(("name", "text"), ALLOWED, ids=[a[0] for a in ALLOWED])
def test_text_that_only_looks_like_markup_is_kept(name, text):
    assert active_markup(text) == []


def copy_mini(tmp_path):
    project = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", project)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        text.replace("../../../data/taxonomy.yaml", str(ROOT / "data" / "taxonomy.yaml")), encoding="utf-8"
    )
    return project


def build(project, capsys) -> tuple[int, str]:
    code = main(["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(project / "site")])
    return code, capsys.readouterr().err


def test_a_page_with_a_script_fails_the_build_naming_file_and_line(tmp_path, capsys):
    project = copy_mini(tmp_path)
    page = project / "content" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + '\n<meta http-equiv="refresh" content="0; url=https://evil.example/">\n',
        encoding="utf-8",
    )
    line = page.read_text(encoding="utf-8").count("\n")
    code, err = build(project, capsys)
    assert code == 1
    assert f"index.md:{line}:1: (page): -: the page holds a <meta http-equiv> element" in err
    assert "allow_active_markup" in err
    assert not (project / "site").exists()


def test_a_config_value_with_a_script_fails_the_build(tmp_path, capsys):
    project = copy_mini(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "extra:\n", "extra:\n  consent:\n    title: <script>alert(1)</script>\n", 1
        ),
        encoding="utf-8",
    )
    code, err = build(project, capsys)
    assert code == 1
    assert "mkdocs.yml:" in err and "extra.consent.title: the value holds a <script> element" in err


def test_the_allow_list_lets_a_named_page_through(tmp_path, capsys):
    project = copy_mini(tmp_path)
    page = project / "content" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<script>window.injected = 1</script>\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "      quick_exit_url:", "      allow_active_markup: [index.md]\n      quick_exit_url:", 1
        ),
        encoding="utf-8",
    )
    code, err = build(project, capsys)
    assert code == 0, err
    html = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "window.injected = 1" in html
    # The policy is the theme's: the page's own script gets no hash, so it cannot run.
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(b"window.injected = 1").digest()).decode()
    assert digest not in html
