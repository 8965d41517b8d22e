"""The crisis lines on "Need help now?": what to do first, then each nation's
lines grouped by what they help with, then local lines, then other countries.

Every nation's section is complete on its own (lines for the whole UK are
repeated in each), so a person who jumps to their nation misses nothing.
Within a group, lines open to everyone come before those with an age or
other limit (HOPELINE247 is for people under 35).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..data.directory import Directory
from ..data.schema import CRISIS_NEEDS, Entry
from .pages import SiteOptions, _Links, environment

FIRST_LISTENING_LINES = 2  # shown at the top, before the nation sections


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    lines: list[Entry]


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    groups: list[Group]
    local: list[tuple[str, Entry]]  # (the areas it serves, the line)


def crisis_lines(directory: Directory) -> list[Entry]:
    return [e for e in directory.published if e.crisis and e.status == "active"]


def is_local(entry: Entry) -> bool:
    return all(ref.area for ref in entry.regions)


def nations_of(entry: Entry, directory: Directory) -> set[str]:
    """The nations a line serves in full (local lines serve none in full)."""
    taxonomy = directory.taxonomy
    covered = {r for ref in entry.regions if not ref.area for r in taxonomy.covered_by(ref.region)}
    return covered & set(taxonomy.nations)


def _order(entry: Entry) -> tuple[bool, str, str]:
    return (entry.eligibility is not None, entry.name.casefold(), entry.id)


def first_steps(directory: Directory) -> tuple[list[Entry], list[Entry]]:
    """Emergency lines and the first listening lines open to everyone in every nation."""
    nations = set(directory.taxonomy.nations)
    everywhere = [e for e in crisis_lines(directory) if nations and nations <= nations_of(e, directory)]
    emergency = sorted((e for e in everywhere if "emergency" in e.crisis_needs), key=_order)
    # _order puts lines open to everyone first; a line with an age limit is shown only if no other is left.
    listening = sorted((e for e in everywhere if "listening" in e.crisis_needs), key=_order)
    return emergency, listening[:FIRST_LISTENING_LINES]


def sections(directory: Directory) -> tuple[list[Section], list[Entry]]:
    taxonomy = directory.taxonomy
    lines = crisis_lines(directory)
    result = []
    for nation in taxonomy.nations:
        serving = [e for e in lines if nation in nations_of(e, directory)]
        groups = []
        for need, label in CRISIS_NEEDS.items():
            found = sorted((e for e in serving if need in e.crisis_needs), key=_order)
            if found:
                groups.append(Group(f"{nation}-{need}", label, found))
        local = [
            (", ".join(taxonomy.area_label(ref.region, ref.area) for ref in e.regions if ref.region == nation and ref.area), e)
            for e in sorted(lines, key=_order)
            if is_local(e) and any(ref.region == nation for ref in e.regions)
        ]
        if groups or local:
            result.append(Section(nation, taxonomy.label("regions", nation), groups, local))
    uk = set(taxonomy.nations)
    elsewhere = sorted(
        (e for e in lines if not nations_of(e, directory) and not any(ref.region in uk for ref in e.regions)), key=_order
    )
    return result, elsewhere


def first_steps_html(directory: Directory, from_uri: str, options: SiteOptions = SiteOptions()) -> str:
    emergency, listening = first_steps(directory)
    return environment().get_template("help_first.html").render(
        emergency=emergency, listening=listening, link=_Links(from_uri, options)
    )


def crisis_lines_html(directory: Directory, from_uri: str, options: SiteOptions = SiteOptions()) -> str:
    found, elsewhere = sections(directory)
    return environment().get_template("crisis_lines.html").render(
        sections=found, others=elsewhere, link=_Links(from_uri, options), taxonomy=directory.taxonomy
    )
