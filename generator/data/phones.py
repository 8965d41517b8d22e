"""Phone numbers: checked against each country's numbering plan, shown as people read them.

The numbering plans come from ``phonenumbers`` (Google's libphonenumber
metadata, kept up to date with each country's regulator). Short numbers —
999, 111, 116 123, text numbers such as 85258 — are not in those plans in a
form we can check, so they come from the explicit list below: add a number
there only after confirming it on the service's own or an official site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneNumberFormat

# Short numbers people can dial, by country (ISO 3166-1 alpha-2), digits only.
SHORT_NUMBERS: dict[str, dict[str, str]] = {
    "GB": {
        "999": "emergency services",
        "112": "emergency services",
        "111": "NHS 111",
        "101": "police, when it is not an emergency",
        "116123": "Samaritans",
        "85258": "Shout (text)",
        "18001": "Relay UK, before the number for a text relay call",
    },
    "IE": {"999": "emergency services", "112": "emergency services", "116123": "Samaritans"},
    "US": {
        "911": "emergency services",
        "988": "988 Suicide & Crisis Lifeline",
        "711": "telecommunications relay",
        "435748": "SAMHSA National Helpline (text)",
        "88788": "National Domestic Violence Hotline (text)",
    },
    "AU": {"000": "emergency services", "106": "text emergency relay"},
}
# Ranges kept for drama and fiction (Ofcom; the North American 555-01xx): never
# dialled. Accepted only by a taxonomy with `fictional_numbers: true`, which
# benchmarks and test directories set; a published directory must not.
FICTIONAL = re.compile(r"^(?:01632960\d{3}|07700900\d{3}|08081570\d{3}|1?\d{3}55501\d{2})$")
COUNTRY_NAMES = {"GB": "the UK", "IE": "Ireland", "US": "the United States", "AU": "Australia"}
_SEPARATORS = re.compile(r"[ ()-]")
_TRUNK_ZERO = re.compile(r"^\+\d{1,3}[ -]?\(0\)")


@dataclass(frozen=True)
class PhoneProblem:
    """A problem type (see errors.MESSAGES) and what its message needs."""

    type: str
    context: dict[str, str]


def digits_of(number: str) -> str:
    return _SEPARATORS.sub("", number)


def _country_list(countries: Iterable[str]) -> str:
    names = [COUNTRY_NAMES.get(code, code) for code in sorted(set(countries))]
    return " or ".join(names) if names else "any country"


def _short_examples(countries: list[str]) -> str:
    codes = [number for country in countries for number in SHORT_NUMBERS.get(country, {})][:3]
    return ", ".join(group(number) for number in codes) or "none"


def check_phone(number: str, countries: Iterable[str], *, fictional: bool = False) -> PhoneProblem | None:
    """None when the number can be dialled in one of the entry's countries
    (or, with ``fictional``, is in a range kept for drama)."""
    countries = sorted(set(countries))
    digits = digits_of(number)
    if fictional and FICTIONAL.fullmatch(digits):
        return None
    if any(digits in SHORT_NUMBERS.get(country, {}) for country in countries):
        return None
    if number.startswith("+"):
        try:
            parsed = phonenumbers.parse(number, None)
        except phonenumbers.NumberParseException:
            parsed = None
        if parsed is None or not phonenumbers.is_valid_number(parsed):
            return PhoneProblem(
                "phone_plan",
                {"input": number, "digits": str(len(digits) - 1), "where": "any country", "examples": "none"},
            )
        national = phonenumbers.format_number(parsed, PhoneNumberFormat.NATIONAL)
        if _TRUNK_ZERO.match(number):
            return PhoneProblem("phone_trunk_zero", {"input": number, "suggestion": national})
        return None
    if not countries:
        return PhoneProblem("phone_needs_country", {"input": number})
    for country in countries:
        try:
            parsed = phonenumbers.parse(number, country)
        except phonenumbers.NumberParseException:
            continue
        # Every UK number but a short one starts with 0; libphonenumber would
        # read one written without it ("800-799-7233" as 0800 799 7233).
        if country == "GB" and not digits.startswith("0"):
            continue
        # Valid anywhere that shares the country's calling code: many UK text
        # lines use Jersey or Guernsey mobile ranges (07797 … is Jersey's).
        if phonenumbers.is_valid_number(parsed) and parsed.country_code == phonenumbers.country_code_for_region(
            country
        ):
            return None
    return PhoneProblem(
        "phone_plan",
        {
            "input": number,
            "digits": str(len(digits)),
            "where": _country_list(countries),
            "examples": _short_examples(countries),
        },
    )


def group(number: str) -> str:
    """The number as people read it. A number written with spaces or hyphens keeps
    the grouping its service uses ("0808 80 10 800"); one written as a run of
    digits is grouped by its numbering plan, in blocks of at most four digits
    ("07860077333" → "07860 077 333")."""
    if _SEPARATORS.search(number):
        return number
    if number in SHORT_NUMBERS["GB"] and len(number) == 6:
        return f"{number[:3]} {number[3:]}"  # 116 123
    region = None if number.startswith("+") else "GB" if number.startswith("0") else None
    if region is None and not number.startswith("+"):
        return number
    try:
        parsed = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        return number
    if not phonenumbers.is_valid_number(parsed):
        return number
    style = PhoneNumberFormat.NATIONAL if region else PhoneNumberFormat.INTERNATIONAL
    blocks = phonenumbers.format_number(parsed, style).split(" ")
    # libphonenumber writes UK mobiles as "07860 077333": split long blocks in two.
    readable = [
        part
        for block in blocks
        for part in ((block[:3], block[3:]) if len(block) == 6 and block.isdigit() else (block,))
    ]
    return " ".join(readable)
