"""The loader keeps text as written, refuses what YAML can hide, and knows where everything is."""

from __future__ import annotations

import pytest

from generator.data import loader
from generator.data.loader import Mark


def load(text: str) -> loader.Loaded:
    return loader.load_text(text)


def types(result: loader.Loaded) -> list[str]:
    return [p.type for p in result.problems]


@pytest.mark.parametrize(
    "written", ["NO", "yes", "on", "off", "9:30", "012", "1e3", "0x1F", "2024-02-30", ".inf", "true"]
)
def test_plain_scalars_stay_the_text_that_was_written(written):
    result = load(f"- name: {written}\n")
    assert result.problems == []
    assert result.data == [{"name": written}]
    assert isinstance(result.data[0]["name"], str)


@pytest.mark.parametrize("written", ["", "~", "null", "Null", "NULL"])
def test_empty_and_null_become_none(written):
    assert load(f"- name: {written}\n").data == [{"name": None}]


def test_quoted_null_is_text():
    assert load('- name: "null"\n').data == [{"name": "null"}]


def test_marks_are_one_based_and_count_characters_not_bytes():
    result = load('- id: café\n  name: "Ünïcode ñame"\n  x: y\n')
    entry = result.data[0]
    assert entry.key_marks["name"] == Mark(2, 3)
    assert entry.value_marks["name"] == Mark(2, 9)
    assert entry.value_marks["x"] == Mark(3, 6)
    assert result.data.item_marks[0] == Mark(1, 3)


def test_duplicate_key_names_both_lines_and_keeps_the_first():
    result = load("- id: a\n  name: first\n  name: second\n")
    assert types(result) == ["duplicate_key"]
    problem = result.problems[0]
    assert problem.mark == Mark(3, 3)
    assert problem.context == {"key": "name", "first_line": 2}
    assert problem.path == (0, "name")
    assert result.data[0]["name"] == "first"


def test_anchor_and_alias_are_refused_without_expanding():
    result = load("- id: a\n  topics: &t [x, y]\n- id: b\n  topics: *t\n")
    assert types(result) == ["anchor", "alias"]
    assert result.data is None


def test_alias_bomb_costs_nothing():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(20)
    )
    result = load(bomb)
    assert result.data is None
    assert "alias" in types(result)


@pytest.mark.parametrize(
    "text, tag",
    [
        ("- id: !!python/object/apply:os.system ['echo hi']\n", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("- id: !custom x\n", "!custom"),
        ("- id: !!int 5\n", "tag:yaml.org,2002:int"),
        ("- !!map {id: x}\n", "tag:yaml.org,2002:map"),
    ],
)
def test_explicit_tags_are_refused(text, tag):
    result = load(text)
    assert "tag" in types(result)
    assert next(p for p in result.problems if p.type == "tag").context["tag"] == tag


def test_tabs_are_refused_with_their_position():
    result = load('- id: a\n\tname: b\n- id: c\n  name: "x\ty"\n')
    assert types(result) == ["tab", "tab"]
    assert [p.mark for p in result.problems] == [Mark(2, 1), Mark(4, 11)]
    assert result.data is None


@pytest.mark.parametrize(
    "char, kind",
    [
        ("\u202e", "bidi"),
        ("\u2066", "bidi"),
        ("\u200f", "bidi"),
        ("\u200b", "zero_width"),
        ("\ufeff", "zero_width"),
        ("\u200d", "zero_width"),
        ("\x07", "control"),
        ("\x85", "control"),
    ],
)
def test_invisible_and_control_characters_are_refused(char, kind):
    result = load(f"- id: a\n  name: safe{char}name\n")
    assert types(result) == [kind]
    assert result.problems[0].mark == Mark(2, 13)
    assert result.problems[0].context["code"] == f"{ord(char):04X}"


def test_bom_at_start_is_allowed():
    assert loader.load_bytes(b"\xef\xbb\xbf- id: a\n").data == [{"id": "a"}]


def test_non_utf8_bytes_are_refused_with_their_position():
    result = loader.load_bytes(b"- id: a\n  name: caf" + b"\xe9\n")
    assert types(result) == ["encoding"]
    assert result.problems[0].mark == Mark(2, 12)
    assert result.problems[0].context == {"byte": "E9"}


def test_nul_byte_is_refused():
    result = loader.load_bytes(b"- id: a\n  name: x\x00y\n")
    assert types(result) == ["nul"]
    assert result.problems[0].mark == Mark(2, 10)


def test_oversize_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("- id: a\n" * 100)
    result = loader.load_file(path, max_bytes=50)
    assert types(result) == ["file_too_large"]
    assert result.problems[0].context == {"size": 800, "limit": 50}


def test_missing_file(tmp_path):
    assert types(loader.load_file(tmp_path / "nope.yaml")) == ["file_missing"]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("", "empty_file"),
        ("# only a comment\n", "empty_file"),
        ("[]\n", "empty_list"),
        ("id: a\nname: b\n", "not_a_list"),
        ("just text\n", "not_a_list"),
        ("- id: a\n---\n- id: b\n", "multiple_documents"),
    ],
)
def test_document_shape_problems(text, kind):
    assert kind in types(load(text))


def test_nesting_past_the_limit_stops_cleanly():
    deep = "- " + "[" * 40 + "]" * 40 + "\n"
    result = load(deep)
    assert types(result) == ["too_deep"]
    assert result.data is None


def test_complex_keys_are_refused():
    result = load("- ? [a, b]\n  : c\n")
    assert types(result) == ["complex_key"]


def test_syntax_error_has_position_and_libyaml_problem():
    result = load("- id: a\n  name: b: c\n")
    assert types(result) == ["syntax"]
    assert result.problems[0].mark == Mark(2, 10)
    assert result.problems[0].context["problem"]


def test_locate_walks_to_the_nearest_known_container():
    data = load("- id: a\n  contact:\n    phones:\n      - number: x\n").data
    entry = data[0]
    assert loader.locate(entry, ("contact", "phones", 0, "number")) == Mark(4, 17)
    assert loader.locate(entry, ("contact", "phones", 0, "number"), key=True) == Mark(4, 9)
    assert loader.locate(entry, ("contact", "phones", 0, "hours")) == Mark(4, 9)
    assert loader.locate(entry, ("contact", "email")) == Mark(3, 5)


def test_uses_libyaml_when_available():
    import yaml

    if hasattr(yaml, "CSafeLoader"):
        assert loader._YamlLoader is yaml.CSafeLoader
    else:  # pragma: no cover - PyYAML built without libyaml
        assert loader._YamlLoader is yaml.SafeLoader
