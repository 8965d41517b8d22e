"""Read HSDS 3.0 input into service records, whatever shape it comes in.

Accepted:
- JSON: one service, a list of services, an organization with its
  ``services``, a service-at-location with its ``service``, a paginated list
  (``contents``) of any of these, or the tabular example's JSON form (tables
  named by their CSV file, such as ``services.csv``);
- a tabular data package: ``datapackage.json`` (or the folder holding it)
  and the CSV files it lists.

Every record comes out as a nested service object shaped like HSDS JSON, so
mapping (hsds_import.py) works the same for both. Problems are raised as
InputError with the file, the line where there is one, and a fix.
"""

from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..data.files import display_path, regular_file
from ..data.loader import DEFAULT_MAX_BYTES
from .hsds_validate import object_schemas

HOW_TO = (
    "give a file of HSDS 3.0 services (one service, a list, or an organization with its services) "
    "or a tabular data package (datapackage.json and its CSV files)"
)


class InputError(Exception):
    """The input cannot be read; the message names the file, line and fix."""


@dataclass
class Record:
    """One service to import, and where it came from."""

    service: dict[str, Any]
    source: str  # the file, with ':line' for a CSV row
    index: int  # position among the records of the input
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        name = self.service.get("name")
        return f"service '{name}'" if isinstance(name, str) and name.strip() else f"service {self.index + 1}"


def read(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Record]:
    """Every service in the input, in order; raises InputError."""
    if path.is_dir():
        if not os.path.lexists(path / "datapackage.json"):
            raise InputError(f"{display_path(path)}: the folder has no datapackage.json — {HOW_TO}")
        path = path / "datapackage.json"
    data = _read_json(path, max_bytes)
    name = display_path(path)
    if isinstance(data, dict) and isinstance(data.get("resources"), list):
        return _from_tables(_package_tables(path, data, max_bytes), name)
    if isinstance(data, dict) and data and all(str(key).endswith(".csv") for key in data):
        tables: dict[str, tuple[str, list[tuple[int | None, dict[str, Any]]]]] = {
            str(key): (name, [(None, row) for row in rows]) for key, rows in data.items() if isinstance(rows, list)
        }
        return _from_tables(tables, name)
    records: list[Record] = []
    others: list[tuple[int, str]] = []  # (position, what it is) of items that are not services
    items = _items(data)
    for position, item in enumerate(items):
        services, what = _services_in(item)
        if not services:
            others.append((position, what))
        records += [Record(service, name, len(records)) for service in services]
    if not records:
        kinds = ", ".join(sorted({what for _, what in others})) or "nothing that looks like HSDS data"
        raise InputError(f"{name}: holds no services (it holds {kinds}) — {HOW_TO}")
    if others:  # a list with something else in it: partial input is refused, not skipped
        position, what = others[0]
        raise InputError(
            f"{name}: item {position + 1} is {what}, not a service — "
            "check it is complete (every service needs a name), or remove it"
        )
    return records


def _read_json(path: Path, max_bytes: int) -> Any:
    name = display_path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{name}: the file does not exist — check the path") from None
    if not regular_file(path):
        raise InputError(f"{name}: it is not a regular file (a device, a pipe or a folder) — give a JSON file")
    if size > max_bytes:
        raise InputError(f"{name}: the file is {size} bytes, more than the limit of {max_bytes} — split it")
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(f"{name}: the file is not UTF-8 text — save it with UTF-8 encoding") from None
    except json.JSONDecodeError as error:
        raise InputError(
            f"{name}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}) — "
            "check the file is complete and is JSON"
        ) from None
    except RecursionError:
        raise InputError(f"{name}: the JSON is nested too deeply to be HSDS data — check the file") from None
    except ValueError as error:  # e.g. a number with thousands of digits
        raise InputError(f"{name}: a number in the file cannot be read ({error}) — check the file") from None


def _items(data: Any) -> list[Any]:
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        contents: list[Any] = data["contents"]  # one page of a paginated API response
        return contents
    return data if isinstance(data, list) else [data]


def kind_of(item: Any) -> str:
    """Which HSDS object a JSON object is: the schema whose fields hold all of its keys."""
    if not isinstance(item, dict):
        return "a value that is not an object"
    keys = set(item)
    for name in ("service", "organization", "service_at_location", "location", "taxonomy_term", "taxonomy"):
        properties = set(object_schemas()[name]["properties"])
        if name == "organization":
            properties.add("services")  # as the API nests them
        if name == "service_at_location":
            properties.add("service")
        # HSDS requires id and status too, but services in the wild often leave them out.
        required = {"name"} if name == "service" else set(object_schemas()[name].get("required", ()))
        if keys <= properties and required <= keys:
            return name
    return "an object HSDS does not describe"


def _services_in(item: Any) -> tuple[list[dict[str, Any]], str]:
    """The services an item holds, and what the item is."""
    kind = kind_of(item)
    what = kind.replace("_", " ") if kind in object_schemas() else kind
    if kind == "service":
        return [item], what
    if kind == "organization" and isinstance(item.get("services"), list):
        organization = {key: value for key, value in item.items() if key != "services"}
        return [
            {"organization": organization, **service} if "organization" not in service else service
            for service in item["services"]
            if isinstance(service, dict)
        ], what
    if kind == "service_at_location" and isinstance(item.get("service"), dict):
        place = {key: value for key, value in item.items() if key != "service"}
        return [{**item["service"], "service_at_locations": [place]}], what
    return [], what


