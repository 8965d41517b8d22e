"""Open data files: every published entry as JSON (with its JSON Schema) and CSV.

- data/resources.json: ``{"$schema": "resources.schema.json", ..., "entries": [...]}``,
  each entry in the data file's own model (the same field names and values).
- data/resources.schema.json: the JSON Schema of that file; its ``entries`` follow
  the same rules as data/resources.yaml.
- data/resources.csv: one row per entry for spreadsheets: UTF-8 with a byte order
  mark, lists joined with "; ", and cells that a spreadsheet would run as a
  formula neutralised with a leading apostrophe.

Closed entries are never exported, and no export carries a street address
unless the entry's location_visibility is public. Nothing we hold has
coordinates, so none are ever written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from typing import Any

from ..data.directory import Directory, public_address, safe_entry
from ..data.json_text import compact, to_json
from ..data.schema import Entry, Phone, json_schema

JSON_PATH = "data/resources.json"
SCHEMA_PATH = "data/resources.schema.json"
CSV_PATH = "data/resources.csv"
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
LIST_SEPARATOR = "; "
# A spreadsheet treats a cell starting with one of these as a formula (or as
# the start of one, after a tab or carriage return).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def published_entries(directory: Directory) -> list[Entry]:
    return [safe_entry(entry) for entry in directory.published]


# --- JSON -----------------------------------------------------------------------------


def entry_data(entry: Entry) -> dict[str, Any]:
    return safe_entry(entry).model_dump(mode="json", exclude_none=True)


def resources_document(
    directory: Directory, site_name: str = "Waymark", *, with_entries: bool = True
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "$schema": "resources.schema.json",
        "title": f"{site_name}: every published entry",
        "licence": LICENCE,
        "count": len(directory.published),
    }
    if with_entries:
        document["entries"] = [entry_data(entry) for entry in directory.published]
    return document


def resources_schema(directory: Directory) -> dict[str, Any]:
    """The JSON Schema of resources.json: a wrapper whose entries follow the data file's schema."""
    base = json_schema(directory.taxonomy)
    return {
        "$schema": base["$schema"],
        "title": "Waymark resources export",
        "description": "Every published entry of a Waymark directory (data/resources.json). "
        "Each item of 'entries' follows the same rules as the data file, data/resources.yaml.",
        "type": "object",
        "required": ["licence", "count", "entries"],
        "properties": {
            "$schema": {"type": "string", "description": "Where this schema is: beside the file."},
            "title": {"type": "string"},
            "licence": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
                "required": ["name", "url"],
            },
            "count": {"type": "integer", "minimum": 0, "description": "How many entries follow."},
            "entries": {"type": "array", "items": base["items"]},
        },
        "additionalProperties": False,
        "$defs": base["$defs"],
    }


# --- CSV ------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "name",
    "kind",
    "summary",
    "description",
    "url",
    "publisher",
    "audience",
    "topics",
    "settings",
    "regions",
    "phones",
    "email",
    "hours",
    "cost",
    "format",
    "languages",
    "access",
    "eligibility",
    "practice_level",
    "content_notes",
    "crisis",
    "published",
    "location_visibility",
    "street",
    "locality",
    "postcode",
    "related",
    "last_reviewed",
    "review_every_months",
    "status",
    "status_note",
    "sources",
)


def neutralise(text: str) -> str:
    """Keep a cell from being run as a formula: prefix an apostrophe, which
    spreadsheets show as plain text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def phone_text(phone: Phone) -> str:
    """One number as people read it: 'Call 0808 000 1111 (24 hours a day, Free from mobiles)'."""
    details = ", ".join(filter(None, [phone.hours, phone.note]))
    return f"{phone.label} ({details})" if details else phone.label


def region_text(entry: Entry) -> list[str]:
    return [f"{ref.region}/{ref.area}" if ref.area else ref.region for ref in entry.regions]


def csv_row(entry: Entry) -> dict[str, str]:
    entry = safe_entry(entry)
    address = public_address(entry)
    contact = entry.contact
    values: dict[str, Any] = {
        **{name: getattr(entry, name) for name in CSV_COLUMNS if name in Entry.model_fields},
        "regions": region_text(entry),
        "phones": [phone_text(phone) for phone in entry.phones],
        "email": contact.email if contact else None,
        "hours": contact.hours if contact else None,
        "street": address.street if address else None,
        "locality": address.locality if address else None,
        "postcode": address.postcode if address else None,
        "last_reviewed": entry.last_reviewed.isoformat(),
        "crisis": "true" if entry.crisis else "false",
    }
    row = {}
    for column in CSV_COLUMNS:
        value = values.get(column)
        if isinstance(value, (list, tuple)):
            value = LIST_SEPARATOR.join(str(item) for item in value)
        row[column] = neutralise("" if value is None else str(value))
    return row


def resources_csv_chunks(directory: Directory) -> Iterator[str]:
    """The CSV text a row at a time, starting with a byte order mark so that
    spreadsheets read it as UTF-8."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writeheader()
    yield "\ufeff" + out.getvalue()
    for entry in directory.published:
        out.seek(0)
        out.truncate()
        writer.writerow(csv_row(entry))
        yield out.getvalue()


def resources_csv(directory: Directory) -> str:
    return "".join(resources_csv_chunks(directory))


def resources_json_chunks(directory: Directory, site_name: str = "Waymark") -> Iterator[str]:
    """resources.json on one line, an entry at a time."""
    head = resources_document(directory, site_name, with_entries=False)
    yield compact(head)[:-1] + ',"entries":['
    for index, entry in enumerate(directory.published):
        yield ("," if index else "") + compact(entry_data(entry))
    yield "]}\n"


# --- every open data file -------------------------------------------------------------


def open_data_chunks(directory: Directory, site_name: str = "Waymark") -> dict[str, Callable[[], Iterator[str]]]:
    """{site path: a function giving the file's text piece by piece}, HSDS
    included (writer.py writes them so; nothing holds a whole file)."""
    from .hsds_export import SERVICES_PATH, services_chunks

    return {
        JSON_PATH: lambda: resources_json_chunks(directory, site_name),
        SCHEMA_PATH: lambda: iter([to_json(resources_schema(directory))]),
        CSV_PATH: lambda: resources_csv_chunks(directory),
        SERVICES_PATH: lambda: services_chunks(directory, site_name),
    }


def open_data_files(directory: Directory, site_name: str = "Waymark") -> dict[str, str]:
    """{site path: whole text} for every open data file, as the site publishes them."""
    return {path: "".join(make()) for path, make in open_data_chunks(directory, site_name).items()}
