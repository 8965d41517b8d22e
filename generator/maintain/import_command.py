"""``python -m generator import-hsds PATH [--data FILE]``: HSDS 3.0 services → new entries.

Reads the input (hsds_read), maps each service (hsds_import), skips services
whose id is already in FILE, and adds the rest to the end of FILE (append),
after checking the result with the same rules as ``check``. Every field that
could not be mapped is reported; any problem stops the import with exit
status 1 and FILE unchanged.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from ..data.errors import DataError
from ..data.fields import check_https_url
from ..data.schema import AUDIENCES, KINDS
from ..data.taxonomy import Taxonomy
from ..data.validate import display_path, read_taxonomy
from ..data.words import count
from ..opendata import hsds_import, hsds_read
from . import append


def _flag_problems(args: argparse.Namespace, taxonomy: Taxonomy) -> list[str]:
    """Values given on the command line that the data check would refuse, named by their flag."""
    problems = []
    for topic in args.topic:
        if topic not in taxonomy.topics:
            problems.append(f"--topic {topic}: not a topic in the taxonomy — use one of: {', '.join(taxonomy.topics)}")
    for code in args.region:
        region, _, area = code.partition("/")
        if region not in taxonomy.regions:
            problems.append(
                f"--region {code}: '{region}' is not a region in the taxonomy — use one of: {', '.join(taxonomy.regions)}"
            )
        elif area and area not in taxonomy.regions[region].areas:
            known = ", ".join(f"{region}/{a}" for a in taxonomy.regions[region].areas) or "none"
            problems.append(f"--region {code}: '{area}' is not an area of {region} — known areas: {known}")
    for source in args.source:
        try:
            check_https_url(source)
        except Exception:
            problems.append(f"--source {source}: not an https:// web address — give the https:// page you checked")
    return problems


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out, err = out or sys.stdout, err or sys.stderr
    into: Path = args.into
    taxonomy_path: Path = args.taxonomy or into.with_name("taxonomy.yaml")

    def fail(lines: list[str], summary: str) -> int:
        for line in lines:
            print(line, file=err)
        print(f"{summary} Nothing was written to {display_path(into)}.", file=err)
        return 1

    try:
        taxonomy = read_taxonomy(taxonomy_path)
    except DataError as error:
        return fail([str(p) for p in error.problems], "The taxonomy has problems.")
    flag_problems = _flag_problems(args, taxonomy)
    if flag_problems:
        return fail(flag_problems, "Some options are not valid.")
    try:
        records = hsds_read.read(args.path)
    except hsds_read.InputError as error:
        return fail([str(error)], "The input could not be read.")
    try:
        existing = append.read_existing(into, taxonomy_path)
    except DataError as error:
        return fail([str(p) for p in error.problems], f"{display_path(into)} has problems: fix them first (run check).")

    defaults = hsds_import.Defaults(
        kind=args.kind,
        audience=tuple(args.audience or ["public"]),
        topics=tuple(args.topic),
        regions=tuple(args.region),
        reviewed=args.reviewed,
        sources=tuple(args.source),
        publisher=args.publisher,
        addresses=args.addresses,
    )
    problems, notes, skipped = [], [], []
    chosen: list[tuple[hsds_read.Record, dict[str, Any]]] = []
    taken = set(existing.ids)
    for record in records:
        mapped = hsds_import.map_record(record, taxonomy, defaults)
        prefix = f"{record.source}: {record.label}"
        problems += [f"{prefix}: {line}" for line in mapped.problems]
        notes += [f"{prefix}: {line}" for line in mapped.notes]
        entry = mapped.entry
        if entry.get("id") in existing.ids:
            skipped.append(
                f"{prefix}: skipped — the id '{entry['id']}' is already in {display_path(into)}; it was not changed"
            )
            continue
        if entry.get("id") in taken:
            base, number = entry["id"], 2
            while f"{base}-{number}" in taken:
                number += 1
            entry["id"] = f"{base}-{number}"
            notes.append(
                f"{prefix}: id: '{base}' is used by another service in this import; this one is '{entry['id']}'"
            )
        taken.add(str(entry.get("id")))
        chosen.append((record, entry))
    if problems:
        return fail(problems, f"{count(len(problems), 'problem')} in the input.")

    text = "".join(append.entry_yaml(entry) for _, entry in chosen)
    if chosen:
        try:
            append.append_entries(into, existing, text, taxonomy_path, write=not args.dry_run)
        except DataError as error:
            return fail(_translate(error, existing, into, chosen), "The new entries do not pass the check.")
    for line in [*skipped, *notes]:
        print(line, file=out)
    if args.dry_run:
        out.write(text)
        print(f"Dry run: {_count(len(chosen))} would be added to {display_path(into)}; nothing was written.", file=out)
    else:
        print(
            f"Added {_count(len(chosen))} to {display_path(into)} ({len(skipped)} skipped). "
            "Review them, then run check.",
            file=out,
        )
    return 0


def _count(number: int) -> str:
    return count(number, "entry")


def _translate(
    error: DataError, existing: append.Existing, into: Path, chosen: list[tuple[hsds_read.Record, dict[str, Any]]]
) -> list[str]:
    """Problems found in the combined file, told against the input records they came from."""
    start = append.first_new_line(existing)
    records = {entry["id"]: record for record, entry in chosen}
    lines = []
    for problem in error.problems:
        record = records.get(problem.where)
        if problem.line >= start and record is not None:
            lines.append(
                f"{record.source}: {record.label} (entry '{problem.where}'): {problem.field}: "
                f"{problem.message} — {problem.fix}"
            )
        else:
            lines.append(str(problem).replace(problem.file, display_path(into), 1))
    return lines


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], date_type: Callable[[str], Any]) -> None:
    command = commands.add_parser(
        "import-hsds", help="add HSDS 3.0 services (JSON or a tabular data package) to a data file as new entries"
    )
    command.add_argument(
        "path",
        type=Path,
        metavar="PATH",
        help="HSDS JSON file, datapackage.json, or the folder holding datapackage.json",
    )
    command.add_argument(
        "--data",
        "--into",
        dest="into",
        type=Path,
        default=Path("data/resources.yaml"),
        metavar="FILE",
        help="the data file to add entries to (default: data/resources.yaml)",
    )
    command.add_argument("--taxonomy", type=Path, metavar="FILE", help="default: taxonomy.yaml beside FILE")
    command.add_argument(
        "--kind",
        default="local-service",
        choices=tuple(KINDS),
        metavar="KIND",
        help=f"kind of every new entry: {', '.join(KINDS)} (default: local-service)",
    )
    command.add_argument(
        "--audience",
        action="append",
        choices=tuple(AUDIENCES),
        metavar="AUDIENCE",
        help=f"who the entries are for: {', '.join(AUDIENCES)}; repeat for more (default: public)",
    )
    command.add_argument(
        "--topic", action="append", default=[], metavar="ID", help="topic id from the taxonomy; repeat for more"
    )
    command.add_argument(
        "--region",
        action="append",
        default=[],
        metavar="REGION[/AREA]",
        help="region id, or region/area such as england/dudley, when no service area matches",
    )
    command.add_argument(
        "--reviewed",
        type=date_type,
        metavar="YYYY-MM-DD",
        help="when you checked the details, for services without an assured_date",
    )
    command.add_argument(
        "--source",
        action="append",
        default=[],
        metavar="URL",
        help="https:// page where you confirmed the details, for services without an https:// address",
    )
    command.add_argument("--publisher", metavar="NAME", help="organisation name, for services without an organization")
    command.add_argument("--addresses", action="store_true", help="also import street addresses (shown publicly)")
    command.add_argument("--dry-run", action="store_true", help="check and print the new entries; write nothing")
    command.set_defaults(run=run)
