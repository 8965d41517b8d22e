"""``python -m generator new``: the entry lands in id order, every other byte of
the file stays as it was, values read back exactly, and a bad entry writes nothing."""

from __future__ import annotations

import io
import shutil
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.data import loader
from generator.data.errors import DataError
from generator.data.validate import load_directory
from generator.maintain.new_entry import NewEntryError, add_entry, entry_yaml, insert_entry, scalar

from .conftest import ROOT, TAXONOMY

HEADER = "# yaml-language-server: $schema=resources.schema.json\n"
SMALL = HEADER + textwrap.dedent(
    """\
    - id: bravo
      name: Bravo   # a comment after a value
      kind: guidance
      summary: "Quoted: the summary"
      url: https://example.org/bravo
      publisher: Example
      audience: [practitioners]
      topics: [trauma-informed-practice]
      regions: [uk]
      last_reviewed: 2026-01-15
      sources:
        - https://example.org/bravo

    # Delta is kept here on purpose: this comment belongs to it.
    - id: delta
      name: Delta
      kind: guidance
      summary: Delta summary.
      url: https://example.org/delta
      publisher:    Example with odd spacing
      audience: [practitioners]
      topics: [trauma-informed-practice]
      regions: [uk]
      last_reviewed: 2026-01-15
      sources: [https://example.org/delta]
    """
)


def values(entry_id: str, **changes) -> dict:
    base = {
        "id": entry_id,
        "name": f"Entry {entry_id}",
        "kind": "guidance",
        "summary": "A summary.",
        "url": f"https://example.org/{entry_id}",
        "publisher": "Example",
        "audience": ["practitioners"],
        "topics": ["trauma-informed-practice"],
        "regions": ["uk"],
        "last_reviewed": "2026-01-15",
        "sources": [f"https://example.org/{entry_id}"],
    }
    base.update(changes)
    return base


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "resources.yaml"
    path.write_text(SMALL, encoding="utf-8")
    shutil.copy(TAXONOMY, tmp_path / "taxonomy.yaml")
    return path


def inserted_block(before: str, after: str, line: int) -> str:
    """The entry's lines starting at ``line``, with the blank line that separates
    it from its neighbour; fails unless taking them out gives back ``before``."""
    lines = after.splitlines(True)
    start = line - 1
    end = start + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    if start > 0 and not lines[start - 1].strip() and (end == len(lines) or start + 1 > len(before.splitlines())):
        start -= 1  # at the end of the file the blank line comes first
    else:
        end += 1
    block = "".join(lines[start:end])
    assert "".join(lines[:start] + lines[end:]) == before
    return block


def ids_in(path: Path) -> list[str]:
    return [e.id for e in load_directory(path, path.with_name("taxonomy.yaml")).entries]


@pytest.mark.parametrize(
    "entry_id, order",
    [
        ("alpha", ["alpha", "bravo", "delta"]),
        ("charlie", ["bravo", "charlie", "delta"]),
        ("echo", ["bravo", "delta", "echo"]),
    ],
)
def test_entry_goes_in_id_order_and_nothing_else_changes(data_file, entry_id, order):
    before = data_file.read_text(encoding="utf-8")
    _, line = add_entry(data_file, data_file.with_name("taxonomy.yaml"), values(entry_id))
    after = data_file.read_text(encoding="utf-8")
    assert ids_in(data_file) == order
    assert after.splitlines()[line - 1] == f"- id: {entry_id}"
    block = inserted_block(before, after, line)
    assert block.strip("\n") == entry_yaml(values(entry_id)).strip("\n")
    assert after.startswith(HEADER)


def test_first_place_keeps_the_schema_line_first(data_file):
    add_entry(data_file, data_file.with_name("taxonomy.yaml"), values("alpha"))
    lines = data_file.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER.strip() and lines[1] == "- id: alpha"


def test_a_comment_above_an_entry_stays_with_it(data_file):
    add_entry(data_file, data_file.with_name("taxonomy.yaml"), values("charlie"))
    text = data_file.read_text(encoding="utf-8")
    assert "# Delta is kept here on purpose: this comment belongs to it.\n- id: delta" in text
    assert text.index("- id: charlie") < text.index("# Delta is kept here")


def test_crlf_file_keeps_its_line_endings(data_file):
    data_file.write_bytes(SMALL.replace("\n", "\r\n").encode())
    before = data_file.read_bytes()
    add_entry(data_file, data_file.with_name("taxonomy.yaml"), values("charlie"))
    after = data_file.read_bytes()
    assert b"\n" not in after.replace(b"\r\n", b"")
    assert after.replace(b"\r\n", b"\n").replace(entry_yaml(values("charlie")).encode() + b"\n", b"") == before.replace(
        b"\r\n", b"\n"
    )


