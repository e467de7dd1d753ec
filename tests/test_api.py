"""The public Python API: disclint.check and disclint.parse, the same pipeline as the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import disclint
from disclint.nodes import Report

from corpus import SEED_STEMS, SEEDS

REPO = Path(__file__).resolve().parents[1]


def test_check_matches_the_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = disclint.check(["examples/"], lang="en")
    cli = subprocess.run(
        [sys.executable, "-m", "disclint", "check", "examples/", "--format", "json", "--lang", "en"],
        capture_output=True, text=True, cwd=REPO, timeout=300,
    )  # fmt: skip
    expected = [
        (f["code"], f["location"]["path"], f["location"]["line"]) for f in json.loads(cli.stdout)["findings"]
    ]
    assert [(f.code, f.location.path, f.location.line) for f in result.findings] == expected
    assert [c for c, _, _ in expected] == ["CON001", "ACC006", "ACC002", "ACC003"]
    assert result.exit_code == cli.returncode == 1
    assert result.errors == () and result.root == REPO


def test_check_selection_fail_on_and_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    seed = SEEDS / f"{SEED_STEMS[2]}.txt"
    result = disclint.check("-", stdin=seed.read_bytes(), stdin_filename="r.txt", fail_on="error")
    assert [f.code for f in result.findings] == ["ACC006"]
    assert result.findings[0].location.path == "r.txt"
    assert result.exit_code == 0  # a warning, below --fail-on error
    assert disclint.check([str(seed)], ignore=["ACC"]).findings == ()


def test_parse_returns_the_report() -> None:
    report = disclint.parse(REPO / "examples" / "示例镇2024年政府信息公开工作年度报告.txt")
    assert isinstance(report, Report)
    assert (report.organ, report.year) == ("示例县示例镇人民政府", 2024)
    from disclint import parse

    assert parse(SEEDS / f"{SEED_STEMS[0]}.txt").organ == "银川市西夏区兴泾镇人民政府"


def test_nothing_to_check_is_a_run_error(tmp_path: Path) -> None:
    result = disclint.check([str(tmp_path)])
    assert result.exit_code == 2
    assert result.errors[0].message == f"no report files found under {tmp_path}"
