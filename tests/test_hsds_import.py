"""import-hsds: every official example, bad input that writes nothing, id clashes, and the round trip."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.data import loader
from generator.data.validate import load_directory
from generator.maintain import append
from generator.opendata import hsds_export, import_text
from generator.opendata.hsds_terms import STATES_BY_AREA

from .conftest import FIXTURES, ROOT, valid_entry

TAXONOMY = ROOT / "data" / "taxonomy.yaml"
EXAMPLES = FIXTURES / "hsds-3.0" / "examples"
WITH_SERVICES = [
    "json/organization_full.json",
    "json/service_at_location_full.json",
    "json/service_at_location_list.json",
    "json/service_full.json",
    "json/service_list.json",
    "json/tabular.json",
    "csv",
]
FULL = [
    "json/organization_full.json",
    "json/service_at_location_full.json",
    "json/service_full.json",
    "json/tabular.json",
    "csv",
]
WITHOUT_SERVICES = sorted(
    {p.relative_to(EXAMPLES).as_posix() for p in (EXAMPLES / "json").glob("*.json")} - set(WITH_SERVICES)
)
FLAGS = ["--topic", "mental-health", "--region", "england/dudley", "--source", "https://example.com/counselling"]


@pytest.fixture
def target(tmp_path: Path) -> Path:
    shutil.copy(TAXONOMY, tmp_path / "taxonomy.yaml")
    return tmp_path / "resources.yaml"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["import-hsds", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def entries(path: Path):
    return {e.id: e for e in load_directory(path, path.with_name("taxonomy.yaml")).entries}


def test_every_official_example_is_covered():
    found = {p.relative_to(EXAMPLES).as_posix() for p in (EXAMPLES / "json").glob("*.json")} | {"csv"}
    assert found == set(WITH_SERVICES) | set(WITHOUT_SERVICES)
    assert (EXAMPLES / "csv" / "datapackage.json").is_file()


@pytest.mark.parametrize("example", WITH_SERVICES)
def test_each_official_example_with_services_imports(capsys, target, example):
    code, out, err = run(capsys, EXAMPLES / example, "--into", target, *FLAGS, "--addresses")
    assert code == 0, err
    entry = entries(target)["community-counselling"]
    assert entry.name == "Community Counselling"
    assert entry.publisher == "Example Organization Inc."
    assert entry.summary.startswith("Counselling Services provided by trained professionals.")
    assert entry.kind == "local-service" and entry.audience == ["public"] and entry.topics == ["mental-health"]
    assert [(r.region, r.area) for r in entry.regions] == [("england", "dudley")]
    assert entry.last_reviewed.isoformat() == "2005-01-01"  # assured_date: the example was last checked in 2005
    assert entry.sources == ["https://example.com/counselling"]
    assert entry.url is None  # the example's address is http://
    assert "url: not mapped — 'http://example.com/counselling' is not an https:// address" in out
    assert out.rstrip().endswith("Added 1 entry to " + str(target) + " (0 skipped). Review them, then run check.")


@pytest.mark.parametrize("example", FULL)
def test_full_examples_map_contact_cost_languages_and_address(capsys, target, example):
    code, out, err = run(capsys, EXAMPLES / example, "--into", target, *FLAGS, "--addresses")
    assert code == 0, err
    entry = entries(target)["community-counselling"]
    phone = entry.phones[0]
    assert phone.number == "+44 1234 234567"  # the example's embedded quotes are removed
    assert phone.note.startswith("Extension 100. Our main reception phone number.")
    assert entry.contact.email == "email@example.com"
    assert entry.contact.hours.startswith("The service is available from 10 am to 6pm weekdays.")
    assert entry.cost == "paid" and entry.languages == ["ur"]
    assert entry.eligibility.startswith("This service is intended for all people aged 12 and over")
    assert (entry.address.street, entry.address.locality, entry.address.postcode) == (
        "1-30 Main Street, MyVillage",
        "MyCity",
        "ABC 1234",
    )
    assert entry.status == "active" and entry.status_note is None


def test_json_and_csv_forms_of_the_example_give_the_same_entry(capsys, tmp_path):
    results = []
    for example in ("json/service_full.json", "csv"):
        folder = tmp_path / example.replace("/", "-")
        folder.mkdir()
        shutil.copy(TAXONOMY, folder / "taxonomy.yaml")
        assert run(capsys, EXAMPLES / example, "--into", folder / "resources.yaml", *FLAGS, "--addresses")[0] == 0
        results.append(entries(folder / "resources.yaml"))
    assert results[0] == results[1]


@pytest.mark.parametrize("example", WITHOUT_SERVICES)
def test_examples_without_services_are_refused_clearly(capsys, target, example):
    code, out, err = run(capsys, EXAMPLES / example, "--into", target, *FLAGS)
    assert code == 1
    assert f"{Path(example).name}: holds no services" in err
    assert f"Nothing was written to {target}." in err
    assert not target.exists()


def test_unmapped_fields_are_reported_field_by_field(capsys, target):
    code, out, _ = run(capsys, EXAMPLES / "json" / "service_full.json", "--into", target, *FLAGS)
    assert code == 0
    lines = out.splitlines()
    for field in (
        "accreditations",
        "alternate_name",
        "interpretation_services",
        "fees_description",
        "wait_time",
        "licenses",
        "minimum_age",
        "funding",
        "program",
        "required_documents",
        "contacts",
        "metadata",
    ):
        expected = (
            f"service_full.json: service 'Community Counselling': {field}: not mapped — Waymark has no field for it"
        )
        assert any(line.endswith(expected) for line in lines), field
    assert any("service_at_locations[0].location: latitude and longitude never imported" in line for line in lines)
    assert any("addresses: not imported — pass --addresses" in line for line in lines)
    assert any("schedules[0]: attending_type, byday" in line for line in lines)
    assert "address" not in target.read_text(encoding="utf-8")


def test_what_hsds_does_not_carry_must_come_from_options(capsys, target):
    code, out, err = run(capsys, EXAMPLES / "csv", "--into", target)
    assert code == 1
    lines = err.splitlines()
    where = "csv/services.csv:2: service 'Community Counselling'"
    assert any(where in line and ": topics: " in line and "pass --topic" in line for line in lines)
    assert any(where in line and ": regions: " in line and "pass --region" in line for line in lines)
    assert any(where in line and ": sources: " in line and "pass --source" in line for line in lines)
    assert lines[-1] == f"3 problems in the input. Nothing was written to {target}."
    assert not target.exists()


def test_bad_options_are_named(capsys, target):
    code, _, err = run(
        capsys,
        EXAMPLES / "csv",
        "--into",
        target,
        "--topic",
        "mental-heath",
        "--region",
        "england/nowhere",
        "--source",
        "http://example.com/",
    )
    assert code == 1
    assert "--topic mental-heath: not a topic in the taxonomy" in err
    assert "--region england/nowhere: 'nowhere' is not an area of england" in err
    assert "--source http://example.com/: not an https:// web address" in err


# --- nothing half-written --------------------------------------------------------------


@pytest.fixture
def existing(target: Path) -> bytes:
    text = ("# my directory\n" + valid_entry(id="community-counselling", name="Our own entry")).encode()
    text = text.rstrip(b"\n")  # no newline at the end: the import must add one, not change a line
    target.write_bytes(text)
    return text


def test_an_existing_id_is_skipped_and_never_overwritten(capsys, target, existing):
    code, out, err = run(capsys, EXAMPLES / "json" / "service_full.json", "--into", target, *FLAGS)
    assert code == 0, err
    assert f"skipped — the id 'community-counselling' is already in {target}; it was not changed" in out
    assert target.read_bytes() == existing
    assert entries(target)["community-counselling"].name == "Our own entry"


def test_new_entries_are_added_after_the_existing_text(capsys, target, existing, tmp_path):
    services = json.loads((EXAMPLES / "json" / "service_full.json").read_text())
    other = {**services, "id": "5a4e8a6e-7c5c-4f64-9a55-2b7cc8d7a4f1", "name": "Second Service"}
    source = tmp_path / "two.json"
    source.write_text(json.dumps([services, other]))
    code, out, err = run(capsys, source, "--into", target, *FLAGS)
    assert code == 0, err
    after = target.read_bytes()
    assert after.startswith(existing + b"\n")
    assert set(entries(target)) == {"community-counselling", "second-service"}
    assert "(1 skipped)" in out


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"name": "Broken", ', "service.json:1:20: not valid JSON"),
        ("[]", "holds no services"),
        ('{"version": "3.0"}', "holds no services (it holds an object HSDS does not describe)"),
        (
            '[{"name": "A", "status": "active"}, {"id": "1", "code": "c", "name": "n", "description": "d"}]',
            "service.json: item 2 is taxonomy term, not a service",
        ),
        (
            '{"contents": [{"name": "A"}, {"description": "no name"}]}',
            "item 2 is an object HSDS does not describe, not a service — check it is complete",
        ),
    ],
)
def test_unreadable_input_writes_nothing(capsys, target, existing, tmp_path, content, message):
    source = tmp_path / "service.json"
    source.write_text(content)
    code, _, err = run(capsys, source, "--into", target, *FLAGS)
    assert code == 1 and message in err
    assert target.read_bytes() == existing


def test_a_partial_csv_package_names_the_file_and_line(capsys, target, tmp_path):
    package = tmp_path / "package"
    shutil.copytree(EXAMPLES / "csv", package)
    services = (package / "services.csv").read_text(encoding="utf-8").splitlines()
    row = services[1].split(",")
    row[0], row[3] = "0f5e1a8c-2d7b-4c8e-9b3a-6f1d2e3c4b5a", ""  # a second service with no name
    (package / "services.csv").write_text("\n".join([*services, ",".join(row)]) + "\n", encoding="utf-8")
    code, _, err = run(capsys, package, "--into", target, *FLAGS)
    assert code == 1
    assert "services.csv:3: service 2: name: the service has no name — give every service a name in the input" in err
    assert not target.exists()
    (package / "phones.csv").unlink()
    code, _, err = run(capsys, package / "datapackage.json", "--into", target, *FLAGS)
    assert code == 1 and "'phones.csv' does not exist — add the file or remove it from datapackage.json" in err


def test_entries_that_fail_the_check_are_reported_against_their_service(capsys, target):
    before = valid_entry(id="kept").encode()
    target.write_bytes(before)
    # A local service needs an area; the region alone is not enough.
    code, _, err = run(
        capsys,
        EXAMPLES / "json" / "service_list.json",
        "--into",
        target,
        "--topic",
        "mental-health",
        "--region",
        "england",
        "--source",
        "https://example.com/",
    )
    assert code == 1
    assert (
        "service_list.json: service 'Community Counselling' (entry 'community-counselling'): regions: "
        "a local service needs the area it serves"
    ) in err
    assert target.read_bytes() == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["resources.yaml", "taxonomy.yaml"]


def test_a_data_file_with_problems_is_left_alone(capsys, target):
    target.write_text("- id: broken\n")
    code, _, err = run(capsys, EXAMPLES / "csv", "--into", target, *FLAGS)
    assert code == 1 and "has problems: fix them first" in err
    assert target.read_text() == "- id: broken\n"


def test_dry_run_prints_and_writes_nothing(capsys, target):
    code, out, _ = run(capsys, EXAMPLES / "csv", "--into", target, *FLAGS, "--dry-run")
    assert code == 0
    assert "- id: community-counselling\n  name: Community Counselling\n" in out
    assert "Dry run: 1 entry would be added" in out
    assert not target.exists()


# --- the round trip: our data → HSDS → import → the same entries ----------------------


def hsds_can_carry_address(entry, taxonomy) -> bool:
    address = entry.address
    postal = {r for r, term in taxonomy.regions.items() if term.country and (term.nation or r in STATES_BY_AREA)}
    return bool(address and address.street and address.postcode and {ref.region for ref in entry.regions} & postal)


@pytest.mark.parametrize("data", [FIXTURES / "mini" / "data" / "resources.yaml", ROOT / "data" / "resources.yaml"])
def test_round_trip_gives_the_same_entries(capsys, target, tmp_path, data):
    directory = load_directory(data, TAXONOMY)
    exported = tmp_path / "services.json"
    exported.write_text(hsds_export.services_json(directory), encoding="utf-8")
    code, _, err = run(capsys, exported, "--into", target, "--addresses")
    assert code == 0, err
    back = entries(target)
    assert list(back) == [entry.id for entry in directory.published]
    for original in directory.published:
        expected = (
            original
            if hsds_can_carry_address(original, directory.taxonomy)
            else original.model_copy(update={"address": None})
        )
        assert back[original.id] == expected, original.id
    assert any(e.address for e in back.values())


# --- YAML written for new entries reads back as the same text ------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=80))
def test_any_text_is_written_so_that_it_reads_back_unchanged(text):
    value = import_text.line(text)
    if value is None:
        return
    loaded = loader.load_text(append.entry_yaml({"id": "x", "name": value, "topics": ["a-b", "c"]}))
    assert not loaded.problems, (value, loaded.problems)
    assert dict(loaded.data[0]) == {"id": "x", "name": value, "topics": ["a-b", "c"]}


@pytest.mark.parametrize(
    "text",
    [
        "null",
        "~",
        "NO",
        "- dash",
        "# hash",
        "a: b",
        "a #b",
        "ends:",
        "'quoted'",
        '"double"',
        "@at",
        "[list]",
        "{map}",
        "&anchor",
        "*alias",
        "!tag",
        "%percent",
        "|pipe",
        ">fold",
        "`tick`",
        "é accent",
        "\u2028line",
    ],
)
def test_awkward_text_is_quoted(text):
    value = import_text.line(text) or text
    loaded = loader.load_text(append.entry_yaml({"id": "x", "name": value}))
    assert not loaded.problems and loaded.data[0]["name"] == value


def test_the_readme_import_example_works(capsys, monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("To import, for example", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    args = block.replace("\\\n", " ").split()
    assert args[:3] == [".venv/bin/python", "-m", "generator"] and "--dry-run" in args
    before = (ROOT / "data" / "resources.yaml").read_bytes()
    monkeypatch.chdir(ROOT)
    code = main(args[3:])
    out = capsys.readouterr().out
    assert code == 0 and "Dry run: 1 entry would be added to data/resources.yaml" in out
    assert (ROOT / "data" / "resources.yaml").read_bytes() == before