# --- the tabular form -----------------------------------------------------------------

Rows = list[tuple[int | None, dict[str, Any]]]
Tables = dict[str, tuple[str, Rows]]  # CSV file name: (where it was read, [(line, row)])


def _table_files() -> dict[str, str]:
    """{CSV file name: object name}, from the schemas' own 'path' fields."""
    return {schema["path"]: name for name, schema in object_schemas().items() if "path" in schema}


def _package_tables(path: Path, package: dict[str, Any], max_bytes: int) -> Tables:
    tables: Tables = {}
    name = display_path(path)
    for position, resource in enumerate(package["resources"]):
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            raise InputError(f"{name}: resources[{position}] has no 'path' — list each CSV file with its path")
        relative = resource["path"]
        file = (path.parent / relative).resolve()
        if path.parent.resolve() not in file.parents:
            raise InputError(
                f"{name}: resources[{position}]: '{relative}' is outside the package folder — "
                "keep the CSV files beside datapackage.json"
            )
        if not os.path.lexists(file):
            raise InputError(
                f"{name}: resources[{position}]: '{relative}' does not exist — "
                "add the file or remove it from datapackage.json"
            )
        if not regular_file(file):
            raise InputError(f"{name}: resources[{position}]: '{relative}' is not a regular file — give a CSV file")
        if file.stat().st_size > max_bytes:
            raise InputError(f"{display_path(file)}: the file is larger than {max_bytes} bytes — split it")
        tables[Path(relative).name] = (display_path(file), _read_csv(file))
    return tables


def _read_csv(file: Path) -> Rows:
    name = display_path(file)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{name}: the file is not UTF-8 text — save it as CSV UTF-8") from None
    reader = csv.reader(text.splitlines(keepends=True))
    rows: list[tuple[int | None, dict[str, Any]]] = []
    try:
        header = next(reader, None)
        if header is None:
            return []
        start = reader.line_num + 1
        for values in reader:
            if len(values) > len(header):
                raise InputError(
                    f"{name}:{start}: the row has {len(values)} cells but the header has "
                    f"{len(header)} — check the quoting of this row"
                )
            row = {key: value for key, value in zip(header, values, strict=True) if value != ""}
            if row:
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError(f"{name}:{reader.line_num}: not valid CSV ({error}) — check the quoting") from None
    return rows


def _from_tables(tables: Tables, source: str) -> list[Record]:
    files = _table_files()
    by_object: dict[str, tuple[str, Rows]] = {}
    for file_name, (where, rows) in tables.items():
        if file_name in files:
            by_object[files[file_name]] = (where, rows)
    if not by_object.get("service", ("", []))[1]:
        raise InputError(f"{source}: the package has no rows in services.csv — {HOW_TO}")
    rows_of = {name: [row for _, row in rows] for name, (_, rows) in by_object.items()}
    services_file, service_rows = by_object["service"]
    # Each table indexed once by each key it is joined on: the join is linear in
    # the rows, not rows × rows (16,000 services with 16,000 phones each way).
    indexes: dict[tuple[str, str], dict[Any, list[dict[str, Any]]]] = {}

    def linked(table: str, key: str, value: Any) -> list[dict[str, Any]]:
        if value is None:
            return []
        index = indexes.get((table, key))
        if index is None:
            index = {}
            for row in rows_of.get(table, []):
                found = row.get(key)
                if isinstance(found, (str, int, float)):
                    index.setdefault(found, []).append(row)
            indexes[(table, key)] = index
        return [dict(row) for row in index.get(value, [])] if isinstance(value, (str, int, float)) else []

    def attributes_of(link_id: Any) -> list[dict[str, Any]]:
        return linked("attribute", "link_id", link_id)

    records = []
    for index, (line, row) in enumerate(service_rows):
        service = dict(row)
        sid = row.get("id")
        organizations = linked("organization", "id", row.get("organization_id"))
        if organizations:
            service["organization"] = organizations[0]
        programs = linked("program", "id", row.get("program_id"))
        if programs:
            service["program"] = programs[0]
        phones = linked("phone", "service_id", sid)
        for phone in phones:
            phone["attributes"] = attributes_of(phone.get("id"))
        service["phones"] = phones
        for key, table in (
            ("schedules", "schedule"),
            ("service_areas", "service_area"),
            ("languages", "language"),
            ("cost_options", "cost_option"),
            ("contacts", "contact"),
            ("funding", "funding"),
            ("required_documents", "required_document"),
        ):
            service[key] = linked(table, "service_id", sid)
        places = linked("service_at_location", "service_id", sid)
        for place in places:
            for location in linked("location", "id", place.get("location_id"))[:1]:
                location["addresses"] = linked("address", "location_id", location.get("id"))
                place["location"] = location
        service["service_at_locations"] = places
        service["attributes"] = attributes_of(sid)
        service = {key: value for key, value in service.items() if value not in ([], None)}
        records.append(Record(service, f"{services_file}:{line}" if line else services_file, index))
    return records
