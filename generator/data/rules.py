"""The rules an entry must meet beyond its own fields' types: what each kind
needs, crisis lines, sources, phone numbers, dates, related entries and the
taxonomy's vocabularies. ``check`` (validate.py), ``new`` and the HSDS
importer all apply them from here, so each rule is written once.

Each rule reports through ``add(loc, type, **context)``; the caller turns that
into a Problem with a file, line and column (or, in ``new``, a message on the
answer just typed).
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from . import phones, sources
from .schema import Entry
from .taxonomy import Taxonomy

Add = Callable[..., None]
# A hostile file must stay cheap to describe. Lists are longer than the model
# allows far before this (it reports that once); values are compared with the
# vocabulary by their first characters only; and no report holds more than
# MAX_PROBLEMS problems, whichever rule finds them.
LIST_LIMIT = 100
SUGGEST_LENGTH = 100
MAX_PROBLEMS = 1000


def entry_rules(entry: Entry, taxonomy: Taxonomy, today: date, known_ids: set[str] | None, add: Add) -> None:
    """Every rule for one valid entry. ``known_ids`` None skips the related-entry check."""
    # A helpline may be listed by its website alone when no number could be confirmed.
    if entry.kind == "helpline" and not entry.phones and not entry.url:
        add(("contact", "phones") if entry.contact else ("kind",), "helpline_needs_number")
    if entry.kind == "local-service" and not any(ref.area for ref in entry.regions):
        add(("regions",), "local_service_needs_area")
    if entry.kind == "helpline" and not entry.crisis:
        general = entry.contact.hours if entry.contact else None
        for position, phone in enumerate(entry.phones):
            if not (phone.hours or general):
                add(("contact", "phones", position, "number"), "helpline_hours")
    check_crisis_line(entry, add)
    check_sources(entry, taxonomy, add)
    # A number is checked against the plans of the entry's countries, once its regions are known.
    known_regions = all(ref.region in taxonomy.regions for ref in entry.regions)
    countries = taxonomy.countries([ref.region for ref in entry.regions if ref.region in taxonomy.regions])
    for position, phone in enumerate(entry.phones):
        if phone.keyword and phone.type != "text":
            add(("contact", "phones", position, "keyword"), "text_keyword_voice")
        if known_regions and (
            found := phones.check_phone(phone.number, countries, fictional=taxonomy.fictional_numbers)
        ):
            add(("contact", "phones", position, "number"), found.type, **found.context)
    if entry.address is not None and entry.location_visibility != "public":
        add(("address",), "address_hidden", visibility=entry.location_visibility)
    if entry.last_reviewed > today:
        add(("last_reviewed",), "date_future", input=entry.last_reviewed.isoformat())
    for position, other in enumerate(entry.related):
        if other == entry.id:
            add(("related", position), "related_self", input=other)
        elif known_ids is not None and other not in known_ids:
            add(("related", position), "related_unknown", input=other)


CRISIS_KINDS = ("helpline", "local-service")


def check_crisis_line(entry: Entry, add: Any) -> None:
    """A crisis line is shown on "Need help now?": it must say what it is for, link
    its own site, and give confirmed hours for every number."""
    if entry.crisis_needs and not entry.crisis:
        add(("crisis_needs",), "crisis_needs_not_crisis")
    if not entry.crisis:
        return
    if entry.kind not in CRISIS_KINDS:
        add(("crisis",), "crisis_needs_helpline")
    if not entry.crisis_needs:
        add(("crisis",), "crisis_needs_missing")
    if not entry.url:
        add(("crisis",), "crisis_needs_url")
    general = entry.contact.hours if entry.contact else None
    for position, phone in enumerate(entry.phones):
        hours = phone.hours or general
        if sources.unconfirmed(hours):
            loc = ("contact", "phones", position, "hours" if phone.hours else "number")
            add(loc, "crisis_hours", input=hours or "")


def check_sources(entry: Entry, taxonomy: Taxonomy, add: Any) -> None:
    """At least one source on the entry's own site or an official one, unless the
    entry says only third parties confirm it, and why."""
    if entry.source_kind == "third-party":
        if not entry.source_note:
            add(("source_kind",), "source_note_needed")
        return
    if entry.source_note:
        add(("source_note",), "source_note_unused")
    if not sources.has_own_or_official_source(entry.url, entry.sources, taxonomy.official_domains):
        own = sources.registrable_domain(sources.host_of(entry.url)) if entry.url else "no url given"
        add(("sources",), "sources_not_own", own=own, official=", ".join(taxonomy.official_domains[:4]))


_VOCABULARIES = (("topics", "topic"), ("settings", "setting"), ("languages", "language"))


def check_vocabularies(item: dict[str, Any], taxonomy: Taxonomy, add: Any) -> None:
    """Taxonomy ids, checked on the raw entry so that an entry with other
    problems still has these reported in the same run."""
    for field_name, noun in _VOCABULARIES:
        table = getattr(taxonomy, field_name)
        values = item.get(field_name)
        for position, value in enumerate(values[:LIST_LIMIT] if isinstance(values, list) else ()):
            if isinstance(value, str) and value not in table:
                add(
                    (field_name, position),
                    "taxonomy",
                    input=value,
                    vocabulary=noun,
                    suggestion=_suggest(value, table, f"add it to {field_name} in the taxonomy file"),
                )
    regions = item.get("regions")
    for position, ref in enumerate(regions[:LIST_LIMIT] if isinstance(regions, list) else ()):
        region, area = ref, None
        loc: tuple[str | int, ...] = ("regions", position)
        if isinstance(ref, dict):
            region, area, loc = ref.get("region"), ref.get("area"), ("regions", position, "region")
        if not isinstance(region, str):
            continue
        if region not in taxonomy.regions:
            add(
                loc,
                "taxonomy",
                input=region,
                vocabulary="region",
                suggestion=_suggest(region, taxonomy.regions, "add it to regions in the taxonomy file"),
            )
        elif isinstance(area, str) and area not in taxonomy.regions[region].areas:
            areas = taxonomy.regions[region].areas
            add(
                ("regions", position, "area"),
                "area_unknown",
                input=area,
                region=region,
                suggestion=_suggest(area, areas, f"add it to the areas of {region} in the taxonomy file"),
            )


def _suggest(value: str, choices: Iterable[str], otherwise: str) -> str:
    close = _closest(value[:SUGGEST_LENGTH], tuple(choices))
    return f"did you mean '{close}'? Otherwise {otherwise}" if close else otherwise


@functools.lru_cache(maxsize=4096)
def _closest(value: str, choices: tuple[str, ...]) -> str | None:
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return close[0] if close else None


# --- turning raw and pydantic errors into problems ------------------------------------
