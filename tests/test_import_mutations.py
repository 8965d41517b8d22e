"""import-hsds on hostile input: every field of a full HSDS service given every
wrong type, deep nesting, huge numbers and files that are not files. Each is
imported or refused with a message; none ends in a traceback."""

from __future__ import annotations

import copy
import json
import os
import shutil

import pytest

from generator.cli import main

from .conftest import FIXTURES, TAXONOMY

SERVICE = json.loads((FIXTURES / "hsds-3.0" / "examples" / "json" / "service_full.json").read_text(encoding="utf-8"))
WRONG = [None, 0, -1.5, True, "", "x" * 3, [], {}, [1], ["x"], [None], [[]], {"a": 1}, [{"a": 1}], [{"x": None}]]


def paths(value, prefix=()):
    """Every field path of the service, through the first item of each list."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*prefix, key)
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list) and value:
        yield (*prefix, 0)
        yield from paths(value[0], (*prefix, 0))


def mutated(path, wrong):
    service = copy.deepcopy(SERVICE)
    target = service
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = wrong
    return service


PATHS = sorted(set(paths(SERVICE)), key=str)


@pytest.fixture
def project(tmp_path):
    shutil.copy(TAXONOMY, tmp_path / "taxonomy.yaml")
    (tmp_path / "resources.yaml").write_text("", encoding="utf-8")
    return tmp_path


def run(project, capsys, service) -> tuple[int, str]:
    source = project / "in.json"
    source.write_text(json.dumps(service), encoding="utf-8")
    code = main(
        [
            "import-hsds",
            str(source),
            "--data",
            str(project / "resources.yaml"),
            "--dry-run",
            "--topic",
            "crisis",
            "--region",
            "uk",
            "--source",
            "https://www.example.org/",
        ]
    )
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_there_are_enough_fields_to_mean_something():
    assert len(PATHS) >= 80


@pytest.mark.parametrize("path", PATHS, ids=lambda p: ".".join(map(str, p)))
def test_every_wrong_type_in_every_field_is_imported_or_refused_cleanly(project, capsys, path):
    for wrong in WRONG:
        code, output = run(project, capsys, mutated(path, wrong))
        assert code in (0, 1), (path, wrong, output)
        assert "Traceback" not in output, (path, wrong, output)
        if code == 1:
            assert "Nothing was written" in output, (path, wrong, output)


def test_deep_nesting_is_refused(project, capsys):
    source = project / "in.json"
    source.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    code = main(["import-hsds", str(source), "--data", str(project / "resources.yaml"), "--dry-run"])
    err = capsys.readouterr().err
    assert code == 1 and "nested too deeply" in err


def test_a_number_of_5000_digits_is_refused(project, capsys):
    source = project / "in.json"
    source.write_text('{"name": "X", "id": ' + "9" * 5000 + "}", encoding="utf-8")
    code = main(["import-hsds", str(source), "--data", str(project / "resources.yaml"), "--dry-run"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "number" in err


@pytest.mark.parametrize("kind", ["device", "fifo", "folder-link"])
def test_a_data_package_that_is_not_a_regular_file_is_refused_before_reading(project, capsys, kind):
    package = project / "package"
    package.mkdir()
    target = package / "datapackage.json"
    if kind == "device":
        target.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.symlink_to(project)
    code = main(["import-hsds", str(package), "--data", str(project / "resources.yaml"), "--dry-run"])
    err = capsys.readouterr().err
    assert code == 1 and "not a regular file" in err


def test_joining_the_tables_of_a_package_is_linear():
    """Counted, not timed: the rows looked at grow with the rows, not with their square."""
    from generator.opendata import hsds_read

    calls = [0]

    class Row(dict):
        def get(self, *args):
            calls[0] += 1
            return super().get(*args)

    def looked_at(n: int) -> int:
        calls[0] = 0
        services = [(i + 2, Row(id=f"s{i}", name=f"Service {i}")) for i in range(n)]
        phones = [(i + 2, Row(id=f"p{i}", service_id=f"s{i}", number="0808 000 0000")) for i in range(n)]
        tables = {"services.csv": ("services.csv", services), "phones.csv": ("phones.csv", phones)}
        records = hsds_read._from_tables(tables, "package")
        assert len(records) == n and records[-1].service["phones"][0]["id"] == f"p{n - 1}"
        return calls[0]

    small, large = looked_at(500), looked_at(2000)
    assert large < 5 * small  # four times the rows: about four times the work (square: sixteen)
