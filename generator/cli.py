"""Command line: ``python -m generator <command>``.

    check [DATA_FILE]      validate the data; one line per problem; exit 1 on any
    schema [--write]       print (or write) data/resources.schema.json
    build                  atomic site build: site/ is replaced only on success
    export                 write the open data files (JSON, CSV, HSDS 3.0) into a folder
    import-hsds PATH       add HSDS 3.0 services to a data file as new entries
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


def cmd_export(args: argparse.Namespace) -> int:
    import json

    from .exports import open_data_files
    from .hsds_export import SERVICES_PATH
    from .hsds_validate import problems
    from .validate import load_directory

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

    export = commands.add_parser("export", help="write the open data files: JSON with its schema, CSV and HSDS 3.0")
    export.add_argument("data_file", nargs="?", type=Path, default=DEFAULT_DATA, help="default: data/resources.yaml")
    export.add_argument("--taxonomy", type=Path, help="default: taxonomy.yaml beside the data file")
    export.add_argument("--out", type=Path, default=Path("open-data"), help="folder to write into (default: open-data)")
    export.add_argument("--site-name", default="Waymark", help="the directory's name, used in the files")
    export.set_defaults(run=cmd_export)

    from .import_command import add_parser as add_import_parser

    add_import_parser(commands, _date)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
