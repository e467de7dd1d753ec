"""Running disclint as a user does (a subprocess), for the command-line tests.

The environment is the test's own minus the variables that change output (colour, the GitHub
step summary), plus what a test asks for; ``pythonpath`` puts a plugin folder first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
_OUTPUT_VARIABLES = ("NO_COLOR", "FORCE_COLOR", "GITHUB_STEP_SUMMARY")


def run_bytes(
    *args: str,
    cwd: Path = REPO,
    env: dict[str, str] | None = None,
    stdin: bytes | None = None,
    pythonpath: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    full = {k: v for k, v in os.environ.items() if k not in _OUTPUT_VARIABLES}
    full.update(env or {})
    if pythonpath is not None:
        full["PYTHONPATH"] = os.pathsep.join([str(pythonpath), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "disclint", *args],
        capture_output=True,
        cwd=cwd,
        env=full,
        input=stdin,
        timeout=300,
    )


def run_text(
    *args: str, cwd: Path = REPO, env: dict[str, str] | None = None, pythonpath: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Like :func:`run_bytes`, with standard output and error decoded as UTF-8."""
    done = run_bytes(*args, cwd=cwd, env=env, pythonpath=pythonpath)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    )
