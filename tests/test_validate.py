"""The model and the rules: every problem found in one run, each with its place and a fix.

Refusals of single hostile values (links, ids, dates, yes/no, numbers, email
addresses, characters) are rows of the table in tests/test_hostile_input.py.
"""

from __future__ import annotations

from datetime import date

import pytest

from generator.data.errors import DataError
from generator.data.validate import load_directory

from .conftest import valid_entry

TODAY = date(2026, 11, 22)


def check(path):
    return load_directory(path, path.with_name("taxonomy.yaml"), today=TODAY)


def problems(path):
    with pytest.raises(DataError) as caught:
        check(path)
    return caught.value.problems


def only(path):
    found = problems(path)
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_valid_entry_loads_with_its_types(write_data):
    contact = '\n    phones:\n      - number: "0808 000 0000"\n        hours: 24 hours a day'
    directory = check(
        write_data(
            valid_entry(
                review_every_months="6",
                crisis="true",
                crisis_needs="[listening]",
                url="https://example.org/",
                contact=contact,
            )
        )
    )
    entry = directory.entries[0]
    assert entry.id == "example-helpline"
    assert entry.last_reviewed == date(2026, 1, 15)
    assert entry.review_every_months == 6
    assert entry.review_due == date(2026, 7, 15)
    assert entry.overdue(TODAY)
    assert entry.crisis is True
    assert entry.phones[0].href == "tel:08080000000"


def test_every_missing_required_field_is_listed_at_once(write_data):
    found = problems(write_data("- id: lonely\n"))
    missing = sorted(p.field for p in found if p.type == "missing")
    assert missing == [
        "audience",
        "kind",
        "last_reviewed",
        "name",
        "publisher",
        "regions",
        "sources",
        "summary",
        "topics",
    ]
    assert all((p.line, p.column) == (1, 3) and p.where == "lonely" for p in found)


def test_problems_from_several_entries_in_one_run(write_data):
    text = (
        valid_entry(kind="helpine")
        + valid_entry(id="second", last_reviewed="2024-02-30")
        + valid_entry(id="third", topics="[emotional-suport]")
    )
    found = problems(write_data(text))
    assert [(p.where, p.field, p.type) for p in found] == [
        ("example-helpline", "kind", "literal_error"),
        ("second", "last_reviewed", "date_impossible"),
        ("third", "topics[0]", "taxonomy"),
    ]
    assert "did you mean 'helpline'" in found[0].fix
    assert "did you mean 'emotional-support'" in found[2].fix


def test_unknown_field_suggests_the_nearest_known_field(write_data):
    problem = only(write_data(valid_entry() + "  sumary: typo\n"))
    assert (problem.type, problem.field, problem.line, problem.column) == ("extra_forbidden", "sumary", 14, 3)
    assert problem.fix == "did you mean 'summary'?"


def test_unknown_nested_field_suggests_from_the_nested_model(write_data):
    entry = valid_entry(contact='\n    phones:\n      - number: "116 123"\n        hour: 24 hours')
    problem = only(write_data(entry))
    assert problem.field == "contact.phones[0].hour"
    assert problem.fix == "did you mean 'hours'?"


@pytest.mark.parametrize("value", ["0", "37", "twelve", "1.5", "-3"])
def test_review_interval_is_a_whole_number_of_months(write_data, value):
    problem = only(write_data(valid_entry(review_every_months=value)))
    assert (problem.field, problem.type) == ("review_every_months", "whole_number")


def test_duplicate_ids_name_the_first_line(write_data):
    problem = only(write_data(valid_entry() + valid_entry()))
    assert (problem.type, problem.line) == ("duplicate_id", 14)
    assert "line 1" in problem.message


def test_text_limits(write_data):
    problem = only(write_data(valid_entry(summary="x" * 251)))
    assert (problem.field, problem.type) == ("summary", "string_too_long")
    assert "251 characters" in problem.message and "250" in problem.message


def test_single_line_fields_refuse_line_breaks(write_data):
    problem = only(write_data(valid_entry(name='"two\\nlines"')))
    assert (problem.field, problem.type) == ("name", "single_line")


def test_empty_required_value_says_it_is_empty(write_data):
    problem = only(write_data(valid_entry(name="")))
    assert (problem.field, problem.type, problem.message) == ("name", "empty", "is empty")


def test_wrong_shape_is_named(write_data):
    problem = only(write_data(valid_entry(topics="emotional-support")))
    assert (problem.field, problem.type) == ("topics", "list_type")


def test_helpline_needs_a_number(write_data):
    problem = only(write_data(valid_entry(contact=None)))
    assert problem.type == "helpline_needs_number"


def test_local_service_needs_an_area(write_data):
    problem = only(write_data(valid_entry(kind="local-service", regions="[england]", contact=None)))
    assert (problem.field, problem.type) == ("regions", "local_service_needs_area")


def test_areas_must_belong_to_their_region(write_data):
    entry = valid_entry(kind="local-service", contact=None, regions="\n    - region: scotland\n      area: dudley")
    problem = only(write_data(entry))
    assert (problem.field, problem.type) == ("regions[0].area", "area_unknown")


def test_region_suggestion(write_data):
    problem = only(write_data(valid_entry(regions="[englnd]")))
    assert (problem.field, problem.type) == ("regions[0]", "taxonomy")
    assert "did you mean 'england'" in problem.fix


def test_only_helplines_are_crisis_lines(write_data):
    problem = only(
        write_data(
            valid_entry(
                kind="toolkit", crisis="true", crisis_needs="[listening]", url="https://example.org/", contact=None
            )
        )
    )
    assert problem.type == "crisis_needs_helpline"


