"""``python -m generator new``: the fields of an entry from flags, or asked one by one.

Each value is checked with the same model and messages as ``check`` as soon as
it is given (a bad answer is asked again); the finished entry is then inserted
and the whole file checked by ``new_entry.add_entry`` before anything is written.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable, TextIO

from pydantic import ValidationError

from .errors import DataError, describe
from .fields import suggest_slug
from .new_entry import NewEntryError, add_entry, entry_yaml, existing_ids
from .schema import ACCESS, AUDIENCES, COSTS, FORMATS, KINDS, Entry
from .taxonomy import Taxonomy
from .validate import check_vocabularies, problem_from_pydantic, display_path, format_loc, read_taxonomy

# Required fields, with the flag that gives each.
REQUIRED = {
    "id": "--id", "name": "--name", "kind": "--kind", "summary": "--summary", "publisher": "--publisher",
    "audience": "--audience", "topics": "--topic", "regions": "--region", "last_reviewed": "--last-reviewed",
    "sources": "--source",
}


def _split(values: list[str] | None) -> list[str]:
    """Repeated flags, each of which may also hold several values separated by commas."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _region(text: str) -> Any:
    region, _, area = text.partition(":")
    return {"region": region.strip(), "area": area.strip()} if area.strip() else region.strip()


def _contact(phones: list[str], texts: list[str], keyword: str | None, email: str | None, hours: str | None) -> dict | None:
    numbers = [{"number": number} for number in phones]
    for number in texts:
        numbers.append({"number": number, "type": "text", **({"keyword": keyword} if keyword else {})})
    contact = {"phones": numbers, "email": email or None, "hours": hours or None}
    return contact if numbers or email or hours else None


def values_from_args(args: argparse.Namespace) -> dict[str, Any]:
    """The raw values (text, as the loader would read them) given by flags."""
    return {
        "id": args.id, "name": args.name, "kind": args.kind, "summary": args.summary,
        "description": args.description, "url": args.url, "publisher": args.publisher,
        "audience": _split(args.audience), "topics": _split(args.topic), "settings": _split(args.setting),
        "regions": [_region(text) for text in _split(args.region)],
        "contact": _contact(args.phone or [], args.text_number or [], args.keyword, args.email, args.hours),
        "cost": args.cost, "format": _split(args.format), "languages": _split(args.language),
        "access": args.access, "eligibility": args.eligibility, "crisis": "true" if args.crisis else None,
        "related": _split(args.related),
        "last_reviewed": args.last_reviewed or date.today().isoformat(),
        "review_every_months": args.review_every_months,
        "sources": args.source or [],
    }


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message} — {self.fix}"


def field_problems(values: dict[str, Any], taxonomy: Taxonomy, only: set[str] | None = None) -> list[FieldProblem]:
    """Problems in the given fields, found by the same model and vocabulary checks
    as ``check`` (errors about fields not given yet are ignored)."""
    given = {key: value for key, value in values.items() if value not in (None, "", [])}
    fields = only if only is not None else set(given)
    problems: list[FieldProblem] = []
    try:
        Entry.model_validate(given, context={"allowed_hosts": frozenset(taxonomy.allowed_hosts)})
    except ValidationError as error:
        for err in error.errors():
            if err["loc"] and err["loc"][0] in fields and err["type"] != "missing":
                problem = problem_from_pydantic("-", given, (), err, "-", Entry)
                problems.append(FieldProblem(problem.field, problem.message, problem.fix))

    def add(loc: tuple, type_: str, **context: Any) -> None:
        if loc[0] in fields:
            field_name = next((part for part in reversed(loc) if isinstance(part, str)), "")
            message, fix = describe(type_, {"field": field_name, **context})
            problems.append(FieldProblem(format_loc(loc), message, fix))

    check_vocabularies(given, taxonomy, add)
    return problems


def _flag_for(field_path: str) -> str:
    top = field_path.split(".")[0].split("[")[0]
    flags = {**REQUIRED, "contact": "--phone/--text-number/--email/--hours", "settings": "--setting",
             "format": "--format", "languages": "--language", "review_every_months": "--review-every-months"}
    return flags.get(top, "--" + top.replace("_", "-"))


# --- asking ----------------------------------------------------------------------------


class Cancelled(Exception):
    pass


