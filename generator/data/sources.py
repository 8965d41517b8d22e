"""Where an entry's facts come from: its own site, an official one, or only third parties.

A source counts as the entry's own when it is on the same registrable domain
as the entry's ``url`` ("www.samaritans.org" and "samaritans.org"), worked
out with the public suffix list (``publicsuffixlist``, bundled, offline). A
source is official when its host is, or ends with, one of the taxonomy's
``official_domains`` (gov.uk, nhs.uk, gov.scot …).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

# Hours that say they are not known: a crisis line must have confirmed hours.
UNCONFIRMED_HOURS = re.compile(
    r"\b(?:not|un)[ -]?(?:confirmed|known|checked)\b|\bunknown\b|\btbc\b|\bto be confirmed\b|\bcheck (?:the|their) website\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").rstrip(".").lower()


@lru_cache(maxsize=65536)
def registrable_domain(host: str) -> str:
    """ "samaritans.org" for "www.samaritans.org"; the host itself when it is a public suffix."""
    return _suffixes().privatesuffix(host) or host


def is_official(host: str, official_domains: Iterable[str]) -> bool:
    return any(host == domain or host.endswith("." + domain) for domain in official_domains)


def has_own_or_official_source(url: str | None, sources: Iterable[str], official_domains: Iterable[str]) -> bool:
    official = tuple(official_domains)
    own = registrable_domain(host_of(url)) if url else None
    for source in sources:
        host = host_of(source)
        if is_official(host, official) or (own and registrable_domain(host) == own):
            return True
    return False


def unconfirmed(hours: str | None) -> bool:
    return hours is None or bool(UNCONFIRMED_HOURS.search(hours))
