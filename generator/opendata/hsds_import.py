"""HSDS 3.0 service → a Waymark entry (plain data, before the model checks it).

What HSDS carries is mapped field by field (see the table in the README); what
it does not carry comes from the ``Defaults`` given on the command line; every
field that could not be mapped is reported as a note, and a required field
that cannot be filled is a problem naming the field and the fix.

``waymark:<field>`` attributes (written by hsds_export.py) take precedence,
so a file exported by Waymark comes back as the same entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..data.fields import _EMAIL, RESERVED_IDS, suggest_slug
from ..data.schema import ACCESS, Contact, Entry, Phone, max_length
from ..data.sources import has_own_or_official_source
from ..data.taxonomy import Taxonomy
from . import import_text as clean
from .hsds_read import Record
from .hsds_terms import LANGUAGE_TO_ISO, LINK_PREFIX, ORGANIZATION_TEXT
from .hsds_validate import type_problems

ISO_TO_LANGUAGE = {iso: ours for ours, iso in LANGUAGE_TO_ISO.items()}
STATUS_FROM_HSDS = {"active": "active", "temporarily closed": "paused", "inactive": "paused", "defunct": "closed"}
PHONE_TYPES = {"voice": "voice", "cell": "voice", "mobile": "voice", "text": "text", "sms": "text"}
LIST_FIELDS = ("audience", "topics", "settings", "format", "practice_level", "related", "sources")
# HSDS fields that only link records together: nothing to report.
LINKS = {"id", "organization_id", "program_id", "service_id", "location_id", "link_id", "taxonomy_term_id"}
NO_FIELD = "not mapped — Waymark has no field for it"


@dataclass(frozen=True)
class Defaults:
    """Values for what HSDS does not say, from the command line."""

    kind: str = "local-service"
    audience: tuple[str, ...] = ("public",)
    topics: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # "england" or "england/dudley"
    reviewed: date | None = None
    sources: tuple[str, ...] = ()
    publisher: str | None = None
    addresses: bool = False


@dataclass
class Mapped:
    entry: dict[str, Any]
    notes: list[str] = field(default_factory=list)  # "field: what happened"
    problems: list[str] = field(default_factory=list)  # "field: message — fix"


# --- the mapping ----------------------------------------------------------------------


class _Mapper:
    def __init__(self, record: Record, taxonomy: Taxonomy, defaults: Defaults):
        self.service = record.service
        self.taxonomy = taxonomy
        self.defaults = defaults
        self.result = Mapped({})
        self.own = self._waymark_attributes(self.service.get("attributes"), "attributes")

    def note(self, where: str, message: str) -> None:
        self.result.notes.append(f"{where}: {message}")

    def problem(self, where: str, message: str, fix: str) -> None:
        self.result.problems.append(f"{where}: {message} — {fix}")

    def _waymark_attributes(self, attributes: Any, where: str) -> dict[str, list[str]]:
        """Values of our own ``waymark:<field>`` attributes; other attributes are reported."""
        own: dict[str, list[str]] = {}
        for position, attribute in enumerate(attributes if isinstance(attributes, list) else []):
            if not isinstance(attribute, dict):
                continue
            link, value = attribute.get("link_type"), clean.text(attribute.get("value"))
            if isinstance(link, str) and link.startswith(LINK_PREFIX) and value:
                own.setdefault(link[len(LINK_PREFIX) :], []).append(value)
            else:
                term = attribute.get("taxonomy_term")
                name = term.get("name") if isinstance(term, dict) else attribute.get("taxonomy_term_id", "?")
                self.note(f"{where}[{position}]", f"{NO_FIELD} (taxonomy term '{name}')")
        return own

    def value(self, key: str) -> Any:
        value = self.service.get(key)
        if clean.placeholder(key, value):
            self.note(key, f"not mapped — it holds placeholder text ('{value}')")
            return None
        return value

    def run(self) -> Mapped:
        handled = {"attributes"} | LINKS
        entry = self.result.entry
        s = self.service
        name = clean.line(self.value("name"))
        if not name:
            self.problem("name", "the service has no name", "give every service a name in the input")
        entry["id"] = (self.own.get("id") or [suggest_slug(name or "")[:80].strip("-")])[0]
        if entry["id"] in RESERVED_IDS:
            entry["id"] += "-service"
        entry["name"] = name
        entry["kind"] = (self.own.get("kind") or [self.defaults.kind])[0]
        self._summary_and_description()
        url = self.value("url")
        if clean.https(url):
            entry["url"] = clean.https(url)
        elif url:
            self.note(
                "url", f"not mapped — '{url}' is not an https:// address; find the https:// page and add it by hand"
            )
        entry["publisher"] = self._publisher()
        for key in ("audience", "topics", "settings"):
            self._list(key)
        entry["regions"] = self._regions()
        contact = self._contact()
        if contact:
            entry["contact"] = contact
        self._cost()
        self._list("format")
        self._languages()
        self._access()
        eligibility = clean.line(self.value("eligibility_description"))
        if eligibility and len(eligibility) <= LIMITS["eligibility"]:
            entry["eligibility"] = eligibility
        elif eligibility:
            self.note(
                "eligibility_description",
                f"not mapped — longer than {LIMITS['eligibility']} characters; shorten it by hand",
            )
        self._list("practice_level")
        for key in ("content_notes", "crisis", "published", "location_visibility", "source_kind", "source_note"):
            if self.own.get(key):
                entry[key] = self.own[key][0]
        if self.own.get("crisis_needs"):
            entry["crisis_needs"] = list(self.own["crisis_needs"])
        self._address()
        self._list("related")
        self._reviewed()
        if self.own.get("review_every_months"):
            entry["review_every_months"] = self.own["review_every_months"][0]
        self._status()
        self._sources()
        handled |= {
            "name",
            "description",
            "url",
            "organization",
            "service_areas",
            "phones",
            "email",
            "schedules",
            "cost_options",
            "languages",
            "application_process",
            "eligibility_description",
            "service_at_locations",
            "assured_date",
            "status",
            "alert",
        }
        for key in s:
            if key not in handled and s[key] not in (None, "", [], {}):
                self.note(key, NO_FIELD)
        self.result.entry = {key: value for key, value in entry.items() if value not in (None, [], {})}
        return self.result

    def _summary_and_description(self) -> None:
        paragraphs = clean.paragraphs(self.value("description"))
        if not paragraphs:
            self.problem(
                "summary",
                "the service has no description to take a summary from",
                "add a description to the service in the input",
            )
            return
        summary, rest, note = clean.summary(paragraphs, LIMITS["summary"])
        if note:
            self.note("summary", note)
        self.result.entry["summary"] = summary
        description, note = clean.description(rest, LIMITS["description"])
        self.result.entry["description"] = description
        if note:
            self.note("description", note)

    def _publisher(self) -> str | None:
        organization = self.service.get("organization")
        name = clean.line(organization.get("name")) if isinstance(organization, dict) else None
        if isinstance(organization, dict):
            for key, value in organization.items():
                ours = key == "description" and str(value).startswith(ORGANIZATION_TEXT)
                if key not in LINKS | {"name", "website", "uri"} and value not in (None, "", []) and not ours:
                    self.note(f"organization.{key}", NO_FIELD)
        if name:
            return name
        if self.defaults.publisher:
            return self.defaults.publisher
        self.problem(
            "publisher",
            "the service has no organization to name as its publisher",
            "pass --publisher 'Name of the organisation'",
        )
        return None

    def _list(self, key: str) -> None:
        defaults = {"audience": self.defaults.audience, "topics": self.defaults.topics}
        values = self.own.get(key) or list(defaults.get(key, ()))
        self.result.entry[key] = values
        if key == "topics" and not values:
            self.problem(
                "topics",
                "HSDS does not say which topics the service covers",
                "pass --topic with a topic id from the taxonomy (repeat it for more)",
            )

    def _regions(self) -> list[Any]:
        codes = list(self.own.get("regions", []))
        if not codes:
            for position, area in enumerate(self.service.get("service_areas") or []):
                text = clean.line(area.get("name")) if isinstance(area, dict) else None
                code = self._match_region(text)
                if code:
                    codes.append(code)
                else:
                    self.note(
                        f"service_areas[{position}]", f"not mapped — '{text}' is not a region or area in the taxonomy"
                    )
        codes = codes or list(self.defaults.regions)
        if not codes:
            self.problem(
                "regions",
                "no service area matches a region in the taxonomy",
                "pass --region with a region id, or region/area such as england/dudley",
            )
        return [{"region": c.split("/", 1)[0], "area": c.split("/", 1)[1]} if "/" in c else c for c in codes]

    def _match_region(self, text: str | None) -> str | None:
        if not text:
            return None
        wanted = text.casefold()
        for region, term in self.taxonomy.regions.items():
            if wanted in (region, term.label.casefold()):
                return region
            for area, label in term.area_labels.items():
                if wanted in (area, label.casefold(), f"{label}, {term.label}".casefold()):
                    return f"{region}/{area}"
        return None

    def _contact(self) -> dict[str, Any]:
        contact: dict[str, Any] = {}
        phones: list[dict[str, Any]] = []
        for position, item in enumerate(self.service.get("phones") or []):
            phone = self._phone(position, item) if isinstance(item, dict) else None
            if phone and len(phones) < LIMITS["phones"]:
                phones.append(phone)
        if phones:
            contact["phones"] = phones
        email = clean.line(self.value("email"))
        if email and _EMAIL.match(email):
            contact["email"] = email
        elif email:
            self.note("email", f"not mapped — '{email}' is not an email address")
        for position, schedule in enumerate(self.service.get("schedules") or []):
            if not isinstance(schedule, dict):
                continue
            hours = clean.line(schedule.get("description"))
            if hours and len(hours) <= LIMITS["hours"] and "hours" not in contact:
                contact["hours"] = hours
            elif hours:
                self.note(
                    f"schedules[{position}].description",
                    f"not mapped — Waymark keeps one line of opening hours ({LIMITS['hours']} characters)",
                )
            rest = sorted(
                k
                for k, v in schedule.items()
                if k not in LINKS | {"description", "service_at_location_id"} and v not in (None, "")
            )
            if rest:
                self.note(
                    f"schedules[{position}]", f"{', '.join(rest)}: not mapped — Waymark keeps opening hours as text"
                )
        for key in ("webchat", "webchat_hours", "bsl"):
            if self.own.get(key):
                contact[key] = self.own[key][0]
        return contact

    def _phone(self, position: int, item: dict[str, Any]) -> dict[str, Any] | None:
        where = f"phones[{position}]"
        number = clean.phone_number(item.get("number"))
        if not number:
            self.note(where, f"not mapped — '{item.get('number')}' is not a number we can dial")
            return None
        kind = PHONE_TYPES.get(str(item.get("type") or "voice").casefold())
        if kind is None:
            self.note(where, f"not mapped — Waymark lists only voice and text numbers, not '{item.get('type')}'")
            return None
        phone: dict[str, Any] = {"number": number}
        if kind == "text":
            phone["type"] = "text"
        own = self._waymark_attributes(item.get("attributes"), f"{where}.attributes")
        if own:
            for key in ("keyword", "hours", "note", "relay_uk"):
                if own.get(key):
                    phone[key] = own[key][0]
            return phone
        extension = clean.line(item.get("extension"))
        note = ". ".join(
            filter(None, [f"Extension {extension}" if extension else None, clean.line(item.get("description"))])
        )
        if note and len(note) <= LIMITS["note"]:
            phone["note"] = note
        elif note:
            self.note(f"{where}.description", f"not mapped — longer than {LIMITS['note']} characters")
        if item.get("languages"):
            self.note(f"{where}.languages", "not mapped — Waymark records languages for the whole entry")
        return phone

    def _cost(self) -> None:
        free = paid = False
        for position, option in enumerate(self.service.get("cost_options") or []):
            if not isinstance(option, dict):
                continue
            label = (clean.line(option.get("option")) or "").casefold()
            try:
                amount = float(option["amount"]) if option.get("amount") not in (None, "") else None
            except (TypeError, ValueError):
                amount = None
            free |= amount == 0 or label == "free"
            paid |= (amount is not None and amount > 0) or label == "paid"
            if label not in ("free", "paid"):
                self.note(
                    f"cost_options[{position}]",
                    "recorded only as free or paid — Waymark has no field for amounts or conditions",
                )
        if free or paid:
            self.result.entry["cost"] = "mixed" if free and paid else "free" if free else "paid"

    def _languages(self) -> None:
        codes = []
        for position, item in enumerate(self.service.get("languages") or []):
            if not isinstance(item, dict):
                continue
            code = (clean.line(item.get("code")) or "").casefold()
            code = ISO_TO_LANGUAGE.get(code, code)
            name = (clean.line(item.get("name")) or "").casefold()
            if code not in self.taxonomy.languages:
                code = next(
                    (
                        c
                        for c, label in self.taxonomy.languages.items()
                        if name and name in (label.casefold(), label.split(" (")[0].casefold())
                    ),
                    "",
                )
            if code and code not in codes:
                codes.append(code)
            elif not code:
                self.note(
                    f"languages[{position}]",
                    f"not mapped — '{item.get('name') or item.get('code')}' is not in the taxonomy; add it there first",
                )
            if item.get("note"):
                self.note(f"languages[{position}].note", NO_FIELD)
        self.result.entry["languages"] = codes

    def _access(self) -> None:
        text = clean.line(self.value("application_process"))
        found = next((key for key, label in ACCESS.items() if text and text.casefold() == label.casefold()), None)
        if found:
            self.result.entry["access"] = found
        elif text:
            self.note(
                "application_process", "not mapped — Waymark records access only as self-referral, referral or open"
            )

    def _address(self) -> None:
        for position, place in enumerate(self.service.get("service_at_locations") or []):
            location = place.get("location") if isinstance(place, dict) else None
            where = f"service_at_locations[{position}]"
            if not isinstance(location, dict):
                continue
            if location.get("latitude") is not None or location.get("longitude") is not None:
                self.note(
                    f"{where}.location", "latitude and longitude never imported — Waymark publishes no coordinates"
                )
            for address in location.get("addresses") or []:
                if not isinstance(address, dict) or "address" in self.result.entry:
                    continue
                if not self.defaults.addresses:
                    self.note(
                        f"{where}.location.addresses",
                        "not imported — pass --addresses to import street addresses (they are shown publicly)",
                    )
                    continue
                if self.result.entry.get("location_visibility", "public") != "public":
                    self.note(f"{where}.location.addresses", "not imported — the entry's location is not public")
                    continue
                street = ", ".join(
                    filter(None, [clean.line(address.get("address_1")), clean.line(address.get("address_2"))])
                )
                locality = clean.line(address.get("city"))
                if locality:
                    self.result.entry["address"] = {
                        "street": street or None,
                        "locality": locality,
                        "postcode": clean.line(address.get("postal_code")),
                    }

    def _reviewed(self) -> None:
        assured = clean.line(self.value("assured_date")) or ""
        if re.match(r"^\d{4}-\d{2}-\d{2}", assured):
            self.result.entry["last_reviewed"] = assured[:10]
        elif self.defaults.reviewed:
            self.result.entry["last_reviewed"] = self.defaults.reviewed.isoformat()
        else:
            self.problem(
                "last_reviewed",
                "the service has no assured_date saying when it was last checked",
                "pass --reviewed YYYY-MM-DD with the date you checked the details",
            )

    def _status(self) -> None:
        status = STATUS_FROM_HSDS.get(str(self.service.get("status") or "active").casefold(), "active")
        if status != "active":
            self.result.entry["status"] = status
        alert = clean.line(self.value("alert"))
        if alert and status != "active" and len(alert) <= LIMITS["status_note"]:
            self.result.entry["status_note"] = alert
        elif alert:
            self.note("alert", "not mapped — Waymark keeps a note only for a paused or closed service")

    def _sources(self) -> None:
        sources = list(self.own.get("sources", []))
        found = self.service.get("organization")
        organization: dict[str, Any] = found if isinstance(found, dict) else {}
        for candidate in (self.service.get("url"), organization.get("website"), organization.get("uri")):
            address = clean.https(candidate)
            if not sources and address:
                sources.append(address)
        for key in ("website", "uri"):
            if organization.get(key) and clean.https(organization[key]) not in sources:
                self.note(
                    f"organization.{key}",
                    "not mapped — Waymark has no field for it"
                    if clean.https(organization[key])
                    else f"not mapped — '{organization[key]}' is not an https:// address",
                )
        sources = sources or list(self.defaults.sources)
        if not sources:
            self.problem(
                "sources",
                "neither the service nor its organization has an https:// web address to cite",
                "pass --source with the https:// page where you confirmed the details",
            )
        self.result.entry["sources"] = sources
        entry = self.result.entry
        if (
            sources
            and "source_kind" not in entry
            and not has_own_or_official_source(entry.get("url"), sources, self.taxonomy.official_domains)
        ):
            entry["source_kind"] = "third-party"
            entry["source_note"] = IMPORTED_NOTE
            self.note("sources", f"marked source_kind: third-party — {IMPORTED_NOTE}")


# The model's own limits: a value longer than these is reported, not cut.
LIMITS = {
    "eligibility": max_length(Entry, "eligibility"),
    "summary": max_length(Entry, "summary"),
    "description": max_length(Entry, "description"),
    "status_note": max_length(Entry, "status_note"),
    "phones": max_length(Contact, "phones"),
    "hours": max_length(Contact, "hours"),
    "note": max_length(Phone, "note"),
}
IMPORTED_NOTE = "Imported from an HSDS feed; not yet confirmed on the organisation's own site."


def map_record(record: Record, taxonomy: Taxonomy, defaults: Defaults) -> Mapped:
    """The entry for one service, with notes on what was not mapped and any problems.

    A value of the wrong type in a field that is read is refused first, with the
    field named (the official schema's types); anything else unexpected is
    still a problem of this service, never a traceback."""
    wrong = type_problems(record.service)
    if wrong:
        fix = "give it the type HSDS 3.0 describes for that field"
        return Mapped(entry={}, problems=[f"{line} — {fix}" for line in wrong])
    try:
        return _Mapper(record, taxonomy, defaults).run()
    except (TypeError, AttributeError, ValueError, KeyError, IndexError) as error:
        return Mapped(
            entry={},
            problems=[f"-: it could not be read ({type(error).__name__}: {error}) — check its fields against HSDS 3.0"],
        )