@dataclass
class Asker:
    taxonomy: Taxonomy
    ids: set[str]
    ask: Callable[[str], str]
    out: TextIO

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def choices(self, label: str, options: list[str]) -> None:
        text = f"{label}: {', '.join(options)}"
        self.say(textwrap.fill(text, width=88, subsequent_indent="    ", break_on_hyphens=False))

    def value(self, field: str, prompt: str, parse: Callable[[str], Any], values: dict[str, Any], *,
              required: bool = False, default: str = "", extra: Callable[[Any], str | None] | None = None) -> Any:
        """Ask until the answer passes the checks for ``field`` (empty skips an optional field)."""
        while True:
            shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
            try:
                answer = self.ask(shown).strip()
            except EOFError:
                raise Cancelled from None
            answer = answer or default
            if not answer:
                if not required:
                    return None
                self.say(f"  {field} is required — please give a value.")
                continue
            value = parse(answer)
            problems = field_problems({**values, field: value}, self.taxonomy, only={field})
            message = extra(value) if extra else None
            if not problems and not message:
                return value
            for problem in problems:
                self.say(f"  {problem}")
            if message:
                self.say(f"  {message}")


def _as_list(text: str) -> list[str]:
    return [part for part in text.replace(",", " ").split() if part]


def _as_comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def ask_values(asker: Asker, today: date) -> dict[str, Any]:
    tax, values = asker.taxonomy, {}
    ask, say = asker.value, asker.say
    say("Add an entry. Press Enter to skip a field that is optional; Ctrl+D (or Ctrl+Z, Enter) to stop.")
    say("What each field means: see the 'Entry fields' table in README.md.\n")
    values["name"] = ask("name", "Name (the resource's own name)", str, values, required=True)
    values["id"] = ask("id", "Id (lowercase letters, digits and hyphens)", str, values, required=True,
                       default=suggest_slug(values["name"])[:80],
                       extra=lambda v: f"the id '{v}' is already used — choose another" if v in asker.ids else None)
    asker.choices("Kinds", list(KINDS))
    values["kind"] = ask("kind", "Kind", str, values, required=True)
    values["summary"] = ask("summary", "Summary (one or two plain sentences, 250 characters at most)", str, values, required=True)
    values["description"] = ask("description", "Description (optional, one paragraph)", str, values)
    values["url"] = ask("url", "Web address (https://…, optional)", str, values)
    values["publisher"] = ask("publisher", "Publisher (the organisation that runs or publishes it)", str, values, required=True)
    asker.choices("Audiences", list(AUDIENCES))
    values["audience"] = ask("audience", "Audience (one or more, separated by commas)", _as_list, values, required=True)
    asker.choices("Topics", sorted(tax.topics))
    values["topics"] = ask("topics", "Topics (separated by commas)", _as_list, values, required=True)
    asker.choices("Settings", sorted(tax.settings))
    values["settings"] = ask("settings", "Settings (optional)", _as_list, values)
    asker.choices("Regions", sorted(tax.regions))
    local = values["kind"] == "local-service"
    values["regions"] = ask(
        "regions", "Regions (separated by commas; region:area for a local area, such as england:dudley)",
        lambda text: [_region(part) for part in _as_comma_list(text)], values, required=True,
        extra=lambda v: (" — ".join(describe("local_service_needs_area", {}))
                         if local and not any(isinstance(r, dict) for r in v) else None),
    )
    helpline = values["kind"] == "helpline"

    def numbers(kind: str) -> Callable[[str], dict]:
        return lambda text: {"phones": [{"number": n, **({"type": "text"} if kind == "text" else {})}
                                        for n in _as_comma_list(text)]}

    optional = "" if helpline else ", optional"
    phones = ask("contact", f"Phone numbers to call (separated by commas{optional})", numbers("voice"), values)
    found = list(phones["phones"]) if phones else []
    if helpline:
        texts = ask("contact", "Text (SMS) numbers (separated by commas, optional)", numbers("text"), values)
        if texts:
            first = texts["phones"][0]
            keyword = ask("contact", "Word to text, such as SHOUT (optional)",
                          lambda text: {"phones": [{**first, "keyword": text}]}, values)
            word = keyword["phones"][0]["keyword"] if keyword else None
            found += [{**item, **({"keyword": word} if word else {})} for item in texts["phones"]]
        while not found:
            say("  " + " — ".join(describe("helpline_needs_number", {})))
            found = list(ask("contact", "Phone numbers to call", numbers("voice"), values, required=True)["phones"])
    email = ask("contact", "Email address (optional)", lambda text: {"email": text}, values)
    hours = ask("contact", "Opening hours (optional)", lambda text: {"hours": text}, values)
    values["contact"] = _contact(
        [p["number"] for p in found if p.get("type") != "text"],
        [p["number"] for p in found if p.get("type") == "text"],
        next((p["keyword"] for p in found if p.get("keyword")), None),
        email["email"] if email else None,
        hours["hours"] if hours else None,
    )
    asker.choices("Costs", list(COSTS))
    values["cost"] = ask("cost", "Cost (optional)", str, values)
    asker.choices("Formats", list(FORMATS))
    values["format"] = ask("format", "Formats (optional, separated by commas)", _as_list, values)
    asker.choices("Languages", sorted(tax.languages))
    values["languages"] = ask("languages", "Languages (optional)", _as_list, values)
    asker.choices("Access", list(ACCESS))
    values["access"] = ask("access", "Access (optional)", str, values)
    if helpline:
        crisis = ask("crisis", "List it on the 'Need help now?' page? (true or false)", str, values, default="false")
        values["crisis"] = crisis if crisis == "true" else None
    values["last_reviewed"] = ask("last_reviewed", "Date you checked the facts (YYYY-MM-DD)", str, values,
                                  required=True, default=today.isoformat())
    values["sources"] = ask("sources", "Pages where you confirmed the facts (https://…, separated by spaces)",
                            lambda text: text.split(), values, required=True)
    return values


