"""Time each step in its own process and read its peak memory.

Peak memory is the child's maximum resident set size as the kernel reports it
to ``os.wait4`` when the child exits (``ru_maxrss``). Linux counts the memory a
process had before it called exec, so a child forked straight from this
(large) benchmark process would report at least this process's size: each
command is therefore started by a small launcher interpreter, which times it
and reads its ``ru_maxrss``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEMORY_METHOD = "ru_maxrss of the command from os.wait4, started by a small launcher process"

LAUNCHER = """
import json, os, subprocess, sys, time
report, command = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
child = subprocess.Popen(command)
_, status, usage = os.wait4(child.pid, 0)
seconds = time.perf_counter() - started
with open(report, "w") as out:
    json.dump({"seconds": seconds, "maxrss_kb": usage.ru_maxrss, "status": os.waitstatus_to_exitcode(status)}, out)
"""

# The floor for `check`: the C loader parsing the same file, timed around the parse only.
PARSE_SCRIPT = """
import json, sys, time
import yaml
started = time.perf_counter()
text = open(sys.argv[1], encoding="utf-8").read()
read = time.perf_counter()
yaml.load(text, Loader=yaml.CSafeLoader)
parsed = time.perf_counter()
for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
    pass
events = time.perf_counter()
print(json.dumps({"parse_s": parsed - read, "events_s": events - parsed}))
"""


@dataclass
class Run:
    seconds: float  # wall time of the whole process
    peak_mb: float
    status: int
    stdout: str
    stderr: str


def run(command: list[str], cwd: Path, log: Path | None = None) -> Run:
    """Run a command to completion; its output goes to files, never a pipe that could fill."""
    import json

    log = log or cwd / "last-run"
    log.parent.mkdir(parents=True, exist_ok=True)
    out_path, err_path, report = log.with_suffix(".out"), log.with_suffix(".err"), log.with_suffix(".usage.json")
    report.unlink(missing_ok=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        launcher = subprocess.run(
            [sys.executable, "-c", LAUNCHER, str(report), *command],
            cwd=cwd,
            stdout=out,
            stderr=err,
            env=env,
            check=False,
        )
    if not report.exists():
        raise RuntimeError(f"the launcher failed (exit {launcher.returncode}) for {command}")
    usage = json.loads(report.read_text(encoding="utf-8"))
    return Run(
        usage["seconds"],
        usage["maxrss_kb"] / 1024,
        usage["status"],
        out_path.read_text(encoding="utf-8", errors="replace"),
        err_path.read_text(encoding="utf-8", errors="replace"),
    )


def _require(result: Run, what: str) -> Run:
    if result.status != 0:
        raise RuntimeError(f"{what} failed (exit {result.status}):\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
    return result


def check(data_file: Path, today: str, work: Path) -> Run:
    command = [sys.executable, "-m", "generator", "check", str(data_file), "--today", today]
    return _require(run(command, ROOT, work / "check"), "check")


def parse(data_file: Path, work: Path) -> tuple[Run, dict[str, float]]:
    import json

    result = _require(run([sys.executable, "-c", PARSE_SCRIPT, str(data_file)], ROOT, work / "parse"), "parse")
    return result, json.loads(result.stdout)


def mkdocs_build(config: Path, work: Path, name: str, *, strict: bool) -> Run:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "-f", str(config)]
    if strict:
        command.append("--strict")
    return _require(run(command, work, work / name), f"mkdocs build ({name})")
