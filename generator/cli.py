"""Command line: ``python -m generator <command>``.

    check [DATA_FILE]      validate the data; one line per problem; exit 1 on any
    schema [--write]       print (or write) data/resources.schema.json
    build                  atomic site build: site/ is replaced only on success
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import loader
from .errors import DataError

DEFAULT_DATA = Path("data/resources.yaml")
DEFAULT_SCHEMA = Path("data/resources.schema.json")


def _taxonomy_for(data_file: Path, given: Path | None) -> Path:
    return given or data_file.with_name("taxonomy.yaml")


def cmd_check(args: argparse.Namespace) -> int:
    from .validate import load_directory

    data_file: Path = args.data_file
    try:
        directory = load_directory(
            data_file,
            _taxonomy_for(data_file, args.taxonomy),
            today=args.today,
            max_bytes=args.max_bytes,
        )
    except DataError as error:
        if args.format == "github":
            for problem in error.problems:
                print(problem.github())
        else:
            for problem in error.problems:
                print(problem)
        count = len(error.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found in {data_file}.", file=sys.stderr)
        return 1
    published = len(directory.published)
    print(f"{data_file}: {len(directory.entries)} entries are valid ({published} published).")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import json_schema_text
    from .validate import read_taxonomy

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
    from .atomic import AtomicBuildError, atomic_build

    try:
        atomic_build(args.config, args.site_dir, strict=not args.no_strict)
    except AtomicBuildError as error:
        print(f"error: {error}", file=sys.stderr)
        print(f"The previous site in {args.site_dir}/ was left untouched.", file=sys.stderr)
        return 1
    print(f"Built the site into {args.site_dir}/")
    return 0


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m generator", description="Waymark data tools.")
    commands = main.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate a data file and report every problem")
    check.add_argument("data_file", nargs="?", type=Path, default=DEFAULT_DATA, help="default: data/resources.yaml")
    check.add_argument("--taxonomy", type=Path, help="default: taxonomy.yaml beside the data file")
    check.add_argument("--format", choices=("text", "github"), default="text",
                       help="github prints ::error annotations for pull requests")
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
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
