"""``python -m generator new``: the fields of an entry from flags, or asked one by one.

Each answer is checked as soon as it is typed, with the same model, vocabulary
and rules as ``check`` (a bad answer is asked again, with check's message). Ids
and labels are both accepted ("English" → en, "Dudley" → england/dudley; see
labels.py). When the finished entry still breaks a rule that joins two fields
(a crisis line without hours, say), only the questions concerned are asked
again. Typed answers are never thrown away: stopping early, answering "no" at
the end, or a file that cannot take the entry saves them to a draft file,
which ``--from-draft`` offers back as the answers to keep.
"""

from __future__ import annotations

import argparse
import functools
import sys
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from ..data import labels, loader, rules, words
from ..data.errors import DataError, describe
from ..data.fields import suggest_slug
from ..data.files import display_path
from ..data.report import format_loc, problem_from_pydantic
from ..data.schema import (
    ACCESS,
    AUDIENCES,
    COSTS,
    CRISIS_NEEDS,
    FORMATS,
    KINDS,
    VISIBILITY,
    Entry,
)
from ..data.taxonomy import Taxonomy
from ..data.validate import read_taxonomy
from .new_entry import (
    NewEntryError,
    add_entry,
    entry_yaml,
    existing_ids,
    write_atomically,
)

# Required fields, with the flag that gives each.
REQUIRED = {
    "id": "--id",
    "name": "--name",
    "kind": "--kind",
    "summary": "--summary",
    "publisher": "--publisher",
    "audience": "--audience",
    "topics": "--topic",
    "regions": "--region",
    "last_reviewed": "--last-reviewed",
    "sources": "--source",
}
LIST_FIELDS = {
    "audience": "audience",
    "topics": "topics",
    "settings": "settings",
    "format": "format",
    "languages": "languages",
    "crisis_needs": "crisis_needs",
}
# Answers that only a later question can put right are not reported yet.
LATER = {
    "kind": {"helpline_needs_number", "local_service_needs_area", "crisis_needs_helpline"},
    "crisis": {"crisis_needs_missing", "crisis_hours", "crisis_needs_url"},
    "regions": {"phone_plan", "phone_needs_country", "local_service_needs_area"},
    "contact": {"helpline_needs_number"},
}


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str
    fix: str
    type: str = ""

    def __str__(self) -> str:
        return f"{self.field}: {self.message} — {self.fix}"


# --- values: from flags, from labels, from a draft ------------------------------------------


def _list(values: list[str] | None) -> list[str]:
    return [part for value in values or [] for part in labels.split(value)]


def resolve(values: dict[str, Any], taxonomy: Taxonomy) -> dict[str, Any]:
    """Labels typed for listed values turned into their ids (exact matches only)."""
    result = dict(values)
    for key in ("kind", "cost", "access", "location_visibility"):
        if isinstance(result.get(key), str):
            result[key] = labels.match(result[key], labels.vocabulary(key, taxonomy))
    for key, vocab in LIST_FIELDS.items():
        if isinstance(result.get(key), list):
            table = labels.vocabulary(vocab, taxonomy)
            result[key] = [labels.match(v, table) if isinstance(v, str) else v for v in result[key]]
    if isinstance(result.get("regions"), list):
        result["regions"] = [labels.region(r, taxonomy) if isinstance(r, str) else r for r in result["regions"]]
    return result


def _phones(numbers: list[str], hours: list[str], kind: str, keyword: str | None = None) -> list[dict[str, Any]]:
    found = []
    for position, number in enumerate(numbers):
        phone: dict[str, Any] = {"number": number}
        if kind == "text":
            phone["type"] = "text"
            if keyword:
                phone["keyword"] = keyword
        if position < len(hours) and hours[position]:
            phone["hours"] = hours[position]
        found.append(phone)
    return found


