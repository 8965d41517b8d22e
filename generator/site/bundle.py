"""Join the theme's component styles and scripts into one file of each, and
publish the header's icons as files.

Each component keeps its template, script and styles in its own folder
(theme/components/<name>/); visitors download one stylesheet and one script.
The header's icons (Material's own SVG files) are drawn by the stylesheet
(`.wm-icon`, base.css) from files cached once, instead of sitting in every
page's HTML: at 100,000 entry pages that is about 70 MB of the site.
"""

from __future__ import annotations

from pathlib import Path

import material

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


ICON_SOURCE = Path(material.__file__).resolve().parent / "templates" / ".icons"
ICON_TARGET = "assets/images/icons/{}.svg"
# name in the stylesheet: Material icon; the logo follows theme.icon.logo.
ICONS = {"menu": "material/menu", "search": "material/magnify", "logo": "material/sign-direction"}


def icons(logo: str | None = None) -> dict[str, str]:
    """{site path: SVG text} for the header's icons."""
    chosen = {**ICONS, **({"logo": logo} if logo else {})}
    return {ICON_TARGET.format(name): (ICON_SOURCE / f"{source}.svg").read_text(encoding="utf-8")
            for name, source in chosen.items()}
