"""The HSDS 3.0 export: full service objects that pass the official schemas, on every build."""

from __future__ import annotations

import copy
import json
import uuid

import pytest
from jsonschema import Draft202012Validator

from generator.data.validate import load_directory
from generator.opendata import hsds_export, hsds_validate

from .conftest import FIXTURES, ROOT, valid_entry

TAXONOMY = ROOT / "data" / "taxonomy.yaml"
EXAMPLES = FIXTURES / "hsds-3.0" / "examples" / "json"


@pytest.fixture(scope="module")
def mini():
    return load_directory(FIXTURES / "mini" / "data" / "resources.yaml", TAXONOMY)


def by_entry(services: list[dict]) -> dict[str, dict]:
    return {next(a["value"] for a in s["attributes"] if a["link_type"] == "waymark:id"): s for s in services}


@pytest.mark.parametrize("site_name", ["mini_site", "real_site"])
def test_every_build_writes_services_that_pass_the_official_schemas(request, site_name):
    site = request.getfixturevalue(site_name)
    services = json.loads((site.root / hsds_export.SERVICES_PATH).read_text(encoding="utf-8"))
    assert isinstance(services, list) and services
    # jsonschema directly, with the vendored schema files resolved by referencing (no network).
    validator = Draft202012Validator(
        {"$ref": "service.json"}, registry=hsds_validate.registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    for service in services:
        validator.validate(service)
    assert list(hsds_validate.problems(services)) == []


def test_the_validator_rejects_what_the_schema_forbids(mini):
    services = hsds_export.services(mini)
    broken = copy.deepcopy(by_entry(services)["calm-line"])
    broken["id"] = "calm-line"
    broken["status"] = "open"
    del broken["name"]
    broken["phones"][0]["extension"] = "ten"
    found = list(hsds_validate.problems([broken]))
    assert any(".id" in line and "uuid" in line for line in found)
    assert any("'name' is a required property" in line for line in found)
    assert any(".status" in line for line in found)
    assert any(".phones[0].extension" in line for line in found)


def test_the_official_example_passes_the_vendored_schemas():
    assert list(hsds_validate.problems([json.loads((EXAMPLES / "service_full.json").read_text())])) == []


def test_ids_are_stable_uuids_made_from_our_ids(mini):
    first, again = hsds_export.services(mini), hsds_export.services(mini)
    assert first == again
    service = by_entry(first)["calm-line"]
    assert service["id"] == str(uuid.uuid5(hsds_export.NAMESPACE, "service/calm-line"))
    assert uuid.UUID(service["organization_id"]).version == 5
    assert service["organization"]["id"] == service["organization_id"]
    all_ids = [
        item["id"]
        for s in first
        for key in ("phones", "service_areas", "languages", "attributes")
        for item in s.get(key, [])
    ] + [s["id"] for s in first]
    assert len(all_ids) == len(set(all_ids))


def test_a_service_carries_what_hsds_can_hold(mini):
    services = by_entry(hsds_export.services(mini))
    assert set(services) == {"calm-line", "hand-written", "old-toolkit", "paused-service", "us-course", "study"}
    calm = services["calm-line"]
    assert calm["name"] == 'Calm <script>alert("name")</script> & "Line"'
    assert calm["description"].startswith(
        '</title><script>alert("summary")</script> A free line to talk.\n\nFirst paragraph'
    )
    assert calm["status"] == "active"
    assert calm["email"] == "help@example.org"
    assert calm["organization"]["name"] == "Example <b>charity</b>"
    assert calm["assured_date"] == "2026-10-01"
    assert [(p["number"], p["type"], p.get("description")) for p in calm["phones"]] == [
        ("0808 000 1111", "voice", "24 hours a day. Free from mobiles"),
        ("85258", "text", "Text CALM. 24 hours a day"),
    ]
    assert calm["service_areas"][0]["name"] == "UK-wide"
    assert calm["cost_options"] == [
        {"id": calm["cost_options"][0]["id"], "service_id": calm["id"], "option": "Free", "amount": 0}
    ]
    topics = [a["taxonomy_term"]["name"] for a in calm["attributes"] if a["link_type"] == "waymark:topics"]
    assert topics == ["Emotional support", "Crisis support"]
    paused = services["paused-service"]
    assert paused["status"] == "temporarily closed"
    assert paused["alert"] == "Not taking new referrals until further notice."
    assert paused["application_process"] == "Needs a referral from a professional"
    address = paused["service_at_locations"][0]["location"]["addresses"][0]
    assert (
        address["address_1"],
        address["city"],
        address["postal_code"],
        address["state_province"],
        address["country"],
    ) == ("1 Example Street", "Dudley", "ZZ99 9ZZ", "England", "GB")
    assert services["us-course"]["cost_options"][0]["option"] == "Paid"


def test_free_text_hours_become_a_schedule_description(write_data):
    from .conftest import valid_entry

    path = write_data(
        valid_entry(contact='\n    hours: "Monday to Friday, 9am to 5pm"\n    phones:\n      - number: "0808 000 0000"')
    )
    directory = load_directory(path, path.with_name("taxonomy.yaml"))
    service = hsds_export.services(directory)[0]
    assert [s["description"] for s in service["schedules"]] == ["Monday to Friday, 9am to 5pm"]
    assert set(service["schedules"][0]) == {"id", "service_id", "description"}
    assert list(hsds_validate.problems([service])) == []


def test_no_service_carries_coordinates(real_site):
    text = (real_site.root / hsds_export.SERVICES_PATH).read_text(encoding="utf-8")
    assert '"latitude"' not in text and '"longitude"' not in text


@pytest.mark.parametrize("parts", [("service", "calm-line"), ("term", "topics", "crisis"), ("x",), ("é", "ü/ß")])
def test_stable_ids_are_standard_uuid5(parts):
    assert hsds_export.stable_id(*parts) == str(uuid.uuid5(hsds_export.NAMESPACE, "/".join(parts)))


def test_an_address_with_markup_characters_is_percent_encoded_and_passes_the_uri_format(write_data):
    from generator.data.validate import load_directory
    from generator.opendata import hsds_validate

    path = write_data(valid_entry(url='"https://example.org/a\\"b<c>d/é"', sources="[https://example.org/about]"))
    directory = load_directory(path, path.with_name("taxonomy.yaml"))
    service = hsds_export.service(directory.entries[0], directory.taxonomy)
    assert service["url"] == "https://example.org/a%22b%3Cc%3Ed/%C3%A9"
    assert list(hsds_validate.problems([service])) == []
    assert list(hsds_validate.problems([{**service, "url": 'https://example.org/a"b'}]))  # the format is checked
