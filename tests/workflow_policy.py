"""Our own rules for GitHub workflow files, on top of GitHub's schema.

- every ``uses:`` is pinned to a full commit SHA, with the version in a comment
  (local ``./`` actions excepted; ``docker://`` images need a digest);
- no ``pull_request_target`` trigger (it runs fork code with a write token);
- top-level ``permissions`` is given and grants nothing beyond read;
- jobs name each permission they need (never ``write-all``/``read-all``), and a
  workflow that runs on pull requests grants no write permission at all;
- no ``${{ github.event.* }}`` or ``${{ github.head_ref }}`` inside ``run:``
  (text an attacker controls would become shell code): pass it through ``env:``;
- ``actions/checkout`` sets ``persist-credentials: false``;
- ``needs:`` names only jobs that exist.

``check_workflow`` returns one message per broken rule, so tests can feed it bad
workflows and see each one refused.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
_USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*['\"]?([^\s'\"#]+)['\"]?\s*(#.*)?$")
_VERSION_COMMENT = re.compile(r"#\s*v?\d+(\.\d+)*")
_UNSAFE_EXPRESSION = re.compile(r"\$\{\{[^}]*\bgithub\.(event\.|head_ref\b)[^}]*\}\}")
READ_VALUES = frozenset({"read", "none"})


def _triggers(workflow: dict) -> set[str]:
    # PyYAML reads the key `on` as the boolean True (YAML 1.1).
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return {str(item) for item in on}
    if isinstance(on, dict):
        return {str(key) for key in on}
    return set()


def _write_scopes(permissions: Any) -> list[str]:
    if isinstance(permissions, dict):
        return [scope for scope, value in permissions.items() if value not in READ_VALUES]
    return []


def check_uses_lines(text: str, name: str) -> list[str]:
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        match = _USES_LINE.match(line)
        if not match:
            continue
        target, comment = match.group(1), match.group(2) or ""
        if target.startswith("./"):
            continue
        if target.startswith("docker://"):
            if "@sha256:" not in target:
                problems.append(f"{name}:{number}: {target} is not pinned to an image digest (@sha256:...)")
            continue
        if not _PINNED.match(target):
            problems.append(f"{name}:{number}: {target} is not pinned to a full 40-character commit SHA")
        elif not _VERSION_COMMENT.search(comment):
            problems.append(f"{name}:{number}: {target} has no version comment (such as '# v4.2.2')")
    return problems


def check_workflow(text: str, name: str = "workflow.yml") -> list[str]:
    problems = check_uses_lines(text, name)
    try:
        workflow = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return problems + [f"{name}: not valid YAML ({error})"]
    if not isinstance(workflow, dict):
        return problems + [f"{name}: a workflow must be a mapping"]

    triggers = _triggers(workflow)
    if "pull_request_target" in triggers:
        problems.append(f"{name}: pull_request_target runs code from forks with a write token; use pull_request")
    on_pull_requests = bool(
        triggers & {"pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment"}
    )

    if "permissions" not in workflow:
        problems.append(f"{name}: no top-level permissions; add 'permissions: {{contents: read}}'")
    else:
        top = workflow["permissions"]
        if isinstance(top, str) or top is None:
            problems.append(
                f"{name}: top-level permissions '{top}' is too broad; name each scope, such as 'contents: read'"
            )
        elif _write_scopes(top):
            problems.append(
                f"{name}: top-level permissions grant {', '.join(_write_scopes(top))}; "
                "grant write permissions only on the job that needs them"
            )

    jobs = workflow.get("jobs")
    if not isinstance(jobs, dict) or not jobs:
        return problems + [f"{name}: no jobs"]
    for job_id, job in jobs.items():
        if not isinstance(job, dict):
            problems.append(f"{name}: job '{job_id}' must be a mapping")
            continue
        where = f"{name}: job '{job_id}'"
        permissions = job.get("permissions")
        if isinstance(permissions, str):
            problems.append(f"{where}: permissions '{permissions}' is too broad; name each scope it needs")
        elif on_pull_requests and _write_scopes(permissions):
            problems.append(
                f"{where}: runs on pull requests, so it must not have {', '.join(_write_scopes(permissions))}"
            )
        needs = job.get("needs", [])
        for needed in [needs] if isinstance(needs, str) else needs or []:
            if needed not in jobs:
                problems.append(f"{where}: needs '{needed}', which is not a job in this workflow")
        for index, step in enumerate(job.get("steps") or []):
            if not isinstance(step, dict):
                continue
            label = f"{where} step {index + 1}" + (f" ({step['name']})" if step.get("name") else "")
            run = step.get("run")
            if isinstance(run, str):
                for expression in _UNSAFE_EXPRESSION.finditer(run):
                    problems.append(
                        f"{label}: '{expression.group(0)}' inside run: can inject shell code; "
                        "pass it through env: and use the variable"
                    )
            uses = str(step.get("uses", ""))
            if uses.startswith("actions/checkout@"):
                if (step.get("with") or {}).get("persist-credentials") is not False:
                    problems.append(f"{label}: actions/checkout must set 'persist-credentials: false'")
    return problems
