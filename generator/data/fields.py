"""Field types for the entry model: text, links, numbers and dates read from YAML text.

Each check raises a ``PydanticCustomError`` with our own error type (see
``errors.MESSAGES``), so messages never depend on pydantic's wording. The
loader hands every value over as text; these types decide what the text means.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BeforeValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)
# Ids become folder names on every operating system and sit beside the site's own folders.
RESERVED_IDS = frozenset(
    {
        "404",
        "assets",
        "search",
        "entries",
        "find",
        "data",
        "hsds",
        "about",
        "guidance",
        "help-now",
        "my-list",
        "sitemap",
        "index",
        "stylesheets",
        "javascripts",
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(10)),
        *(f"lpt{i}" for i in range(10)),
    }
)
# The folder of the later pages of a listing (find/page/2/, find/topic/x/page/2/).
PAGE_FOLDER = "page"
_HOST = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
_EMAIL = re.compile(
    r"^[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
)
# "+44 (0)1384 ..." is read, so that check can say how to write it (generator/phones.py).
_PHONE = re.compile(r"^\+?[0-9]+(?:[ -]?\(0\)[ -]?[0-9]+)?(?:[ -][0-9]+)*$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_YEAR = re.compile(r"^[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?$")


def _error(type_: str, value: Any, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(type_, type_, {"input": value, **context})


# --- text ---------------------------------------------------------------------------


def _one_line(value: str) -> str:
    if "\n" in value or "\r" in value:
        raise _error("single_line", value)
    return value


def _tidy_paragraphs(value: str) -> str:
    # Keep blank-line paragraph breaks; join the lines inside a paragraph.
    paragraphs = re.split(r"\n\s*\n", value.replace("\r\n", "\n").strip())
    return "\n\n".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _text(max_length: int) -> StringConstraints:
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)


# One line of plain text, at most N characters (written as types, so that the
# models and mypy read the same thing).
Line20 = Annotated[str, _text(20), AfterValidator(_one_line)]
Line40 = Annotated[str, _text(40), AfterValidator(_one_line)]
Line60 = Annotated[str, _text(60), AfterValidator(_one_line)]
Line80 = Annotated[str, _text(80), AfterValidator(_one_line)]
Line100 = Annotated[str, _text(100), AfterValidator(_one_line)]
Line150 = Annotated[str, _text(150), AfterValidator(_one_line)]
Line200 = Annotated[str, _text(200), AfterValidator(_one_line)]
Line250 = Annotated[str, _text(250), AfterValidator(_one_line)]
Line300 = Annotated[str, _text(300), AfterValidator(_one_line)]
Line500 = Annotated[str, _text(500), AfterValidator(_one_line)]
# Plain text; paragraphs are separated by a blank line.
Paragraphs3000 = Annotated[str, _text(3000), AfterValidator(_tidy_paragraphs)]


# --- identifiers ----------------------------------------------------------------------


def suggest_slug(value: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
    return slug or "my-entry"


def _slug(value: str) -> str:
    # fullmatch: with match(), "$" would also accept a trailing line break ("id\n").
    if not _SLUG.fullmatch(value) or len(value) > 80:
        if value != value.strip() and _SLUG.fullmatch(value.strip()):
            raise _error("slug_space", value, suggestion=value.strip())
        raise _error("slug", value, suggestion=suggest_slug(value)[:80])
    return value


def _entry_id(value: str) -> str:
    _slug(value)
    if value in RESERVED_IDS:
        raise _error("id_reserved", value)
    return value


Slug = Annotated[
    str, AfterValidator(_slug), WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "maxLength": 80})
]
EntryId = Annotated[
    str, AfterValidator(_entry_id), WithJsonSchema({"type": "string", "pattern": SLUG_PATTERN, "maxLength": 80})
]


# --- links ----------------------------------------------------------------------------


MAX_URL_LENGTH = 2000
_CONTACT_SCHEMES = {
    "mailto": "put the email address in contact.email, without 'mailto:'",
    "tel": "put the number in contact.phones, without 'tel:'",
    "sms": "put the number in contact.phones with type: text, without 'sms:'",
}


def check_https_url(value: str, allowed_hosts: frozenset[str] = frozenset()) -> str:
    """An https address on a public host name; raises our own error types."""
    if len(value) > MAX_URL_LENGTH:
        raise _error("url_too_long", value, length=len(value), limit=MAX_URL_LENGTH)
    if any(ch.isspace() for ch in value):
        raise _error("url_invalid", value)
    scheme, colon, _ = value.partition(":")
    if not colon:
        raise _error("url_invalid", value)
    scheme = scheme.lower()
    if scheme == "http":
        raise _error("url_http", value)
    if scheme in _CONTACT_SCHEMES:
        raise _error("url_contact_scheme", value, scheme=scheme, suggestion=_CONTACT_SCHEMES[scheme])
    if scheme != "https":
        raise _error("url_scheme", value, scheme=scheme)
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        raise _error("url_invalid", value) from None
    if not value[len("https:") :].startswith("//"):
        raise _error("url_invalid", value)
    if "@" in parts.netloc:
        raise _error("url_credentials", value)
    if host in allowed_hosts:
        # Checked by hand for its letters; it must still be a well-formed public host.
        if not _HOST.fullmatch(idna_host(host)):
            raise _error("url_host", value, host=host)
        return value
    labels = host.split(".")
    if any(label.startswith("xn--") for label in labels):
        raise _error("url_punycode", value, host=host)
    if not host.isascii():
        for label in labels:
            scripts = scripts_of(label)
            if len(scripts) > 1:
                raise _error("url_mixed_script", value, host=host, scripts=" and ".join(scripts))
        raise _error("url_idn", value, host=host)
    if not _HOST.fullmatch(host):
        raise _error("url_host", value, host=host or "(none)")
    suffix = private_suffix(host)
    if suffix:
        raise _error("url_host_private", value, host=host, suffix=suffix)
    return value


# Names that only a local network knows, or that are kept for tests and
# examples and never on the public web (RFC 6761, RFC 8375, and common
# private conventions). A link there would send the link checker, or a visitor,
# somewhere inside a network.
PRIVATE_SUFFIXES = (
    "localhost",
    "local",
    "lan",
    "internal",
    "intranet",
    "corp",
    "home",
    "home.arpa",
    "private",
    "test",
    "example",
    "invalid",
    "onion",
    "localdomain",
)


def private_suffix(host: str) -> str | None:
    host = host.lower().rstrip(".")
    return next((s for s in PRIVATE_SUFFIXES if host == s or host.endswith("." + s)), None)


def scripts_of(label: str) -> list[str]:
    """The writing systems of the letters in a host label, e.g. ['Cyrillic', 'Latin']."""
    scripts = set()
    for ch in label:
        if ch.isalpha():
            name = unicodedata.name(ch, "UNKNOWN")
            scripts.add("CJK" if name.startswith("CJK") else name.split()[0].title())
    return sorted(scripts)


def idna_host(host: str) -> str:
    """The ASCII (punycode) form of a host name, or "" when it has none."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return ""