def values_from_args(args: argparse.Namespace, draft: dict[str, Any] | None = None) -> dict[str, Any]:
    """The raw values (text, as the loader would read them) given by flags, over a draft's."""
    phones = _phones(_list(args.phone), args.phone_hours or [], "voice")
    phones += _phones(_list(args.text_number), args.text_hours or [], "text", args.keyword)
    contact = {
        k: v
        for k, v in {"phones": phones, "email": args.email, "hours": args.hours, "webchat": args.webchat}.items()
        if v
    }
    address = {
        k: v for k, v in {"street": args.street, "locality": args.locality, "postcode": args.postcode}.items() if v
    }
    given = {
        "id": args.id,
        "name": args.name,
        "kind": args.kind,
        "summary": args.summary,
        "description": args.description,
        "url": args.url,
        "publisher": args.publisher,
        "audience": _list(args.audience),
        "topics": _list(args.topic),
        "settings": _list(args.setting),
        "regions": _list(args.region),
        "contact": contact or None,
        "cost": args.cost,
        "format": _list(args.format),
        "languages": _list(args.language),
        "access": args.access,
        "eligibility": args.eligibility,
        "crisis": "true" if args.crisis else None,
        "crisis_needs": _list(args.crisis_need),
        "location_visibility": args.location_visibility,
        "address": address or None,
        "related": _list(args.related),
        "last_reviewed": args.last_reviewed,
        "review_every_months": args.review_every_months,
        "sources": _list(args.source),
    }
    values = dict(draft or {})
    values.update({key: value for key, value in given.items() if value not in (None, "", [])})
    values.setdefault("last_reviewed", date.today().isoformat())
    return values


def read_draft(path: Path) -> dict[str, Any]:
    loaded = loader.load_file(path)
    if loaded.data is None or len(loaded.data) != 1 or not isinstance(loaded.data[0], dict):
        raise NewEntryError(f"{display_path(path)} is not a draft of one entry — give the file that 'new' saved")
    draft: dict[str, Any] = _plain(loaded.data[0])
    return draft


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def draft_path(data: Path, values: dict[str, Any]) -> Path:
    name = values.get("id") or suggest_slug(str(values.get("name") or "new-entry"))[:60]
    return data.with_name(f"draft-{name}.yaml")


def save_draft(data: Path, values: dict[str, Any], out: TextIO) -> Path | None:
    kept = {key: value for key, value in values.items() if value not in (None, "", [], {})}
    if not kept:
        return None
    path = draft_path(data, kept)
    header = "# A draft entry saved by 'python -m generator new'; it is not part of the directory.\n"
    write_atomically(path, header + entry_yaml(kept))
    out.write(
        f"Your answers are saved in {display_path(path)}. To carry on:\n"
        f"  python -m generator new --data {display_path(data)} --from-draft {display_path(path)}\n"
    )
    return path


# --- checks ----------------------------------------------------------------------------------


def _placeholders(values: dict[str, Any], taxonomy: Taxonomy, today: date) -> dict[str, Any]:
    """Valid stand-ins for required fields not answered yet, so the rules can run on the rest."""
    return {
        "id": "new-entry",
        "name": "New entry",
        "kind": "guidance",
        "summary": "A summary.",
        "publisher": "A publisher",
        "audience": ["public"],
        "topics": [next(iter(taxonomy.topics))],
        "regions": [next(iter(taxonomy.regions))],
        "last_reviewed": today.isoformat(),
        "sources": [values.get("url") or "https://www.gov.uk/"],
    }


