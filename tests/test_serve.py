"""`make serve` on a busy port says what to do, in one line, instead of a traceback."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def test_a_busy_port_gets_one_plain_line():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        venv = Path(sys.executable).parent.parent
        result = subprocess.run(
            [str(ROOT / "scripts" / "serve"), "127.0.0.1", str(port), str(venv)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"error: port {port} is in use — stop the other server, or run: make serve PORT={port + 1}"
    )
    assert "Traceback" not in result.stdout + result.stderr


def test_setup_says_what_it_is_doing():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("$(STAMP): requirements.lock pyproject.toml\n", 1)[1].split("\n\n", 1)[0]
    steps = [line for line in recipe.splitlines() if line.strip().startswith("@echo")]
    commands = [line for line in recipe.splitlines() if "pip install" in line or "make-venv" in line]
    assert len(steps) == len(commands) == 3  # one line before each slow step
