"""Published entries → HSDS 3.0 services (Open Referral's Human Services Data Specification).

Each published entry becomes one full service object with its organisation
(the publisher), phones, service areas (regions), languages, cost options, a
free-text schedule (our opening hours are text) and, only for a public
location with a full address, a location. The list is written to
hsds/services.json and checked against the official schemas in the tests.

Ids are UUIDs derived from our ids (UUIDv5), so they stay the same from one
build to the next. What HSDS has no field for is carried as ``attributes``
with a ``link_type`` of ``waymark:<field>`` and our value in ``value``; the
entry's own id is one of them (``waymark:id``), so importing the file gives
back the same entries (see hsds_import.py).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from ..data.directory import Directory, public_address, safe_entry
from ..data.json_text import compact
from ..data.schema import (
    ACCESS,
    AUDIENCES,
    FORMATS,
    KINDS,
    PRACTICE_LEVELS,
    Entry,
    Phone,
)
from ..data.taxonomy import Taxonomy
from .hsds_terms import (
    ATTRIBUTE_FIELDS,
    CONTACT_FIELDS,
    COST_OPTIONS,
    DEFAULTS,
    LANGUAGE_TO_ISO,
    LINK_PREFIX,
    ORGANIZATION_TEXT,
    PHONE_FIELDS,
    STATES_BY_AREA,
    STATUS_TO_HSDS,
    VOCABULARY_FIELDS,
)

SERVICES_PATH = "hsds/services.json"
# Fixed for Waymark: the same entry id gives the same UUID in every build.
NAMESPACE = uuid.UUID("516eb50d-49f8-4264-ac45-8f8e45e53fb2")
_NAMESPACE_SHA1 = hashlib.sha1(NAMESPACE.bytes, usedforsecurity=False)


# Characters a URI may hold as they are (RFC 3986); anything else in an entry's
# address ('"', '<', a space, letters beyond ASCII …) is percent-encoded, as the
# schema's "uri" format requires. Our own data may hold them: they are text.
_URI_SAFE = ":/?#[]@!$&'()*+,;=%-._~"


def uri(url: str) -> str:
    return quote(url, safe=_URI_SAFE)


def stable_id(*parts: str) -> str:
    """uuid.uuid5(NAMESPACE, "a/b/...") as text, worked out directly: a build makes
    hundreds of thousands of them at 10,000 entries, and this is several times faster."""
    sha = _NAMESPACE_SHA1.copy()
    sha.update("/".join(parts).encode("utf-8"))
    digest = bytearray(sha.digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def service_id(entry_id: str) -> str:
    return stable_id("service", entry_id)


def organization_id(publisher: str) -> str:
    return stable_id("organization", publisher)


def term_id(field: str, code: str) -> str:
    return stable_id("term", field, code)


def _label(field: str, code: str, taxonomy: Taxonomy) -> str:
    tables = {
        "kind": {k: v[0] for k, v in KINDS.items()},
        "audience": AUDIENCES,
        "format": FORMATS,
        "practice_level": PRACTICE_LEVELS,
    }
    if field in tables:
        return tables[field].get(code, code)
    if field == "regions":
        region, _, area = code.partition("/")
        return taxonomy.place_label(region, area)
    return taxonomy.label(field, code)


def _term(field: str, code: str, taxonomy: Taxonomy) -> dict[str, Any]:
    label = _label(field, code, taxonomy)
    description = label
    if field in ("topics", "settings"):
        term = getattr(taxonomy, field).get(code)
        description = (term.description if term else None) or label
    return {
        "id": term_id(field, code),
        "code": code,
        "name": label,
        "description": description,
        "taxonomy": f"Waymark {field.replace('_', ' ')}",
    }


def _values(entry: Entry, field: str) -> list[str]:
    if field == "regions":
        return [f"{ref.region}/{ref.area}" if ref.area else ref.region for ref in entry.regions]
    value = getattr(entry.contact, field, None) if field in CONTACT_FIELDS else getattr(entry, field)
    if value is None or DEFAULTS.get(field, object()) == value:
        return []
    if isinstance(value, bool):
        return ["true" if value else "false"]
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]


def attributes(
    entry: Entry, sid: str, taxonomy: Taxonomy, terms: dict[tuple[str, str], dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    terms = {} if terms is None else terms  # the same term recurs in many services
    result = []
    for field in ATTRIBUTE_FIELDS:
        for position, value in enumerate(_values(entry, field)):
            attribute: dict[str, Any] = {
                "id": stable_id("attribute", entry.id, field, str(position)),
                "link_id": sid,
                "link_type": LINK_PREFIX + field,
                "link_entity": "service",
                "value": value,
            }
            if field in VOCABULARY_FIELDS:
                key = (field, value)
                if key not in terms:
                    terms[key] = _term(field, value, taxonomy)
                attribute["taxonomy_term"] = terms[key]
            result.append(attribute)
    return result


def phone(entry: Entry, position: int, item: Phone, sid: str) -> dict[str, Any]:
    pid = stable_id("phone", entry.id, str(position))
    description = ". ".join(filter(None, [f"Text {item.keyword}" if item.keyword else None, item.hours, item.note]))
    data: dict[str, Any] = {"id": pid, "service_id": sid, "number": item.number, "type": item.type}
    if description:
        data["description"] = description
    extra = [
        (name, "true" if getattr(item, name) is True else getattr(item, name))
        for name in PHONE_FIELDS
        if getattr(item, name)
    ]
    if extra:
        data["attributes"] = [
            {
                "id": stable_id("attribute", entry.id, "phone", str(position), name),
                "link_id": pid,
                "link_type": LINK_PREFIX + name,
                "link_entity": "phone",
                "value": value,
            }
            for name, value in extra
        ]
    return data


def location(entry: Entry, sid: str, taxonomy: Taxonomy) -> dict[str, Any] | None:
    """A service-at-location with the street address, only for a public location with
    every part HSDS requires (street, postcode, state or province, country)."""
    address = public_address(entry)
    if address is None or not address.street or not address.postcode:
        return None
    place = next(
        (
            (ref.region, ref.area)
            for ref in entry.regions
            if ref.region in taxonomy.regions
            and taxonomy.regions[ref.region].country
            and (taxonomy.regions[ref.region].nation or ref.region in STATES_BY_AREA)
        ),
        None,
    )
    if place is None:
        return None
    region, area = place
    country = taxonomy.regions[region].country
    if taxonomy.regions[region].nation:
        state = taxonomy.label("regions", region)  # HSDS requires it even for UK addresses
    elif region in STATES_BY_AREA and area:
        state = taxonomy.area_label(region, area)
    else:
        return None
    lid = stable_id("location", entry.id)
    return {
        "id": stable_id("service-at-location", entry.id),
        "service_id": sid,
        "location_id": lid,
        "location": {
            "id": lid,
            "location_type": "physical",
            "name": entry.name,
            "addresses": [
                {
                    "id": stable_id("address", entry.id),
                    "location_id": lid,
                    "address_1": address.street,
                    "city": address.locality,
                    "state_province": state,
                    "postal_code": address.postcode,
                    "country": country,
                    "address_type": "physical",
                }
            ],
        },
    }


def service(
    entry: Entry,
    taxonomy: Taxonomy,
    site_name: str = "Waymark",
    terms: dict[tuple[str, str], dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One entry as a full HSDS 3.0 service object."""
    entry = safe_entry(entry)
    sid = service_id(entry.id)
    oid = organization_id(entry.publisher)
    data: dict[str, Any] = {
        "id": sid,
        "organization_id": oid,
        "name": entry.name,
        "description": "\n\n".join(filter(None, [entry.summary, entry.description])),
    }
    if entry.url:
        data["url"] = uri(entry.url)
    if entry.contact and entry.contact.email:
        data["email"] = entry.contact.email
    data["status"] = STATUS_TO_HSDS.get(entry.status, "inactive")
    if entry.access:
        data["application_process"] = ACCESS[entry.access]
    if entry.eligibility:
        data["eligibility_description"] = entry.eligibility
    if entry.status_note:
        data["alert"] = entry.status_note
    data["assured_date"] = entry.last_reviewed.isoformat()
    data["phones"] = [phone(entry, i, item, sid) for i, item in enumerate(entry.phones)]
    if entry.contact and entry.contact.hours:
        # Our hours are free text: HSDS's free-text schedule description holds them.
        data["schedules"] = [
            {"id": stable_id("schedule", entry.id), "service_id": sid, "description": entry.contact.hours}
        ]
    data["service_areas"] = [
        {"id": stable_id("service-area", entry.id, code), "service_id": sid, "name": _label("regions", code, taxonomy)}
        for code in _values(entry, "regions")
    ]
    place = location(entry, sid, taxonomy)
    if place:
        data["service_at_locations"] = [place]
    data["languages"] = [
        {
            "id": stable_id("language", entry.id, code),
            "service_id": sid,
            "name": taxonomy.label("languages", code),
            "code": LANGUAGE_TO_ISO.get(code, code),
        }
        for code in entry.languages
    ]
    data["organization"] = {
        "id": oid,
        "name": entry.publisher,
        "description": f"{ORGANIZATION_TEXT} {site_name}.",
    }
    if entry.cost:
        data["cost_options"] = [
            {
                "id": stable_id("cost", entry.id, option),
                "service_id": sid,
                "option": option,
                **({"amount": 0} if option == "Free" else {}),
            }
            for option in COST_OPTIONS[entry.cost]
        ]
    data["attributes"] = attributes(entry, sid, taxonomy, terms)
    return data


def services(directory: Directory, site_name: str = "Waymark") -> list[dict[str, Any]]:
    terms: dict[tuple[str, str], dict[str, Any]] = {}
    return [service(entry, directory.taxonomy, site_name, terms) for entry in directory.published]


def services_chunks(directory: Directory, site_name: str = "Waymark") -> Iterator[str]:
    """The HSDS file on one line, a service at a time (taxonomy terms shared, as in services())."""
    terms: dict[tuple[str, str], dict[str, Any]] = {}
    yield "["
    for index, entry in enumerate(directory.published):
        yield ("," if index else "") + compact(service(entry, directory.taxonomy, site_name, terms))
    yield "]\n"


def services_json(directory: Directory, site_name: str = "Waymark") -> str:
    return "".join(services_chunks(directory, site_name))
