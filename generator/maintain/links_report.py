"""``python -m generator links``: check every address in the entries and report.

The addresses are each entry's ``url`` and ``sources`` (closed entries are not
published and are skipped), each checked once however many entries use it.
Addresses in the allow-list file are not checked. Exit status 1 when any address
is dead, so that the weekly workflow knows to open or update its issue.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from ..data.errors import DataError
from ..data.schema import Entry
from ..data.validate import display_path, load_directory
from ..data.words import count
from .links import (
    BY_HAND,
    DEAD,
    MOVED,
    OK,
    REDIRECTED,
    CheckOptions,
    LinkResult,
    check_urls,
)
from .markdown_text import escape_markdown, fit
from .progress import Progress, is_terminal

ALLOWLIST_NAME = "links-allowlist.txt"
# The first line of the Markdown report: the weekly workflow reads the counts here.
MARKER = "<!-- waymark-links: dead={dead} moved={moved} by-hand={by_hand} -->"

_SECTIONS = (
    (DEAD, "Dead", "These addresses do not work. Find the new page, or remove the address, and confirm the entry."),
    (
        MOVED,
        "Moved",
        "These addresses redirect permanently. Check the new page says the same, then use the new address.",
    ),
    (
        BY_HAND,
        "Check by hand",
        "These sites refuse automated checks. Open each in a browser; if it works, nothing needs doing.",
    ),
    (REDIRECTED, "Redirected", "These addresses redirect for now (a temporary redirect). No change is needed."),
)


class AllowlistError(Exception):
    pass


@dataclass(frozen=True)
class Allowlist:
    """Addresses not to check: whole addresses, or host names (which cover their subdomains)."""

    urls: frozenset[str] = frozenset()
    hosts: frozenset[str] = frozenset()

    def allows(self, url: str) -> bool:
        if url.split("#", 1)[0] in self.urls:
            return True
        host = (urlsplit(url).hostname or "").lower()
        return any(host == allowed or host.endswith("." + allowed) for allowed in self.hosts)


def parse_allowlist(text: str, name: str) -> Allowlist:
    urls, hosts = set(), set()
    for number, line in enumerate(text.splitlines(), 1):
        value = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not value:
            continue
        if any(ch.isspace() for ch in value):
            raise AllowlistError(
                f"{name}:{number}: '{value}' has a space in it — write one address or host per line, then '  # why'"
            )
        if "://" in value:
            if urlsplit(value).scheme not in ("http", "https"):
                raise AllowlistError(f"{name}:{number}: '{value}' is not a web address — start it with https://")
            urls.add(value.split("#", 1)[0])
        else:
            hosts.add(value.lower().rstrip("."))
    return Allowlist(frozenset(urls), frozenset(hosts))


def read_allowlist(path: Path) -> Allowlist:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AllowlistError(f"{path}: the allow-list file does not exist — check the path") from None
    except UnicodeDecodeError:
        raise AllowlistError(f"{path}: the allow-list file is not UTF-8 text — save it as UTF-8") from None
    return parse_allowlist(text, str(path))


def collect_links(entries: Iterable[Entry]) -> dict[str, list[str]]:
    """Each distinct address, with the entries (and fields) that use it."""
    used: dict[str, list[str]] = {}
    for entry in entries:
        if entry.status == "closed":
            continue
        pairs = ([(entry.url, "url")] if entry.url else []) + [(source, "sources") for source in entry.sources]
        for url, field_name in pairs:
            where = f"{entry.id} ({field_name})"
            if where not in used.setdefault(url, []):
                used[url].append(where)
    return used


@dataclass
class LinkReport:
    source: str
    results: dict[str, LinkResult]
    used_by: dict[str, list[str]] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def with_outcome(self, outcome: str) -> list[LinkResult]:
        return [result for result in self.results.values() if result.outcome == outcome]

    @property
    def dead(self) -> int:
        return len(self.with_outcome(DEAD))

    def summary(self) -> str:
        counts = {outcome: len(self.with_outcome(outcome)) for outcome in (OK, REDIRECTED, MOVED, BY_HAND, DEAD)}
        fine = counts[OK] + counts[REDIRECTED]
        checked = len(self.results)
        return (
            f"Checked {count(checked, 'address')} from {self.source}: {fine} working, "
            f"{counts[MOVED]} moved, {counts[BY_HAND]} to check by hand, {counts[DEAD]} dead"
            + (f"; {len(self.skipped)} in the allow-list not checked" if self.skipped else "")
            + "."
        )


def build_report(
    source: str,
    used_by: dict[str, list[str]],
    allowlist: Allowlist,
    options: CheckOptions,
    progress_stream: TextIO | None = None,
) -> LinkReport:
    to_check = [url for url in used_by if not allowlist.allows(url)]
    skipped = [url for url in used_by if allowlist.allows(url)]
    with Progress(len(to_check), "Checking links", progress_stream) as progress:
        results = check_urls(to_check, options, on_result=lambda result: progress.advance(result.outcome))
    return LinkReport(source, results, used_by, skipped)


def format_text(report: LinkReport) -> str:
    lines = [report.summary()]
    for outcome, title, advice in _SECTIONS:
        results = report.with_outcome(outcome)
        if not results:
            continue
        lines += ["", f"{title} ({len(results)}): {advice}"]
        for result in results:
            lines.append(f"  {result.url}")
            lines.append(f"    {result.detail}")
            if report.used_by.get(result.url):
                lines.append(f"    used by: {', '.join(report.used_by[result.url])}")
    return "\n".join(lines) + "\n"


def _autolink(url: str) -> str:
    return "<" + url.replace("<", "%3C").replace(">", "%3E").replace(" ", "%20") + ">"


def format_markdown(report: LinkReport) -> str:
    counts = {
        "dead": report.dead,
        "moved": len(report.with_outcome(MOVED)),
        "by_hand": len(report.with_outcome(BY_HAND)),
    }
    lines = [MARKER.format(**counts), "## Link check", "", escape_markdown(report.summary())]
    for outcome, title, advice in _SECTIONS:
        results = report.with_outcome(outcome)
        if not results:
            continue
        lines += ["", f"### {title} ({len(results)})", "", advice, ""]
        for result in results:
            used = report.used_by.get(result.url, [])
            used_text = f" Used by: {', '.join(escape_markdown(where) for where in used)}." if used else ""
            detail = escape_markdown(result.detail)
            if result.new_url:
                detail = f"Moved permanently to {_autolink(result.new_url)}"
            box = "" if outcome == REDIRECTED else "[ ] "  # nothing to do for a temporary redirect
            lines.append(f"- {box}{_autolink(result.url)}: {detail}.{used_text}")
    return fit(lines, note="Run `python -m generator links` for the full list.")


def run(
    used_by: dict[str, list[str]],
    source: str,
    allowlist: Allowlist,
    options: CheckOptions,
    output_format: str = "text",
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out if out is not None else sys.stdout
    err = err if err is not None else sys.stderr
    report = build_report(source, used_by, allowlist, options, err)
    out.write(format_markdown(report) if output_format == "markdown" else format_text(report))
    if not is_terminal(out):  # the report went to a file: say the outcome in the log too
        err.write(report.summary() + "\n")
    return 1 if report.dead else 0


def run_command(args: argparse.Namespace, taxonomy: Path) -> int:
    options = CheckOptions(
        timeout=args.timeout,
        retries=args.retries,
        workers=args.workers,
        allow=frozenset(getattr(args, "trust_address", []) or []),
    )
    allowlist_path = args.allowlist or args.data.with_name(ALLOWLIST_NAME)
    try:
        allowlist = read_allowlist(allowlist_path) if (args.allowlist or allowlist_path.exists()) else Allowlist()
    except AllowlistError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if args.url:
        # Any http or https address: for a quick check by hand, and for tests on 127.0.0.1.
        return run({url: [] for url in args.url}, "the addresses given", allowlist, options, args.format)
    try:
        directory = load_directory(args.data, taxonomy)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    return run(collect_links(directory.entries), display_path(args.data), allowlist, options, args.format)
