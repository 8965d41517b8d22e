"""``python -m generator review``: entries past or near their review date, by kind."""

from __future__ import annotations

from datetime import date

import pytest

from generator.cli import main
from generator.data.validate import load_directory
from generator.maintain.markdown_text import escape_markdown, fit
from generator.maintain.review import MARKER, format_markdown, format_text, review_report

from .conftest import ROOT, valid_entry

TODAY = date(2026, 6, 1)


@pytest.fixture
def data(write_data):
    return write_data(
        # due 2026-01-15: overdue
        valid_entry(id="old-line", name="Old line", last_reviewed="2025-01-15")
        # due 2026-05-30 with a 6-month interval: overdue by two days
        + valid_entry(id="half-yearly", name="Half-yearly", last_reviewed="2025-11-30", review_every_months="6")
        # due 2026-06-20: due soon
        + valid_entry(
            id="soon-guide", name="Soon [guide] @someone", kind="guidance", contact=None, last_reviewed="2025-06-20"
        )
        # due 2026-06-01: due today, not overdue
        + valid_entry(id="today-line", name="Today line", last_reviewed="2025-06-01")
        # due 2026-08-01: outside 30 days
        + valid_entry(id="later-line", name="Later line", last_reviewed="2025-08-01")
        # overdue but closed: not published, so not listed
        + valid_entry(id="closed-line", name="Closed line", last_reviewed="2024-01-01", status="closed")
    )


def report_for(path, today=TODAY, within=30):
    return review_report(load_directory(path, path.with_name("taxonomy.yaml"), today=today), today, within)


def test_overdue_and_due_soon_are_found(data):
    report = report_for(data)
    assert [item.entry.id for item in report.overdue] == ["old-line", "half-yearly"]
    assert [item.entry.id for item in report.due_soon] == ["today-line", "soon-guide"]
    assert report.items[1].due == date(2026, 5, 30)


def test_within_changes_the_horizon(data):
    assert [i.entry.id for i in report_for(data, within=0).due_soon] == ["today-line"]
    assert "later-line" in [i.entry.id for i in report_for(data, within=61).items]


def test_text_report_groups_by_kind(data):
    text = format_text(report_for(data))
    lines = text.splitlines()
    assert lines[0] == (
        f"Review as of 2026-06-01 ({data}): 2 entries are overdue for review and 2 are due within 30 days."
    )
    assert text.index("Guidance:") < text.index("soon-guide")
    assert text.index("Helplines:") < text.index("old-line") < text.index("half-yearly") < text.index("today-line")
    assert "overdue since 2026-01-15 (137 days); last reviewed 2025-01-15, every 12 months" in text
    assert "due 2026-06-01 (today)" in text and "due 2026-06-20 (in 19 days)" in text
    assert "source: https://www.gov.uk/example-helpline" in text
    assert "closed-line" not in text and "later-line" not in text


def test_markdown_report_is_a_task_list_with_counts_and_escaped_names(data):
    markdown = format_markdown(report_for(data))
    assert markdown.splitlines()[0] == MARKER.format(overdue=2, soon=2)
    assert "### Helplines" in markdown and "### Guidance" in markdown
    assert "- [ ] **Soon \\[guide\\] \\@someone** (`soon-guide`): due 2026-06-20 (in 19 days)" in markdown
    assert "[guide]" not in markdown.replace("\\[guide\\]", "")


def test_nothing_due(data):
    report = report_for(data, today=date(2025, 12, 1), within=10)
    assert not report.items
    assert "No entries are due for review." in format_text(report)
    assert format_markdown(report).startswith(MARKER.format(overdue=0, soon=0))


def test_command_exits_0_and_prints_the_report(data, capsys):
    assert main(["review", "--data", str(data), "--today", "2026-06-01", "--within", "30", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(MARKER.format(overdue=2, soon=2))


def test_command_on_bad_data_exits_1(write_data, capsys):
    path = write_data(valid_entry(kind="helpine"))
    assert main(["review", "--data", str(path)]) == 1
    assert "'helpine' is not allowed here" in capsys.readouterr().err


def test_command_on_the_real_data(capsys):
    assert main(["review", "--data", str(ROOT / "data" / "resources.yaml")]) == 0
    assert capsys.readouterr().out.startswith("Review as of ")


def test_escape_markdown_defuses_links_html_and_mentions():
    assert escape_markdown("[x](https://e.org) <img> @a *b* `c` $d$ ![i]") == (
        "\\[x\\]\\(https://e.org\\) \\<img\\> \\@a \\*b\\* \\`c\\` \\$d\\$ \\!\\[i\\]"
    )


def test_fit_keeps_issue_bodies_under_the_limit():
    lines = ["# Title", ""] + [f"- [ ] item {i} " + "x" * 80 for i in range(2000)]
    text = fit(lines, limit=10_000, note="Run the command for the rest.")
    assert len(text) <= 10_000
    assert text.rstrip().endswith("not shown here, to fit GitHub's limit. Run the command for the rest.")
    shown = sum(1 for line in text.splitlines() if line.startswith("- [ ]"))
    assert f"… and {2000 - shown} more items" in text
    assert fit(["short"], limit=100) == "short\n"


def test_third_party_entries_are_listed_every_time(write_data):
    path = write_data(
        valid_entry(
            last_reviewed="2026-05-30",
            sources="[https://news.example.com/a]",
            source_kind="third-party",
            source_note="Only a news report names the line.",
        )
    )
    directory = load_directory(path, path.with_name("taxonomy.yaml"), today=date(2026, 6, 1))
    report = review_report(directory, date(2026, 6, 1))
    assert not report.items  # not due for review
    text = format_text(report)
    assert "Confirmed only by third-party pages (1)" in text and "why: Only a news report names the line." in text
    markdown = format_markdown(report)
    assert "- [ ] **Example helpline** (`example-helpline`): Only a news report names the line." in markdown
