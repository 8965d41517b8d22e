"""Fixes for what Lighthouse's accessibility audits found (see the README's Performance section)."""

from __future__ import annotations

import re


def test_header_buttons_are_named_by_text_not_by_a_prohibited_aria_label(mini_site):
    page = mini_site.page("")
    for target, name in (("__drawer", "Menu"), ("__search", "Search")):
        label = page.select_one(f'header label[for="{target}"]')
        assert label is not None, target
        # aria-label is not allowed on a <label>; its text names the checkbox it controls.
        assert not label.has_attr("aria-label")
        assert label.select_one(".wm-visually-hidden").get_text() == name


def test_links_in_running_text_are_underlined(mini_site):
    css = (mini_site.root / "assets" / "stylesheets" / "waymark.css").read_text(encoding="utf-8")
    rule = re.search(r"\.md-typeset :is\(p, li, dd, td\) > a[^{]*\{([^}]*)\}", css)
    assert rule and "text-decoration: underline" in rule.group(1)