# --- the command -----------------------------------------------------------------------


def run(args: argparse.Namespace, *, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    stdin = stdin if stdin is not None else sys.stdin
    out = out if out is not None else sys.stdout
    data: Path = args.data
    taxonomy_path: Path = args.taxonomy or data.with_name("taxonomy.yaml")
    try:
        taxonomy = read_taxonomy(taxonomy_path)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    if not data.is_file():
        print(f"error: {display_path(data)} does not exist — check the path given with --data", file=sys.stderr)
        return 1
    given = any(getattr(args, name) for name in ("id", "name", "kind", "summary", "publisher", "source"))
    interactive = args.interactive or (not given and stdin.isatty())

    if interactive:
        try:
            text = data.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            text = ""  # add_entry reports it after the questions
        asker = Asker(taxonomy, set(existing_ids(text)), lambda prompt: _input(prompt, stdin, out), out)
        try:
            values = ask_values(asker, date.today())
            out.write("\nThe new entry:\n\n" + entry_yaml(values) + "\n")
            confirm = _input(f"Add it to {display_path(data)}? [y/N]: ", stdin, out).strip().lower()
        except Cancelled:
            print("\nStopped; nothing was written.", file=sys.stderr)
            return 1
        if confirm not in ("y", "yes"):
            print("Nothing was written.", file=sys.stderr)
            return 1
    else:
        values = values_from_args(args)
        problems = [
            f"{flag} is required: {Entry.model_fields[field].description}"
            for field, flag in REQUIRED.items()
            if not values.get(field)
        ]
        problems += [f"{_flag_for(p.field)}: {p}" for p in field_problems(values, taxonomy)]
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            print(f"Nothing was written to {display_path(data)}.", file=sys.stderr)
            return 1

    try:
        _, line = add_entry(data, taxonomy_path, values)
    except NewEntryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        print(
            f"{count} problem{'s' if count != 1 else ''}; line numbers are those the file would have with the "
            f"new entry. Nothing was written to {display_path(data)}.",
            file=sys.stderr,
        )
        return 1
    print(f"Added '{values['id']}' to {display_path(data)} at line {line}; the file passes every check.", file=out)
    return 0


def _input(prompt: str, stdin: TextIO, out: TextIO) -> str:
    out.write(prompt)
    out.flush()
    line = stdin.readline()
    if not line:
        raise Cancelled
    if not stdin.isatty():
        out.write(line if line.endswith("\n") else line + "\n")  # echo answers read from a pipe
    return line.rstrip("\r\n")
