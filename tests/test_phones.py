"""Phone numbers: numbering plans, short numbers, fictional ranges, and how numbers are shown."""

from __future__ import annotations

import pytest

from generator.data.phones import SHORT_NUMBERS, check_phone, group
from generator.data.schema import Phone


@pytest.mark.parametrize(
    "number",
    [
        "01384 123456",
        "0808 80 10 800",
        "07860077333",
        "0800 1111",
        "116 123",
        "999",
        "85258",
        "+44 1384 123456",
        "0300 123 3393",
    ],
)
def test_uk_numbers_that_can_be_dialled_pass(number):
    assert check_phone(number, ["GB"]) is None


@pytest.mark.parametrize(
    ("number", "countries"),
    [
        ("800-799-7233", ["US"]),
        ("1-800-662-4357", ["US"]),
        ("988", ["US"]),
        ("1300 657 380", ["AU"]),
        ("116 123", ["GB", "IE"]),
    ],
)
def test_numbers_of_other_countries_pass_for_entries_there(number, countries):
    assert check_phone(number, countries) is None


@pytest.mark.parametrize(
    "number", ["01384 123 45", "999999", "0808 000 00000", "12345", "01632 960000", "07700 900021"]
)
def test_numbers_outside_the_uk_plan_are_refused(number):
    problem = check_phone(number, ["GB"])
    assert problem is not None and problem.type == "phone_plan"
    assert problem.context["digits"] == str(sum(ch.isdigit() for ch in number))


def test_a_us_number_is_refused_for_a_uk_only_entry():
    # libphonenumber alone would read it as 0800 799 7233.
    assert check_phone("800-799-7233", ["GB"]).type == "phone_plan"
    assert check_phone("1384 123456", ["GB"]).type == "phone_plan"


def test_the_trunk_zero_form_is_refused_with_the_number_to_write():
    problem = check_phone("+44 (0)1384 123456", ["GB"])
    assert problem.type == "phone_trunk_zero" and problem.context["suggestion"] == "01384 123456"


def test_a_national_number_needs_a_country():
    assert check_phone("01384 123456", []).type == "phone_needs_country"
    assert check_phone("+44 1384 123456", []) is None


def test_fictional_ranges_only_with_the_taxonomy_setting():
    for number in ("01632 960123", "07700 900456"):
        assert check_phone(number, ["GB"]) is not None
        assert check_phone(number, ["GB"], fictional=True) is None
    assert check_phone("202-555-0142", ["US"], fictional=True) is None
    assert check_phone("01632 123456", ["GB"], fictional=True) is not None


def test_every_short_number_is_listed_as_digits():
    for numbers in SHORT_NUMBERS.values():
        assert all(number.isdigit() for number in numbers)


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("07860077333", "07860 077 333"),
        ("01384123456", "01384 123 456"),
        ("08001111", "0800 1111"),
        ("116123", "116 123"),
        ("0808 80 10 800", "0808 80 10 800"),  # the service's own grouping is kept
        ("85258", "85258"),
        ("999", "999"),
    ],
)
def test_numbers_are_shown_grouped_as_people_read_them(written, shown):
    assert group(written) == shown


def test_buttons_use_the_grouped_number_but_dial_the_digits():
    phone = Phone(number="07860077333", type="text", keyword="HELP")
    assert phone.label == "Text HELP to 07860 077 333"
    assert phone.href == "sms:07860077333?body=HELP"
    assert Phone(number="08001111").label == "Call 0800 1111"


def test_numbers_of_the_crown_dependencies_count_as_uk():
    # The Northern Ireland helpline's text number is in a Jersey mobile range.
    assert check_phone("07797 805839", ["GB"]) is None
