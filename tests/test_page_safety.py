"""Every page carries one strict Content-Security-Policy, first in <head>, whose
script hashes are exactly those of the page's inline scripts.

Checked on the mini site, the XSS-corpus site and the project's own site. The
hashes are computed here from the parsed page, independently of generator/csp.py.
No keyword but 'self' and 'none': never 'unsafe-inline', 'unsafe-eval',
'wasm-unsafe-eval' (nothing on the site compiles WebAssembly), nonces or another host.
"""

from __future__ import annotations

import base64
import hashlib

import pytest
from bs4 import BeautifulSoup

from generator.site import csp

from .conftest import ROOT

ALLOWED_KEYWORDS = {"'self'", "'none'"}
FORBIDDEN_KEYWORDS = {
    "'unsafe-inline'",
    "'unsafe-eval'",
    "'wasm-unsafe-eval'",
    "'unsafe-hashes'",
    "'strict-dynamic'",
    "'report-sample'",
}
# Schemes a directive may name besides 'self': inline images are data: URLs in Material's styles.
ALLOWED_SCHEMES = {"img-src": {"data:"}}
REQUIRED = {"default-src": {"'self'"}, "object-src": {"'none'"}, "base-uri": {"'self'"}, "form-action": {"'self'"}}


def parse_policy(text: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in filter(None, (p.strip() for p in text.split(";"))):
        name, *sources = part.split()
        assert name.lower() not in directives, f"directive {name} given twice"
        directives[name.lower()] = sources
    return directives


def inline_hashes(soup: BeautifulSoup) -> set[str]:
    hashes = set()
    for script in soup.find_all("script"):
        if script.get("src") or (script.get("type") or "").lower() in ("application/json", "application/ld+json"):
            continue
        digest = hashlib.sha256((script.string or "").encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return hashes


def policy_problems(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    metas = soup.find_all("meta", attrs={"http-equiv": lambda v: v and v.lower() == "content-security-policy"})
    if len(metas) != 1:
        return [f"{len(metas)} policy meta tags"]
    head = [el for el in soup.head.find_all(True, recursive=False)]
    before = [el for el in head[: head.index(metas[0])]]
    problems = []
    if any(not (el.name == "meta" and el.has_attr("charset")) for el in before):
        problems.append(f"the policy comes after {[el.name for el in before]}")
    policy = parse_policy(metas[0]["content"])
    for name, needed in REQUIRED.items():
        if set(policy.get(name, [])) != needed:
            problems.append(f"{name} is {policy.get(name)}, expected {sorted(needed)}")
    for name, sources in policy.items():
        for source in sources:
            if source in FORBIDDEN_KEYWORDS or source.startswith("'nonce-"):
                problems.append(f"{name} allows {source}")
            elif source.startswith("'sha256-"):
                if name != "script-src":
                    problems.append(f"hash in {name}")
            elif source not in ALLOWED_KEYWORDS and source not in ALLOWED_SCHEMES.get(name, set()):
                problems.append(f"{name} allows {source}, another host or scheme than 'self'")
    listed = {s for s in policy.get("script-src", []) if s.startswith("'sha256-")}
    if listed != inline_hashes(soup):
        problems.append(f"script hashes {sorted(listed)} do not match the inline scripts {sorted(inline_hashes(soup))}")
    if "'self'" not in policy.get("script-src", []):
        problems.append("script-src does not allow the site's own scripts")
    if not soup.find("meta", attrs={"name": "referrer", "content": "no-referrer"}):
        problems.append("no <meta name=referrer content=no-referrer>")
    return problems


@pytest.fixture(params=["mini", "corpus", "real"])
def built(request, mini_site, real_site):
    if request.param == "corpus":
        return request.getfixturevalue("hostile_builds").corpus
    return {"mini": mini_site, "real": real_site}[request.param]


def test_every_page_has_one_strict_policy_matching_its_scripts(built):
    pages = built.html_files()
    assert len(pages) > 40
    assert any(p.name == "404.html" for p in pages)
    failures = {}
    for path in pages:
        problems = policy_problems(path.read_text(encoding="utf-8"))
        if problems:
            failures[str(path.relative_to(built.root))] = problems
    assert failures == {}


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            lambda h: h.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
            "script-src allows 'unsafe-inline'",
        ),
        (lambda h: h.replace("script-src 'self'", "script-src 'self' https://cdn.example"), "another host or scheme"),
        (lambda h: h.replace("script-src 'self'", "script-src 'self' 'sha256-AAAA'"), "do not match"),
        (lambda h: h.replace("<body", "<body><script>alert(1)</script", 1), "do not match"),
        (lambda h: h.replace("object-src 'none'", "object-src *"), "object-src is ['*']"),
        (
            lambda h: h.replace('<meta charset="utf-8">', '<meta charset="utf-8"><script src="x.js"></script>', 1),
            "comes after",
        ),
        (
            lambda h: h.replace(
                "</head>", '<meta http-equiv="Content-Security-Policy" content="default-src *"></head>'
            ),
            "2 policy",
        ),
    ],
)
def test_the_policy_check_can_fail(mini_site, change, expected):
    html = (mini_site.root / "entries" / "calm-line" / "index.html").read_text(encoding="utf-8")
    assert policy_problems(html) == []
    assert any(expected in problem for problem in policy_problems(change(html))), policy_problems(change(html))


def test_webassembly_is_not_allowed(mini_site):
    html = (mini_site.root / "index.html").read_text(encoding="utf-8")
    assert policy_problems(html.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")) == [
        "script-src allows 'wasm-unsafe-eval'"
    ]


def test_the_policy_allows_the_theme_scripts_and_nothing_the_page_adds():
    """Hashes come from the theme's templates, never from the finished page: a script
    that reached a page some other way (a hand-written page, a config value) is blocked."""
    hashes = csp.theme_script_hashes(ROOT / "generator" / "theme")
    assert len(hashes) == 1  # the wm-js class, set first thing in <head>
    theme_script = '<script>document.documentElement.classList.add("wm-js")</script>'
    page = (
        '<html><head><meta charset="utf-8"><!-- waymark:csp --><meta name="referrer" content="no-referrer">'
        f'{theme_script}</head><body><script type="application/ld+json">{{"a": 1}}</script></body></html>'
    )
    assert policy_problems(csp.apply(page, hashes)) == []
    injected = page.replace("<body>", "<body><script>alert(1)</script>")
    finished = csp.apply(injected, hashes)
    assert csp.policy(hashes) in finished  # the same policy: the page's own script gets no hash
    assert any("do not match" in problem for problem in policy_problems(finished))


def test_a_theme_script_built_from_template_values_is_refused(tmp_path):
    (tmp_path / "main.html").write_text("<script>var x = {{ config.extra | tojson }};</script>", encoding="utf-8")
    with pytest.raises(csp.ThemeScriptError, match="move it to a script file"):
        csp.theme_script_hashes(tmp_path)