def test_file_without_a_final_newline(data_file):
    data_file.write_text(SMALL.rstrip("\n"), encoding="utf-8")
    add_entry(data_file, data_file.with_name("taxonomy.yaml"), values("echo"))
    assert ids_in(data_file) == ["bravo", "delta", "echo"]


def test_existing_id_is_refused_and_nothing_written(data_file):
    before = data_file.read_bytes()
    with pytest.raises(NewEntryError, match="'delta' already exists"):
        add_entry(data_file, data_file.with_name("taxonomy.yaml"), values("delta"))
    assert data_file.read_bytes() == before


def test_invalid_entry_leaves_the_file_untouched(data_file):
    before, mtime = data_file.read_bytes(), data_file.stat().st_mtime_ns
    with pytest.raises(DataError) as error:
        add_entry(
            data_file,
            data_file.with_name("taxonomy.yaml"),
            values("charlie", kind="helpline", url=None, sources=["https://www.gov.uk/charlie"]),
        )
    assert data_file.read_bytes() == before and data_file.stat().st_mtime_ns == mtime
    assert [p.type for p in error.value.problems] == ["helpline_needs_number"]
    assert str(error.value.problems[0]).startswith(f"{error.value.problems[0].file}:")
    assert sorted(p.name for p in data_file.parent.iterdir()) == ["resources.yaml", "taxonomy.yaml"]


def test_file_mode_is_kept(data_file):
    data_file.chmod(0o640)
    add_entry(data_file, data_file.with_name("taxonomy.yaml"), values("charlie"))
    assert data_file.stat().st_mode & 0o777 == 0o640


def test_unreadable_file_is_refused(data_file):
    data_file.write_text("- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(NewEntryError, match="cannot be read"):
        insert_entry(data_file.read_text(), "alpha", values("alpha"))


def test_yaml_for_every_kind_of_field():
    text = entry_yaml(
        values(
            "example",
            kind="helpline",
            description="First paragraph.\n\nSecond: with a colon.",
            regions=["uk", {"region": "england", "area": "dudley"}],
            contact={
                "phones": [{"number": "0800 000 000"}, {"number": "85258", "type": "text", "keyword": "TALK"}],
                "email": "help@example.org",
                "hours": None,
            },
            crisis="true",
            review_every_months="6",
            format=["phone", "text"],
        )
    )
    assert text == textwrap.dedent(
        """\
        - id: example
          name: Entry example
          kind: helpline
          summary: A summary.
          description: |
            First paragraph.

            Second: with a colon.
          url: https://example.org/example
          publisher: Example
          audience: [practitioners]
          topics: [trauma-informed-practice]
          regions:
            - uk
            - {region: england, area: dudley}
          contact:
            phones:
              - number: "0800 000 000"
              - number: "85258"
                type: text
                keyword: TALK
            email: help@example.org
          format: [phone, text]
          crisis: true
          last_reviewed: 2026-01-15
          review_every_months: 6
          sources:
            - https://example.org/example
        """
    )


@pytest.mark.parametrize(
    "value",
    [
        "plain words",
        "a: colon",
        "hash # sign",
        "- dash",
        "* star",
        "&anchor",
        "!tag",
        "'quoted'",
        '"double"',
        "yes",
        "NO",
        "null",
        "~",
        "012",
        "9:30",
        "@handle",
        "`tick`",
        "%percent",
        "{brace}",
        "[bracket]",
        "é ü ñ 中文",
        "back\\slash",
        "trailing colon:",
        "?question",
        "| pipe",
        "> fold",
        "a, b",
    ],
)
def test_scalars_read_back_exactly(value):
    loaded = loader.load_text(f"- name: {scalar(value)}\n  other: [{scalar(value, quote=True)}]\n")
    assert not loaded.problems
    assert loaded.data[0]["name"] == value
    assert loaded.data[0]["other"] == [value]


_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp", "Co", "Cn")), min_size=1, max_size=60
).filter(lambda s: s.strip() and s == s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=_TEXT, summary=_TEXT, publisher=_TEXT)
def test_any_text_round_trips_through_the_file(tmp_path_factory, name, summary, publisher):
    folder = tmp_path_factory.mktemp("roundtrip")
    path = folder / "resources.yaml"
    path.write_text(SMALL, encoding="utf-8")
    shutil.copy(TAXONOMY, folder / "taxonomy.yaml")
    add_entry(path, folder / "taxonomy.yaml", values("charlie", name=name, summary=summary, publisher=publisher))
    entry = load_directory(path, folder / "taxonomy.yaml").by_id["charlie"]
    assert (entry.name, entry.summary, entry.publisher) == (name, summary, publisher)


