"""The way in for maintainers: issue forms that mirror the model, a config that
sends people in crisis to real crisis lines, the pull request checklist,
CONTRIBUTING.md and CODEOWNERS."""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.data.schema import AUDIENCES, COSTS, KINDS
from generator.data.validate import load_directory
from generator.site.pages import SiteOptions, suggest_change_url

from .conftest import ROOT, TAXONOMY

TEMPLATES = ROOT / ".github" / "ISSUE_TEMPLATE"
FORMS = [TEMPLATES / "suggest-resource.yml", TEMPLATES / "report-problem.yml"]


def form(name: str) -> dict:
    return yaml.safe_load((TEMPLATES / name).read_text(encoding="utf-8"))


def fields(name: str) -> dict[str, dict]:
    return {item["id"]: item for item in form(name)["body"] if "id" in item}


def labelled_ids(options: list[str]) -> dict[str, str]:
    """'Helpline (helpline)' → {'helpline': 'Helpline'}; fails on any other shape."""
    pairs = {}
    for option in options:
        match = re.fullmatch(r"(.+) \(([a-z-]+)\)", option)
        assert match, f"option {option!r} should read 'Label (id)'"
        pairs[match.group(2)] = match.group(1)
    return pairs


@pytest.fixture(scope="module")
def directory():
    return load_directory(ROOT / "data" / "resources.yaml", TAXONOMY)


def test_forms_match_githubs_schema():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-issue-forms", *map(str, FORMS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-issue-config",
            str(TEMPLATES / "config.yml"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_suggest_form_mirrors_the_schema():
    items = fields("suggest-resource.yml")
    for required in ("name", "kind", "summary", "publisher", "regions", "sources"):
        assert items[required]["validations"]["required"] is True, required
    for optional in ("url", "audience", "topics", "contact", "cost"):
        assert optional in items
    kinds = labelled_ids(items["kind"]["attributes"]["options"])
    assert kinds == {kind: singular for kind, (singular, _) in KINDS.items()}
    audiences = labelled_ids([option["label"] for option in items["audience"]["attributes"]["options"]])
    assert audiences == AUDIENCES
    costs = labelled_ids([o for o in items["cost"]["attributes"]["options"] if o != "Not sure"])
    assert costs == COSTS


def test_report_form_takes_the_entry_from_the_address():
    # The "Suggest a change" link on every entry page fills in this form.
    items = fields("report-problem.yml")
    assert items["entry"]["type"] == "input" and items["entry"]["validations"]["required"] is True
    from generator.data.schema import Entry

    entry = Entry.model_validate(
        {
            "id": "samaritans",
            "name": "Samaritans",
            "kind": "toolkit",
            "summary": "s",
            "publisher": "p",
            "audience": ["public"],
            "topics": ["crisis"],
            "regions": ["uk"],
            "last_reviewed": "2026-01-01",
            "sources": ["https://example.org/"],
        }
    )
    url = suggest_change_url(entry, SiteOptions(repository="owner/repo"), links=None)
    query = {key: value[0] for key, value in parse_qs(urlsplit(url).query).items()}
    assert query["template"] == "report-problem.yml"
    assert query["entry"] == "samaritans" and "entry" in items
    assert query["title"].startswith(form("report-problem.yml")["title"].strip())


def test_forms_warn_that_they_are_not_for_help_now(directory):
    numbers = {phone.number for entry in directory.entries if entry.crisis for phone in entry.phones}
    for path in FORMS:
        intro = yaml.safe_load(path.read_text(encoding="utf-8"))["body"][0]["attributes"]["value"]
        assert "do not use this form if you need help now" in intro
        quoted = re.findall(r"\b\d{3}(?: \d{3})?\b", intro)
        assert quoted and set(quoted) <= numbers, quoted


def test_config_sends_people_in_crisis_to_confirmed_crisis_lines(directory):
    config = yaml.safe_load((TEMPLATES / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
    crisis = {entry.url: entry for entry in directory.entries if entry.crisis and entry.url}
    assert config["contact_links"]
    for link in config["contact_links"]:
        assert link["url"] in crisis, f"{link['url']} is not the address of a crisis line in the data"
        entry = crisis[link["url"]]
        assert entry.name.split()[0] in link["name"]
        for number in re.findall(r"\d[\d ]*\d", link["name"]):
            assert number in {phone.number for phone in entry.phones}, number
        assert {"uk"} <= {region.region for region in entry.regions}


def test_pull_request_template_has_the_editorial_checklist():
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for item in ("**Source confirmed**", "**`last_reviewed` set**", "**Plain language**"):
        assert f"- [ ] {item}" in template


def test_contributing_guide_for_non_programmers():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "README.md#entry-fields" in guide and "## Entry fields" in readme
    assert "](CONTRIBUTING.md)" in readme
    for topic in ("pencil", "Propose changes", "pull request", "last_reviewed", "sources", "python -m generator new"):
        assert topic in guide, topic
    # The example error is real output of the check, explained part by part.
    assert re.search(r"data/resources\.yaml:\d+:\d+: [a-z0-9-]+: [a-z_.\[\]0-9]+: .+ — .+", guide)
    template = (ROOT / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for item in re.findall(r"- \[ \] \*\*(.+?)\*\*", template):
        assert item in guide, item


CODEOWNER = re.compile(r"@[\w-]+(/[\w-]+)?|[^@\s]+@[^@\s]+")


def codeowners_problems(text: str) -> list[str]:
    """Rules with no owner, an owner GitHub could not read, or a placeholder owner."""
    problems = []
    for rule in (line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")):
        path, *owners = rule.split()
        if not owners or not all(CODEOWNER.fullmatch(owner) for owner in owners) or "example" in rule.lower():
            problems.append(rule)
    return problems


def test_codeowners_names_no_invented_owner():
    text = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "/data/" in text  # the example tells maintainers what to write
    assert codeowners_problems(text) == []


def test_the_codeowners_check_refuses_placeholders_and_bad_owners():
    assert codeowners_problems("/data/ @example-org/editors\n") == ["/data/ @example-org/editors"]
    assert codeowners_problems("/data/\n") == ["/data/"]
    assert codeowners_problems("/data/ editors\n") == ["/data/ editors"]
    assert codeowners_problems("/data/ @waymark/editors  # a real team\n".split("  #")[0]) == []
