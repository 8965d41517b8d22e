"""Open data: our JSON (valid against its published schema) and CSV, built on every site build."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from generator.data.validate import load_directory
from generator.opendata import exports

from .conftest import FIXTURES, ROOT, valid_entry

MINI_DATA = FIXTURES / "mini" / "data" / "resources.yaml"
TAXONOMY = ROOT / "data" / "taxonomy.yaml"
MINI_PUBLISHED = {"calm-line", "hand-written", "old-toolkit", "paused-service", "us-course", "study"}


@pytest.fixture(scope="module")
def mini():
    return load_directory(MINI_DATA, TAXONOMY)


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


# --- the files in a built site ---------------------------------------------------------


@pytest.mark.parametrize("site_name", ["mini_site", "real_site"])
def test_every_build_publishes_the_open_data_files(request, site_name):
    site = request.getfixturevalue(site_name)
    for path in (exports.JSON_PATH, exports.SCHEMA_PATH, exports.CSV_PATH, "hsds/services.json"):
        assert (site.root / path).is_file(), path
    document = json.loads((site.root / exports.JSON_PATH).read_text(encoding="utf-8"))
    schema = json.loads((site.root / exports.SCHEMA_PATH).read_text(encoding="utf-8"))
    assert document["$schema"] == "resources.schema.json"
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER).validate(
        document
    )
    assert document["count"] == len(document["entries"])
    rows = read_csv((site.root / exports.CSV_PATH).read_bytes().decode("utf-8"))
    assert [row["id"] for row in rows] == [entry["id"] for entry in document["entries"]]


def test_mini_exports_every_published_entry_and_no_closed_one(mini_site):
    document = json.loads((mini_site.root / exports.JSON_PATH).read_text(encoding="utf-8"))
    assert {entry["id"] for entry in document["entries"]} == MINI_PUBLISHED
    assert document["licence"]["name"] == "CC BY 4.0"
    for path in mini_site.root.joinpath("data").iterdir():
        assert "closed-programme" not in path.read_text(encoding="utf-8"), path
        assert "Closed programme" not in path.read_text(encoding="utf-8"), path


def test_real_site_exports_as_many_entries_as_it_publishes(real_site):
    directory = load_directory(ROOT / "data" / "resources.yaml", TAXONOMY)
    document = json.loads((real_site.root / exports.JSON_PATH).read_text(encoding="utf-8"))
    assert document["count"] == len(directory.published) >= 55


def test_json_entries_keep_the_data_file_model(mini):
    calm = next(e for e in exports.resources_document(mini)["entries"] if e["id"] == "calm-line")
    assert calm["name"] == 'Calm <script>alert("name")</script> & "Line"'
    assert calm["contact"]["phones"][1] == {
        "number": "85258",
        "type": "text",
        "keyword": "CALM",
        "hours": "24 hours a day",
        "relay_uk": False,
    }
    assert calm["contact"]["webchat"] == "https://example.org/calm/chat"
    assert calm["regions"] == [{"region": "uk"}]
    assert calm["last_reviewed"] == "2026-10-01"
    assert "status_note" not in calm  # nothing written for an empty field


def test_the_open_data_page_links_to_every_file(real_site):
    page = real_site.page("open-data/")
    links = {a["href"] for a in page.select("article a")}
    assert {
        "../data/resources.json",
        "../data/resources.schema.json",
        "../data/resources.csv",
        "../hsds/services.json",
    } <= links
    text = page.select_one("article").get_text(" ", strip=True)
    assert "CC BY 4.0" in text and "belong to the organisations that publish them" in text
    assert "Human Services Data Specification: an Open Referral resource" in text
    footer = {a.get_text(): a["href"] for a in real_site.page("").select(".wm-footer a")}
    assert footer["Open data"] == "open-data/"
    nav = {a["href"] for a in real_site.page("").select("nav.md-nav--primary a")}
    assert "open-data/" in nav


# --- CSV ------------------------------------------------------------------------------


def test_csv_has_a_header_one_row_per_entry_and_readable_lists(mini):
    text = exports.resources_csv(mini)
    assert text.startswith("\ufeffid,name,kind,summary")
    rows = {row["id"]: row for row in read_csv(text)}
    assert set(rows) == MINI_PUBLISHED
    calm = rows["calm-line"]
    assert (
        calm["phones"] == "Call 0808 000 1111 (24 hours a day, Free from mobiles); Text CALM to 85258 (24 hours a day)"
    )
    assert calm["topics"] == "emotional-support; crisis"
    assert calm["crisis"] == "true"
    assert rows["old-toolkit"]["settings"] == "health-care; social-care"
    assert rows["paused-service"]["regions"] == "england/dudley"
    assert rows["paused-service"]["street"] == "1 Example Street"
    # Paragraphs stay inside one quoted cell.
    assert rows["calm-line"]["description"].count("\n\n") == 1


@pytest.mark.parametrize("text", ["=1+1", "+44 7000", "-2", "@SUM(A1)", "\tTabbed", "\rReturn"])
def test_formula_cells_are_neutralised(text):
    assert exports.neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Plain", "1+1=2", "", "'quoted"])
def test_ordinary_cells_are_left_alone(text):
    assert exports.neutralise(text) == text


def test_a_hostile_entry_cannot_put_a_formula_in_the_spreadsheet(write_data):
    path = write_data(
        valid_entry(
            name="'=HYPERLINK(\"https://evil.example\")'", summary="'-1+2'", publisher="'@evil'", eligibility="'+cmd'"
        )
    )
    directory = load_directory(path, path.with_name("taxonomy.yaml"))
    row = read_csv(exports.resources_csv(directory))[0]
    assert row["name"] == '\'=HYPERLINK("https://evil.example")'
    assert row["summary"] == "'-1+2"
    assert row["publisher"] == "'@evil"
    assert row["eligibility"] == "'+cmd"
    for value in row.values():
        assert not value.startswith(exports.FORMULA_STARTS), value


def test_export_command_writes_the_same_files_as_the_build(mini_site, tmp_path, capsys):
    from generator.cli import main

    code = main(
        ["export", str(MINI_DATA), "--taxonomy", str(TAXONOMY), "--out", str(tmp_path), "--site-name", "Mini directory"]
    )
    assert code == 0
    for path in (exports.JSON_PATH, exports.SCHEMA_PATH, exports.CSV_PATH, "hsds/services.json"):
        assert (tmp_path / path).read_bytes() == (mini_site.root / path).read_bytes(), path
    assert f"wrote {tmp_path / exports.CSV_PATH}" in capsys.readouterr().out


def test_export_command_refuses_bad_data(write_data, tmp_path, capsys):
    from generator.cli import main

    path = write_data("- id: lonely\n")
    assert main(["export", str(path), "--out", str(tmp_path / "out")]) == 1
    assert "required field 'name' is missing" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