# --- the command -----------------------------------------------------------------------

FLAGS = [
    "--id",
    "charlie",
    "--name",
    "Charlie: the third",
    "--kind",
    "guidance",
    "--summary",
    "A summary.",
    "--publisher",
    "Example",
    "--audience",
    "practitioners",
    "--topic",
    "trauma-informed-practice",
    "--region",
    "england:dudley",
    "--last-reviewed",
    "2026-01-15",
    "--source",
    "https://example.org/c",
    "--url",
    "https://example.org/c",
]


def test_command_with_flags_adds_the_entry(data_file, capsys):
    assert main(["new", "--data", str(data_file), *FLAGS]) == 0
    entry = load_directory(data_file, data_file.with_name("taxonomy.yaml")).by_id["charlie"]
    assert entry.name == "Charlie: the third" and entry.regions[0].area == "dudley"
    assert "Added 'charlie'" in capsys.readouterr().out


def test_command_reports_bad_flags_with_check_messages(data_file, capsys):
    before = data_file.read_bytes()
    bad = [*FLAGS[:4], "--kind", "helpine", *FLAGS[6:], "--topic", "crsis"]
    assert main(["new", "--data", str(data_file), *bad]) == 1
    err = capsys.readouterr().err
    assert "--kind: kind: 'helpine' is not allowed here — use one of: toolkit," in err
    assert "(did you mean 'helpline'?)" in err
    assert "--topic: topics[1]: 'crsis' is not a known topic — did you mean 'crisis'?" in err
    assert data_file.read_bytes() == before


def test_command_names_missing_required_flags(data_file, capsys):
    assert main(["new", "--data", str(data_file), "--id", "charlie"]) == 1
    err = capsys.readouterr().err
    for flag in ("--name", "--kind", "--summary", "--publisher", "--audience", "--topic", "--region", "--source"):
        assert f"{flag} is required" in err


def test_command_reports_problems_of_the_whole_file(data_file, capsys):
    before = data_file.read_bytes()
    assert main(["new", "--data", str(data_file), *FLAGS, "--related", "nobody"]) == 1
    err = capsys.readouterr().err
    assert "--related: related[0]: no entry has the id 'nobody'" in err
    assert "Nothing was written" in err
    assert data_file.read_bytes() == before


ANSWERS = [
    "Charlie line",  # name
    "",  # id: accept the suggestion charlie-line
    "helpine",  # kind: refused, asked again
    "helpline",
    "A free line.",  # summary
    "",  # description
    "http://example.org",  # url: refused (not https), asked again
    "https://example.org/line",
    "Example charity",  # publisher
    "public",  # audience
    "crisis",  # topics
    "",  # settings
    "uk",  # regions
    "yes",  # crisis line?
    "listening",  # what it helps with
    "tel:0800",  # phone: refused, asked again
    "0800 000 000",
    "24 hours a day",  # when it is answered
    "",  # text numbers
    "",  # email
    "",  # general hours
    "",  # online chat
    "free",  # cost
    "phone",  # format
    "",  # languages
    "",  # access
    "",  # eligibility
    "",  # last_reviewed: today
    "https://example.org/line/about",
    "y",
]


def run_interactive(data_file: Path, answers: list[str], monkeypatch, capsys) -> tuple[int, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(a + "\n" for a in answers)))
    status = main(["new", "--data", str(data_file), "--interactive"])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_interactive_asks_again_after_a_bad_answer(data_file, monkeypatch, capsys):
    status, output = run_interactive(data_file, ANSWERS, monkeypatch, capsys)
    assert status == 0, output
    assert "Kinds: toolkit, guidance, national-programme" in output
    assert "kind: 'helpine' is not allowed here — use one of:" in output
    assert "url: the address starts with http://, which is not secure" in output
    assert "contact.phones[0].number: 'tel:0800' starts with 'tel:' — write only the number, '0800'" in output
    entry = load_directory(data_file, data_file.with_name("taxonomy.yaml")).by_id["charlie-line"]
    assert (entry.kind, entry.url, entry.phones[0].number, entry.crisis) == (
        "helpline",
        "https://example.org/line",
        "0800 000 000",
        True,
    )
    assert ids_in(data_file) == ["bravo", "charlie-line", "delta"]


