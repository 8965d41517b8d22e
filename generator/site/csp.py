"""Content-Security-Policy for a built page: inline scripts are allowed by hash only.

The hashes are taken from the finished HTML of each page, because the theme's
inline helpers differ with the page's depth.
"""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "<!-- waymark:csp -->"
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?:\s[^>]*)?>(.*?)</script>", re.S | re.I)

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


def script_hashes(html: str) -> list[str]:
    hashes = []
    for match in _INLINE_SCRIPT.finditer(html):
        opening = match.group(0)[: match.start(1) - match.start(0)]
        if re.search(r"type\s*=\s*[\"']?application/(ld\+)?json", opening, re.I):
            continue  # data blocks never run
        digest = hashlib.sha256(match.group(1).encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def policy(html: str, *, allow_inline: bool = False) -> str:
    scripts = "'self' 'unsafe-inline'" if allow_inline else " ".join(["'self'", *script_hashes(html)])
    return "; ".join([*BASE_POLICY, f"script-src {scripts}"])


def apply(html: str, *, allow_inline: bool = False) -> str:
    """Fill the placeholder the theme puts first in <head> with the page's policy."""
    if PLACEHOLDER not in html:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html, allow_inline=allow_inline)}">'
    return html.replace(PLACEHOLDER, meta, 1)
