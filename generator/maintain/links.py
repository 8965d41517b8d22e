"""Check web addresses: is each one live, moved, dead, or one to check by hand?

The core takes plain addresses, so it is tested against a server on 127.0.0.1;
``links_report.py`` collects the addresses of the entries and writes reports.

Each address gets a HEAD request, and a GET when HEAD does not end in success
(many servers answer HEAD wrongly). Redirects are followed here, one hop at a
time, so that every hop is seen: a permanent redirect (301, 308) at the start of
the chain means the entry should use the new address. Sites behind bot
protection answer automated checks with 401, 403, 429 or a 503 from their
protection service; a person has to open those in a browser. Timeouts,
connection errors and 5xx answers are tried again after a pause.
"""

from __future__ import annotations

import functools
import http.client
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

from ..data.words import count, plural
from . import safe_http

OK, REDIRECTED, MOVED, BY_HAND, DEAD = "ok", "redirected", "moved", "check by hand", "dead"
OUTCOMES = (DEAD, MOVED, BY_HAND, REDIRECTED, OK)

PERMANENT = frozenset({301, 308})
BY_HAND_STATUSES = frozenset({401, 403, 429, 999})  # 999: LinkedIn's answer to robots
# Headers that bot-protection services add to their challenge pages.
_PROTECTION_HEADERS = ("cf-mitigated", "cf-chl-bypass", "x-sucuri-id", "x-datadome", "x-amzn-waf-action")
_PROTECTION_SERVERS = ("cloudflare", "akamaighost", "sucuri", "ddos-guard", "imperva", "datadome")
USER_AGENT = "Mozilla/5.0 (compatible; WaymarkLinkChecker/1.0; checks the links of a support directory)"


@dataclass(frozen=True)
class CheckOptions:
    timeout: float = 10.0
    retries: int = 2
    workers: int = 8
    retry_delay: float = 2.0
    max_redirects: int = 10
    per_host: int = 2  # at most this many requests to one host at a time, to be polite
    deadline: float = 30.0  # for a whole request: a server that trickles its answer is cut off
    # Exact addresses trusted although not public: only the tests' own server.
    allow: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Hop:
    status: int
    location: str


@dataclass(frozen=True)
class LinkResult:
    url: str
    outcome: str
    detail: str
    status: int | None = None
    final_url: str = ""
    new_url: str | None = None  # for a moved address: where it lives now
    hops: tuple[Hop, ...] = ()
    attempts: int = 1


@dataclass(frozen=True)
class _Probe:
    """What one method got after following redirects: a status, or an error."""

    final_url: str
    hops: tuple[Hop, ...]
    status: int | None = None
    reason: str = ""
    headers: Mapping[str, str] | None = None
    error: str = ""
    retry: bool = True  # an error that may pass (not a redirect loop, say)


def _request(url: str, method: str, options: CheckOptions) -> tuple[int, str, dict[str, str]]:
    answer = safe_http.request(
        url, method, timeout=options.timeout, deadline=options.deadline, user_agent=USER_AGENT, allow=options.allow
    )
    return answer.status, answer.reason, answer.headers


def _describe_error(error: BaseException, timeout: float) -> str:
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, safe_http.DeadlineError):
        return str(reason)
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer within {timeout:g} {plural('second', 1 if timeout == 1 else 2)}"
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused"
    if isinstance(reason, socket.gaierror):
        return "the host name was not found"
    if isinstance(reason, (ssl.SSLCertVerificationError, ssl.CertificateError)):
        return f"the site's certificate is not valid ({getattr(reason, 'verify_message', '') or reason})"
    if isinstance(reason, ssl.SSLError):
        return "a secure connection could not be made"
    if isinstance(reason, (ConnectionError, http.client.HTTPException)):
        return "the connection was closed without an answer"
    return f"the request failed ({type(reason).__name__}: {reason})"


