"""Content-Security-Policy for a built page: inline scripts run only if the
theme itself owns them.

The allowed hashes are taken from the theme's template files at build time
(``theme_script_hashes``), never from the finished page: a ``<script>`` that a
hand-written page or a configuration value put into the page gets no hash and
does not run (and the build refuses it earlier, see page_safety.py).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

PLACEHOLDER = "<!-- waymark:csp -->"
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?:\s[^>]*)?>(.*?)</script>", re.S | re.I)
_DATA_BLOCK = re.compile(r"type\s*=\s*[\"']?application/(ld\+)?json", re.I)

BASE_POLICY = (
    "default-src 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'none'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
)


class ThemeScriptError(ValueError):
    """A theme template has an inline script whose text depends on the page."""


def _hash(body: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(body.encode('utf-8')).digest()).decode()}'"


def inline_scripts(html: str) -> list[str]:
    """The bodies of the inline scripts that run (JSON data blocks never run)."""
    bodies = []
    for match in _INLINE_SCRIPT.finditer(html):
        opening = match.group(0)[: match.start(1) - match.start(0)]
        if not _DATA_BLOCK.search(opening):
            bodies.append(match.group(1))
    return bodies


@lru_cache(maxsize=8)
def theme_script_hashes(theme_dir: Path) -> tuple[str, ...]:
    """Hashes of the inline scripts written in the theme's templates. Their text
    must be fixed: a script built from template values could not be known here."""
    hashes = set()
    for template in sorted(Path(theme_dir).rglob("*.html")):
        for body in inline_scripts(template.read_text(encoding="utf-8")):
            if "{{" in body or "{%" in body:
                raise ThemeScriptError(f"{template}: an inline script with template values cannot be allowed by hash — move it to a script file")
            hashes.add(_hash(body))
    return tuple(sorted(hashes))


def policy(script_hashes: tuple[str, ...] = (), *, allow_inline: bool = False) -> str:
    scripts = "'self' 'unsafe-inline'" if allow_inline else " ".join(["'self'", *script_hashes])
    return "; ".join([*BASE_POLICY, f"script-src {scripts}"])


def apply(html: str, script_hashes: tuple[str, ...] = (), *, allow_inline: bool = False) -> str:
    """Fill the placeholder the theme puts first in <head> with the policy."""
    if PLACEHOLDER not in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(script_hashes, allow_inline=allow_inline)}">'
    return html.replace(PLACEHOLDER, meta, 1)
