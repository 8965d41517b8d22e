"""The README tells the truth: its two commands, every CLI command, every field and option."""

from __future__ import annotations

import re
import subprocess

from generator.cli import parser
from generator.data.schema import Address, Contact, Entry, Phone, RegionRef
from generator.engine.config import WaymarkConfig

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def first_screen() -> str:
    return README.split("\n---\n", 1)[0]


def test_first_screen_gives_exactly_the_two_commands():
    blocks = re.findall(r"```sh\n(.*?)```", first_screen(), re.S)
    commands = [line.strip() for block in blocks for line in block.splitlines() if line.strip()]
    assert commands == ["make serve", "make test"]
    assert len(first_screen().splitlines()) <= 25


def make_dry_run(target: str) -> str:
    # -B: show the set-up steps too, even when .venv is already up to date.
    result = subprocess.run(["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True)
    return result.stdout


def test_the_makefile_provides_those_commands():
    serve = make_dry_run("serve")
    assert 'scripts/serve "127.0.0.1" "8000"' in serve
    assert 'mkdocs" serve --strict' in (ROOT / "scripts" / "serve").read_text(encoding="utf-8")
    assert "scripts/make-venv" in serve and "--require-hashes --no-deps -r requirements.lock" in serve
    test = make_dry_run("test")
    assert "--require-hashes --no-deps -r requirements.lock" in test
    assert "pytest" in test and "scripts/ensure-browser" in test


def test_ci_runs_the_readme_test_command():
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert run.rstrip().endswith("make test")
    assert "apt-get install" in run and "chromium" in run


def test_lock_file_has_hashes_and_no_download_addresses():
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert not re.search(r"https?://", lock)
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==", lock, re.M)
    assert "mkdocs" in pins and "pydantic" in pins
    for block in re.split(r"\n(?=[A-Za-z0-9_.-]+==)", lock.split("\n\n", 1)[-1]):
        if "==" in block.splitlines()[0]:
            assert "--hash=sha256:" in block, block.splitlines()[0]
    mkdocs_version = re.search(r"^mkdocs==(\S+)", lock, re.M).group(1)
    assert mkdocs_version.startswith("1."), "MkDocs 2 drops plugins and theme overrides"


def test_every_cli_command_is_documented():
    commands = parser()._subparsers._group_actions[0].choices
    for name, sub in commands.items():
        assert f"python -m generator {name}" in README, name
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in README, f"{name} {option}"


def test_every_field_is_documented():
    documented = set(re.findall(r"^\| `([a-z_.\[\]]+)` \|", README, re.M))
    for model, prefix in [
        (Entry, ""),
        (Contact, "contact."),
        (Phone, "contact.phones[]."),
        (RegionRef, "regions[]."),
        (Address, "address."),
    ]:
        for name in model.model_fields:
            assert f"{prefix}{name}" in documented, f"{prefix}{name} is not in the README's field table"


def test_every_plugin_option_is_documented():
    for name, _ in WaymarkConfig._schema:
        assert re.search(rf"^\| `{name}` \|", README, re.M), name


def test_npm_lock_file_has_integrity_hashes_and_no_addresses():
    import json

    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    text = json.dumps(lock)
    assert not re.search(r"https?://", text), "the lock file keeps versions and hashes only"
    packages = {name: info for name, info in lock["packages"].items() if name}
    assert "node_modules/axe-core" in packages
    for name, info in packages.items():
        assert info.get("version") and info.get("integrity", "").startswith("sha512-"), name