def test_interactive_stops_cleanly_at_end_of_input(data_file, monkeypatch, capsys):
    before = data_file.read_bytes()
    status, output = run_interactive(data_file, ANSWERS[:5], monkeypatch, capsys)
    assert status == 1 and "nothing was written" in output
    assert data_file.read_bytes() == before


def test_interactive_writes_nothing_unless_confirmed(data_file, monkeypatch, capsys):
    before = data_file.read_bytes()
    status, output = run_interactive(data_file, ANSWERS[:-1] + ["n"], monkeypatch, capsys)
    assert status == 1 and "Nothing was written" in output
    assert data_file.read_bytes() == before


def test_interactive_refuses_an_existing_id(data_file, monkeypatch, capsys):
    answers = ["Delta", "", "delta-two", *ANSWERS[2:]]
    status, output = run_interactive(data_file, answers, monkeypatch, capsys)
    assert "the id 'delta' is already used" in output
    assert status == 0 and "delta-two" in ids_in(data_file)


def test_adding_to_the_real_data_only_inserts_lines(tmp_path, capsys):
    for name in ("resources.yaml", "taxonomy.yaml"):
        shutil.copy(ROOT / "data" / name, tmp_path / name)
    path = tmp_path / "resources.yaml"
    before = path.read_text(encoding="utf-8")
    assert main(["new", "--data", str(path), *FLAGS]) == 0
    line = int(capsys.readouterr().out.split(" at line ")[1].split(";")[0])
    after = path.read_text(encoding="utf-8")
    block = inserted_block(before, after, line)
    assert block.startswith("- id: charlie\n") and block.endswith("\n\n")
    ids = ids_in(path)
    assert ids == sorted(ids)


