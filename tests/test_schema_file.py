"""data/resources.schema.json is generated from the models and must not go stale."""

from __future__ import annotations

import json

import jsonschema
import pytest

from generator.data.schema import ENTRY_FIELDS, json_schema, json_schema_text
from generator.data.validate import read_taxonomy

from .conftest import ROOT, TAXONOMY

SCHEMA_FILE = ROOT / "data" / "resources.schema.json"


def test_schema_file_is_up_to_date():
    expected = json_schema_text(read_taxonomy(TAXONOMY))
    assert SCHEMA_FILE.read_text(encoding="utf-8") == expected, (
        "data/resources.schema.json is stale: run `python -m generator schema --write`"
    )


def test_data_file_points_editors_at_the_schema():
    first_line = (ROOT / "data" / "resources.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=resources.schema.json"


def test_schema_is_valid_and_lists_taxonomy_ids():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    entry = schema["$defs"]["Entry"]
    assert entry["additionalProperties"] is False
    assert set(entry["properties"]) == set(ENTRY_FIELDS)
    assert "domestic-abuse" in entry["properties"]["topics"]["items"]["enum"]
    assert all(prop.get("description") for prop in entry["properties"].values())


@pytest.mark.parametrize(
    "entry, valid",
    [
        (
            {
                "id": "x",
                "name": "X",
                "kind": "toolkit",
                "summary": "S",
                "publisher": "P",
                "audience": ["public"],
                "topics": ["crisis"],
                "regions": ["uk", {"region": "england", "area": "dudley"}],
                "last_reviewed": "2026-01-01",
                "sources": ["https://example.org/"],
                "crisis": False,
                "review_every_months": 12,
            },
            True,
        ),
        (
            {
                "id": "x",
                "name": "X",
                "kind": "toolkit",
                "summary": "S",
                "publisher": "P",
                "audience": ["public"],
                "topics": ["not-a-topic"],
                "regions": ["uk"],
                "last_reviewed": "2026-01-01",
                "sources": ["https://example.org/"],
            },
            False,
        ),
        (
            {
                "id": "x",
                "name": "X",
                "kind": "toolkit",
                "summary": "S",
                "publisher": "P",
                "audience": ["public"],
                "topics": ["crisis"],
                "regions": ["uk"],
                "last_reviewed": "2026-01-01",
                "sources": ["https://example.org/"],
                "colour": "red",
            },
            False,
        ),
    ],
)
def test_schema_accepts_what_editors_should_accept(entry, valid):
    validator = jsonschema.Draft202012Validator(json_schema(read_taxonomy(TAXONOMY)))
    assert validator.is_valid([entry]) is valid


def test_every_fixed_vocabulary_has_one_label_per_id_in_order():
    import typing

    from generator.data import schema

    pairs = [
        (schema.Kind, schema.KINDS),
        (schema.Audience, schema.AUDIENCES),
        (schema.Cost, schema.COSTS),
        (schema.Format, schema.FORMATS),
        (schema.Access, schema.ACCESS),
        (schema.CrisisNeed, schema.CRISIS_NEEDS),
        (schema.PracticeLevel, schema.PRACTICE_LEVELS),
        (schema.Visibility, schema.VISIBILITY),
    ]
    for literal, table in pairs:
        assert list(table) == list(typing.get_args(literal))
    with pytest.raises(RuntimeError, match="do not match"):
        schema._labels(schema.Cost, {"free": "Free", "paid": "Paid"})
