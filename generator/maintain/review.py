"""Entries whose facts are due to be checked again: ``python -m generator review``.

An entry is overdue the day after its review date (``Entry.review_due``: the
last review plus ``review_every_months``), and due soon when that date falls
within the next few days. Closed entries are not published, so they are left
out. The report is grouped by kind, most urgent first.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from ..data import words
from ..data.errors import DataError
from ..data.schema import KINDS, Entry
from ..data.validate import Directory, load_directory
from .markdown_text import escape_markdown, fit

# The first line of the Markdown report: the scheduled workflow reads the counts here.
MARKER = "<!-- waymark-review: overdue={overdue} due-soon={soon} -->"


@dataclass(frozen=True)
class ReviewItem:
    entry: Entry
    due: date
    overdue: bool


@dataclass(frozen=True)
class ReviewReport:
    today: date
    within_days: int
    source: str
    items: tuple[ReviewItem, ...]
    # Listed in every report: no page on their own or an official site confirms them.
    third_party: tuple[Entry, ...] = ()

    @property
    def overdue(self) -> list[ReviewItem]:
        return [item for item in self.items if item.overdue]

    @property
    def due_soon(self) -> list[ReviewItem]:
        return [item for item in self.items if not item.overdue]

    def by_kind(self) -> list[tuple[str, list[ReviewItem]]]:
        groups = []
        for kind, (_, plural) in KINDS.items():
            items = [item for item in self.items if item.entry.kind == kind]
            if items:
                groups.append((plural, items))
        return groups


def review_report(directory: Directory, today: date, within_days: int = 30) -> ReviewReport:
    horizon = today + timedelta(days=within_days)
    items = [
        ReviewItem(entry, entry.review_due, entry.overdue(today))
        for entry in directory.entries
        if entry.status != "closed" and entry.review_due <= horizon
    ]
    items.sort(key=lambda item: (item.due, item.entry.id))
    third_party = tuple(
        sorted(
            (e for e in directory.entries if e.status != "closed" and e.source_kind == "third-party"),
            key=lambda e: e.id,
        )
    )
    return ReviewReport(today, within_days, directory.source, tuple(items), third_party)


def _counts(report: ReviewReport) -> str:
    overdue, soon = len(report.overdue), len(report.due_soon)
    return (
        f"{overdue} {words.plural('entry is', overdue)} overdue for review and "
        f"{soon} {words.plural('is', soon)} due within {report.within_days} days"
    )


def _when(item: ReviewItem, today: date) -> str:
    if item.overdue:
        days = (today - item.due).days
        return f"overdue since {item.due.isoformat()} ({words.count(days, 'day')})"
    days = (item.due - today).days
    return f"due {item.due.isoformat()}" + (" (today)" if days == 0 else f" (in {words.count(days, 'day')})")


def format_text(report: ReviewReport) -> str:
    lines = [f"Review as of {report.today.isoformat()} ({report.source}): {_counts(report)}."]
    if not report.items:
        lines.append("No entries are due for review.")
    for plural, items in report.by_kind():
        lines += ["", f"{plural}:"]
        for item in items:
            entry = item.entry
            lines.append(f"  {entry.id}: {entry.name}")
            lines.append(
                f"    {_when(item, report.today)}; last reviewed {entry.last_reviewed.isoformat()}, "
                f"every {entry.review_every_months} months"
            )
            for source in entry.sources:
                lines.append(f"    source: {source}")
    if report.third_party:
        lines += [
            "",
            f"Confirmed only by third-party pages ({len(report.third_party)}): look for the organisation's own page.",
        ]
        for entry in report.third_party:
            lines.append(f"  {entry.id}: {entry.name}")
            lines.append(f"    why: {entry.source_note}")
    return "\n".join(lines) + "\n"


def format_markdown(report: ReviewReport) -> str:
    lines = [
        MARKER.format(overdue=len(report.overdue), soon=len(report.due_soon)),
        f"## Entries to review ({report.today.isoformat()})",
        "",
        f"{_counts(report)[0].upper()}{_counts(report)[1:]}.",
    ]
    if not report.items:
        lines += ["", "No entries are due for review."]
    else:
        lines += [
            "",
            "For each entry: open its sources, confirm every fact, change what is out of date, "
            "set `last_reviewed` to the day you checked, and open a pull request. "
            "Tick the box when it is merged.",
        ]
    for plural, items in report.by_kind():
        lines += ["", f"### {plural}", ""]
        for item in items:
            entry = item.entry
            sources = ", ".join(f"<{source}>" for source in entry.sources)
            lines.append(
                f"- [ ] **{escape_markdown(entry.name)}** (`{entry.id}`): {_when(item, report.today)}; "
                f"last reviewed {entry.last_reviewed.isoformat()}. Sources: {sources}"
            )
    if report.third_party:
        lines += [
            "",
            f"### Confirmed only by third-party pages ({len(report.third_party)})",
            "",
            "Look for a page on the organisation's own site (or an official one) and add it to `sources`.",
            "",
        ]
        for entry in report.third_party:
            lines.append(
                f"- [ ] **{escape_markdown(entry.name)}** (`{entry.id}`): {escape_markdown(entry.source_note or '')}"
            )
    return fit(lines, note="Run `python -m generator review` for the full list.")


def run(data: Path, taxonomy: Path, today: date, within_days: int, output_format: str) -> int:
    """The command: a report, so entries due are not an error (exit 0); bad data is (exit 1)."""
    try:
        directory = load_directory(data, taxonomy, today=today)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    report = review_report(directory, today, within_days)
    sys.stdout.write(format_markdown(report) if output_format == "markdown" else format_text(report))
    return 0
