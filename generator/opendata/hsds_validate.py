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
