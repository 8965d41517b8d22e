"""Check HSDS 3.0 data against the official JSON Schemas vendored in hsds_schema/.

The schemas are modular (service.json refers to phone.json and so on by
relative ``$ref``); a ``referencing`` registry resolves them from the files,
so nothing is fetched from the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from referencing import Registry

MISSING = "checking against the HSDS schemas needs jsonschema — install it with: pip install 'waymark[maintain]'"

SCHEMA_FOLDER = "hsds_schema"


@lru_cache(maxsize=1)
def object_schemas() -> dict[str, dict[str, Any]]:
    """{object name: its schema} for every vendored schema file (service, phone, ...)."""
    folder = resources.files("generator.opendata") / SCHEMA_FOLDER
    return {
        item.name[: -len(".json")]: json.loads(item.read_text(encoding="utf-8"))
        for item in folder.iterdir()
        if item.name.endswith(".json")
    }


@lru_cache(maxsize=1)
def registry() -> Registry:
    try:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
    except ModuleNotFoundError:
        raise SystemExit(f"error: {MISSING}") from None
    return Registry().with_resources(
        (f"{name}.json", Resource.from_contents(schema, default_specification=DRAFT202012))
        for name, schema in object_schemas().items()
    )


@lru_cache(maxsize=8)
def validator(object_name: str = "service") -> Draft202012Validator:
    """A validator for one HSDS object (service, organization, ...), formats checked."""
    try:
        from jsonschema import Draft202012Validator
    except ModuleNotFoundError:
        raise SystemExit(f"error: {MISSING}") from None
    return Draft202012Validator(
        {"$ref": f"{object_name}.json"}, registry=registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def problems(items: list[Any], object_name: str = "service") -> Iterator[str]:
    """One line per schema error, naming the item and the path inside it."""
    check = validator(object_name)
    for index, item in enumerate(items):
        for error in check.iter_errors(item):
            where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
            yield f"{object_name} {index}{where}: {error.message}"


# The parts of a service the importer reads; a value of the wrong type there is
# refused before mapping, with the schema's own words.
READ_FIELDS = frozenset(
    {
        "id",
        "name",
        "description",
        "url",
        "email",
        "status",
        "alert",
        "assured_date",
        "eligibility_description",
        "application_process",
        "phones",
        "schedules",
        "service_areas",
        "languages",
        "cost_options",
        "attributes",
        "organization",
        "service_at_locations",
    }
)


def _read_in_location(rest: list[Any]) -> bool:
    """Within a service-at-location the importer reads only location.addresses."""
    return not rest or (rest[0] == "location" and (len(rest) == 1 or rest[1] == "addresses"))


def type_problems(service: Any) -> list[str]:
    """ "field: what is wrong" for each value of the wrong type in a field the importer reads."""
    if not isinstance(service, dict):
        return [f"-: a service must be an object ({{...}}), not {type(service).__name__}"]
    found = []
    for error in validator("service").iter_errors(service):
        if error.validator != "type" or _text_for_scalar(error.instance, error.validator_value):
            continue
        path = list(error.absolute_path)
        if not path or path[0] not in READ_FIELDS:
            continue
        if path[0] == "service_at_locations" and not _read_in_location(path[2:]):
            continue
        where = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))
        found.append(f"{where}: {_short(error.instance)} is not {_kind(error.validator_value)}")
    return found[:20]


def _text_for_scalar(value: Any, expected: Any) -> bool:
    """Text where a number or yes/no belongs, as every CSV cell is: read as text, not refused."""
    options = set(expected if isinstance(expected, list) else [expected])
    return isinstance(value, str) and bool(options & {"number", "integer", "boolean"})


def _kind(expected: Any) -> str:
    names = {
        "string": "text",
        "number": "a number",
        "integer": "a whole number",
        "array": "a list",
        "object": "an object",
        "boolean": "true or false",
        "null": "null",
    }
    options = expected if isinstance(expected, list) else [expected]
    return " or ".join(names.get(str(o), str(o)) for o in options)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."
