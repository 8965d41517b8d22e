"""Property-based tests: whatever the input, the result is a valid directory (and
pages with no markup from the data) or a clean list of problems, never a traceback.

Example counts are modest so that the suite stays quick; the database is off so
nothing is written into the repository.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.data import loader
from generator.data.errors import DataError
from generator.data.validate import Directory, load_directory
from generator.site.pages import build_pages

from .conftest import TAXONOMY
from .conftest import valid_entry as E  # noqa: N812 - rows of the table read as E(...)
from .hostile_site import dump
from .site_scan import structure

TODAY = date(2026, 11, 22)
FAST = settings(max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

# Pieces of YAML syntax and of hostile text, put together at random.
PIECES = [
    "- ",
    "  ",
    ": ",
    "\n",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "*a",
    "!!python/object/apply:os.system ",
    "! ",
    "<<: ",
    "'",
    '"',
    "|",
    ">",
    "#",
    "%YAML 1.1\n",
    "---\n",
    "...\n",
    "? ",
    "\\u202E",
    "\\0",
    "\\x1b",
    "\t",
    "\x00",
    "\u202e",
    "\u200b",
    "\ufeff",
    "é",
    "😀",
    "id",
    "name",
    "kind",
    "helpline",
    "true",
    "yes",
    "NO",
    "012",
    "9:30",
    "2024-02-30",
    "https://example.org/",
    "javascript:alert(1)",
    "<script>",
    "&amp;",
    "~",
    "null",
    "-" * 3,
    "x" * 40,
]
yamlish = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
# A valid file with random pieces written into it at random places.
mutated = st.tuples(st.integers(0, 400), yamlish).map(
    lambda t: (E() + E(id="second"))[: t[0]] + t[1] + (E() + E(id="second"))[t[0] :]
)
trees = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
dumped = st.tuples(trees, st.sampled_from([None, "'", '"', "|", ">"]), st.booleans()).map(
    lambda t: yaml.dump(t[0], default_style=t[1], default_flow_style=t[2], allow_unicode=True)
)
documents = st.one_of(
    st.binary(max_size=400),
    yamlish.map(lambda s: s.encode("utf-8")),
    mutated.map(lambda s: s.encode("utf-8")),
    dumped.map(lambda s: s.encode("utf-8")),
)


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        path = Path(name)
        (path / "taxonomy.yaml").write_bytes(TAXONOMY.read_bytes())
        yield path


def assert_clean(problems) -> None:
    assert problems
    for problem in problems:
        assert problem.file and problem.where and problem.field and problem.message and problem.fix
        assert problem.line >= 1 and problem.column >= 1
        line = str(problem)
        assert line.isprintable() and " — " in line, repr(line)


@FAST
@given(documents)
def test_the_loader_returns_problems_and_never_raises(raw):
    result = loader.load_bytes(raw)
    assert result.data is None or isinstance(result.data, loader.MarkedList)
    for problem in result.problems:
        assert problem.mark.line >= 1 and problem.mark.column >= 1


@FAST
@given(raw=documents)
def test_any_file_gives_a_directory_or_clean_problems(folder, raw):
    path = folder / "resources.yaml"
    path.write_bytes(raw)
    try:
        directory = load_directory(path, folder / "taxonomy.yaml", today=TODAY)
    except DataError as error:
        assert_clean(error.problems)
    else:
        assert directory.entries


# --- random text in every free-text field of a valid entry -----------------------------------

# Anything at all, including control, direction and zero-width characters and line breaks.
hostile_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["\u202e", "\u200b", "\x00", "\x1b", "\n", "\r", "\u2028", "😀", "\ufe0f", "<", "&"]),
    ),
    min_size=1,
    max_size=120,
)

TEXT_FIELDS = [
    "name",
    "summary",
    "publisher",
    "eligibility",
    "content_notes",
    "status_note",
    "keyword",
    "hours",
    "note",
    "contact_hours",
]
# Text the model accepts (one line, no invisible characters, short enough for every field), full of markup.
readable = st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
markup = st.sampled_from(list("<>&\"'`=/\\!-[](){}:;#*_~|"))
line_text = st.text(alphabet=st.one_of(markup, readable), min_size=1, max_size=40).filter(str.strip) | st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "</script><!--",
        "[x](javascript:alert(1))",
        "&lt;b&gt; &#60;i&#62;",
        '" onmouseover="x',
        "{{ config }}",
        '=HYPERLINK("https://evil.example")',
    ]
)


def field_values(valid: bool):
    text = line_text if valid else hostile_text
    paragraphs = st.lists(text, min_size=1, max_size=3).map("\n\n".join)
    return st.fixed_dictionaries({name: text for name in TEXT_FIELDS} | {"description": paragraphs})


def entry_with(values: dict[str, str]) -> dict:
    return {
        "id": "random-entry",
        "name": values["name"],
        "kind": "helpline",
        "summary": values["summary"],
        "description": values["description"],
        "publisher": values["publisher"],
        "audience": ["public"],
        "topics": ["crisis"],
        "regions": ["uk"],
        "eligibility": values["eligibility"],
        "content_notes": values["content_notes"],
        "status": "paused",
        "status_note": values["status_note"],
        "contact": {
            "phones": [
                {
                    "number": "85258",
                    "type": "text",
                    "keyword": values["keyword"],
                    "hours": values["hours"],
                    "note": values["note"],
                }
            ],
            "hours": values["contact_hours"],
        },
        "crisis": True,
        "last_reviewed": "2026-01-15",
        "sources": ["https://example.org/"],
    }


def harmless_copy(directory: Directory) -> Directory:
    """The same entry with plain words in every text field (same number of paragraphs)."""
    entry = directory.entries[0]
    phone = entry.contact.phones[0].model_copy(update={"keyword": "WORD", "hours": "hours", "note": "note"})
    contact = entry.contact.model_copy(update={"phones": [phone], "hours": "hours"})
    paragraphs = "\n\n".join("words" for _ in entry.description.split("\n\n"))
    plain = entry.model_copy(
        update={
            "name": "name",
            "summary": "summary",
            "publisher": "publisher",
            "description": paragraphs,
            "eligibility": "who",
            "content_notes": "note",
            "status_note": "why",
            "contact": contact,
        }
    )
    return Directory((plain,), directory.taxonomy, directory.today, directory.source)


@settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=st.booleans().flatmap(field_values))
def test_random_text_is_refused_or_shown_only_as_text(folder, values):
    path = folder / "resources.yaml"
    path.write_text(dump([entry_with(values)]), encoding="utf-8")
    try:
        directory = load_directory(path, folder / "taxonomy.yaml", today=TODAY)
    except DataError as error:
        assert_clean(error.problems)
        event("refused")
        return
    event("built")
    pages = build_pages(directory)
    plain_pages = build_pages(harmless_copy(directory))
    assert [p.src_uri for p in pages] == [p.src_uri for p in plain_pages]
    for page, plain in zip(pages, plain_pages, strict=True):
        assert structure(page.html) == structure(plain.html), page.src_uri
    entry = directory.entries[0]
    soup = BeautifulSoup(next(p.html for p in pages if p.template_kind == "entry"), "html.parser")
    assert soup.h1.get_text() == entry.name
    assert soup.select_one(".wm-entry__summary").get_text() == entry.summary
