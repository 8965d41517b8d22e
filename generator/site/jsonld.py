"""schema.org JSON-LD for an entry page, and the text that is safe inside its script tag.

Every entry page is a WebPage (with the date we last checked it; its name and
description are those of its main entity) whose main
entity fits the kind of resource:

- helpline, local service, national programme → Service, with its provider
  (an Organization), the areas it serves and how to reach it;
- training → Course, with its provider;
- toolkit, guidance, research → CreativeWork, with its publisher.

GovernmentService is not used: it would say a government runs the service,
which our data does not record (several national programmes are run by charities).
"""

from __future__ import annotations

from typing import Any

from ..data.directory import public_address, safe_entry
from ..data.json_text import compact
from ..data.schema import AUDIENCES, KINDS, Entry, Phone
from ..data.taxonomy import Taxonomy

TYPES = {
    "helpline": "Service",
    "local-service": "Service",
    "national-programme": "Service",
    "training": "Course",
    "toolkit": "CreativeWork",
    "guidance": "CreativeWork",
    "research": "CreativeWork",
}
# Characters that could end the script element or the line in a browser's parser,
# written as JSON escapes so the data stays the same once parsed.


def _places(entry: Entry, taxonomy: Taxonomy) -> list[dict[str, str]]:
    places = []
    for ref in entry.regions:
        places.append({"@type": "AdministrativeArea", "name": taxonomy.place_label(ref.region, ref.area)})
    return places


def _contact_point(phone: Phone) -> dict[str, Any]:
    details = ". ".join(filter(None, [f"Text {phone.keyword}" if phone.keyword else None, phone.hours, phone.note]))
    point: dict[str, Any] = {"@type": "ContactPoint", "telephone": phone.number}
    if details:
        point["description"] = details
    return point


def _channels(entry: Entry) -> list[dict[str, Any]]:
    channels: list[dict[str, Any]] = []
    for phone in entry.phones:
        key = "serviceSmsNumber" if phone.type == "text" else "servicePhone"
        channels.append({"@type": "ServiceChannel", key: _contact_point(phone)})
    if entry.url:
        channels.append({"@type": "ServiceChannel", "serviceUrl": entry.url})
    if entry.contact and entry.contact.email:
        channels.append({"@type": "ServiceChannel", "serviceUrl": f"mailto:{entry.contact.email}"})
    address = public_address(entry)
    if address is not None:
        postal = {"@type": "PostalAddress", "addressLocality": address.locality}
        if address.street:
            postal["streetAddress"] = address.street
        if address.postcode:
            postal["postalCode"] = address.postcode
        channels.append({"@type": "ServiceChannel", "serviceLocation": {"@type": "Place", "address": postal}})
    return channels


def main_entity(entry: Entry, taxonomy: Taxonomy) -> dict[str, Any]:
    entry = safe_entry(entry)
    kind = TYPES[entry.kind]
    organisation = {"@type": "Organization", "name": entry.publisher}
    thing: dict[str, Any] = {"@type": kind, "name": entry.name, "description": entry.summary}
    if entry.url:
        thing["url"] = entry.url
    thing["audience"] = [{"@type": "Audience", "audienceType": AUDIENCES[a]} for a in entry.audience]
    thing["keywords"] = ", ".join(taxonomy.label("topics", topic) for topic in entry.topics)
    if kind == "Service":
        thing["serviceType"] = KINDS[entry.kind][0]
        thing["provider"] = organisation
        thing["areaServed"] = _places(entry, taxonomy)
        channels = _channels(entry)
        if channels:
            thing["availableChannel"] = channels
        return thing
    thing["provider" if kind == "Course" else "publisher"] = organisation
    thing["spatialCoverage"] = _places(entry, taxonomy)
    if entry.languages:
        thing["inLanguage"] = list(entry.languages)
    if entry.cost in ("free", "paid"):
        thing["isAccessibleForFree"] = entry.cost == "free"
    if entry.published:
        thing["datePublished"] = entry.published
    return thing


def entry_jsonld(entry: Entry, taxonomy: Taxonomy) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        # The page's name and description are its main entity's: not repeated.
        "lastReviewed": entry.last_reviewed.isoformat(),
        "mainEntity": main_entity(entry, taxonomy),
    }


def script_text(data: Any) -> str:
    """JSON that cannot close or break out of ``<script type="application/ld+json">``:
    no '<', '>' or '&', and no line or paragraph separators, appear literally."""
    return compact(data)
