"""Command line: ``python -m generator <command>``.

check [DATA_FILE]      validate the data; one line per problem; exit 1 on any
schema [--write]       print (or write) data/resources.schema.json
build                  atomic site build: site/ is replaced only on success
export                 write the open data files (JSON, CSV, HSDS 3.0) into a folder
import-hsds PATH       add HSDS 3.0 services to a data file as new entries
new                    add an entry (flags, or questions on a terminal)
review                 entries due for review
links                  check every address in the entries
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .data import loader, words
from .data.errors import DataError

DEFAULT_DATA = Path("data/resources.yaml")
DEFAULT_SCHEMA = Path("data/resources.schema.json")


def _taxonomy_for(data_file: Path, given: Path | None) -> Path:
    return given or data_file.with_name("taxonomy.yaml")


def cmd_check(args: argparse.Namespace) -> int:
    from .data.search_words import read_search_words
    from .data.validate import load_directory

    data_file: Path = args.data_file
    try:
        directory = load_directory(
            data_file,
            _taxonomy_for(data_file, args.taxonomy),
            today=args.today,
            max_bytes=args.max_bytes,
        )
        # The search's words beside the data file are checked with it.
        read_search_words(data_file.with_name("search-words.yaml"))
    except DataError as error:
        if args.format == "github":
            for problem in error.problems:
                print(problem.github())
        else:
            for problem in error.problems:
                print(problem)
        count = len(error.problems)
        files = " and ".join(dict.fromkeys(problem.file for problem in error.problems)) or str(data_file)
        print(f"{words.count(count, 'problem')} found in {files}.", file=sys.stderr)
        return 1
    published = len(directory.published)
    print(f"{data_file}: {len(directory.entries)} entries are valid ({published} published).")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .data.schema import json_schema_text
    from .data.validate import read_taxonomy

    try:
        taxonomy = read_taxonomy(args.taxonomy)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    text = json_schema_text(taxonomy)
    if args.write:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .engine.atomic import AtomicBuildError, atomic_build

    try:
        atomic_build(args.config, args.site_dir, strict=not args.no_strict)
    except AtomicBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        print(f"The previous site in {args.site_dir}/ was left untouched.", file=sys.stderr)
        return 1
    print(f"Built the site into {args.site_dir}/")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    import json

    from .data.validate import load_directory
    from .opendata.exports import open_data_files
    from .opendata.hsds_export import SERVICES_PATH
    from .opendata.hsds_validate import problems

    data_file: Path = args.data_file
    try:
        directory = load_directory(data_file, _taxonomy_for(data_file, args.taxonomy))
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    files = open_data_files(directory, args.site_name)
    found = list(problems(json.loads(files[SERVICES_PATH])))
    if found:  # a fault in Waymark itself, never in the data
        print("\n".join(["The HSDS export does not match the HSDS 3.0 schema:", *found]), file=sys.stderr)
        return 1
    for path, text in files.items():
        target = args.out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="")
        print(f"wrote {target}")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .maintain.new_command import run

    return run(args)


def cmd_review(args: argparse.Namespace) -> int:
    from .maintain.review import run

    return run(args.data, _taxonomy_for(args.data, args.taxonomy), args.today or date.today(), args.within, args.format)


def cmd_links(args: argparse.Namespace) -> int:
    from .maintain.links_report import run_command

    return run_command(args, _taxonomy_for(args.data, args.taxonomy))


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m generator", description="Waymark data tools.")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate a data file and report every problem")
    _data_file(check)
    check.add_argument("--taxonomy", type=Path, help="default: taxonomy.yaml beside the data file")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="github prints ::error annotations for pull requests",
    )
    check.add_argument("--today", type=_date, help="check review dates as of this date (YYYY-MM-DD)")
    check.add_argument("--max-bytes", type=int, default=loader.DEFAULT_MAX_BYTES, help="largest data file accepted")
    check.set_defaults(run=cmd_check)

    schema = commands.add_parser("schema", help="print or write the JSON Schema of the data file")
    schema.add_argument("--taxonomy", type=Path, default=Path("data/taxonomy.yaml"))
    schema.add_argument("--write", action="store_true", help=f"write it to {DEFAULT_SCHEMA}")
    schema.add_argument("--output", type=Path, default=DEFAULT_SCHEMA)
    schema.set_defaults(run=cmd_schema)

    build = commands.add_parser("build", help="build the site; replace site/ only if the build succeeds")
    build.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    build.add_argument("--site-dir", type=Path, default=Path("site"))
    build.add_argument("--no-strict", action="store_true", help="do not treat MkDocs warnings as errors")
    build.set_defaults(run=cmd_build)

    export = commands.add_parser("export", help="write the open data files: JSON with its schema, CSV and HSDS 3.0")
    _data_file(export)
    export.add_argument("--taxonomy", type=Path, help="default: taxonomy.yaml beside the data file")
    export.add_argument("--out", type=Path, default=Path("open-data"), help="folder to write into (default: open-data)")
    export.add_argument("--site-name", default="Waymark", help="the directory's name, used in the files")
    export.set_defaults(run=cmd_export)

    from .maintain.import_command import add_parser as add_import_parser

    add_import_parser(commands, _date)

    _add_new(commands)

    review = commands.add_parser("review", help="list entries past (or near) their review date")
    review.add_argument("--data", type=Path, default=DEFAULT_DATA, help="default: data/resources.yaml")
    review.add_argument("--taxonomy", type=Path, help="default: taxonomy.yaml beside the data file")
    review.add_argument("--today", type=_date, help="review as of this date (YYYY-MM-DD)")
    review.add_argument(
        "--within", type=_days, default=30, metavar="DAYS", help="also list entries due within DAYS days"
    )
    review.add_argument("--format", choices=("text", "markdown"), default="text")
    review.set_defaults(run=cmd_review)

    links = commands.add_parser("links", help="check every entry's web addresses")
    links.add_argument("--data", type=Path, default=DEFAULT_DATA, help="default: data/resources.yaml")
    links.add_argument("--taxonomy", type=Path, help="default: taxonomy.yaml beside the data file")
    links.add_argument(
        "--allowlist", type=Path, help="addresses not to check (default: links-allowlist.txt beside the data file)"
    )
    links.add_argument(
        "--timeout", type=_positive_float, default=10.0, metavar="SECONDS", help="per request (default 10)"
    )
    links.add_argument(
        "--retries", type=_days, default=2, help="tries again after a timeout or server error (default 2)"
    )
    links.add_argument("--workers", type=_workers, default=8, help="addresses checked at once (default 8)")
    links.add_argument("--format", choices=("text", "markdown"), default="text")
    links.add_argument(
        "--url",
        action="append",
        metavar="URL",
        type=_web_address,
        help="check this address instead of the data file (repeatable; http or https)",
    )
    # For the tests' own server on 127.0.0.1 only: every other private address stays refused.
    links.add_argument("--trust-address", action="append", default=[], help=argparse.SUPPRESS)
    links.set_defaults(run=cmd_links)
    return main


def _add_new(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    new = commands.add_parser("new", help="add an entry in its sorted place; asks for each field on a terminal")
    new.add_argument("--data", type=Path, default=DEFAULT_DATA, help="default: data/resources.yaml")
    new.add_argument("--taxonomy", type=Path, help="default: taxonomy.yaml beside the data file")
    new.add_argument("--interactive", action="store_true", help="ask for each field, even without a terminal")
    new.add_argument(
        "--from-draft", type=Path, help="start from the answers saved in a draft file (removed once added)"
    )
    for flag, help_text in [
        ("--id", "lowercase letters, digits and hyphens"),
        ("--name", "the resource's own name"),
        ("--kind", "toolkit, guidance, national-programme, local-service, training, helpline or research"),
        ("--summary", "one or two plain sentences"),
        ("--description", "more detail"),
        ("--url", "the resource's own https page"),
        ("--publisher", "who runs or publishes it"),
        ("--email", "contact email"),
        ("--hours", "general opening hours"),
        ("--keyword", "word to send to the text numbers"),
        ("--webchat", "the page of its online chat"),
        ("--location-visibility", "public, area-only or contact-only"),
        ("--street", "building and street (public locations only)"),
        ("--locality", "town or city of the address"),
        ("--postcode", "postcode of the address"),
        ("--cost", "free, paid or mixed"),
        ("--access", "self-referral, referral or open"),
        ("--eligibility", "who can use it"),
        ("--last-reviewed", "the day you checked (default: today)"),
        ("--review-every-months", "1 to 36 (default 12)"),
    ]:
        new.add_argument(flag, help=help_text)
    for flag, help_text in [
        ("--audience", "practitioners, public or organisations"),
        ("--topic", "a topic id"),
        ("--setting", "a setting id"),
        ("--region", "a region id, or REGION:AREA"),
        ("--phone", "a number to call"),
        ("--text-number", "a number to text"),
        ("--format", "how it is delivered"),
        ("--language", "a language code"),
        ("--related", "id of a related entry"),
        ("--source", "a page where you confirmed the facts"),
        ("--phone-hours", "when the --phone of the same position is answered"),
        ("--text-hours", "when the --text-number of the same position is answered"),
        ("--crisis-need", "what a crisis line helps with (emergency, listening, urgent-mental-health …)"),
    ]:
        new.add_argument(flag, action="append", help=help_text + " (repeatable)")
    new.add_argument("--crisis", action="store_true", help="list this helpline on the 'Need help now?' page")
    new.set_defaults(run=cmd_new)


def _data_file(command: argparse.ArgumentParser) -> None:
    """The data file, given as --data FILE as in every command (the bare path of
    earlier versions still works)."""
    command.add_argument(
        "--data",
        dest="data_file",
        type=Path,
        default=DEFAULT_DATA,
        metavar="FILE",
        help="the data file (default: data/resources.yaml)",
    )
    command.add_argument("legacy_data_file", nargs="?", type=Path, default=None, help=argparse.SUPPRESS)


def _web_address(text: str) -> str:
    """Only http and https addresses: file:, data: and the rest are refused before anything is opened."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(text)
        _ = parts.port
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a well-formed web address") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"{text!r} is not a web address: give one that starts with https://")
    return text


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return int(text)


def _workers(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 to 64")
    return int(text)


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds above 0 (600 at most)")
    return value


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "legacy_data_file", None) is not None:
        args.data_file = args.legacy_data_file
    status: int = args.run(args)
    return status