def _allowed_host(value: str) -> str:
    if value != value.lower() or not _HOST.fullmatch(idna_host(value)):
        raise _error("allowed_host", value)
    return value


AllowedHost = Annotated[str, StringConstraints(strip_whitespace=True), AfterValidator(_allowed_host)]


def _https_url(value: str, info: ValidationInfo) -> str:
    allowed = (info.context or {}).get("allowed_hosts", frozenset())
    return check_https_url(value, allowed)


HttpsUrl = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_https_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"}),
]


def _email(value: str) -> str:
    if value[:7].lower() == "mailto:" and _EMAIL.fullmatch(value[7:].strip()):
        raise _error("email_prefix", value, suggestion=value[7:].strip())
    if not _EMAIL.fullmatch(value) or len(value) > 254:
        raise _error("email", value)
    return value


Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_email),
    WithJsonSchema({"type": "string", "format": "email"}),
]


def _phone(value: str) -> str:
    prefix, colon, rest = value.partition(":")
    if colon and prefix.lower() in ("tel", "sms", "callto") and _is_phone(rest.strip().removeprefix("//")):
        raise _error("phone_prefix", value, prefix=prefix, suggestion=rest.strip().removeprefix("//"))
    if not _is_phone(value):
        raise _error("phone_number", value)
    return value


def _is_phone(value: str) -> bool:
    return bool(_PHONE.fullmatch(value)) and 3 <= sum(ch.isdigit() for ch in value) <= 15


PhoneNumber = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_phone),
    WithJsonSchema(
        {"type": "string", "pattern": r"^\+?[0-9]+([ -][0-9]+)*$"}
    ),  # without "(0)": editors show the form to write
]


# --- dates and numbers ----------------------------------------------------------------


def _iso_date(value: Any) -> Any:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not _DATE.fullmatch(value.strip()):
        raise _error("date_format", value)
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise _error("date_impossible", value) from None


IsoDate = Annotated[date, BeforeValidator(_iso_date), WithJsonSchema({"type": "string", "format": "date"})]


def _year(value: str) -> str:
    if not _YEAR.fullmatch(value):
        raise _error("year", value)
    if len(value) == 10:
        _iso_date(value)
    return value


Published = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    AfterValidator(_year),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}),
]


def _yes_no(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if value == "true":
        return True
    if value == "false":
        return False
    raise _error("yes_no", value)


YesNo = Annotated[bool, BeforeValidator(_yes_no), WithJsonSchema({"type": "boolean"})]


def _whole_number(minimum: int, maximum: int) -> BeforeValidator:
    def check(value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
            number = int(value)
        else:
            raise _error("whole_number", value, min=minimum, max=maximum)
        if not minimum <= number <= maximum:
            raise _error("whole_number", value, min=minimum, max=maximum)
        return number

    return BeforeValidator(check)


# How often an entry is checked again, in months.
Months = Annotated[int, _whole_number(1, 36), WithJsonSchema({"type": "integer", "minimum": 1, "maximum": 36})]