def test_confidential_location_may_not_carry_an_address(write_data):
    entry = valid_entry(location_visibility="area-only", address="\n    street: 1 High Street\n    locality: Dudley")
    problem = only(write_data(entry))
    assert (problem.field, problem.type) == ("address", "address_hidden")


def test_related_ids_must_exist(write_data):
    problem = only(write_data(valid_entry(related="[nowhere]")))
    assert (problem.field, problem.type) == ("related[0]", "related_unknown")


def test_closed_entries_are_valid_but_not_published(write_data):
    directory = check(write_data(valid_entry(status="closed") + valid_entry(id="open-one")))
    assert [e.id for e in directory.entries] == ["example-helpline", "open-one"]
    assert [e.id for e in directory.published] == ["open-one"]


def test_taxonomy_problems_are_reported_against_the_taxonomy_file(write_data):
    path = write_data(valid_entry())
    taxonomy = path.with_name("taxonomy.yaml")
    taxonomy.write_text(taxonomy.read_text().replace("  crisis:\n", "  Crisis Support:\n", 1))
    found = problems(path)
    assert found and all(p.file.endswith("taxonomy.yaml") for p in found)
    assert found[0].type == "slug"


# --- where the facts come from, and what a crisis line must say -------------------------

CRISIS = dict(
    crisis="true",
    crisis_needs="[listening]",
    url="https://www.calm-line.org.example.net/",
    contact='\n    phones:\n      - number: "0808 000 0000"\n        hours: 24 hours a day',
)


def test_a_made_up_crisis_line_confirmed_only_by_a_third_party_is_refused(write_data):
    problem = only(write_data(valid_entry(**CRISIS, sources="[https://news.example.com/story]")))
    assert (problem.field, problem.type) == ("sources", "sources_not_own")
    assert "(example.net)" in problem.message and "source_kind: third-party" in problem.fix


def test_a_source_on_the_entry_own_site_counts_whatever_the_subdomain(write_data):
    check(write_data(valid_entry(**CRISIS, sources="[https://help.calm-line.org.example.net/about]")))


def test_an_official_source_counts(write_data):
    check(write_data(valid_entry(**CRISIS, sources="[https://www.nhsinform.scot/a-page, https://news.example.com/x]")))


def test_a_lookalike_domain_is_not_official(write_data):
    problem = only(write_data(valid_entry(**CRISIS, sources="[https://gov.uk.example.com/page]")))
    assert problem.type == "sources_not_own"


def test_third_party_sources_need_a_note(write_data):
    entry = valid_entry(sources="[https://news.example.com/story]", source_kind="third-party")
    assert only(write_data(entry)).type == "source_note_needed"
    check(
        write_data(
            valid_entry(
                sources="[https://news.example.com/story]",
                source_kind="third-party",
                source_note="The charity's own site does not list the line.",
            )
        )
    )


def test_a_note_without_third_party_is_refused(write_data):
    assert only(write_data(valid_entry(source_note="Why?"))).type == "source_note_unused"


@pytest.mark.parametrize("hours", ["Not confirmed", "hours unknown", "TBC", "check their website"])
def test_a_crisis_line_needs_confirmed_hours(write_data, hours):
    contact = f'\n    phones:\n      - number: "0808 000 0000"\n        hours: {hours}'
    problem = only(write_data(valid_entry(**{**CRISIS, "contact": contact})))
    assert (problem.field, problem.type) == ("contact.phones[0].hours", "crisis_hours")


def test_a_crisis_line_without_any_hours_is_refused(write_data):
    problem = only(write_data(valid_entry(**{**CRISIS, "contact": '\n    phones:\n      - number: "0808 000 0000"'})))
    assert (problem.field, problem.type) == ("contact.phones[0].number", "crisis_hours")


def test_general_hours_cover_every_number(write_data):
    contact = '\n    phones:\n      - number: "0808 000 0000"\n    hours: 24 hours a day, every day'
    check(write_data(valid_entry(**{**CRISIS, "contact": contact})))


def test_a_crisis_line_says_what_it_is_for_and_links_its_site(write_data):
    found = problems(write_data(valid_entry(**{**CRISIS, "crisis_needs": None, "url": None})))
    assert sorted(p.type for p in found) == ["crisis_needs_missing", "crisis_needs_url"]


def test_crisis_needs_only_on_crisis_lines(write_data):
    assert only(write_data(valid_entry(crisis_needs="[children]"))).type == "crisis_needs_not_crisis"


def test_a_helpline_may_be_listed_by_its_website_alone(write_data):
    directory = check(
        write_data(valid_entry(contact=None, url="https://example.org/chat", sources="[https://example.org/chat]"))
    )
    assert directory.entries[0].phones == []


def test_every_helpline_number_says_when_it_is_answered(write_data):
    problem = only(write_data(valid_entry(contact='\n    phones:\n      - number: "0808 000 0000"')))
    assert (problem.field, problem.type) == ("contact.phones[0].number", "helpline_hours")
    assert "Not confirmed: check the website" in problem.fix
    # An honest "not confirmed" is accepted on a helpline that is not a crisis line.
    check(write_data(valid_entry(contact='\n    phones:\n      - {number: "0808 000 0000", hours: "Not confirmed"}')))


@pytest.mark.parametrize("kind", ["device", "fifo", "folder"])
def test_a_data_file_that_is_not_a_regular_file_is_refused_before_reading(tmp_path, kind):
    import os
    import shutil

    from .conftest import TAXONOMY

    shutil.copy(TAXONOMY, tmp_path / "taxonomy.yaml")
    path = tmp_path / "resources.yaml"
    if kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    found = problems(path)
    assert [p.type for p in found] == ["file_unreadable"] and "not a regular file" in found[0].message
