"""The benchmark's parts that can be checked without timing anything:
synthetic data that validates and repeats for a seed, the baseline's pages and
configurations, the gzip server, and the results writer."""

from __future__ import annotations

import gzip
import json
import urllib.request
from datetime import date

import pytest
import yaml

from benchmarks import report, sites, sizes, synthetic
from benchmarks.server import GzipServer
from generator.data.schema import KINDS
from generator.data.validate import load_directory
from generator.site.facets import FACETS

from .conftest import ROOT, TAXONOMY

COUNT = 30


@pytest.fixture(scope="module")
def data_file(tmp_path_factory):
    return synthetic.write(tmp_path_factory.mktemp("bench") / "resources.yaml", COUNT, 7, TAXONOMY)


@pytest.fixture(scope="module")
def directory(data_file):
    return load_directory(data_file, data_file.with_name("taxonomy.yaml"), today=synthetic.REFERENCE_DAY)


def test_synthetic_data_validates(directory):
    assert len(directory.entries) == COUNT
    assert len({entry.id for entry in directory.entries}) == COUNT


def test_same_seed_same_data_other_seed_other_data():
    first = synthetic.generate(COUNT, 7, TAXONOMY)
    assert synthetic.generate(COUNT, 7, TAXONOMY) == first
    assert synthetic.generate(COUNT, 8, TAXONOMY) != first


def test_every_kind_and_every_field_is_used(directory):
    assert {entry.kind for entry in directory.entries} == set(KINDS)
    plain = [entry.model_dump(exclude_defaults=True) for entry in directory.entries]
    used = set().union(*plain)
    # Defaults that are written out explicitly still count as used.
    text_fields = set().union(*(e for e in yaml.safe_load(synthetic.generate(COUNT, 7, TAXONOMY))))
    from generator.data.schema import ENTRY_FIELDS

    assert set(ENTRY_FIELDS) <= used | text_fields


def test_every_region_and_area_is_used_at_a_hundred_entries(tmp_path):
    path = synthetic.write(tmp_path / "resources.yaml", 100, 3, TAXONOMY)
    found = load_directory(path, path.with_name("taxonomy.yaml"), today=synthetic.REFERENCE_DAY)
    regions = {ref.region for e in found.entries for ref in e.regions}
    areas = {(ref.region, ref.area) for e in found.entries for ref in e.regions if ref.area}
    vocab = synthetic.Vocabulary.from_taxonomy(TAXONOMY)
    assert regions == set(vocab.regions)
    assert areas == set(vocab.areas)
    assert {t for e in found.entries for t in e.topics} == set(vocab.topics)


def test_phone_numbers_are_from_fictional_ranges_and_links_from_example_domains(directory):
    for entry in directory.entries:
        for phone in entry.phones:
            number = phone.number
            assert number.startswith(("01632 960", "07700 900", "202-555-01")), number
        for url in [entry.url, *entry.sources]:
            if url:
                host = url.split("/")[2]
                assert host in synthetic.DOMAINS, url


def test_review_dates_are_not_after_the_reference_day(directory):
    assert all(entry.last_reviewed <= synthetic.REFERENCE_DAY <= date.today() for entry in directory.entries)


def test_baseline_pages_carry_each_entry(tmp_path, data_file):
    plain = synthetic.as_plain(data_file)
    written = sites.write_baseline_docs(plain, tmp_path / "docs")
    published = [e for e in plain if e.get("status") != "closed"]
    assert written == len(published)
    entry = published[0]
    page = (tmp_path / "docs" / "entries" / f"{entry['id']}.md").read_text(encoding="utf-8")
    assert page.startswith(f"# {entry['name']}\n")
    assert entry["summary"] in page and entry["sources"][0] in page
    assert (tmp_path / "docs" / "index.md").exists()  # the hand-written pages come along
    assert (tmp_path / "docs" / "assets" / "stylesheets" / "waymark.css").exists()


