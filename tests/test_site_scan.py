"""The scan used by the XSS-corpus tests can fail: each kind of injection is found."""

from __future__ import annotations

import json
import shutil

import pytest

from .site_scan import (
    MARKER,
    known_inline_scripts,
    scan_csv,
    scan_file,
    scan_html,
    scan_json,
    scan_site,
    sha256,
    structure,
)

PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<script>var theme = 1;</script></head><body><header><svg><path d="M0"></path></svg></header>
<main><article>{}</article></main></body></html>"""
THEME = frozenset({sha256("var theme = 1;")})


def findings(body: str) -> list[str]:
    return [f.what for f in scan_html(PAGE.format(body), "page.html", known_inline=THEME)]


def test_a_clean_page_has_no_findings():
    assert findings("<h1>Calm &lt;script&gt; &amp; &quot;line&quot;</h1><a href='https://example.org/'>x</a>") == []


@pytest.mark.parametrize(
    "body, expected",
    [
        ("<script>alert(1)</script>", "inline script the theme does not write"),
        ("<img src=x onerror=alert(1)>", "event handler attribute onerror"),
        ("<img src=x>", "<img> element in the page content"),
        ("<svg onload=alert(1)>", "<svg> element in the page content"),
        ("<p onmouseover='x'>a</p>", "event handler attribute onmouseover"),
        ("<a href='javascript:alert(1)'>a</a>", "holds a javascript: address"),
        ("<a href=' JaVa\tScRiPt:alert(1)'>a</a>", "holds a javascript: address"),
        ("<a href='&#106;avascript:alert(1)'>a</a>", "holds a javascript: address"),
        ("<a href='data:text/html,x'>a</a>", "holds a data: address"),
        ("<a href='vbscript:msgbox'>a</a>", "holds a vbscript: address"),
        ("<form action='javascript:x'></form>", "holds a javascript: address"),
        ("<button formaction='javascript:x'>b</button>", "holds a javascript: address"),
        ("<a xlink:href='javascript:x'>a</a>", "holds a javascript: address"),
        ("<source srcset='ok.png 1x, data:image/png,x 2x'>", "holds a data: address"),
        ("<iframe src='https://example.org/'></iframe>", "<iframe> element"),
        ("<object data='x'></object>", "<object> element"),
        ("<embed src='x'>", "<embed> element"),
        ("<base href='https://evil.example/'>", "<base> element"),
        ("<meta http-equiv='refresh' content='0;url=https://evil.example/'>", "redirects the page"),
        ("<style>*{display:none}</style>", "<style> element in the page content"),
        ("<x-widget>a</x-widget>", "<x-widget> element"),
        ("<script src='https://evil.example/x.js'></script>", "script from another address"),
        ("<script src='//evil.example/x.js'></script>", "script from another address"),
        ("<script type='text/vbscript'>x</script>", "script of unexpected type"),
        ('<script type="application/ld+json">{"name": "<!--"}</script>', "holds '<!--' unescaped"),
        ('<script type="application/ld+json">{"name": "<!--<script>"}</script>', "holds '<!--' unescaped"),
        (
            '<script type="application/ld+json">{"name": "</script><script>alert(1)</script>"}</script>',
            "does not parse",
        ),
    ],
)
def test_each_injection_is_found(body, expected):
    found = findings(body)
    assert any(expected in what for what in found), found


def test_json_ld_that_escapes_markup_passes():
    assert findings('<script type="application/ld+json">{"name": "\\u003c/script\\u003e\\u003c!--"}</script>') == []


def test_script_files_must_exist_in_the_site(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "theme.js").write_text("1")
    page = PAGE.format("").replace(
        "</head>", "<script src='assets/theme.js'></script><script src='assets/gone.js'></script></head>"
    )
    found = [f.what for f in scan_html(page, "index.html", root=tmp_path, known_inline=THEME)]
    assert found == ["script that is not a file of the site: assets/gone.js"]


@pytest.mark.parametrize(
    "path, text, expected",
    [
        ("data/resources.json", '[{"name": "<script>alert(1)</script>"}]', "'<script' unescaped"),
        ("data/resources.json", '[{"name": ', "does not parse as JSON"),
        (
            "search/search_index.json",
            '{"docs": [{"text": "<img src=x onerror=alert(1)>"}]}',
            "event handler attribute onerror",
        ),
        ("search/search_index.json", '{"docs": [{"text": "\\u003ciframe src=x>"}]}', "<iframe> element"),
    ],
)
def test_json_injections_are_found(path, text, expected):
    found = [f.what for f in scan_json(text, path)]
    assert any(expected in what for what in found), found


def test_escaped_json_passes():
    assert scan_json('{"name": "\\u003cscript>alert(1)\\u003c/script>"}', "find/cards/0.json") == []
    assert scan_json('{"docs": [{"text": "<p>&lt;script&gt;</p>"}]}', "search/search_index.json") == []


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "//evil.example/", "/entries/x/", "https://evil.example/", None]
)
def test_a_search_result_must_link_to_a_path_of_this_site(url):
    path = "search/0123456789ab/p/3.json"
    assert scan_json(json.dumps({"url": "entries/x/", "title": "Calm line"}), path) == []
    assert scan_json(json.dumps({"url": "", "title": "Home"}), path) == []
    found = [f.what for f in scan_json(json.dumps({"url": url, "title": "x"}), path)]
    assert any("not a path of this site" in what for what in found), found


def test_markup_in_the_search_index_is_found():
    assert scan_json('{"url": "x/", "title": "\\u003cb>"}', "search/0123456789ab/p/0.json") == []
    found = [f.what for f in scan_json('{"url": "x/", "title": "<b>"}', "search/0123456789ab/p/0.json")]
    assert any("'<' unescaped in the search index" in what for what in found), found
    assert any("does not parse" in f.what for f in scan_json("{not json", "search/index.json"))


@pytest.mark.parametrize("cell", ['=HYPERLINK("https://evil.example")', "@SUM(1)", "+cmd", "-2+3+cmd|x", "\tx"])
def test_spreadsheet_formulas_are_found(cell):
    text = f'id,name\nx,"{cell}"\n'
    assert len(scan_csv(text, "data/resources.csv")) == (0 if cell.startswith("-2") else 1)


def test_ordinary_csv_cells_pass():
    assert scan_csv('id,phone,name\nx,+44 808 000 0000,"<script>alert(1)</script>"\n', "data/resources.csv") == []


def test_data_in_a_script_or_style_file_is_found(tmp_path):
    (tmp_path / "app.js").write_text(f"var x = '{MARKER}';")
    assert [f.what for f in scan_file(tmp_path / "app.js", "app.js")] == [
        "text from the data inside a script, style or other file"
    ]


def test_structure_changes_when_data_adds_an_element():
    assert structure(PAGE.format("<p>a</p>")) == structure(PAGE.format("<p>&lt;b&gt;</p>"))
    assert structure(PAGE.format("<p>a</p>")) != structure(PAGE.format("<p><b>a</b></p>"))
    assert structure(PAGE.format("<p>a</p>")) != structure(PAGE.format('<p title="x">a</p>'))


def test_a_tampered_copy_of_a_built_site_is_caught(hostile_builds, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(hostile_builds.harmless.root, site)
    known = known_inline_scripts(hostile_builds.harmless.root)
    entry = site / "entries" / "entry-001" / "index.html"
    entry.write_text(entry.read_text().replace("</h1>", "</h1><img src=x onerror=alert(1)>", 1))
    finder = site / "find" / "index.html"
    finder.write_text(finder.read_text().replace("</article>", "<script>alert(1)</script></article>", 1))
    (site / "data").mkdir(exist_ok=True)
    (site / "data" / "resources.csv").write_text('id,name\nx,"=HYPERLINK(""https://evil.example"")"\n')
    (site / "data" / "resources.json").write_text('[{"name": "<script>alert(1)</script>"}]')
    found = {f.path for f in scan_site(site, known_inline=known)}
    assert found == {"entries/entry-001/index.html", "find/index.html", "data/resources.csv", "data/resources.json"}
