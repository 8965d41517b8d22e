"""Search's words: the stemmer copied into the theme, spellings and word forms,
data/search-words.yaml as check reads it, and the README's list of synonyms.

(The browser tests check that the browser's stems and the build's agree on every
word of the index: tests/browser/test_search_understands.py.)"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.data.errors import DataError
from generator.data.search_words import read_search_words
from generator.site import search_index
from generator.site.search_terms import british, term, terms

ROOT = Path(__file__).resolve().parents[1]
PORTER2 = ROOT / "generator" / "theme" / "components" / "search" / "porter2.js"
WORDS_FILE = ROOT / "data" / "search-words.yaml"


def test_the_theme_carries_the_locked_porter2_unchanged():
    copied = PORTER2.read_text(encoding="utf-8")
    body = copied.split("/* porter2:start */\n", 1)[1].split("/* porter2:end */", 1)[0]
    package = ROOT / "node_modules" / "porter2"
    original = (package / "dist" / "index.js").read_text(encoding="utf-8")
    assert body.strip() == original.strip()
    locked = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/porter2"]["version"]
    assert json.loads((package / "package.json").read_text())["version"] == locked
    assert f"porter2 {locked}," in copied.splitlines()[0]


def test_every_group_still_joins_something_after_word_forms():
    """A group whose phrases all become the same terms is already joined by
    stemming ("suicidal" and "suicide"): check would keep a line that does nothing."""
    words = read_search_words(WORDS_FILE)
    for group in search_index.vocabulary(words)["syn"] + search_index.vocabulary(words)["oneway"]:
        assert len(group) >= 2, group


@pytest.fixture(scope="module")
def spellings():
    return read_search_words(WORDS_FILE).replacements


@pytest.mark.parametrize(
    "american, english",
    [
        ("behavior", "behaviour"),
        ("behavioral", "behavioural"),
        ("counseling", "counselling"),
        ("organization", "organisation"),
        ("organizations", "organisations"),
        ("center", "centre"),
        ("program", "programme"),
        ("traumatized", "traumatised"),
        ("pediatric", "paediatric"),
    ],
)
def test_an_american_spelling_meets_the_british_one(spellings, american, english):
    assert term(american, spellings) == term(english, spellings)


def test_short_words_keep_their_z(spellings):
    assert british("size", spellings) == "size" and british("prize", spellings) == "prize"
    assert term("size", spellings) != term("sise", spellings)


@pytest.mark.parametrize(
    "forms",
    [
        ("counselling", "counsellor", "counsellors", "counselor", "counseling"),
        ("referral", "referrals"),
        ("support", "supporting", "supported", "supports"),
        ("therapy", "therapist", "therapists"),
        ("survivor", "survivors", "surviving"),
        ("parent", "parents", "parenting"),
        ("suicide", "suicidal"),
    ],
)
def test_word_forms_meet(spellings, forms):
    assert len({term(word, spellings) for word in forms}) == 1, {word: term(word, spellings) for word in forms}


def test_different_words_stay_apart(spellings):
    found = {word: term(word, spellings) for word in ("abuse", "about", "care", "career", "rape", "rapid", "gp", "gap")}
    assert len(set(found.values())) == len(found), found


def test_a_phrase_becomes_the_terms_the_index_holds(spellings):
    assert terms("Post-traumatic stress", spellings) == ["post", "traumat", "stress"]
    assert terms("The children's centers", spellings) == ["children", "centr"]


def test_the_bundled_words_are_valid_and_reach_the_index():
    words = read_search_words(WORDS_FILE)
    vocabulary = search_index.vocabulary(words)
    assert ["ptsd"] in vocabulary["syn"][0] and ["post", "traumat", "stress"] in vocabulary["syn"][0]
    assert [["want", "die"], ["suicid"]] in vocabulary["oneway"]
    assert ["want", "die"] in vocabulary["crisis"]
    assert vocabulary["spell"]["counselor"] == "counselling"  # a spelling, then a word form


def test_a_missing_file_means_no_words(tmp_path):
    assert read_search_words(tmp_path / "search-words.yaml").synonyms == []


BAD_FILES = {
    "phrase": ("synonyms:\n  - [ptsd, Post Traumatic Stress]\n", 2, "synonyms[0][1]", "not a search phrase"),
    "word": ("spellings:\n  behavior: behaviour\n  color: colour s\n", 3, "spellings.color", "not one lowercase word"),
    "group": ("synonyms:\n  - [gp]\n", 2, "synonyms[0]", "at least 2"),
    "repeat": (
        "synonyms:\n  - [dv, domestic abuse]\n  - [dv, violence]\n",
        3,
        "synonyms[1][0]",
        "already in synonym group 1",
    ),
    "unknown": ("synonym:\n  - [a, b]\n", 1, "synonym", "synonym"),
    "duplicate": ("spellings:\n  color: colour\n  color: colours\n", 3, "color", "color"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_check_refuses_a_bad_search_words_file(tmp_path, capsys, monkeypatch, name):
    text, line, field, message = BAD_FILES[name]
    data = tmp_path / "data"
    data.mkdir()
    for name in ("resources.yaml", "taxonomy.yaml"):
        shutil.copy(ROOT / "data" / name, data / name)
    (data / "search-words.yaml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "--data", "data/resources.yaml"]) == 1
    out, err = capsys.readouterr()
    assert err.endswith("found in data/search-words.yaml.\n"), err
    assert f"search-words.yaml:{line}:" in out, out
    assert field in out and message in out, out
    with pytest.raises(DataError):
        read_search_words(data / "search-words.yaml")


def test_check_passes_the_bundled_words(capsys):
    assert main(["check", "--data", str(ROOT / "data" / "resources.yaml")]) == 0


def test_the_readme_lists_every_synonym_group():
    words = read_search_words(WORDS_FILE)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- search-words:start -->", 1)[1].split("<!-- search-words:end -->", 1)[0]
    listed = [re.findall(r"`([^`]+)`", line) for line in block.splitlines() if line.startswith("- ")]
    expected = [list(group) for group in words.synonyms] + [list(group) for group in words.one_way]
    assert listed == expected