def problems_in(
    values: dict[str, Any],
    taxonomy: Taxonomy,
    today: date,
    only: set[str] | None = None,
    known_ids: set[str] | None = None,
) -> list[FieldProblem]:
    """Problems in the given fields, found by the model, vocabulary checks and rules
    of ``check``; problems in fields not in ``only`` (when given) are ignored."""
    given = {key: value for key, value in values.items() if value not in (None, "", [], {})}
    fields = only if only is not None else set(given)
    problems: list[FieldProblem] = []
    candidate = {**_placeholders(given, taxonomy, today), **given}
    entry = None
    try:
        entry = Entry.model_validate(candidate, context={"allowed_hosts": frozenset(taxonomy.allowed_hosts)})
    except ValidationError as error:
        for err in error.errors():
            if err["loc"] and err["loc"][0] in fields:
                problem = problem_from_pydantic("-", candidate, (), err, "-", Entry)
                problems.append(FieldProblem(problem.field, problem.message, problem.fix, problem.type))

    def add(loc: tuple[Any, ...], type_: str, **context: Any) -> None:
        if loc[0] in fields and not any(type_ in LATER.get(f, ()) for f in fields):
            field_name = next((part for part in reversed(loc) if isinstance(part, str)), "")
            message, fix = describe(type_, {"field": field_name, **context})
            problems.append(FieldProblem(format_loc(loc), message, fix, type_))

    rules.check_vocabularies(given, taxonomy, add)
    if entry is not None and not problems:
        rules.entry_rules(entry, taxonomy, today, known_ids, add)
    return problems


# --- asking ----------------------------------------------------------------------------------


class CancelledError(Exception):
    pass


@dataclass
class Asker:
    taxonomy: Taxonomy
    ids: set[str]
    ask: Callable[[str], str]
    out: TextIO
    today: date
    draft: dict[str, Any] = field(default_factory=dict)

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def choices(self, label: str, options: Mapping[str, str] | list[str]) -> None:
        items = [
            f"{key} ({value})" if isinstance(options, Mapping) and normal_differs(key, value) else key
            for key, value in (options.items() if isinstance(options, Mapping) else ((o, o) for o in options))
        ]
        text = f"{label}: {', '.join(items)}"
        self.say(textwrap.fill(text, width=88, subsequent_indent="    ", break_on_hyphens=False))

    def value(
        self,
        values: dict[str, Any],
        field_name: str,
        prompt: str,
        parse: Callable[[str], Any] = str,
        *,
        required: bool = False,
        default: str = "",
        extra: Callable[[Any], str | None] | None = None,
        check: Callable[[Any], dict[str, Any]] | None = None,
    ) -> Any:
        """Ask until the answer passes the checks for ``field_name`` (empty skips an optional field).
        ``check`` turns the parsed answer into the values to check (default: the field set to it)."""
        while True:
            shown = f"{prompt} [{default}]: " if default else f"{prompt}: "
            answer = self.ask(shown).strip() or default
            if answer in ("-", "none") and not required:
                return None  # clears a value kept from a draft
            if not answer:
                if not required:
                    return None
                self.say(f"  {field_name} is required — please give a value.")
                continue
            value = parse(answer)
            trial = check(value) if check else {field_name: value}
            found = problems_in({**values, **trial}, self.taxonomy, self.today, only={field_name})
            message = extra(value) if extra else None
            if not found and not message:
                return value
            for problem in found:
                self.say(f"  {problem}")
            if message:
                self.say(f"  {message}")


def normal_differs(key: str, label: str) -> bool:
    return labels.normal(key) != labels.normal(label)


def _shown(value: Any) -> str:
    """A value kept from a draft, as it would be typed."""
    if isinstance(value, list):
        return ", ".join(_shown(v) for v in value)
    if isinstance(value, dict):
        return f"{value.get('region')}:{value.get('area')}" if "region" in value else ""
    return "" if value is None else str(value)


QUESTIONS: dict[str, Callable[..., None]] = {}