def _follow(url: str, method: str, options: CheckOptions) -> _Probe:
    hops: list[Hop] = []
    current = url
    seen = {url}
    while True:
        try:
            status, reason, headers = _request(current, method, options)
        except safe_http.RefusedError as error:
            return _Probe(current, tuple(hops), error=f"it was not checked: {error}", retry=False)
        except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as error:
            return _Probe(current, tuple(hops), error=_describe_error(error, options.timeout))
        location = headers.get("location")
        if not (300 <= status < 400 and status != 304 and location):
            return _Probe(current, tuple(hops), status, reason, headers)
        try:
            target = urljoin(current, location.strip())
            _ = urlsplit(target).port  # raises ValueError for a malformed address ("http://[::1")
        except ValueError:
            hops.append(Hop(status, location))
            return _Probe(
                current,
                tuple(hops),
                error=f"it redirects to {location!r}, which is not a well-formed address",
                retry=False,
            )
        hops.append(Hop(status, target))
        if urlsplit(target).scheme not in ("http", "https"):
            return _Probe(
                current, tuple(hops), error=f"it redirects to {target!r}, which is not a web address", retry=False
            )
        if target in seen:
            return _Probe(current, tuple(hops), error=f"it redirects in a loop (back to {target})", retry=False)
        if len(hops) > options.max_redirects:
            return _Probe(current, tuple(hops), error=f"more than {options.max_redirects} redirects", retry=False)
        seen.add(target)
        current = target


def _bot_protected(headers: Mapping[str, str] | None) -> bool:
    if not headers:
        return False
    server = headers.get("server", "").lower()
    return any(name in headers for name in _PROTECTION_HEADERS) or any(s in server for s in _PROTECTION_SERVERS)


def classify(url: str, probe: _Probe) -> tuple[LinkResult, bool]:
    """The result for one probe, and whether trying again might change it."""
    result = functools.partial(LinkResult, url=url, status=probe.status, final_url=probe.final_url, hops=probe.hops)
    after = f" at {probe.final_url} (after {count(len(probe.hops), 'redirect')})" if probe.hops else ""
    if probe.error:
        detail = probe.error[0].upper() + probe.error[1:] + (after if probe.retry else "")
        return result(outcome=DEAD, detail=detail), probe.retry
    status = probe.status or 0
    answer = f"{status} {probe.reason}".strip()
    if 200 <= status < 300:
        permanent = 0
        while permanent < len(probe.hops) and probe.hops[permanent].status in PERMANENT:
            permanent += 1
        if permanent:
            new = probe.hops[permanent - 1].location
            return result(outcome=MOVED, detail=f"Moved permanently to {new}", new_url=new), False
        if probe.hops:
            return result(outcome=REDIRECTED, detail=f"Temporary redirect to {probe.final_url}"), False
        return result(outcome=OK, detail=answer), False
    if status in BY_HAND_STATUSES or (status == 503 and _bot_protected(probe.headers)):
        detail = f"The site refused an automated check ({answer}){after}; open it in a browser"
        return result(outcome=BY_HAND, detail=detail), False
    if status >= 500:
        return result(outcome=DEAD, detail=f"Server error {answer}{after}"), True
    if 400 <= status < 500:
        return result(outcome=DEAD, detail=f"{answer}{after}"), False
    return result(outcome=BY_HAND, detail=f"Unexpected answer {answer}{after}"), False


def check_url(
    url: str, options: CheckOptions = CheckOptions(), sleep: Callable[[float], None] = time.sleep
) -> LinkResult:
    """HEAD, then GET if HEAD did not succeed; tried again on errors that may pass."""
    for attempt in range(1, options.retries + 2):
        probe = _follow(url, "HEAD", options)
        if probe.error or not (probe.status and 200 <= probe.status < 300):
            probe = _follow(url, "GET", options)
        result, retry = classify(url, probe)
        if not retry or attempt > options.retries:
            break
        sleep(options.retry_delay * attempt)
    if attempt > 1:
        tries = f" ({attempt} tries)" if result.outcome == DEAD else ""
        result = replace(result, attempts=attempt, detail=result.detail + tries)
    return result


class _HostLimits:
    def __init__(self, per_host: int):
        self._per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._semaphores: dict[str, threading.Semaphore] = {}

    def __call__(self, url: str) -> threading.Semaphore:
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            return self._semaphores.setdefault(host, threading.Semaphore(self._per_host))


def check_urls(
    urls: Iterable[str],
    options: CheckOptions = CheckOptions(),
    on_result: Callable[[LinkResult], None] | None = None,
) -> dict[str, LinkResult]:
    """Check each distinct address once, several at a time; results in the order given."""
    unique = list(dict.fromkeys(urls))
    limits = _HostLimits(options.per_host)

    def one(url: str) -> LinkResult:
        with limits(url):
            return check_url(url, options)

    results: dict[str, LinkResult] = {}
    with ThreadPoolExecutor(max_workers=max(1, options.workers)) as pool:
        futures = {pool.submit(one, url): url for url in unique}
        for future in as_completed(futures):
            result = future.result()
            results[futures[future]] = result
            if on_result:
                on_result(result)
    return {url: results[url] for url in unique}
