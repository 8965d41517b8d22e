"""Hostile data files: one row per case, each refused with one clear line.

Every row goes through `generator.data.validate.load_directory` (the same function
the site build uses); rows marked `cli` also run `python -m generator check` in
a subprocess: exit status 1, one `file:line:col: entry: field: message — fix`
line per problem, no traceback, nothing written and the file unchanged.

Lower-level tests of the same refusals stay where they test something else:
tests/test_loader.py (exact marks, what the loader returns), tests/golden/
(the exact output for a few files), tests/test_validate.py (rules between
fields and entries).
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from generator.data.errors import DataError
from generator.data.validate import load_directory
from generator.site.pages import build_pages

from .conftest import TAXONOMY
from .conftest import valid_entry as E  # noqa: N812 - rows of the table read as E(...)

TODAY = date(2026, 11, 22)
LINE = re.compile(
    r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<where>[^:]+): (?P<field>[^ ]+): (?P<message>.+) — (?P<fix>.+)$"
)
PHONES = '\n    phones:\n      - number: "0808 000 0000"'  # lines 9-11 of E()
BOMB = "- id: bomb\n  x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"  x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 40)
)


@dataclass(frozen=True)
class Case:
    name: str
    data: str | bytes
    type: str
    field: str
    line: int
    fix: str  # a fragment of the fix
    where: str = "example-helpline"
    count: int | None = 1  # problems expected in all; None: not checked
    cli: bool = False
    file: str = "resources.yaml"
    taxonomy: Callable[[str], str] | None = None
    max_bytes: int | None = None


def phone(number: str) -> str:
    return f'\n    phones:\n      - {{number: "{number}", hours: 24 hours a day}}'


def email(address: str) -> str:
    return f'\n    email: "{address}"' + PHONES


# The line of `allowed_hosts:` in the real taxonomy, which the cases below change.
ALLOWED_HOSTS_LINE = next(
    number
    for number, line in enumerate(TAXONOMY.read_text(encoding="utf-8").splitlines(), 1)
    if line.startswith("allowed_hosts:")
)


def allow_hosts(hosts: str) -> Callable[[str], str]:
    return lambda text: text.replace("allowed_hosts: []", f"allowed_hosts: {hosts}")


C = Case
CASES = [
    # --- what YAML can hide ----------------------------------------------------------------------
    C(
        "tag-python-object-apply",
        E(name='!!python/object/apply:os.system ["echo hi"]'),
        "tag",
        "name",
        2,
        "remove the tag",
        count=2,
        cli=True,
    ),
    C("tag-python-name", E(name="!!python/name:os.system ''"), "tag", "name", 2, "remove the tag", count=2),
    C("tag-local", E(name="!custom x"), "tag", "name", 2, "write plain text"),
    C("tag-core-int", E(review_every_months="!!int 6"), "tag", "review_every_months", 14, "remove the tag"),
    C("tag-on-entry", "- !!map\n  " + E()[2:], "tag", "-", 1, "remove the tag"),
    C("anchor", E(topics="&t [crisis]"), "anchor", "topics", 7, "write every value out in full"),
    C(
        "alias",
        E(topics="&t [crisis]") + E(id="second", topics="*t"),
        "alias",
        "topics",
        20,
        "write the value out in full",
        where="second",
        count=2,
    ),
    C("alias-bomb", BOMB, "alias", "x1[0]", 3, "write the value out in full", where="bomb", count=42, cli=True),
    C(
        "merge-key",
        E(topics="&t [crisis]") + E(id="second") + "  <<: *t\n",
        "alias",
        "<<",
        27,
        "write the value out in full",
        where="second",
        count=2,
    ),
    C("duplicate-key", E() + "  name: Second name\n", "duplicate_key", "name", 14, "keep one of the two", cli=True),
    C(
        "duplicate-key-by-escape",
        E() + '  "n\\x61me": Second name\n',
        "duplicate_key",
        "name",
        14,
        "keep one of the two",
    ),
    C(
        "multiple-documents",
        E() + "---\n" + E(id="second"),
        "multiple_documents",
        "-",
        14,
        "remove the '---' line",
        where="(file)",
    ),
    C(
        "nested-too-deep",
        E(name="[" * 30 + "]" * 30),
        "too_deep",
        "name" + "[0]" * 10,
        2,
        "structure shown in the schema",
        where="entry 1",
    ),
    C("complex-key", E() + "  ? [a, b]\n  : c\n", "complex_key", "-", 14, "write 'name: value'", where="entry 1"),
    C("syntax-error", E(name="a: b"), "syntax", "-", 2, "in double quotes", where="entry 1", cli=True),
    # --- yes/no, dates, numbers -------------------------------------------------------------------
    *(
        C(f"yes-no-{v}", E(crisis=v), "yes_no", "crisis", 14, "write true or false")
        for v in ("yes", "no", "on", "True", "1", "y")
    ),
    C("yes-no-cli", E(crisis="yes"), "yes_no", "crisis", 14, "write true or false", cli=True),
    C(
        "date-impossible",
        E(last_reviewed="2024-02-30"),
        "date_impossible",
        "last_reviewed",
        12,
        "check the day and month",
        cli=True,
    ),
    C(
        "date-not-leap-year",
        E(last_reviewed="2023-02-29"),
        "date_impossible",
        "last_reviewed",
        12,
        "check the day and month",
    ),
    C(
        "date-month-13",
        E(last_reviewed="2024-13-01"),
        "date_impossible",
        "last_reviewed",
        12,
        "check the day and month",
    ),
    *(
        C(f"date-format-{i}", E(last_reviewed=v), "date_format", "last_reviewed", 12, "year-month-day")
        for i, v in enumerate(
            ["30/01/2024", "2024-1-5", "January 2024", "2024-01-01T10:00:00", "20240101", "٢٠٢٤-٠١-٠١"]
        )
    ),
    C(
        "date-in-the-future",
        E(last_reviewed="2026-11-23"),
        "date_future",
        "last_reviewed",
        12,
        "today or earlier",
        cli=True,
    ),
    C("published-impossible", E(published="2024-02-30"), "date_impossible", "published", 14, "check the day and month"),
    C("published-not-a-year", E(published='"24"'), "year", "published", 14, "YYYY, YYYY-MM or YYYY-MM-DD"),
    C(
        "months-not-a-number",
        E(review_every_months="twelve"),
        "whole_number",
        "review_every_months",
        14,
        "from 1 to 36",
    ),
    # --- characters -------------------------------------------------------------------------------
    C("tab-in-text", E(name="Example\thelpline"), "tab", "name", 2, "use spaces", cli=True),
    C("tab-as-indent", E().replace("  name:", "\tname:"), "tab", "-", 2, "use spaces to indent", where="(file)"),
    C("tab-by-escape", E(name='"Example\\thelpline"'), "tab", "name", 2, "use spaces"),
    C(
        "not-utf8-latin1",
        E(name="Caf\udce9").encode("utf-8", "surrogateescape"),
        "encoding",
        "name",
        2,
        "save the file with UTF-8",
        cli=True,
    ),
    C("not-utf8-utf16", E().encode("utf-16"), "encoding", "-", 1, "save the file with UTF-8", where="(file)"),
    C("not-utf8-overlong", E(name="X\udcc0\udcafY").encode("utf-8", "surrogateescape"), "encoding", "name", 2, "UTF-8"),
    C(
        "not-utf8-surrogate",
        E(name="X\udced\udca0\udc80Y").encode("utf-8", "surrogateescape"),
        "encoding",
        "name",
        2,
        "UTF-8",
    ),
    C("nul-byte", E(name="Ex\x00ample").encode(), "nul", "name", 2, "remove it", cli=True),
    C("nul-by-escape", E(name='"Ex\\0ample"'), "control", "name", 2, "delete it"),
    C("control-escape-sequence", E(name='"\\e[31mRed"'), "control", "name", 2, "delete it", cli=True),
    C("control-raw-bell", E(name="Ex\x07ample"), "control", "name", 2, "delete it"),
    C("control-c1", E(name="Ex\x85ample"), "control", "name", 2, "delete it"),
    C("line-separator", E(name="Ex\u2028ample"), "control", "name", 2, "delete it"),
    C("noncharacter", E(name="Ex\ufffeample"), "control", "name", 2, "delete it"),
    C("bidi-override", E(name="Ex\u202eample"), "bidi", "name", 2, "misleading order"),
    C("bidi-isolate", E(summary="Ex\u2066ample"), "bidi", "summary", 4, "misleading order"),
    C("bidi-mark", E(publisher="Ex\u200fample"), "bidi", "publisher", 5, "misleading order"),
    C("bidi-by-escape", E(name='"Ex\\u202Eample"'), "bidi", "name", 2, "misleading order", cli=True),
    C("bidi-in-url", E(url="https://example.org/\u202egpj.exe"), "bidi", "url", 14, "misleading order"),
    C("zero-width-space", E(name="Ex\u200bample"), "zero_width", "name", 2, "hide differences"),
    C("zero-width-joiner-escape", E(name='"Ex\\u200Dample"'), "zero_width", "name", 2, "hide differences"),
    C("byte-order-mark-inside", E(name="Ex\ufeffample"), "zero_width", "name", 2, "hide differences"),
    C("soft-hyphen", E(name="Ex\u00adample"), "invisible", "name", 2, "hide text"),
    C("tag-characters", E(name="Example\U000e0069\U000e0067\U000e006e"), "invisible", "name", 2, "hide text", count=3),
    C("hangul-filler", E(name="Ex\u3164ample"), "invisible", "name", 2, "hide text"),
    C("control-in-key", E() + '  "\\e[2Jx": y\n', "control", "\\u001B[2Jx", 14, "delete it", count=2, cli=True),
    # --- shape, size and missing or unknown fields -----------------------------------------------
    C("empty-file", "", "empty_file", "-", 1, "add at least one entry", where="(file)", cli=True),
    C("blank-file", "\n   \n\n", "empty_file", "-", 1, "add at least one entry", where="(file)"),
    C("comment-only-file", "# nothing here\n", "empty_file", "-", 1, "add at least one entry", where="(file)"),
    C("empty-list", "[]\n", "empty_list", "-", 1, "add at least one entry", where="(file)"),
    C("null-entry", "-\n", "model_type", "-", 1, "indent the fields", where="entry 1"),
    C("not-a-list", "id: x\nname: y\n", "not_a_list", "-", 1, "start every entry with '- id: '", where="(file)"),
    C(
        "every-missing-field",
        "- id: lonely\n",
        "missing",
        "audience",
        1,
        "add 'audience:'",
        where="lonely",
        count=9,
        cli=True,
    ),
    C("unknown-field", E() + "  sumary: typo\n", "extra_forbidden", "sumary", 14, "did you mean 'summary'?", cli=True),
    C(
        "unknown-nested-field",
        E(contact='\n    phones:\n      - number: "0808 000 0000"\n        hour: 24 hours'),
        "extra_forbidden",
        "contact.phones[0].hour",
        12,
        "did you mean 'hours'?",
    ),
    C(
        "unknown-field-far-off",
        E() + "  colour: blue\n",
        "extra_forbidden",
        "colour",
        14,
        "known fields here are: id, name",
    ),
    C("text-given-a-list", E(name="[a, b]"), "string_type", "name", 2, "write the value as text"),
    C("list-given-text", E(topics="crisis"), "list_type", "topics", 7, "one item per line"),
    C("name-too-long", E(name="x" * 151), "string_too_long", "name", 2, "150 characters or fewer", cli=True),
    C("summary-too-long", E(summary="x" * 251), "string_too_long", "summary", 4, "250 characters or fewer"),
    C(
        "description-too-long",
        E(description="x" * 3001),
        "string_too_long",
        "description",
        14,
        "3000 characters or fewer",
    ),
    C(
        "keyword-too-long",
        E(contact='\n    phones:\n      - number: "85258"\n        type: text\n        keyword: ' + "K" * 41),
        "string_too_long",
        "contact.phones[0].keyword",
        13,
        "40 characters or fewer",
    ),
    C(
        "too-many-topics",
        E(topics="[" + ", ".join(["crisis"] * 13) + "]"),
        "too_long",
        "topics",
        7,
        "remove some items",
    ),
    C(
        "too-many-sources",
        E(sources="[" + ", ".join(["https://example.org/"] * 21) + "]"),
        "too_long",
        "sources",
        13,
        "remove some",
    ),
    C("url-too-long", E(url="https://example.org/" + "a" * 2000), "url_too_long", "url", 14, "shorter address"),
    C("field-name-too-long", E() + "  " + "k" * 500 + ": v\n", "extra_forbidden", "k" * 57 + "...", 14, "known fields"),
    C(
        "too-many-fields",
        E() + "".join(f"  k{i}: v\n" for i in range(1100)),
        "too_many_keys",
        "-",
        1003,
        "fields shown in the schema",
        count=990,
    ),
    C(
        "too-many-problems",
        "".join(f"- id: e{i}\n" for i in range(200)),
        "more_problems",
        "-",
        112,
        "run the check again",
        where="(file)",
        count=1001,
        cli=True,
    ),
    C(
        "file-too-large",
        E() * 40,
        "file_too_large",
        "-",
        1,
        "raise the max_file_bytes option",
        where="(file)",
        max_bytes=10000,
        cli=True,
    ),
    # --- links ------------------------------------------------------------------------------------
    *(
        C(f"url-scheme-{s}", E(url=f'"{u}"'), "url_scheme", "url", 14, "starts with https://")
        for s, u in [
            ("javascript", "javascript:alert(1)"),
            ("javascript-mixed-case", "JaVaScRiPt:alert(1)"),
            ("javascript-leading-space", " javascript:alert(1)"),
            ("data", "data:text/html,<script>alert(1)</script>"),
            ("vbscript", "vbscript:msgbox(1)"),
            ("file", "file:///etc/passwd"),
            ("entity", "&#106;avascript:alert(1)"),
            ("ftp", "ftp://example.org/"),
        ]
    ),
    C(
        "url-scheme-in-sources",
        E(sources='["javascript:alert(1)"]'),
        "url_scheme",
        "sources[0]",
        13,
        "https://",
        cli=True,
    ),
    C("url-http", E(url="http://example.org/"), "url_http", "url", 14, "use the https:// address", cli=True),
    C("url-http-in-sources", E(sources="[http://example.org/]"), "url_http", "sources[0]", 13, "https://"),
    C(
        "url-credentials",
        E(url="https://user:secret@example.org/"),
        "url_credentials",
        "url",
        14,
        "remove the part before '@'",
    ),
    C("url-user-only", E(url="https://example.org@evil.example/"), "url_credentials", "url", 14, "before '@'"),
    C("url-punycode", E(url="https://xn--pple-43d.com/"), "url_punycode", "url", 14, "allowed_hosts"),
    C(
        "url-mixed-script",
        E(url="https://аpple.com/"),
        "url_mixed_script",
        "url",
        14,
        "organisation's own pages",
        cli=True,
    ),
    C(
        "url-mixed-script-greek",
        E(url="https://exαmple.org/"),
        "url_mixed_script",
        "url",
        14,
        "organisation's own pages",
    ),
    C("url-international", E(url="https://bücher.example/"), "url_idn", "url", 14, "add it to allowed_hosts"),
    C("url-fullwidth", E(url="https://ｅｘａｍｐｌｅ.org/"), "url_idn", "url", 14, "allowed_hosts"),
    C("url-localhost", E(url="https://localhost/"), "url_host", "url", 14, "typing mistakes"),
    *(
        C(f"url-private-{name}", E(url=f"https://{host}/"), "url_host_private", "url", 14, "public web address")
        for name, host in [
            ("localhost-subdomain", "app.localhost"),
            ("local", "printer.local"),
            ("lan", "nas.lan"),
            ("internal", "app.internal"),
            ("corp", "intranet.corp"),
            ("home-arpa", "router.home.arpa"),
            ("test", "site.test"),
            ("example-tld", "site.example"),
            ("invalid", "x.invalid"),
        ]
    ),
    C("url-private-trailing-dot", E(url="https://printer.local./"), "url_host", "url", 14, "typing mistakes"),
    C("url-ipv6-address", E(url='"https://[::1]/"'), "url_host", "url", 14, "typing mistakes"),
    C("url-private-ip-address", E(url="https://10.0.0.1/"), "url_host", "url", 14, "typing mistakes"),
    C("url-ip-address", E(url="https://127.0.0.1/"), "url_host", "url", 14, "typing mistakes"),
    C("url-encoded-host", E(url="https://%65xample.org/"), "url_host", "url", 14, "typing mistakes"),
    C("url-one-slash", E(url="https:/example.org"), "url_invalid", "url", 14, "address bar"),
    C("url-space", E(url='"https://exa mple.org"'), "url_invalid", "url", 14, "address bar"),
    C("url-no-scheme", E(url="example.org"), "url_invalid", "url", 14, "address bar"),
    C("url-bad-port", E(url="https://example.org:99999/"), "url_invalid", "url", 14, "address bar"),
    C("url-mailto", E(url="mailto:help@example.org"), "url_contact_scheme", "url", 14, "contact.email", cli=True),
    C("url-tel", E(url='"tel:08080000000"'), "url_contact_scheme", "url", 14, "contact.phones"),
    C(
        "allow-list-not-a-host",
        E(),
        "allowed_host",
        "allowed_hosts[0]",
        ALLOWED_HOSTS_LINE,
        "write only the host",
        where="(file)",
        file="taxonomy.yaml",
        taxonomy=allow_hosts("[localhost]"),
    ),
    C(
        "allow-list-with-scheme",
        E(),
        "allowed_host",
        "allowed_hosts[0]",
        ALLOWED_HOSTS_LINE,
        "no https://",
        where="(file)",
        file="taxonomy.yaml",
        taxonomy=allow_hosts('["https://bücher.example/"]'),
    ),
    # --- cheap to describe, however hostile ---------------------------------------------------
    C(
        "list-of-5000-unknown-topics",
        E(topics="[" + ", ".join(f"t{i}" for i in range(5000)) + "]"),
        "too_many_items",
        "topics",
        7,
        "keep the list",
        count=102,
        cli=True,
    ),
    C(
        "list-of-200-unknown-topics",
        E(topics="[" + ", ".join(f"t{i}" for i in range(200)) + "]"),
        "too_long",
        "topics",
        7,
        "",
        count=101,
    ),
    C(
        "taxonomy-id-index",
        E(topics="[index]"),
        "term_reserved",
        "topics.index.[key]",
        7,
        "choose another id",
        where="(file)",
        file="taxonomy.yaml",
        count=None,
        taxonomy=lambda text: text.replace("topics:\n", "topics:\n  index: Index of everything\n", 1),
    ),
    # --- phone numbers and email addresses --------------------------------------------------------
    C(
        "phone-too-few-digits",
        E(contact=phone("01384 123 45")),
        "phone_plan",
        "contact.phones[0].number",
        11,
        "check the number on the organisation's own site",
        cli=True,
    ),
    C(
        "phone-not-a-short-number",
        E(contact=phone("999999")),
        "phone_plan",
        "contact.phones[0].number",
        11,
        "check the number on the organisation's own site",
    ),
    C(
        "phone-too-many-digits",
        E(contact=phone("0808 000 00000")),
        "phone_plan",
        "contact.phones[0].number",
        11,
        "check the number",
    ),
    C(
        "phone-international-with-trunk-zero",
        E(contact=phone("+44 (0)1384 123456")),
        "phone_trunk_zero",
        "contact.phones[0].number",
        11,
        "write it as people in the country dial it, '01384 123456'",
    ),
    C(
        "phone-drama-number",
        E(contact=phone("01632 960000")),
        "phone_plan",
        "contact.phones[0].number",
        11,
        "check the number",
    ),
    C(
        "phone-invalid-international",
        E(contact=phone("+44 1384 12")),
        "phone_plan",
        "contact.phones[0].number",
        11,
        "check the number",
    ),
    C(
        "phone-tel-prefix",
        E(contact=phone("tel:0808 000 0000")),
        "phone_prefix",
        "contact.phones[0].number",
        11,
        "write only the number, '0808 000 0000'",
        cli=True,
    ),
    C(
        "phone-sms-prefix",
        E(contact=phone("sms:85258")),
        "phone_prefix",
        "contact.phones[0].number",
        11,
        "only the number, '85258'",
    ),
    C(
        "phone-words",
        E(contact=phone("0800 CALL NOW")),
        "phone_number",
        "contact.phones[0].number",
        11,
        "put words in 'note'",
    ),
    C(
        "phone-tel-words",
        E(contact=phone("tel:0800 CALL NOW")),
        "phone_number",
        "contact.phones[0].number",
        11,
        "put words in 'note'",
    ),
    C(
        "phone-extension",
        E(contact=phone("0808 000 0000 ext 4")),
        "phone_number",
        "contact.phones[0].number",
        11,
        "digits",
    ),
    C("phone-double-plus", E(contact=phone("++44 1")), "phone_number", "contact.phones[0].number", 11, "digits"),
    C("phone-too-short", E(contact=phone("12")), "phone_number", "contact.phones[0].number", 11, "digits"),
    C("phone-too-long", E(contact=phone("1234567890123456")), "phone_number", "contact.phones[0].number", 11, "digits"),
    C(
        "phone-other-digits",
        E(contact=phone("٠٨٠٨ ٠٠٠ ٠٠٠٠")),
        "phone_number",
        "contact.phones[0].number",
        11,
        "digits",
    ),
    C(
        "email-mailto-prefix",
        E(contact=email("mailto:help@example.org")),
        "email_prefix",
        "contact.email",
        10,
        "write only the address, 'help@example.org'",
        cli=True,
    ),
    C(
        "email-mailto-upper",
        E(contact=email("MAILTO:help@example.org")),
        "email_prefix",
        "contact.email",
        10,
        "'help@example.org'",
    ),
    C(
        "email-mailto-query",
        E(contact=email("mailto:help@example.org?subject=hi")),
        "email",
        "contact.email",
        10,
        "name@example.org",
    ),
    *(
        C(f"email-malformed-{i}", E(contact=email(v)), "email", "contact.email", 10, "name@example.org")
        for i, v in enumerate(["help@", "help at example.org", "a@b", "x@example.org?subject=hi", "<a@example.org>"])
    ),
    C("helpline-without-number", E(contact=None), "helpline_needs_number", "kind", 3, "add contact.phones", cli=True),
    C(
        "helpline-with-only-email",
        E(contact="\n    email: help@example.org"),
        "helpline_needs_number",
        "contact.phones",
        10,
        "add contact.phones",
    ),
    # --- ids ----------------------------------------------------------------------------------------
    *(
        C(
            f"id-not-a-slug-{i}",
            E(id=f'"{v}"'),
            "slug",
            "id",
            1,
            "lowercase letters, digits and single hyphens",
            where="entry 1",
        )
        for i, v in enumerate(
            [
                "../x",
                "a/b",
                "a\\\\b",
                "Upper",
                "CON",
                "with space",
                "double--hyphen",
                "-lead",
                "trail-",
                "é",
                "ｃａｌｍ",
                "calm\u212a",
                "ﬁle",
                "саlm",
                "x.html",
                "a" * 81,
            ]
        )
    ),
    C("id-not-a-slug-cli", E(id='"../etc/passwd"'), "slug", "id", 1, "such as 'etc-passwd'", where="entry 1", cli=True),
    C("id-line-break-after", E(id='"calm-line\\n"'), "slug_space", "id", 1, "id: calm-line", where="entry 1", cli=True),
    C("id-block-scalar", E(id="|\n    calm-line"), "slug_space", "id", 1, "id: calm-line", where="entry 1"),
    C("id-empty", E(id='""'), "slug", "id", 1, "lowercase letters", where="entry 1"),
    *(
        C(f"id-reserved-{v}", E(id=v), "id_reserved", "id", 1, f"for example '{v}-service'", where=v)
        for v in ("search", "assets", "404", "con", "nul", "com1", "lpt9", "find", "entries", "sitemap")
    ),
    C("id-duplicate", E() + E(), "duplicate_id", "id", 14, "give each entry its own id", cli=True),
    C("id-duplicate-quoted", E() + E(id='"example-helpline"'), "duplicate_id", "id", 14, "its own id"),
    C("id-duplicate-escaped", E() + E(id='"example\\x2dhelpline"'), "duplicate_id", "id", 14, "its own id"),
    # --- vocabularies -------------------------------------------------------------------------------
    C(
        "topic-unknown",
        E(topics="[emotional-suport]"),
        "taxonomy",
        "topics[0]",
        7,
        "did you mean 'emotional-support'?",
        cli=True,
    ),
    C(
        "setting-unknown",
        E(settings="[schools]"),
        "taxonomy",
        "settings[0]",
        14,
        "add it to settings in the taxonomy file",
    ),
    C("region-unknown", E(regions="[englnd]"), "taxonomy", "regions[0]", 8, "did you mean 'england'?"),
    C(
        "area-unknown",
        E(regions="\n    - region: scotland\n      area: dudley"),
        "area_unknown",
        "regions[0].area",
        10,
        "add it to the areas of scotland",
    ),
    C("language-unknown", E(languages="[klingon]"), "taxonomy", "languages[0]", 14, "add it to languages"),
]


def run_case(case: Case, tmp_path: Path, write_data) -> tuple[Path, list]:
    path = write_data(case.data)
    taxonomy = path.with_name("taxonomy.yaml")
    if case.taxonomy:
        taxonomy.write_text(case.taxonomy(taxonomy.read_text(encoding="utf-8")), encoding="utf-8")
    kwargs = {"max_bytes": case.max_bytes} if case.max_bytes else {}
    with pytest.raises(DataError) as caught:
        load_directory(path, taxonomy, today=TODAY, **kwargs)
    return path, caught.value.problems


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_case_is_refused_with_a_clear_problem(case, tmp_path, write_data):
    path, problems = run_case(case, tmp_path, write_data)
    matching = [p for p in problems if p.type == case.type and p.field == case.field]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert (Path(problem.file).name, problem.line, problem.where) == (case.file, case.line, case.where), str(problem)
    assert case.fix in problem.fix, str(problem)
    if case.count is not None:
        assert len(problems) == case.count, [str(p) for p in problems]
    for each in problems:
        assert each.line >= 1 and each.column >= 1 and each.message and each.fix
        assert str(each).isprintable(), repr(str(each))
        assert LINE.match(str(each)), str(each)


def test_the_table_covers_every_case_once():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names))
    assert len(CASES) >= 150


CLI_CASES = [c for c in CASES if c.cli]


def files_under(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize("case", CLI_CASES, ids=[c.name for c in CLI_CASES])
def test_check_command_reports_hostile_case(case, tmp_path, write_data):
    path = write_data(case.data)
    taxonomy = path.with_name("taxonomy.yaml")
    if case.taxonomy:
        taxonomy.write_text(case.taxonomy(taxonomy.read_text(encoding="utf-8")), encoding="utf-8")
    before = files_under(tmp_path)
    extra = ["--max-bytes", str(case.max_bytes)] if case.max_bytes else []
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", path.name, "--today", TODAY.isoformat(), *extra],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(LINE.match(line) and line.isprintable() for line in lines), result.stdout
    expected = [m for m in map(LINE.match, lines) if m["field"] == case.field and m["file"] == case.file]
    assert any(int(m["line"]) == case.line and m["where"] == case.where and case.fix in m["fix"] for m in expected), (
        result.stdout
    )
    if case.count is not None:
        assert len(lines) == case.count, result.stdout
    assert re.fullmatch(r"\d+ problems? found in resources\.yaml\.\n", result.stderr), result.stderr
    assert files_under(tmp_path) == before


# --- controls: YAML 1.1 look-alikes stay the text that was written ------------------------------

CONTROLS = ["NO", "yes", "on", "9:30", "012"]


def control_entry(text: str) -> str:
    return E(
        name=text,
        summary=text,
        publisher=text,
        contact=f'\n    phones:\n      - number: "85258"\n        type: text\n        keyword: {text}\n'
        f"        hours: {text}\n        note: {text}\n    hours: {text}",
        eligibility=text,
        content_notes=text,
        status="paused",
        status_note=text,
    )


@pytest.mark.parametrize("text", CONTROLS)
def test_look_alike_values_stay_text_in_every_text_field(text, write_data):
    path = write_data(control_entry(text))
    directory = load_directory(path, path.with_name("taxonomy.yaml"), today=TODAY)
    entry = directory.entries[0]
    phone_ = entry.contact.phones[0]
    values = [
        entry.name,
        entry.summary,
        entry.publisher,
        entry.eligibility,
        entry.content_notes,
        entry.status_note,
        phone_.keyword,
        phone_.hours,
        phone_.note,
        entry.contact.hours,
    ]
    assert values == [text] * len(values)


@pytest.mark.parametrize("text", CONTROLS)
def test_look_alike_values_reach_the_page_as_written(text, write_data):
    from bs4 import BeautifulSoup

    path = write_data(control_entry(text))
    directory = load_directory(path, path.with_name("taxonomy.yaml"), today=TODAY)
    page = next(p for p in build_pages(directory) if p.template_kind == "entry")
    soup = BeautifulSoup(page.html, "html.parser")
    assert page.title == text
    assert soup.h1.get_text() == text
    assert soup.select_one(".wm-entry__summary").get_text() == text
    assert soup.select_one(".wm-action--text").get_text() == f"Text {text} to 85258"
    assert soup.select_one(".wm-notice--content").get_text(" ", strip=True) == f"Content note: {text}"


@pytest.mark.parametrize("text", CONTROLS)
def test_check_command_accepts_look_alike_values(text, tmp_path, write_data):
    path = write_data(control_entry(text))
    before = files_under(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "check", path.name, "--today", TODAY.isoformat()],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "resources.yaml: 1 entries are valid (1 published).\n"
    assert files_under(tmp_path) == before


# --- accepted on purpose ----------------------------------------------------------------------------


def test_allow_listed_international_host_is_accepted(write_data):
    """A maintainer checked the host by hand and listed it in the taxonomy's allowed_hosts."""
    path = write_data(E(url='"https://bücher.example/"'))
    taxonomy = path.with_name("taxonomy.yaml")
    taxonomy.write_text(allow_hosts("[bücher.example]")(taxonomy.read_text(encoding="utf-8")), encoding="utf-8")
    assert load_directory(path, taxonomy, today=TODAY).entries[0].url == "https://bücher.example/"


