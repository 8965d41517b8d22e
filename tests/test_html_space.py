"""Indentation between tags is taken out; text shown as written is not touched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.site.html_space import collapse


def test_runs_with_a_line_break_become_one():
    assert collapse("<ul>\n    <li>a</li>\n\n    <li>b</li>\n  </ul>") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>"
    # Spaces without a line break, and text, are left alone.
    assert collapse("<p>one  two <b>three</b> four</p>") == "<p>one  two <b>three</b> four</p>"


def test_pre_textarea_script_and_style_keep_their_space():
    kept = "<pre>\n  code\n\n    more\n</pre><textarea>\n  a\n</textarea><script>\n  var x = 1;\n</script><STYLE>\n a {}\n</STYLE>"
    assert collapse("<div>\n   " + kept + "\n   </div>") == "<div>\n" + kept + "\n</div>"


@given(st.text(alphabet=" \n\tab<>/", max_size=60))
def test_it_only_ever_shortens_white_space(text):
    out = collapse(text)
    assert out.replace("\n", "").replace(" ", "").replace("\t", "") == text.replace("\n", "").replace(" ", "").replace(
        "\t", ""
    )
    assert collapse(out) == out


def test_materials_empty_script_only_parts_are_taken_out_of_built_pages(mini_site):
    from generator.site import html_space

    for url in ("", "entries/calm-line/", "find/"):
        html = (mini_site.root / url / "index.html").read_text(encoding="utf-8")
        for part in html_space.INERT:
            assert part not in html, (url, part)
        assert 'id="__search"' not in html and 'data-md-component="dialog"' not in html
        # The header's icons are files drawn by the stylesheet, not SVG in every page.
        assert "<svg" not in html.split("</header>", 1)[0]
    for name in ("menu", "search", "logo"):
        icon = (mini_site.root / "assets" / "images" / "icons" / f"{name}.svg").read_text(encoding="utf-8")
        assert icon.startswith("<svg")
    css = (mini_site.root / "assets" / "stylesheets" / "waymark.css").read_text(encoding="utf-8")
    assert 'url("../images/icons/menu.svg")' in css and "forced-colors: active" in css
