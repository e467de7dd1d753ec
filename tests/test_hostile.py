"""Hostile and oversized inputs (issue 16): every case of ``hostile_cases`` run through the CLI in
a subprocess with a memory ceiling (``RLIMIT_AS``, 1 GiB). Each ends with a normal result, one
PAR001 naming the limit, or exit 2 with a message; never a traceback, never the contents of a file
that is not a report. The timeout only catches hangs: the cases take well under a second each.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from hostile_cases import CASES, SECRET, Case

MEMORY = 1024 * 1024 * 1024
HANG = 120  # seconds: a guard against hangs, not a performance assertion


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def disclint(argv: list[str], folder: Path) -> subprocess.CompletedProcess[str]:
    """``disclint ARGV`` in ``folder``, in a process limited to MEMORY of address space."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "disclint", *argv],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=HANG,
        preexec_fn=_limit_memory,
        env=env,
    )


def run_case(c: Case, folder: Path) -> subprocess.CompletedProcess[str]:
    argv = c.build(folder, 1)
    if argv and argv[0] == "check":
        argv = [*argv, "--format", "json", "--lang", "en"]
    return disclint(argv, folder)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every case run once, a few at a time (each in its own process and folder)."""

    def one(c: Case) -> tuple[str, subprocess.CompletedProcess[str]]:
        return c.name, run_case(c, tmp_path_factory.mktemp(c.name))

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(pool.map(one, CASES))


@pytest.mark.timeout(HANG * 4)
@pytest.mark.parametrize("c", CASES, ids=[c.name for c in CASES])
def test_hostile_input(c: Case, results: dict[str, subprocess.CompletedProcess[str]]) -> None:
    proc = results[c.name]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert SECRET not in proc.stdout + proc.stderr
    kind, _, detail = c.expect.partition(":")
    if kind == "exit2":
        assert proc.returncode == 2, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
        assert proc.stderr.startswith("disclint: error: "), proc.stderr
        assert detail in proc.stderr, proc.stderr
        return
    # a file that cannot be checked (PAR001) is a run error: exit 2, whatever the selection
    assert proc.returncode in ((0, 1) if kind == "ok" else (2,)), proc.stderr[-3000:]
    findings = json.loads(proc.stdout)["findings"]
    par001 = [f for f in findings if f["code"] == "PAR001"]
    if kind == "ok":
        assert par001 == [], par001
        return
    assert [f["code"] for f in findings] == ["PAR001"], [f["code"] for f in findings]
    message = par001[0]["message"]
    if kind == "limit":
        assert f"({detail})" in message, message
        assert "raise the limit" in message, message
    else:
        assert detail in message, message


def test_every_limit_has_a_case() -> None:
    from disclint.limits import LIMITS

    covered = {c.expect.partition(":")[2] for c in CASES if c.expect.startswith("limit:")}
    assert covered == {limit.key for limit in LIMITS}


def test_limits_reach_every_worker(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(
            "某某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8"
        )
    proc = disclint(
        [
            "check",
            "a.txt",
            "b.txt",
            "-j",
            "2",
            "--limit",
            "line-length=10",
            "--format",
            "json",
            "--lang",
            "en",
        ],
        tmp_path,
    )
    findings = json.loads(proc.stdout)["findings"]
    assert [(f["location"]["path"], f["code"]) for f in findings] == [
        ("a.txt", "PAR001"),
        ("b.txt", "PAR001"),
    ]
    assert all("(line-length)" in f["message"] for f in findings)


def test_bad_limit_flag_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x\n", encoding="utf-8")
    for flag, message in (
        (["--limit", "pages=3"], "unknown limit 'pages'"),
        (["--limit", "pdf-pages"], "expected KEY=N"),
        (["--max-file-size", "big"], "is not a size"),
    ):
        proc = disclint(["check", "a.txt", *flag, "--lang", "en"], tmp_path)
        assert proc.returncode == 2 and message in proc.stderr, (flag, proc.stderr)
