"""The GitHub workflows: GitHub's own schema (offline), our policy, and the shell
steps that open, update or close the scheduled issues, run with a stand-in `gh`."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT
from .workflow_policy import check_workflow

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
GITHUB = ROOT / ".github"

# Every action the workflows use, pinned to the commit of a release. Each SHA was
# checked against public records of that release before it was written here; a
# new action or version must be checked the same way and added to this table.
VERIFIED_PINS = {
    "actions/checkout": ("11bd71901bbe5b1630ceea73d27597364c9af683", "v4.2.2"),
    "actions/setup-python": ("a26af69be951a213d495a4c3e4e4022e16d87065", "v5.6.0"),
    "actions/upload-artifact": ("ea165f8d65b6e75b540449e92b4886f43607fa02", "v4.6.2"),
    "actions/upload-pages-artifact": ("56afc609e74202658d3ffba0e8f6dda462b719fa", "v3.0.1"),
    "actions/deploy-pages": ("d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e", "v4.0.5"),
}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    # --builtin-schema uses the copies shipped inside check-jsonschema: no network.
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_expected_workflows_exist():
    assert {path.name for path in WORKFLOWS} == {"pull-request.yml", "deploy.yml", "review.yml", "links.yml"}


def test_workflows_match_githubs_schema():
    result = check_jsonschema("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_job_has_a_timeout():
    result = check_jsonschema("custom.github-workflows-require-timeout", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_can_fail(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n", encoding="utf-8")
    result = check_jsonschema("vendor.github-workflows", broken)
    assert result.returncode == 1 and "stepz" in result.stdout + result.stderr


def test_dependabot_config_matches_its_schema():
    result = check_jsonschema("vendor.dependabot", GITHUB / "dependabot.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    ecosystems = {update["package-ecosystem"] for update in load(GITHUB / "dependabot.yml")["updates"]}
    assert ecosystems == {"github-actions", "pip"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflows_follow_our_policy(path):
    assert check_workflow(path.read_text(encoding="utf-8"), path.name) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_pin_is_a_verified_release(path):
    for job in load(path)["jobs"].values():
        for step in job.get("steps", []):
            if "uses" not in step:
                continue
            action, sha = step["uses"].split("@")
            assert action in VERIFIED_PINS, f"{action} is not in VERIFIED_PINS"
            assert sha == VERIFIED_PINS[action][0], f"{action}@{sha} is not the verified commit"
    text = path.read_text(encoding="utf-8")
    for action, (sha, version) in VERIFIED_PINS.items():
        if f"{action}@" in text:
            assert f"{action}@{sha} # {version}" in text


# --- the policy refuses each kind of bad workflow ----------------------------------------

GOOD = textwrap.dedent(
    """\
    name: Example
    on:
      pull_request:
    permissions:
      contents: read
    jobs:
      build:
        runs-on: ubuntu-latest
        timeout-minutes: 5
        steps:
          - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2
            with:
              persist-credentials: false
          - run: echo "$TITLE"
            env:
              TITLE: ${{ github.event.pull_request.title }}
      test:
        needs: build
        runs-on: ubuntu-latest
        timeout-minutes: 5
        steps:
          - run: make test
    """
)


def test_the_good_example_passes():
    assert check_workflow(GOOD) == []


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            ("actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", "actions/checkout@v4"),
            "is not pinned to a full 40-character commit SHA",
        ),
        (
            (
                "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2",
                "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
            ),
            "has no version comment",
        ),
        (("  pull_request:\n", "  pull_request_target:\n"), "pull_request_target runs code from forks"),
        (
            ('run: echo "$TITLE"', 'run: echo "${{ github.event.pull_request.title }}"'),
            "'${{ github.event.pull_request.title }}' inside run: can inject shell code",
        ),
        (("run: make test", "run: git checkout ${{ github.head_ref }}"), "'${{ github.head_ref }}' inside run:"),
        (
            ("permissions:\n  contents: read\n", "permissions: write-all\n"),
            "top-level permissions 'write-all' is too broad",
        ),
        (("permissions:\n  contents: read\n", ""), "no top-level permissions"),
        (
            ("permissions:\n  contents: read\n", "permissions:\n  contents: write\n"),
            "top-level permissions grant contents",
        ),
        (("needs: build", "needs: [build, lint]"), "needs 'lint', which is not a job in this workflow"),
        (("        with:\n          persist-credentials: false\n", ""), "must set 'persist-credentials: false'"),
        (
            ("    needs: build\n", "    needs: build\n    permissions:\n      issues: write\n"),
            "runs on pull requests, so it must not have issues",
        ),
        (
            ("    needs: build\n", "    needs: build\n    permissions: read-all\n"),
            "permissions 'read-all' is too broad",
        ),
        (
            ("      - run: make test", "      - uses: docker://alpine:3\n      - run: make test"),
            "is not pinned to an image digest",
        ),
    ],
)
def test_the_policy_refuses(change, expected):
    old, new = change
    assert old in GOOD
    problems = check_workflow(GOOD.replace(old, new))
    assert any(expected in problem for problem in problems), problems


# --- what each workflow must do -------------------------------------------------------------


def triggers(workflow: dict) -> set:
    on = workflow.get("on", workflow.get(True))
    return set(on) if isinstance(on, (dict, list)) else {on}


def steps_text(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in job.get("steps", []))


def test_pull_request_workflow_checks_tests_builds_and_uploads_a_preview():
    workflow = load(GITHUB / "workflows" / "pull-request.yml")
    assert triggers(workflow) <= {"pull_request", "workflow_dispatch"}
    assert workflow["permissions"] == {"contents": "read"}
    text = "\n".join(steps_text(job) for job in workflow["jobs"].values())
    assert "generator check --format github" in text
    assert ".ci/run" in text and "make build" in text
    assert "actions/upload-artifact@" in text
    assert "secrets." not in (GITHUB / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    assert all("permissions" not in job for job in workflow["jobs"].values())


def test_deploy_workflow_publishes_to_pages_with_least_privilege():
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert triggers(workflow) == {"push", "workflow_dispatch"}
    assert workflow.get("on", workflow.get(True))["push"]["branches"] == ["main"]
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"] == "pages"
    jobs = workflow["jobs"]
    with_permissions = {name: job["permissions"] for name, job in jobs.items() if "permissions" in job}
    assert with_permissions == {"deploy": {"pages": "write", "id-token": "write"}}
    assert "actions/upload-pages-artifact@" in steps_text(jobs["build"])
    assert "actions/deploy-pages@" in steps_text(jobs["deploy"])


@pytest.mark.parametrize(
    "name, command, label",
    [
        ("review.yml", "generator review --within 30 --format markdown", "review-due"),
        ("links.yml", "generator links --format markdown", "dead-links"),
    ],
)
def test_scheduled_workflows_keep_one_issue(name, command, label):
    workflow = load(GITHUB / "workflows" / name)
    assert triggers(workflow) == {"schedule", "workflow_dispatch"}
    assert workflow["permissions"] == {"contents": "read"}
    report, issue = workflow["jobs"]["report"], workflow["jobs"]["issue"]
    assert "permissions" not in report and command in steps_text(report)
    assert issue["permissions"] == {"issues": "write"}
    # The job with the write token runs no code from the repository.
    assert "actions/checkout" not in steps_text(issue)
    assert issue["env"]["LABEL"] == label


# --- the shell steps, with stand-ins for gh and for the generator -------------------------------


def step_script(name: str, job: str) -> str:
    """The report job's step with id 'report', or the issue job's one step."""
    steps = load(GITHUB / "workflows" / name)["jobs"][job]["steps"]
    if job == "report":
        return next(step["run"] for step in steps if step.get("id") == "report")
    (step,) = steps
    return step["run"]


def fake_gh(tmp_path: Path, open_issue: str) -> Path:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    gh = bin_dir / "gh"
    gh.write_text(
        '#!/bin/sh\necho "gh $*" >> "$GH_LOG"\nif [ "$1 $2" = "issue list" ]; then printf "%s" "$OPEN_ISSUE"; fi\n',
        encoding="utf-8",
    )
    gh.chmod(gh.stat().st_mode | stat.S_IEXEC)
    return bin_dir


def run_issue_step(tmp_path: Path, name: str, needed: str, open_issue: str) -> list[str]:
    tmp_path.mkdir()
    workflow = load(GITHUB / "workflows" / name)
    env = {**os.environ, **{k: str(v) for k, v in workflow["jobs"]["issue"]["env"].items()}}
    log = tmp_path / "gh.log"
    env.update(
        PATH=f"{fake_gh(tmp_path, open_issue)}:{os.environ['PATH']}",
        GH_LOG=str(log),
        OPEN_ISSUE=open_issue,
        NEEDED=needed,
        REPORT="<!-- report -->\n## Report",
        GH_TOKEN="not-a-token",
        GH_REPO="owner/repo",
    )
    script = step_script(name, "issue")
    result = subprocess.run(
        ["bash", "-e", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "report.md").read_text() == "<!-- report -->\n## Report\n"
    return log.read_text().splitlines() if log.exists() else []


@pytest.mark.parametrize("name", ["review.yml", "links.yml"])
def test_issue_step_opens_updates_and_closes_one_issue(tmp_path, name):
    label = load(GITHUB / "workflows" / name)["jobs"]["issue"]["env"]["LABEL"]
    # Nothing open yet and something to report: a new issue with the label.
    calls = run_issue_step(tmp_path / "a", name, "true", "")
    assert calls[0].startswith(f"gh label create {label} ")
    assert calls[-1].startswith("gh issue create --title ") and f"--label {label} --body-file report.md" in calls[-1]
    # An issue is open: it is updated, never duplicated.
    calls = run_issue_step(tmp_path / "b", name, "true", "7")
    assert calls[-1] == "gh issue edit 7 --body-file report.md"
    # Nothing to report any more: the open issue is closed with a comment.
    calls = run_issue_step(tmp_path / "c", name, "false", "7")
    assert calls[-2].startswith("gh issue comment 7 --body ") and calls[-1] == "gh issue close 7"
    # Nothing to report and nothing open: no issue is touched.
    calls = run_issue_step(tmp_path / "d", name, "false", "")
    assert not any(call.startswith(("gh issue create", "gh issue edit", "gh issue close")) for call in calls)


def run_report_step(tmp_path: Path, name: str, report: str, status: int) -> tuple[subprocess.CompletedProcess, str]:
    """The report step, with .venv/bin/python replaced by a stand-in that prints
    ``report`` and exits with ``status`` (the secrets module call still works)."""
    venv = tmp_path / ".venv" / "bin"
    venv.mkdir(parents=True)
    python = venv / "python"
    python.write_text(
        "#!/bin/sh\n"
        f'if [ "$1" = "-c" ]; then exec {sys.executable} "$@"; fi\n'
        f"cat <<'REPORT'\n{report}REPORT\nexit {status}\n",
        encoding="utf-8",
    )
    python.chmod(python.stat().st_mode | stat.S_IEXEC)
    output, summary = tmp_path / "output", tmp_path / "summary"
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run(
        ["bash", "-e", "-c", step_script(name, "report")],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return result, output.read_text() if output.exists() else ""


@pytest.mark.parametrize(
    "name, report, status, needed",
    [
        ("links.yml", "<!-- waymark-links: dead=2 moved=0 by-hand=1 -->\n## Link check\n", 1, "true"),
        ("links.yml", "<!-- waymark-links: dead=0 moved=3 by-hand=1 -->\n## Link check\n", 0, "false"),
        ("review.yml", "<!-- waymark-review: overdue=0 due-soon=4 -->\n## Entries to review\n", 0, "true"),
        ("review.yml", "<!-- waymark-review: overdue=0 due-soon=0 -->\n## Entries to review\n", 0, "false"),
    ],
)
def test_report_step_passes_the_report_and_the_decision_on(tmp_path, name, report, status, needed):
    result, output = run_report_step(tmp_path, name, report, status)
    assert result.returncode == 0, result.stderr
    assert f"needed={needed}\n" in output
    assert report in output and "report<<report-" in output


@pytest.mark.parametrize("name", ["links.yml", "review.yml"])
def test_report_step_fails_when_the_command_could_not_run(tmp_path, name):
    result, output = run_report_step(tmp_path, name, "", 1)
    assert result.returncode != 0
    if name == "links.yml":  # exit status 1 alone could mean dead links; the missing report says otherwise
        assert "::error::The link check could not run (exit status 1)" in result.stdout
    assert "needed=" not in output
