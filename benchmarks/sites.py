"""The two sites the benchmark builds from the same synthetic data.

- Waymark: the project's own mkdocs.yml with `resources:` pointed at the
  synthetic file; every other setting (theme, plugins, nav) kept.
- Baseline: the same entries written as plain Markdown pages (a heading, the
  summary, the facts as a table, the description and the sources) beside the
  same hand-written pages, built by bare MkDocs + Material with the same theme
  settings, search on, the same short navigation and no Waymark plugin.

Paths in the written configurations are absolute, so they can live anywhere.
"""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

from generator.site import bundle

ROOT = Path(__file__).resolve().parent.parent


def _replace(text: str, pattern: str, replacement: str) -> str:
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    if count != 1:
        raise RuntimeError(f"mkdocs.yml has changed: no line matches {pattern!r}")
    return new


def waymark_config(data_file: Path, site_dir: Path, config_path: Path) -> Path:
    """The project's mkdocs.yml, reading the synthetic data."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = _replace(text, r"^docs_dir: .*$", f"docs_dir: {ROOT / 'content'}")
    text = _replace(text, r"^site_dir: .*$", f"site_dir: {site_dir}")
    text = _replace(text, r"^(\s+)resources: \S+", rf"\g<1>resources: {data_file}")
    text = _replace(text, r"^(\s+)taxonomy: \S+", rf"\g<1>taxonomy: {data_file.with_name('taxonomy.yaml')}")
    # A 100,000-entry data file (about 170 MB) is over the default limit on one file.
    limit = max(50 * 1024 * 1024, 2 * data_file.stat().st_size)
    text = _replace(text, r"^(\s+)(resources: \S+)$", rf"\g<1>\g<2>\n\g<1>max_file_bytes: {limit}")
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(text, encoding="utf-8")
    return config_path


def _without_waymark_plugin(text: str) -> str:
    """Drop the `- waymark:` item (and its indented options) from the plugins list."""
    lines = text.splitlines()
    out, skipping, indent = [], False, 0
    for line in lines:
        stripped = line.lstrip()
        if stripped.startswith("- waymark"):
            skipping, indent = True, len(line) - len(stripped)
            continue
        if skipping:
            current = len(line) - len(line.lstrip())
            if stripped and (current <= indent):
                skipping = False
            else:
                continue
        out.append(line)
    if len(out) == len(lines):
        raise RuntimeError("mkdocs.yml has changed: no `- waymark:` plugin to remove")
    return "\n".join(out) + "\n"


def baseline_config(docs_dir: Path, site_dir: Path, config_path: Path) -> Path:
    """The same settings without the Waymark plugin; the theme's header reads
    the quick-exit address from `extra`, which the plugin would have set."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = _without_waymark_plugin(text)
    # The baseline is stock Material with its own search, as measured in the issue;
    # Waymark replaced that search with its own sharded index (built by its plugin).
    if not re.search(r"^\s+- search\b", text, re.M):
        text = _replace(text, r"^plugins:\n", "plugins:\n  - search\n")
    text = _replace(text, r"^docs_dir: .*$", f"docs_dir: {docs_dir}")
    text = _replace(text, r"^site_dir: .*$", f"site_dir: {site_dir}")
    # The same theme files, which the plugin would have put in front of Material's.
    text = _replace(
        text, r"^(\s+)name: material\n", rf"\g<1>name: material\n\g<1>custom_dir: {ROOT / 'generator' / 'theme'}\n"
    )
    text = _replace(text, r"^extra:\n", "extra:\n  waymark:\n    quick_exit_url: https://www.bbc.co.uk/weather\n")
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(text, encoding="utf-8")
    return config_path


# --- the baseline's Markdown ----------------------------------------------------------


def _cell(value: Any) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def entry_markdown(entry: dict[str, Any], names: dict[str, str]) -> str:
    """One entry as a plain Markdown page with the same information as Waymark's page."""
    lines = [f"# {entry['name']}", "", entry["summary"], ""]
    if entry.get("status") == "paused":
        lines += ['!!! warning "This service is paused"', f"    {entry.get('status_note', '')}", ""]
    if entry.get("content_notes"):
        lines += ['!!! note "Content note"', f"    {entry['content_notes']}", ""]
    lines += ["## How to get help", ""]
    contact = entry.get("contact") or {}
    for phone in contact.get("phones", []):
        digits = "".join(ch for ch in phone["number"] if ch.isdigit())
        verb = "Text" if phone.get("type") == "text" else "Call"
        detail = ". ".join(str(phone[k]) for k in ("hours", "note") if phone.get(k))
        lines.append(
            f"- [{verb} {phone['number']}]({'sms' if verb == 'Text' else 'tel'}:{digits})"
            + (f" — {detail}" if detail else "")
        )
    if entry.get("url"):
        lines.append(f"- [Go to the website]({entry['url']})")
    if contact.get("email"):
        lines.append(f"- [Email {contact['email']}](mailto:{contact['email']})")
    lines += ["", "| | |", "| --- | --- |"]
    facts = [
        ("Opening hours", contact.get("hours")),
        ("Cost", entry.get("cost")),
        (
            "Who it is for",
            ", ".join(entry["audience"]) + (f". {entry['eligibility']}" if entry.get("eligibility") else ""),
        ),
        ("How to get it", entry.get("access")),
        ("Format", ", ".join(entry.get("format", []))),
        ("Languages", ", ".join(entry.get("languages", []))),
        ("Where", ", ".join(r if isinstance(r, str) else f"{r['area']}, {r['region']}" for r in entry["regions"])),
        ("Type", entry["kind"]),
        ("Published by", entry["publisher"]),
        ("Published", entry.get("published")),
        ("Topics", ", ".join(entry["topics"])),
        ("Settings", ", ".join(entry.get("settings", []))),
        ("Practice level", ", ".join(entry.get("practice_level", []))),
    ]
    lines += [f"| {label} | {_cell(value)} |" for label, value in facts if value]
    related = [f"[{names[r]}]({r}.md)" for r in entry.get("related", []) if r in names]
    if related:
        lines.append(f"| Related | {', '.join(related)} |")
    lines.append("")
    if entry.get("description"):
        lines += ["## About", "", entry["description"].strip(), ""]
    lines += ["## Sources", "", "We confirmed these details on the following pages:", ""]
    lines += [f"- <{source}>" for source in entry["sources"]]
    reviewed = entry["last_reviewed"]
    reviewed = reviewed.isoformat() if isinstance(reviewed, date) else reviewed
    lines += ["", f"Last checked {reviewed}.", ""]
    return "\n".join(lines)


def write_baseline_docs(entries: list[dict[str, Any]], docs_dir: Path) -> int:
    """The hand-written pages, the theme's bundled assets and one page per
    published entry. Returns the number of entry pages."""
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    shutil.copytree(ROOT / "content", docs_dir)
    for target, text in bundle.bundles(ROOT / "generator" / "theme").items():
        path = docs_dir / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    published = sorted(
        (e for e in entries if e.get("status") != "closed"), key=lambda e: (e["name"].casefold(), e["id"])
    )
    names = {e["id"]: e["name"] for e in published}
    folder = docs_dir / "entries"
    folder.mkdir()
    for entry in published:
        (folder / f"{entry['id']}.md").write_text(entry_markdown(entry, names), encoding="utf-8")
    # The finder's first page in plain Markdown: the first 100 entries as links.
    find = docs_dir / "find"
    find.mkdir(exist_ok=True)
    rows = [f"- [{e['name']}](../entries/{e['id']}.md) — {e['summary']}" for e in published[:100]]
    (find / "index.md").write_text("# Find support\n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return len(published)