def test_allow_listing_one_host_lets_no_look_alike_through(write_data):
    path = write_data(E(url='"https://bücher.example/"', sources='["https://bücher.example.evil.example/"]'))
    taxonomy = path.with_name("taxonomy.yaml")
    taxonomy.write_text(allow_hosts("[bücher.example]")(taxonomy.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_directory(path, taxonomy, today=TODAY)
    assert [(p.field, p.type) for p in caught.value.problems] == [("sources[0]", "url_idn")]


def test_markup_in_a_url_path_is_accepted_and_stays_an_address(write_data):
    """Quotes and angle brackets are legal in a path; the page escapes them (see the corpus tests)."""
    url = 'https://example.org/a"><svg/onload=alert(1)>'
    path = write_data(E(url=f"'{url}'"))
    assert load_directory(path, path.with_name("taxonomy.yaml"), today=TODAY).entries[0].url == url


def test_text_markup_is_accepted_as_text(write_data):
    """Names may contain <, >, & and quotes (a charity can be called "Mind & Body <Leeds>"); they are escaped."""
    path = write_data(E(name="'<script>alert(1)</script> & \"x\"'"))
    assert (
        load_directory(path, path.with_name("taxonomy.yaml"), today=TODAY).entries[0].name
        == '<script>alert(1)</script> & "x"'
    )


def test_emoji_with_variation_selector_is_accepted(write_data):
    """Variation selectors (U+FE0F) are part of ordinary emoji, unlike the invisible characters refused above."""
    path = write_data(E(summary="A line that listens \u2764\ufe0f"))
    assert (
        load_directory(path, path.with_name("taxonomy.yaml"), today=TODAY).entries[0].summary.endswith("\u2764\ufe0f")
    )
