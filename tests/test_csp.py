"""The Content-Security-Policy, as a unit: what it allows, and from where its hashes come."""

from __future__ import annotations

import base64
import hashlib

import pytest

from generator.site import csp

from .conftest import ROOT


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_policy_allows_this_site_only():
    policy = csp.policy(("'sha256-x'",))
    assert "default-src 'self'" in policy and "object-src 'none'" in policy and "worker-src 'none'" in policy
    assert policy.endswith("script-src 'self' 'sha256-x'")
    assert "unsafe-inline" not in policy and "wasm" not in policy


def test_serve_alone_allows_inline_scripts():
    assert csp.policy((), allow_inline=True).endswith("script-src 'self' 'unsafe-inline'")


def test_data_blocks_are_not_scripts():
    html = '<script type="application/ld+json">{"a":1}</script><script>go()</script><script src="x.js"></script>'
    assert csp.inline_scripts(html) == ["go()"]


def test_the_theme_owns_exactly_its_written_scripts(tmp_path):
    (tmp_path / "a.html").write_text("<script>one()</script>{% block x %}{% endblock %}")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(
        '<script>two()</script><script type="application/ld+json">{{ x }}</script>'
    )
    assert csp.theme_script_hashes(tmp_path) == tuple(sorted([digest("one()"), digest("two()")]))


def test_the_real_theme_has_one_inline_script():
    assert csp.theme_script_hashes(ROOT / "generator" / "theme") == (
        digest('document.documentElement.classList.add("wm-js")'),
    )


def test_apply_fills_the_placeholder_once_and_leaves_other_pages():
    page = "<head><!-- waymark:csp --></head><!-- waymark:csp -->"
    finished = csp.apply(page, ("'sha256-x'",))
    assert finished.count("Content-Security-Policy") == 1 and finished.endswith("<!-- waymark:csp -->")
    assert csp.apply("<head></head>") == "<head></head>"


def test_a_template_script_with_values_cannot_be_hashed(tmp_path):
    (tmp_path / "a.html").write_text("<script>var a = '{% if x %}1{% endif %}';</script>")
    with pytest.raises(csp.ThemeScriptError):
        csp.theme_script_hashes(tmp_path)
