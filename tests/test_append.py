"""Appending entries (import-hsds): the old bytes kept, the result checked, written at once or not at all."""

from __future__ import annotations

import pytest

from generator.data.errors import DataError
from generator.maintain import append

from .conftest import valid_entry


def test_entries_are_added_after_the_old_bytes(write_data):
    path = write_data(valid_entry(id="first"))
    before = path.read_bytes()
    existing = append.read_existing(path, path.with_name("taxonomy.yaml"))
    assert existing.ids == {"first"}
    text = append.entry_yaml({"id": "second", **{k: v for k, v in _values().items() if k != "id"}})
    directory = append.append_entries(path, existing, text, path.with_name("taxonomy.yaml"))
    assert path.read_bytes().startswith(before)
    assert set(directory.by_id) == {"first", "second"}
    assert append.first_new_line(existing) == before.count(b"\n") + 1


def test_a_result_that_fails_the_check_leaves_the_file_and_no_temporary_file(write_data):
    path = write_data(valid_entry(id="first"))
    before = path.read_bytes()
    existing = append.read_existing(path, path.with_name("taxonomy.yaml"))
    with pytest.raises(DataError) as caught:
        append.append_entries(
            path, existing, append.entry_yaml({"id": "first", "name": "Again"}), path.with_name("taxonomy.yaml")
        )
    assert any(p.type == "duplicate_id" for p in caught.value.problems)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["resources.yaml", "taxonomy.yaml"]


def test_a_dry_run_checks_and_writes_nothing(write_data):
    path = write_data(valid_entry(id="first"))
    before = path.read_bytes()
    existing = append.read_existing(path, path.with_name("taxonomy.yaml"))
    append.append_entries(
        path,
        existing,
        append.entry_yaml({"id": "second", **_values()} | {"id": "second"}),
        path.with_name("taxonomy.yaml"),
        write=False,
    )
    assert path.read_bytes() == before


def test_a_missing_file_counts_as_empty(tmp_path):
    existing = append.read_existing(tmp_path / "none.yaml", tmp_path / "taxonomy.yaml")
    assert existing.raw == b"" and existing.ids == frozenset()


def _values() -> dict:
    return {
        "id": "x",
        "name": "Second",
        "kind": "guidance",
        "summary": "A summary.",
        "url": "https://example.org/s",
        "publisher": "Example",
        "audience": ["public"],
        "topics": ["crisis"],
        "regions": ["uk"],
        "last_reviewed": "2026-01-15",
        "sources": ["https://example.org/s"],
    }
