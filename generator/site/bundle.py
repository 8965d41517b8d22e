"""Join the theme's component styles and scripts into one file of each.

Each component keeps its template, script and styles in its own folder
(theme/components/<name>/); visitors download one stylesheet and one script.
"""

from __future__ import annotations

from pathlib import Path

# Base rules first and print rules last, so that later rules can refine earlier ones.
FIRST, LAST = "base", "print"
OUTPUTS = {".css": "assets/stylesheets/waymark.css", ".js": "assets/javascripts/waymark.js"}


def component_files(theme_dir: Path, suffix: str) -> list[Path]:
    def order(path: Path) -> tuple[int, str]:
        name = path.parent.name
        return (0 if name == FIRST else 2 if name == LAST else 1, str(path))

    return sorted((theme_dir / "components").glob(f"*/*{suffix}"), key=order)


def bundle(theme_dir: Path, suffix: str) -> str:
    parts = []
    for path in component_files(theme_dir, suffix):
        source = path.relative_to(theme_dir).as_posix()
        parts.append(f"/* {source} */\n{path.read_text(encoding='utf-8').strip()}\n")
    return "\n".join(parts)


def bundles(theme_dir: Path) -> dict[str, str]:
    """{site path: text} for the joined stylesheet and script."""
    return {target: bundle(theme_dir, suffix) for suffix, target in OUTPUTS.items()}