def test_configurations_keep_the_theme_and_drop_only_the_plugin(tmp_path, data_file):
    waymark = sites.waymark_config(data_file, tmp_path / "site", tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    baseline = sites.baseline_config(tmp_path / "docs", tmp_path / "base", tmp_path / "base.yml").read_text(
        encoding="utf-8"
    )
    assert f"resources: {data_file}" in waymark and "custom_dir" not in waymark  # the plugin adds its theme
    assert "- waymark" not in baseline and "resources:" not in baseline
    assert "- search" in baseline and f"custom_dir: {ROOT / 'generator' / 'theme'}" in baseline
    assert "quick_exit_url:" in baseline
    for text in (waymark, baseline):
        assert "nav:" in text and "font: false" in text


def test_gzip_server_sends_text_compressed_and_logs_it(tmp_path):
    page = ("<p>" + "hello " * 500 + "</p>").encode()
    (tmp_path / "index.html").write_bytes(page)
    (tmp_path / "404.html").write_bytes(b"missing")
    with GzipServer(tmp_path) as server:
        start = server.mark()
        request = urllib.request.Request(server.url(""), headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == page
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(server.url("nowhere/"))
        assert missing.value.code == 404
        logged = server.since(start)
    assert logged[0].raw == len(page) and logged[0].sent < len(page)
    assert logged[1].status == 404


def test_sizes_of_a_site_folder(tmp_path):
    for name, size in (("a", 10), ("b", 30), ("c", 20)):
        (tmp_path / "entries" / name).mkdir(parents=True)
        (tmp_path / "entries" / name / "index.html").write_text("x" * size)
    (tmp_path / "find" / "topic" / "crisis").mkdir(parents=True)
    (tmp_path / "find" / "topic" / "crisis" / "index.html").write_text("y" * 50)
    (tmp_path / "find" / "page" / "2").mkdir(parents=True)
    (tmp_path / "find" / "page" / "2" / "index.html").write_text("z" * 500)
    measured = sizes.measure(tmp_path)
    assert measured["entry_page"]["path"] == "entries/c/" and measured["entry_page"]["raw"] == 20
    assert measured["facet_pages"]["count"] == 1 and measured["facet_pages"]["largest_raw"] == 50
    assert measured["finder_data"] is None and measured["search_index"] == {}


def _fake_results() -> dict:
    size = {key: None for key in report.SIZE_KEYS}
    size.update(
        entries=100,
        published=98,
        data_bytes=2048,
        check={"seconds": 0.5, "peak_mb": 40},
        parse={"seconds": 0.4, "peak_mb": 20, "parse_s": 0.1, "events_s": 0.05},
        check_ratio=1.25,
        build={"seconds": 3.0, "peak_mb": 90},
        baseline={"seconds": 4.0, "peak_mb": 80},
        build_ratio=0.75,
        sizes={
            "entry_page": {"path": "entries/x/", "raw": 20480, "gzip": 4096},
            "finder_data": None,
            "search_index": {},
            "facet_pages": None,
            "site": {"files": 3, "raw": 1024},
        },
        baseline_sizes={"entry_page": None, "search_index": {}},
    )
    return {
        "seed": 1,
        "machine": {"date": "2026-01-01", "cpus": 2, "python": "3.11", "mkdocs": "1.6", "material": "9"},
        "memory_method": "test",
        "total_s": 60.0,
        "sizes": {"100": size},
        "lighthouse": None,
    }


def test_results_writer_keys_and_table(tmp_path):
    results = _fake_results()
    path = report.write(results, tmp_path)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert set(written["sizes"]["100"]) == set(report.SIZE_KEYS)
    assert {"seed", "machine", "memory_method", "total_s", "sizes", "lighthouse"} <= set(written)
    text = (tmp_path / "results.md").read_text(encoding="utf-8")
    assert "| | 100 entries |" in text
    assert "| **Check ratio** (check process ÷ parse process; target ≤ 1.5) | 1.25 |" in text
    assert "| **Build ratio** (Waymark ÷ baseline; target ≤ 1.0) | 0.75 |" in text
    assert "| Entry page HTML, KB raw / gzip | 20.0 / 4.0 |" in text


def test_readme_update_replaces_only_the_marked_section(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# X\n\nbefore\n{report.README_START}\nold\n{report.README_END}\nafter\n", encoding="utf-8")
    report.update_readme(readme, "new table")
    assert (
        readme.read_text(encoding="utf-8")
        == f"# X\n\nbefore\n{report.README_START}\nnew table\n{report.README_END}\nafter\n"
    )


def test_the_readme_has_the_markers_and_the_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert report.README_START in readme and report.README_END in readme
    assert "make bench" in readme and "python -m benchmarks" in readme


def test_facets_cover_what_the_finder_filters(directory):
    # Every facet has values in the synthetic data, so every facet page kind is exercised.
    published = directory.published
    for facet in FACETS:
        assert facet.counts(published, directory.taxonomy), facet.key
