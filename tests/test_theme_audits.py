"""Fixes for what Lighthouse's accessibility audits found (see the README's Performance section)."""

from __future__ import annotations

import re


def test_header_buttons_are_named_by_text_not_by_a_prohibited_aria_label(mini_site):
    page = mini_site.page("")
    label = page.select_one('header label[for="__drawer"]')
    assert label is not None
    # aria-label is not allowed on a <label>; its text names the checkbox it controls.
    assert not label.has_attr("aria-label")
    assert label.select_one(".wm-visually-hidden").get_text() == "Menu"
    # The search control (a link without JavaScript, a button with it) is named by its text too.
    for control in page.select("header .wm-search__link, header .wm-search__toggle"):
        assert not control.has_attr("aria-label")
        assert control.select_one(".wm-visually-hidden").get_text() in ("Search", "Find support")
    # The button and its panel are made by search.js (browser tests check them); pages carry the link only.
    assert page.select("header .wm-search__link") and not page.select("header .wm-search__toggle, .wm-search__panel")


def test_links_in_running_text_are_underlined(mini_site):
    css = (mini_site.root / "assets" / "stylesheets" / "waymark.css").read_text(encoding="utf-8")
    rule = re.search(r"\.md-typeset :is\(p, li, dd, td\) > a[^{]*\{([^}]*)\}", css)
    assert rule and "text-decoration: underline" in rule.group(1)