def question(*names: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    def register(function: Callable[..., None]) -> Callable[..., None]:
        for name in names:
            QUESTIONS[name] = function
        return function

    return register


@question("name")
def _name(a: Asker, v: dict[str, Any]) -> None:
    v["name"] = a.value(v, "name", "Name (the resource's own name)", required=True, default=_shown(a.draft.get("name")))


@question("id")
def _id(a: Asker, v: dict[str, Any]) -> None:
    v["id"] = a.value(
        v,
        "id",
        "Id (lowercase letters, digits and hyphens)",
        required=True,
        default=_shown(a.draft.get("id")) or suggest_slug(v.get("name") or "")[:80],
        extra=lambda x: f"the id '{x}' is already used — choose another" if x in a.ids else None,
    )


def _one(field_name: str, a: Asker) -> Callable[[str], str]:
    return lambda text: labels.match(text, labels.vocabulary(field_name, a.taxonomy))


def _many(field_name: str, a: Asker) -> Callable[[str], list[str]]:
    return lambda text: [labels.match(t, labels.vocabulary(field_name, a.taxonomy)) for t in labels.split(text)]


@question("kind")
def _kind(a: Asker, v: dict[str, Any]) -> None:
    a.choices("Kinds", {k: label for k, (label, _) in KINDS.items()})
    v["kind"] = a.value(v, "kind", "Kind", _one("kind", a), required=True, default=_shown(a.draft.get("kind")))


@question("summary", "description", "url", "publisher", "eligibility")
def _text(a: Asker, v: dict[str, Any], which: str | None = None) -> None:
    prompts = {
        "summary": ("Summary (one or two plain sentences, 250 characters at most)", True),
        "description": ("Description (optional, one paragraph)", False),
        "url": ("Web address (https://…, optional)", False),
        "publisher": ("Publisher (the organisation that runs or publishes it)", True),
        "eligibility": ("Who can use it, such as 'Aged 16 and over' (optional)", False),
    }
    for name in [which] if which else []:
        prompt, required = prompts[name]
        v[name] = a.value(v, name, prompt, required=required, default=_shown(a.draft.get(name)))


def _listed(name: str, label: str, prompt: str, required: bool, options: Callable[[Asker], Mapping[str, str]]) -> None:
    def ask(a: Asker, v: dict[str, Any]) -> None:
        a.choices(label, options(a))
        v[name] = a.value(v, name, prompt, _many(name, a), required=required, default=_shown(a.draft.get(name)))

    QUESTIONS[name] = ask


_listed("audience", "Audiences", "Audience (one or more, separated by commas)", True, lambda a: AUDIENCES)
_listed(
    "topics",
    "Topics",
    "Topics (separated by commas)",
    True,
    lambda a: {k: t.label for k, t in sorted(a.taxonomy.topics.items())},
)
_listed(
    "settings",
    "Settings",
    "Settings (optional, separated by commas)",
    False,
    lambda a: {k: t.label for k, t in sorted(a.taxonomy.settings.items())},
)
_listed("format", "Formats", "Formats (optional, separated by commas)", False, lambda a: FORMATS)
_listed(
    "languages",
    "Languages",
    "Languages (optional, separated by commas)",
    False,
    lambda a: dict(sorted(a.taxonomy.languages.items())),
)


@question("regions")
def _regions(a: Asker, v: dict[str, Any]) -> None:
    a.choices("Regions", {k: t.label for k, t in sorted(a.taxonomy.regions.items())})
    local = v.get("kind") == "local-service"
    v["regions"] = a.value(
        v,
        "regions",
        "Regions (separated by commas; a local area by name, such as Dudley, or as england:dudley)",
        lambda text: [labels.region(part, a.taxonomy) for part in labels.split(text)],
        required=True,
        default=_shown(a.draft.get("regions")),
        extra=lambda x: (
            " — ".join(describe("local_service_needs_area", {}))
            if local and not any(isinstance(r, dict) for r in x)
            else None
        ),
    )


@question("crisis", "crisis_needs")
def _crisis(a: Asker, v: dict[str, Any]) -> None:
    if v.get("kind") not in rules.CRISIS_KINDS:
        return
    answer = a.value(
        v,
        "crisis",
        "List it on the 'Need help now?' page? (yes or no)",
        lambda text: "true" if text.lower() in ("y", "yes", "true") else "false",
        default="yes" if a.draft.get("crisis") in ("true", True) else "no",
    )
    v["crisis"] = "true" if answer == "true" else None
    if v["crisis"]:
        a.choices("What it helps with", CRISIS_NEEDS)
        v["crisis_needs"] = a.value(
            v,
            "crisis_needs",
            "What it helps with (separated by commas)",
            _many("crisis_needs", a),
            required=True,
            default=_shown(a.draft.get("crisis_needs")),
        )


@question("location_visibility", "address")
def _address(a: Asker, v: dict[str, Any]) -> None:
    if v.get("kind") != "local-service":
        return
    a.choices("Where it is", VISIBILITY)
    v["location_visibility"] = a.value(
        v,
        "location_visibility",
        "Can its address be shown?",
        _one("location_visibility", a),
        default=_shown(a.draft.get("location_visibility")) or "area-only",
    )
    if v["location_visibility"] != "public":
        v["address"] = None
        return
    kept = a.draft.get("address") or {}
    street = a.value(
        v,
        "address",
        "Building and street (optional)",
        default=_shown(kept.get("street")),
        check=lambda s: {"address": {"street": s, "locality": "x"}},
    )
    locality = a.value(
        v,
        "address",
        "Town or city",
        required=bool(street),
        default=_shown(kept.get("locality")),
        check=lambda s: {"address": {"locality": s}},
    )
    postcode = (
        a.value(
            v,
            "address",
            "Postcode (optional)",
            default=_shown(kept.get("postcode")),
            check=lambda s: {"address": {"locality": locality or "x", "postcode": s}},
        )
        if locality
        else None
    )
    parts = {"street": street, "locality": locality, "postcode": postcode}
    v["address"] = {k: p for k, p in parts.items() if p} if locality else None


def _one_phone_check(hours: str, *, number: str, kind: str) -> dict[str, Any]:
    return {"contact": {"phones": _phones([number], [hours], kind)}}


def _contact_check(value: str, *, name: str) -> dict[str, Any]:
    return {"contact": {name: value}}


@question("contact")
def _contact(a: Asker, v: dict[str, Any]) -> None:
    helpline = v.get("kind") == "helpline"
    crisis = bool(v.get("crisis"))
    kept = a.draft.get("contact") or {}
    kept_phones = kept.get("phones") or []
    contact: dict[str, Any] = {"phones": []}

    def numbers(kind: str, prompt: str) -> None:
        before = [p for p in kept_phones if (p.get("type") == "text") == (kind == "text")]
        found = (
            a.value(
                v,
                "contact",
                prompt,
                labels.split,
                default=_shown([p.get("number") for p in before]),
                # Hours are asked next, number by number: stand-ins here.
                check=lambda ns: {
                    "contact": {"phones": [*contact["phones"], *_phones(ns, ["24 hours a day"] * len(ns), kind)]}
                },
            )
            or []
        )
        keyword = None
        if kind == "text" and found:
            keyword = a.value(
                v,
                "contact",
                "Word to text, such as SHOUT (optional)",
                default=_shown(next((p.get("keyword") for p in before if p.get("keyword")), "")),
                check=lambda w: {"contact": {"phones": _phones(found, ["24 hours a day"] * len(found), "text", w)}},
            )
        for number in found:
            old = next((p.get("hours") for p in before if p.get("number") == number), "")
            hours = a.value(
                v,
                "contact",
                f"When {number} is answered, such as '24 hours a day, every day'" + ("" if crisis else " (optional)"),
                required=crisis,
                default=_shown(old),
                check=functools.partial(_one_phone_check, number=number, kind=kind),
            )
            contact["phones"] += _phones([number], [hours or ""], kind, keyword)

    numbers("voice", "Phone numbers to call (separated by commas" + ("" if helpline else ", optional") + ")")
    if helpline or contact["phones"]:
        numbers("text", "Text (SMS) numbers (separated by commas, optional)")
    for name, prompt in (
        ("email", "Email address (optional)"),
        ("hours", "General opening hours (optional)"),
        ("webchat", "Web page of its online chat (https://…, optional)"),
    ):
        contact[name] = a.value(
            v, "contact", prompt, default=_shown(kept.get(name)), check=functools.partial(_contact_check, name=name)
        )
    if helpline and not contact["phones"] and not v.get("url"):
        a.say("  " + " — ".join(describe("helpline_needs_number", {})))
    cleaned = {k: x for k, x in contact.items() if x}
    v["contact"] = cleaned or None


@question("cost", "access")
def _choice(a: Asker, v: dict[str, Any], which: str | None = None) -> None:
    tables = {"cost": ("Costs", COSTS, "Cost (optional)"), "access": ("Access", ACCESS, "Access (optional)")}
    for name in [which] if which else []:
        label, table, prompt = tables[name]
        a.choices(label, table)
        v[name] = a.value(v, name, prompt, _one(name, a), default=_shown(a.draft.get(name)))


@question("last_reviewed")
def _reviewed(a: Asker, v: dict[str, Any]) -> None:
    v["last_reviewed"] = a.value(
        v,
        "last_reviewed",
        "Date you checked the facts (YYYY-MM-DD)",
        required=True,
        default=_shown(a.draft.get("last_reviewed")) or a.today.isoformat(),
    )


@question("sources")
def _sources(a: Asker, v: dict[str, Any]) -> None:
    v["sources"] = a.value(
        v,
        "sources",
        "Pages where you confirmed the facts (https://…, separated by commas or spaces)",
        lambda text: text.replace(",", " ").split(),
        required=True,
        default=" ".join(a.draft.get("sources") or []),
    )


ORDER = [
    "name",
    "id",
    "kind",
    "summary",
    "description",
    "url",
    "publisher",
    "audience",
    "topics",
    "settings",
    "regions",
    "crisis",
    "location_visibility",
    "contact",
    "cost",
    "format",
    "languages",
    "access",
    "eligibility",
    "last_reviewed",
    "sources",
]


def ask_field(asker: Asker, values: dict[str, Any], name: str) -> None:
    function = QUESTIONS[name]
    if function in (_text, _choice):
        function(asker, values, name)
    else:
        function(asker, values)


def ask_values(asker: Asker, values: dict[str, Any]) -> dict[str, Any]:
    asker.say("Add an entry. Press Enter to skip a field that is optional (or keep the answer in [brackets]);")
    asker.say("type - to clear it; Ctrl+D (or Ctrl+Z, Enter) to stop: your answers are kept in a draft file.")
    asker.say("What each field means: see the 'Entry fields' table in README.md.\n")
    for name in ORDER:
        ask_field(asker, values, name)
    return values


def repair(asker: Asker, values: dict[str, Any], rounds: int = 5) -> bool:
    """Ask again the questions whose answers break a rule joining two fields."""
    for _ in range(rounds):
        found = problems_in(values, asker.taxonomy, asker.today, known_ids=asker.ids)
        if not found:
            return True
        asker.say("\nThe entry is not ready yet:")
        for problem in found:
            asker.say(f"  {problem}")
        top = []
        for problem in found:
            name = REASK.get(problem.type) or problem.field.split(".")[0].split("[")[0]
            name = {"crisis_needs": "crisis", "address": "location_visibility"}.get(name, name)
            if name in QUESTIONS and name not in top:
                top.append(name)
        asker.draft = {**asker.draft, **{k: x for k, x in values.items() if x not in (None, "", [])}}
        asker.say("Please answer these again:\n")
        for name in top:
            ask_field(asker, values, name)
    return not problems_in(values, asker.taxonomy, asker.today, known_ids=asker.ids)


# The question that puts a rule right, where it is not the field the problem names.
REASK = {
    "crisis_needs_url": "url",
    "crisis_hours": "contact",
    "crisis_needs_missing": "crisis",
    "helpline_needs_number": "contact",
}


# --- the command -------------------------------------------------------------------------------


def run(args: argparse.Namespace, *, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
    stdin = stdin if stdin is not None else sys.stdin
    out = out if out is not None else sys.stdout
    data: Path = args.data
    taxonomy_path: Path = args.taxonomy or data.with_name("taxonomy.yaml")
    try:
        taxonomy = read_taxonomy(taxonomy_path)
        draft = read_draft(args.from_draft) if args.from_draft else {}
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except NewEntryError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if not data.is_file():
        print(f"error: {display_path(data)} does not exist — check the path given with --data", file=sys.stderr)
        return 1
    given = any(getattr(args, name) for name in ("id", "name", "kind", "summary", "publisher", "source"))
    interactive = args.interactive or (not given and stdin.isatty())
    today = date.today()
    try:
        text = data.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        text = ""  # add_entry reports it
    ids = set(existing_ids(text))

    values: dict[str, Any] = {}
    if interactive:
        asker = Asker(taxonomy, ids, lambda prompt: _input(prompt, stdin, out), out, today, resolve(draft, taxonomy))
        try:
            ask_values(asker, values)
            ready = repair(asker, values)
            out.write("\nThe new entry:\n\n" + entry_yaml(values) + "\n")
            if not ready:
                print("It still has problems (above).", file=sys.stderr)
                save_draft(data, values, out)
                return 1
            confirm = _input(f"Add it to {display_path(data)}? [y/N]: ", stdin, out).strip().lower()
        except CancelledError:
            print("\nStopped; nothing was written to the data file.", file=sys.stderr)
            save_draft(data, values, out)
            return 1
        if confirm not in ("y", "yes"):
            print("Nothing was written to the data file.", file=sys.stderr)
            save_draft(data, values, out)
            return 1
    else:
        values = resolve(values_from_args(args, draft), taxonomy)
        problems = [
            f"{flag} is required: {Entry.model_fields[name].description}"
            for name, flag in REQUIRED.items()
            if not values.get(name)
        ]
        problems += [f"{_flag_for(p.field)}: {p}" for p in problems_in(values, taxonomy, today, known_ids=ids)]
        if problems:
            for problem in problems:
                print(problem, file=sys.stderr)
            print(f"Nothing was written to {display_path(data)}.", file=sys.stderr)
            return 1

    try:
        _, line = add_entry(data, taxonomy_path, values)
    except NewEntryError as error:
        print(f"error: {error}", file=sys.stderr)
        if interactive:
            save_draft(data, values, out)
        return 1
    except DataError as error:
        for found in error.problems:
            print(found, file=sys.stderr)
        count = len(error.problems)
        print(
            f"{words.count(count, 'problem')}; line numbers are those the file would have with the "
            f"new entry. Nothing was written to {display_path(data)}.",
            file=sys.stderr,
        )
        if interactive:
            save_draft(data, values, out)
        return 1
    if args.from_draft:
        args.from_draft.unlink(missing_ok=True)
        print(f"The draft {display_path(args.from_draft)} is removed.", file=out)
    print(f"Added '{values['id']}' to {display_path(data)} at line {line}; the file passes every check.", file=out)
    return 0


def _flag_for(field_path: str) -> str:
    top = field_path.split(".")[0].split("[")[0]
    flags = {
        **REQUIRED,
        "contact": "--phone/--text-number/--email/--hours",
        "settings": "--setting",
        "format": "--format",
        "languages": "--language",
        "review_every_months": "--review-every-months",
        "crisis_needs": "--crisis-need",
        "address": "--street/--locality/--postcode",
    }
    return flags.get(top, "--" + top.replace("_", "-"))


def _input(prompt: str, stdin: TextIO, out: TextIO) -> str:
    out.write(prompt)
    out.flush()
    line = stdin.readline()
    if not line:
        raise CancelledError
    if not stdin.isatty():
        out.write(line if line.endswith("\n") else line + "\n")  # echo answers read from a pipe
    return line.rstrip("\r\n")
