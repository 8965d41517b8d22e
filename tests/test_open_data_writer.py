"""Open data written a piece at a time, and large files published gzip-compressed
(generator/opendata/writer.py), and the open data page's table of the files."""

from __future__ import annotations

import gzip
import json
import shutil

from generator.data.validate import load_directory
from generator.opendata import exports, writer

from .conftest import FIXTURES, ROOT, build_site

MINI = FIXTURES / "mini"


def mini_directory():
    return load_directory(MINI / "data" / "resources.yaml", ROOT / "data" / "taxonomy.yaml")


def test_files_written_piece_by_piece_are_the_files_in_memory(tmp_path):
    directory = mini_directory()
    written = writer.write_open_data(tmp_path, directory, "Mini", gzip_over=10**9)
    expected = exports.open_data_files(directory, "Mini")
    assert [w.path for w in written] == list(expected)
    for item in written:
        assert not item.gzipped
        text = (tmp_path / item.path).read_bytes().decode("utf-8")
        assert text == expected[item.path]
        assert item.size == (tmp_path / item.path).stat().st_size
    document = json.loads(expected[exports.JSON_PATH])
    assert document["count"] == len(document["entries"]) == len(directory.published)


def test_a_file_over_the_limit_is_published_compressed_and_alone(tmp_path):
    directory = mini_directory()
    expected = exports.open_data_files(directory, "Mini")
    sizes = {path: len(text.encode("utf-8")) for path, text in expected.items()}
    limit = sorted(sizes.values())[1]  # the two smallest files stay plain, the rest are compressed
    written = {w.path: w for w in writer.write_open_data(tmp_path, directory, "Mini", gzip_over=limit)}
    assert set(written) == {path + (".gz" if size > limit else "") for path, size in sizes.items()}
    assert sum(path.endswith(".gz") for path in written) == 2
    for path, item in written.items():
        plain = path.removesuffix(".gz")
        on_disk = (tmp_path / path).read_bytes()
        assert item.gzipped == path.endswith(".gz")
        assert (gzip.decompress(on_disk) if item.gzipped else on_disk).decode("utf-8") == expected[plain]
        if item.gzipped:
            assert not (tmp_path / plain).exists()  # never both
    # The same data gives the same bytes (no time or name inside the gzip header).
    again = tmp_path / "again"
    writer.write_open_data(again, directory, "Mini", gzip_over=limit)
    for path in written:
        assert (again / path).read_bytes() == (tmp_path / path).read_bytes()


def test_the_table_links_each_file_as_published_with_its_size():
    table = writer.files_table(
        [
            writer.Written("data/resources.json.gz", 1_779_608, True),
            writer.Written("data/resources.schema.json", 16_728, False),
        ]
    )
    rows = table.splitlines()[2:]
    assert rows[0].startswith("| [resources.json.gz](data/resources.json.gz) | 1.8 MB | Every published entry")
    assert "Compressed with gzip" in rows[0]
    assert rows[1].startswith("| [resources.schema.json](data/resources.schema.json) | 17 KB | A JSON Schema")
    assert "gzip" not in rows[1]


def test_the_built_open_data_page_lists_the_files_the_build_published(tmp_path):
    project = tmp_path / "mini"
    shutil.copytree(MINI, project)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        .replace(
            "      resources: data/resources.yaml\n",
            "      resources: data/resources.yaml\n      open_data_gzip_over: 20000\n",
        )
        .replace("../../../data/taxonomy.yaml", str(ROOT / "data" / "taxonomy.yaml")),
        encoding="utf-8",
    )
    (project / "content" / "open-data.md").write_text(
        "# Open data\n\n<!-- waymark:open-data-files -->\n", encoding="utf-8"
    )
    site = build_site(config, tmp_path / "site")
    rows = site.page("open-data/").select("table tbody tr")
    listed = {row.select_one("a")["href"]: row.select("td")[1].get_text() for row in rows}
    published = [p for p in (site.root / "data").iterdir()] + [p for p in (site.root / "hsds").iterdir()]
    assert {f"../{p.parent.name}/{p.name}" for p in published} == set(listed)
    assert any(href.endswith(".gz") for href in listed) and any(not href.endswith(".gz") for href in listed)
    for path in published:
        assert listed[f"../{path.parent.name}/{path.name}"] == writer.size_text(path.stat().st_size)
