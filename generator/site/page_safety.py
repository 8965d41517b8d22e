"""Hand-written pages and configuration values may not carry active markup.

Markdown lets a page hold raw HTML, and some configuration values reach every
page. Anything that runs or redirects — ``<script>``, ``<meta http-equiv>``
(a refresh sends the visitor elsewhere), ``<base>``, ``<iframe>``,
``<object>``, ``<embed>``, an inline event handler (``onload=…``) or a
``javascript:`` link — is refused with its file, line and a fix, unless the
plugin option ``allow_active_markup`` names the page or the configuration key.
Code in backticks or fenced code blocks is text, not markup, and is not refused.
Entities are decoded first, as a browser would (``jav&#x61;script:``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from collections.abc import Iterable, Mapping
from typing import Any

from ..data.errors import Problem

_ACTIVE = (
    (re.compile(r"<\s*script\b", re.I), "a <script> element"),
    (re.compile(r"<\s*meta\b[^>]*\bhttp-equiv\b", re.I | re.S), "a <meta http-equiv> element (it can send visitors to another site)"),
    (re.compile(r"<\s*base\b", re.I), "a <base> element"),
    (re.compile(r"<\s*iframe\b", re.I), "an <iframe> element"),
    (re.compile(r"<\s*object\b", re.I), "an <object> element"),
    (re.compile(r"<\s*embed\b", re.I), "an <embed> element"),
    (re.compile(r"<[a-z][^>]*?[\s/\"']on[a-z]+\s*=", re.I | re.S), "an inline event handler (on…=)"),
    # In a link's target only ("](…", href=, src=, <…>): prose may say "JavaScript:".
    (re.compile(r"(?:\]\(\s*<?|\b(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?|<)\s*"
                r"(?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I), "a javascript: link"),
)
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,}).*?^\1\2[`~]*[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
FIX = "remove it; if it must stay, name {what} under allow_active_markup in the waymark plugin's options"


@dataclass(frozen=True)
class Found:
    line: int
    column: int
    what: str


def _blank(match: re.Match[str]) -> str:
    # Code is text: blank it out but keep its line breaks, so line numbers stay right.
    return re.sub(r"[^\n]", " ", match.group(0))


def active_markup(text: str, *, markdown: bool = True) -> list[Found]:
    """Every piece of active markup in a text, with its line and column (1-based)."""
    if markdown:
        text = _CODE_SPAN.sub(_blank, _FENCE.sub(_blank, text))
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        decoded = unescape(line)
        for pattern, what in _ACTIVE:
            match = pattern.search(line) or pattern.search(decoded)
            if match:
                column = match.start() + 1 if pattern.search(line) else 1
                found.append(Found(number, column, what))
    return found


def page_problems(src_uri: str, markdown: str, shown_as: str) -> list[Problem]:
    """Problems in a hand-written page; ``shown_as`` is its path as people type it."""
    return [Problem(shown_as, f.line, f.column, "(page)", "-", f"the page holds {f.what}", FIX.format(what=f"'{src_uri}'"),
                    "active_markup") for f in active_markup(markdown)]


CONFIG_KEYS = ("site_name", "site_description", "site_author", "copyright", "extra", "nav")


def _strings(value: Any, key: str) -> Iterable[tuple[str, str]]:
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, Mapping):
        for name, item in value.items():
            yield from _strings(item, f"{key}.{name}")
            yield from _strings(name, f"{key}.{name}")  # a nav title is a key
    elif isinstance(value, (list, tuple)):
        for position, item in enumerate(value):
            yield from _strings(item, f"{key}[{position}]")


def config_problems(config: Mapping[str, Any], config_text: str, config_name: str, allowed: Iterable[str]) -> list[Problem]:
    """Problems in the configuration values that reach pages; each is placed on the
    first line of the configuration file that holds the value."""
    allow = set(allowed)
    problems = []
    lines = config_text.split("\n")
    for top in CONFIG_KEYS:
        for key, text in _strings(config.get(top), top):
            if key in allow or any(key.startswith(a + ".") for a in allow):
                continue
            for f in active_markup(text, markdown=False)[:1]:
                needle = text.split("\n")[0][:40]
                line = next((n for n, source in enumerate(lines, 1) if needle and needle in source), 1)
                problems.append(Problem(config_name, line, 1, "(configuration)", key, f"the value holds {f.what}",
                                        FIX.format(what=f"'{key}'"), "active_markup"))
    return problems
