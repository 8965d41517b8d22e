"""Problems found in a data file, and the one-line formats they are reported in.

Every problem names the file, line and column, the entry (its id, or "entry N"
when it has no usable id), the field, what is wrong and how to fix it:

    data/resources.yaml:41:12: samaritans: contact.phones[0].number: ... — ...

Messages are looked up by a problem *type* (our own names, or pydantic's error
``type``), never by matching library message text.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import words

FILE_LEVEL = "(file)"
NO_FIELD = "-"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    where: str
    field: str
    message: str
    fix: str
    type: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.where}: {self.field}: {self.message} — {self.fix}"

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        props = ",".join(
            f"{key}={_escape_property(value)}"
            for key, value in (
                ("file", self.file),
                ("line", str(self.line)),
                ("col", str(self.column)),
                ("title", f"{self.where}: {self.field}"),
            )
        )
        return f"::error {props}::{_escape_data(f'{self.message} — {self.fix}')}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class DataError(Exception):
    """Raised with every problem found in one run; ``str()`` gives one line each."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"{words.count(count, 'problem')} in the data:"
        return "\n".join([head, *map(str, self.problems)])


# Message and fix for each problem type. Placeholders come from the problem's
# context; ``{field}`` is the field's name (last part of its path).
MESSAGES: dict[str, tuple[str, str]] = {
    # Reading the file
    "file_missing": ("the file does not exist", "check the path, or create it"),
    "file_unreadable": (
        "the file cannot be read ({reason})",
        "check that the path names a file you are allowed to read",
    ),
    "file_too_large": (
        "the file is {size} bytes, more than the limit of {limit}",
        "split the data or raise the max_file_bytes option",
    ),
    "encoding": (
        "the file is not valid UTF-8 (byte 0x{byte} cannot be read)",
        "save the file with UTF-8 encoding",
    ),
    "nul": ("the file contains a NUL byte", "remove it; the file may be damaged or not text"),
    "tab": ("a tab character is not allowed", "use spaces to indent, and spaces inside text"),
    "bidi": (
        "an invisible text-direction control character (U+{code}) is not allowed",
        "delete it: it can make text show in a misleading order",
    ),
    "zero_width": (
        "an invisible zero-width character (U+{code}) is not allowed",
        "delete it: it can hide differences between words and links",
    ),
    "invisible": (
        "an invisible character (U+{code}) is not allowed",
        "delete it: it can hide text or differences between words",
    ),
    "control": ("a control character (U+{code}) is not allowed", "delete it"),
    "more_characters": (
        "more tabs, control or invisible characters follow; only the first {count} are listed",
        "fix the ones listed, then run the check again",
    ),
    "syntax": (
        "YAML syntax error: {problem}",
        "check the indentation and quoting here; put text that contains ': ' or ' #', "
        "or starts with a special character, in double quotes",
    ),
    # Shape of the document
    "empty_file": ("the file holds no entries", "add at least one entry, starting with '- id: '"),
    "not_a_list": (
        "the file must be a list of entries",
        "start every entry with '- id: ' at the left margin",
    ),
    "not_a_mapping": (
        "the file must be a set of 'name: value' sections",
        "start each section (topics, settings, regions, languages) at the left margin",
    ),
    "empty_list": ("the list of entries is empty", "add at least one entry"),
    "multiple_documents": (
        "the file holds more than one YAML document ('---')",
        "remove the '---' line and keep every entry in one list",
    ),
    "anchor": (
        "anchors (&{anchor}) are not allowed",
        "remove the anchor and write every value out in full",
    ),
    "alias": (
        "aliases (*{anchor}) are not allowed",
        "write the value out in full instead of referring to another one",
    ),
    "tag": ("the tag '{tag}' is not allowed", "remove the tag and write plain text"),
    "duplicate_key": (
        "'{key}' is given twice (also on line {first_line})",
        "keep one of the two and delete the other",
    ),
    "more_of_kind": (
        "more {what} follow; only the first {count} are listed",
        "fix the ones listed, then run the check again",
    ),
    "more_problems": (
        "only {count} problems are listed; the file has more",
        "fix the ones listed, then run the check again",
    ),
    "complex_key": ("a field name must be plain text", "write 'name: value' on one line"),
    "too_many_keys": (
        "more than {limit} fields in one place; the rest are not read",
        "use the fields shown in the schema",
    ),
    "too_many_items": (
        "more than {limit} items in one list; the rest are not read",
        "keep the list to the items the schema allows (a few dozen at most)",
    ),
    "too_deep": ("values are nested too deeply", "use the structure shown in the schema"),
    # Model (pydantic error types and our own)
    "missing": ("required field '{field}' is missing", "add '{field}:' with a value to this entry"),
    "extra_forbidden": ("unknown field '{field}'", "{suggestion}"),
    "empty": ("is empty", "write a value, or delete the line if the field is optional"),
    "string_type": ("expected text, found {found}", "write the value as text on one line"),
    "list_type": (
        "expected a list, found {found}",
        "write one item per line starting with '- ', or [a, b] on one line",
    ),
    "model_type": (
        "expected fields ('name: value' lines), found {found}",
        "indent the fields under this one, or see the schema for its shape",
    ),
    "string_too_long": (
        "is {length} characters long; the limit is {max_length}",
        "shorten it to {max_length} characters or fewer",
    ),
    "string_too_short": ("is empty", "write a value, or delete the line if the field is optional"),
    "too_short": (
        "needs at least {min_length} item{plural}",
        "add {min_length} or more items, one per line starting with '- '",
    ),
    "too_long": ("has {actual_length} items; the limit is {max_length}", "remove some items"),
    "literal_error": ("'{input}' is not allowed here", "use one of: {expected}{suggestion}"),
    "single_line": ("must be on one line", "remove the line breaks"),
    "slug": (
        "'{input}' is not a valid id",
        "use lowercase letters, digits and single hyphens, such as '{suggestion}'",
    ),
    "slug_space": (
        "'{suggestion}' has a line break or spaces around it",
        "write it on the same line as the field name with nothing around it: {field}: {suggestion}",
    ),
    "id_reserved": (
        "'{input}' is reserved for a page or folder of the site",
        "choose another id, for example '{input}-service'",
    ),
    "duplicate_id": (
        "the id '{input}' is already used by the entry on line {first_line}",
        "give each entry its own id",
    ),
    "url_scheme": (
        "'{scheme}:' links are not allowed",
        "use a web address that starts with https://",
    ),
    "url_http": (
        "the address starts with http://, which is not secure",
        "use the https:// address (check it opens in a browser)",
    ),
    "url_credentials": (
        "the address contains a user name or password",
        "remove the part before '@' in the address",
    ),
    "url_host": ("'{host}' is not a valid public web host", "check the address for typing mistakes"),
    "url_host_private": (
        "'{host}' is a name only a private network knows (it ends in .{suffix})",
        "use the organisation's public web address",
    ),
    "url_idn": (
        "the host '{host}' uses international or look-alike characters",
        "check it is genuine, then add it to allowed_hosts in the taxonomy file",
    ),
    "url_punycode": (
        "the host '{host}' is written in punycode (xn--), which can hide look-alike letters",
        "check it is genuine, then add it to allowed_hosts in the taxonomy file",
    ),
    "url_mixed_script": (
        "the host '{host}' mixes {scripts} letters, a common way to imitate another site's address",
        "type the address from the organisation's own pages; if it really is right, add it to allowed_hosts in the taxonomy file",
    ),
    "url_contact_scheme": (
        "'{scheme}:' is not a web address",
        "{suggestion}",
    ),
    "url_too_long": (
        "the address is {length} characters long; the limit is {limit}",
        "use a shorter address for the same page",
    ),
    "url_invalid": ("is not a valid web address", "copy the address from the browser's address bar"),
    "allowed_host": (
        "'{input}' is not a host name",
        "write only the host, in lowercase, such as bücher.example (no https://, no path)",
    ),
    "email": ("'{input}' is not a valid email address", "write it as name@example.org"),
    "email_prefix": (
        "'{input}' starts with 'mailto:'",
        "write only the address, '{suggestion}'; the site makes the email link itself",
    ),
    "phone_number": (
        "'{input}' is not a phone number we can dial",
        "write digits with spaces or hyphens only, such as '0808 2000 247'; put words in 'note'",
    ),
    "search_phrase": (
        "'{input}' is not a search phrase",
        "write one to six lowercase words (letters and digits), separated by spaces, hyphens or an apostrophe",
    ),
    "search_word": (
        "'{input}' is not one lowercase word",
        "write a single word in lowercase letters, such as 'behavior'",
    ),
    "term_reserved": (
        "'{input}' is the name of a page the site makes (the list of all terms)",
        "choose another id, such as '{input}-term'",
    ),
    "area_within_unknown": (
        "area '{area}' lies within '{input}', which is not an area of the same region",
        "add '{input}' to the region's areas, or correct the name",
    ),
    "area_within_cycle": (
        "area '{input}' lies, through other areas, within itself",
        "remove one of the 'within' links so that areas nest one way",
    ),
    "phone_plan": (
        "'{input}' ({digits} digits) is not a number that can be dialled in {where} (short numbers known here: {examples})",
        "check the number on the organisation's own site; a new short number goes in generator/phones.py once confirmed",
    ),
    "phone_trunk_zero": (
        "'{input}' mixes the international and the national form: callers must not dial the (0) after the country code",
        "write it as people in the country dial it, '{suggestion}'",
    ),
    "phone_needs_country": (
        "'{input}' has no country code, and the entry's regions name no country",
        "write the number with its country code, such as '+44 1384 123456'",
    ),
    "phone_prefix": (
        "'{input}' starts with '{prefix}:'",
        "write only the number, '{suggestion}'; the site makes the call or text link itself",
    ),
    "date_format": (
        "'{input}' is not a date in the form YYYY-MM-DD",
        "write the date as year-month-day, such as 2026-01-31",
    ),
    "date_impossible": ("'{input}' is not a real date", "check the day and month"),
    "date_future": (
        "{input} is in the future",
        "use the date the entry was actually checked (today or earlier)",
    ),
    "year": ("'{input}' is not a year or date", "write YYYY, YYYY-MM or YYYY-MM-DD"),
    "yes_no": ("'{input}' is not true or false", "write true or false"),
    "whole_number": (
        "'{input}' is not a whole number from {min} to {max}",
        "write a number from {min} to {max}",
    ),
    "taxonomy": ("'{input}' is not a known {vocabulary}", "{suggestion}"),
    "area_unknown": (
        "'{input}' is not a known area of {region}",
        "{suggestion}",
    ),
    "area_reserved": (
        "'{input}' is reserved: the site uses that name for its own pages of a region's list",
        "choose another id for the area, such as '{input}-area'",
    ),
    "related_unknown": (
        "no entry has the id '{input}'",
        "use the id of an existing entry, or remove it",
    ),
    "related_self": ("an entry cannot be related to itself", "remove it"),
    "helpline_needs_number": (
        "a helpline needs at least one phone or text number",
        "add contact.phones with a number, or change the kind",
    ),
    "local_service_needs_area": (
        "a local service needs the area it serves",
        "add an area under regions, such as '- region: england' with 'area: dudley'",
    ),
    "crisis_needs_helpline": (
        "only helplines and local services can be crisis lines",
        "remove 'crisis: true', or change the kind to helpline",
    ),
    "crisis_needs_missing": (
        "a crisis line must say what it helps with",
        "add crisis_needs with one or more of: emergency, listening, urgent-mental-health, domestic-abuse, sexual-violence, children",
    ),
    "crisis_needs_not_crisis": (
        "crisis_needs is only for crisis lines",
        "add 'crisis: true' if it is a crisis line, or remove crisis_needs",
    ),
    "crisis_needs_url": (
        "a crisis line needs its own website, so people can check it is real",
        "add url with the service's own https:// page",
    ),
    "helpline_hours": (
        "a helpline number needs the hours it is answered",
        "add hours, such as '24 hours a day, every day'; if you could not confirm them, write 'Not confirmed: check the website before you call'",
    ),
    "crisis_hours": (
        "a crisis line needs confirmed hours for every number ('{input}' is not)",
        "write the hours the service's own site gives, such as '24 hours a day, every day'; if you cannot confirm them, remove 'crisis: true'",
    ),
    "sources_not_own": (
        "no source is on the entry's own site ({own}) or an official one ({official} …)",
        "add the page on the organisation's own site that confirms these facts; if only other sites confirm them, set 'source_kind: third-party' and say why in source_note",
    ),
    "source_note_needed": (
        "a third-party source needs a note saying why no own or official page confirms it",
        "add source_note, such as 'The charity's site does not list its hours; two local councils do'",
    ),
    "source_note_unused": (
        "source_note is only read with 'source_kind: third-party'",
        "remove source_note, or set source_kind: third-party",
    ),
    "text_keyword_voice": (
        "a keyword only makes sense for a text number",
        "set type: text, or remove the keyword",
    ),
    "address_hidden": (
        "a street address is given but location_visibility is '{visibility}'",
        "remove the address, or set location_visibility: public if it may be shown",
    ),
}


def describe(type_: str, context: dict[str, object]) -> tuple[str, str]:
    """The message and fix for a problem type, filled in from its context."""
    message, fix = MESSAGES.get(type_, ("is not valid ({type})", "see data/resources.schema.json"))
    values = _Defaults({"type": type_, **context})
    return message.format_map(values), fix.format_map(values)


class _Defaults(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "?"
