"""Confidential locations: no street address outside a public location, and no coordinates anywhere.

The data check already refuses an address with area-only or contact-only
visibility. These tests take that lock away (by building entries that skip
the check) to show that every page and export is locked as well.
"""

from __future__ import annotations

import json

import pytest

from generator.data.validate import Directory, load_directory
from generator.opendata import exports, hsds_export
from generator.site import jsonld, pages

from .conftest import FIXTURES, ROOT

TAXONOMY = ROOT / "data" / "taxonomy.yaml"
STREET, POSTCODE = "1 Example Street", "ZZ99 9ZZ"  # paused-service's address in the mini fixture


@pytest.fixture(scope="module")
def mini() -> Directory:
    return load_directory(FIXTURES / "mini" / "data" / "resources.yaml", TAXONOMY)


def with_visibility(directory: Directory, visibility: str) -> Directory:
    """Every entry given the mini fixture's address and this visibility, past the data check."""
    address = directory.by_id["paused-service"].address
    entries = tuple(
        e.model_copy(update={"location_visibility": visibility, "address": address}) for e in directory.entries
    )
    return Directory(entries, directory.taxonomy, directory.today)


def everything_published(directory: Directory) -> dict[str, str]:
    """Every text we publish from the data: export files, page bodies and JSON-LD."""
    texts = dict(exports.open_data_files(directory, "Mini"))
    for page in pages.build_pages(directory):
        texts[page.src_uri] = page.html + json.dumps(page.meta, default=str)
    for entry in directory.published:
        texts[f"jsonld:{entry.id}"] = jsonld.script_text(jsonld.entry_jsonld(entry, directory.taxonomy))
    texts["hsds:direct"] = json.dumps([hsds_export.service(e, directory.taxonomy) for e in directory.published])
    texts["csv:rows"] = json.dumps([exports.csv_row(e) for e in directory.published])
    texts["json:entries"] = json.dumps([exports.entry_data(e) for e in directory.published])
    return texts


def test_a_public_address_is_published_where_it_belongs(mini):
    texts = everything_published(with_visibility(mini, "public"))
    for name in (
        exports.JSON_PATH,
        exports.CSV_PATH,
        hsds_export.SERVICES_PATH,
        "jsonld:paused-service",
        "entries/paused-service.md",
    ):  # the entry page shows it under "Address"
        assert STREET in texts[name] and POSTCODE in texts[name], name


@pytest.mark.parametrize("visibility", ["area-only", "contact-only"])
def test_a_confidential_address_leaks_nowhere(mini, visibility):
    texts = everything_published(with_visibility(mini, visibility))
    assert len(texts) > 20
    for name, text in texts.items():
        assert STREET not in text and POSTCODE not in text, f"{visibility}: {name}"
        assert "Example Street" not in text, name


def test_the_built_site_has_no_coordinates_and_no_confidential_address(mini_site, real_site):
    for site in (mini_site, real_site):
        for path in site.root.rglob("*"):
            if path.suffix not in (".html", ".json", ".csv"):
                continue
            text = path.read_text(encoding="utf-8")
            for key in ('"latitude"', '"longitude"', '"geo"', '"GeoCoordinates"'):
                assert key not in text, f"{path}: {key}"
    # In the mini fixture only the public location's address is published.
    holders = sorted(
        p.relative_to(mini_site.root).as_posix()
        for p in mini_site.root.rglob("*")
        if p.is_file() and p.suffix in (".html", ".json", ".csv") and POSTCODE in p.read_text(encoding="utf-8")
    )
    assert holders == [
        "data/resources.csv",
        "data/resources.json",
        "entries/paused-service/index.html",
        "hsds/services.json",
    ]


def test_real_confidential_entries_publish_no_address(real_site):
    directory = load_directory(ROOT / "data" / "resources.yaml", TAXONOMY)
    hidden = [e for e in directory.published if e.location_visibility != "public"]
    document = json.loads((real_site.root / exports.JSON_PATH).read_text(encoding="utf-8"))
    services = json.loads((real_site.root / hsds_export.SERVICES_PATH).read_text(encoding="utf-8"))
    by_id = {e["id"]: e for e in document["entries"]}
    for entry in hidden:
        assert "address" not in by_id[entry.id]
        service = next(s for s in services if s["id"] == hsds_export.service_id(entry.id))
        assert "service_at_locations" not in service
