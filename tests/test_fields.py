"""The field types one by one, through a small model: what each accepts and the
error type it gives (the messages are tested through check elsewhere)."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import BaseModel, ValidationError

from generator.data.fields import (
    Email,
    EntryId,
    HttpsUrl,
    IsoDate,
    Line20,
    Months,
    Paragraphs3000,
    PhoneNumber,
    Published,
    Slug,
    YesNo,
    suggest_slug,
)


class M(BaseModel):
    line: Line20 | None = None
    text: Paragraphs3000 | None = None
    slug: Slug | None = None
    id: EntryId | None = None
    url: HttpsUrl | None = None
    email: Email | None = None
    phone: PhoneNumber | None = None
    day: IsoDate | None = None
    year: Published | None = None
    yes: YesNo | None = None
    months: Months | None = None


def error_type(**value: object) -> str:
    with pytest.raises(ValidationError) as caught:
        M.model_validate(value)
    return caught.value.errors()[0]["type"]


def test_a_line_is_stripped_and_limited():
    assert M(line="  Calm line  ").line == "Calm line"
    assert error_type(line="x" * 21) == "string_too_long"
    assert error_type(line="two\nlines") == "single_line"
    assert error_type(line="   ") == "string_too_short"


def test_paragraphs_keep_blank_lines_and_join_the_rest():
    assert M(text="One\ntwo.\n\n\nThree.").text == "One two.\n\nThree."


@pytest.mark.parametrize(
    ("value", "kind"), [("Bad ID", "slug"), ("a--b", "slug"), ("id\n", "slug_space"), (" id", "slug_space")]
)
def test_slugs(value, kind):
    assert error_type(slug=value) == kind


def test_ids_may_not_take_a_folder_of_the_site():
    assert error_type(id="search") == "id_reserved" and error_type(id="com1") == "id_reserved"
    assert M(id="samaritans").id == "samaritans"


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("http://example.org/", "url_http"),
        ("javascript:alert(1)", "url_scheme"),
        ("https://localhost/", "url_host"),
        ("https://user:pw@example.org/", "url_credentials"),
        ("https://exa mple.org", "url_invalid"),
    ],
)
def test_urls(value, kind):
    assert error_type(url=value) == kind


def test_a_good_url_passes():
    assert M(url="https://www.samaritans.org/").url == "https://www.samaritans.org/"


def test_email_and_phone_prefixes_are_refused_with_their_own_errors():
    assert error_type(email="mailto:jo@samaritans.org") == "email_prefix"
    assert error_type(phone="tel:116123") == "phone_prefix"
    assert M(phone="+44 (0)1384 123456").phone  # read, so that check can say how to write it


@pytest.mark.parametrize(("value", "kind"), [("2024-02-30", "date_impossible"), ("02/03/2024", "date_format")])
def test_dates(value, kind):
    assert error_type(day=value) == kind


def test_a_date_and_a_year():
    assert M(day="2026-12-02").day == date(2026, 12, 2)
    assert M(year="2019-05").year == "2019-05"


@pytest.mark.parametrize("value", ["yes", "NO", "1", "True"])
def test_yes_no_takes_only_true_or_false(value):
    assert error_type(yes=value) == "yes_no"


@pytest.mark.parametrize("value", ["0", "37", "twelve", "1.5", "-3"])
def test_months(value):
    assert error_type(months=value) == "whole_number"


def test_slug_suggestions():
    assert suggest_slug("Calm Line & Co.") == "calm-line-co" and suggest_slug("!!!") == "my-entry"