class _TerminalInput(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_without_flags_gets_the_questions(data_file, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", _TerminalInput("".join(a + "\n" for a in ANSWERS)))
    assert main(["new", "--data", str(data_file)]) == 0
    out = capsys.readouterr().out
    assert "Name (the resource's own name): " in out
    assert "charlie-line" in ids_in(data_file)


def test_without_a_terminal_or_flags_nothing_is_asked(data_file, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("Charlie\n"))
    assert main(["new", "--data", str(data_file)]) == 1
    captured = capsys.readouterr()
    assert "Name (" not in captured.out and "--name is required" in captured.err


def test_a_local_service_is_asked_for_its_area(data_file, monkeypatch, capsys):
    answers = [
        "Local help",
        "",
        "local-service",
        "Help nearby.",
        "",
        "https://example.org/local",
        "Council",
        "public",
        "crisis",
        "",
        "england",
        "england:dudley",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "https://example.org/local",
        "y",
    ]
    status, output = run_interactive(data_file, answers, monkeypatch, capsys)
    assert status == 0, output
    assert "a local service needs the area it serves — add an area under regions" in output
    entry = load_directory(data_file, data_file.with_name("taxonomy.yaml")).by_id["local-help"]
    assert entry.regions[0].area == "dudley"


def test_a_missing_data_file_is_reported_before_any_question(tmp_path, monkeypatch, capsys):
    shutil.copy(TAXONOMY, tmp_path / "taxonomy.yaml")
    status, output = run_interactive(tmp_path / "resources.yaml", ANSWERS, monkeypatch, capsys)
    assert status == 1 and "does not exist" in output and "Name (" not in output


# --- each answer checked as it is typed, labels accepted, answers never lost ---------------------


def test_a_future_date_is_refused_when_typed(data_file, monkeypatch, capsys):
    answers = ANSWERS[:-3] + ["2030-01-01", "", *ANSWERS[-2:]]  # the date, refused, then today
    status, output = run_interactive(data_file, answers, monkeypatch, capsys)
    assert status == 0, output
    assert "last_reviewed: 2030-01-01 is in the future" in output
    assert output.index("is in the future") < output.index("Pages where you confirmed")


def test_labels_and_commas_are_read_as_people_type_them(data_file, monkeypatch, capsys):
    answers = list(ANSWERS)
    answers[answers.index("public")] = "Members of the public"
    answers[answers.index("crisis")] = "Mental health, crisis"
    answers[answers.index("uk")] = "UK-wide, Dudley"
    answers[answers.index("free")] = "Free"
    languages = answers.index("phone") + 1
    answers[languages - 1] = "Phone, text message"
    answers[languages] = "English, Welsh"
    answers[languages + 1] = "self referral"
    status, output = run_interactive(data_file, answers, monkeypatch, capsys)
    assert status == 0, output
    entry = load_directory(data_file, data_file.with_name("taxonomy.yaml")).by_id["charlie-line"]
    assert entry.audience == ["public"] and entry.topics == ["mental-health", "crisis"]
    assert [(r.region, r.area) for r in entry.regions] == [("uk", None), ("england", "dudley")]
    assert (entry.cost, entry.format, entry.languages, entry.access) == (
        "free",
        ["phone", "text"],
        ["en", "cy"],
        "self-referral",
    )


def test_flags_take_labels_too(data_file, capsys):
    flags = [
        *FLAGS[:-6],
        "--region",
        "Dudley",
        "--last-reviewed",
        "2026-01-15",
        "--source",
        "https://example.org/c",
        "--url",
        "https://example.org/c",
        "--language",
        "English",
        "--cost",
        "Free",
    ]
    assert main(["new", "--data", str(data_file), *flags]) == 0, capsys.readouterr().err
    entry = load_directory(data_file, data_file.with_name("taxonomy.yaml")).by_id["charlie"]
    assert (entry.regions[0].area, entry.languages, entry.cost) == ("dudley", ["en"], "free")


def test_a_crisis_line_is_asked_for_the_hours_of_each_number(data_file, monkeypatch, capsys):
    answers = list(ANSWERS)
    at = answers.index("24 hours a day")
    answers[at : at + 1] = ["", "Not confirmed", "24 hours a day"]
    status, output = run_interactive(data_file, answers, monkeypatch, capsys)
    assert status == 0, output
    assert "When 0800 000 000 is answered" in output
    assert "a crisis line needs confirmed hours for every number ('Not confirmed' is not)" in output
    entry = load_directory(data_file, data_file.with_name("taxonomy.yaml")).by_id["charlie-line"]
    assert entry.phones[0].hours == "24 hours a day" and entry.crisis_needs == ["listening"]


def test_stopping_early_keeps_the_answers_in_a_draft_and_carries_on_from_it(data_file, monkeypatch, capsys):
    before = data_file.read_bytes()
    status, output = run_interactive(data_file, ANSWERS[:12], monkeypatch, capsys)
    assert status == 1 and "nothing was written to the data file" in output
    assert data_file.read_bytes() == before
    draft = data_file.with_name("draft-charlie-line.yaml")
    assert f"--from-draft {draft}" in output or "--from-draft" in output
    assert "name: Charlie line" in draft.read_text(encoding="utf-8")
    # Carry on: Enter keeps each answer from the draft; only the rest is typed.
    rest = [""] * 11 + ANSWERS[12:]
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(a + "\n" for a in rest)))
    status = main(["new", "--data", str(data_file), "--interactive", "--from-draft", str(draft)])
    output = capsys.readouterr()
    assert status == 0, output.out + output.err
    assert "[Charlie line]" in output.out and "[https://example.org/line]" in output.out
    assert "charlie-line" in ids_in(data_file) and not draft.exists()


def test_answering_no_at_the_end_keeps_a_draft(data_file, monkeypatch, capsys):
    status, output = run_interactive(data_file, ANSWERS[:-1] + ["n"], monkeypatch, capsys)
    assert status == 1 and "Your answers are saved in" in output
    assert data_file.with_name("draft-charlie-line.yaml").is_file()


def test_a_local_service_is_asked_where_it_is(data_file, monkeypatch, capsys):
    answers = [
        "Local help",
        "",
        "Local service",
        "Help nearby.",
        "",
        "https://example.org/local",
        "Council",
        "public",
        "crisis",
        "",
        "Dudley",
        "no",
        "public",
        "1 High Street",
        "Dudley",
        "DY1 1AA",
        "01384 123 45",
        "01384 123456",
        "Monday to Friday, 9am to 5pm",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "Aged 16 and over",
        "",
        "https://example.org/local",
        "y",
    ]
    status, output = run_interactive(data_file, answers, monkeypatch, capsys)
    assert status == 0, output
    assert "'01384 123 45' (10 digits) is not a number that can be dialled in the UK" in output
    entry = load_directory(data_file, data_file.with_name("taxonomy.yaml")).by_id["local-help"]
    assert entry.address.street == "1 High Street" and entry.address.postcode == "DY1 1AA"
    assert entry.phones[0].hours == "Monday to Friday, 9am to 5pm" and entry.eligibility == "Aged 16 and over"
