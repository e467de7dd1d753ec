"""No false passes: unreadable input and crashing rules/plugin hooks are run errors (exit 2)
that --select/--ignore cannot switch off; every other file and rule still runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from cli_runner import REPO, run_text
from corpus import SEED_STEMS, SEEDS, sarif_schema

CRASHING_PLUGIN = """
from disclint import hookimpl
from disclint.rule import rule


def _rule(code, name, scope="report"):
    return rule(
        code, name, "warning", summary="crashes", summary_zh="崩溃", message_zh="x", message_en="x",
        explanation="a rule that raises", bad="x", good="y", scope=scope,
    )


@_rule("BRK001", "crash-per-report")
def crash_per_report(report, ctx):
    raise ZeroDivisionError("boom in BRK001")


@_rule("BRK002", "crash-per-batch", scope="batch")
def crash_per_batch(reports, ctx):
    raise KeyError("boom in BRK002")


@hookimpl
def disclint_rules():
    return [crash_per_report, crash_per_batch]


@hookimpl
def disclint_check_batch(reports, ctx):
    raise RuntimeError("boom in the batch hook")
"""


@pytest.fixture(scope="module")
def crashing_plugin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("crashing-plugin")
    (target / "disclint_crash.py").write_text(CRASHING_PLUGIN, encoding="utf-8")
    info = target / "disclint_crash-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: disclint-crash\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text("[disclint.plugins]\ncrash = disclint_crash\n")
    return target


disclint = run_text


def seed(i: int) -> str:
    return str(SEEDS / f"{SEED_STEMS[i]}.txt")


def test_unreadable_pdf_is_a_run_error_even_when_par001_is_not_selected(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    out = disclint("check", str(scan), "--select", "ACC", "--lang", "en")
    assert out.returncode == 2
    assert "全部检查通过" not in out.stdout and "All checks passed" not in out.stdout
    assert out.stdout.startswith("Run failed with 1 error")
    assert f"disclint: error: {scan}" in out.stderr
    assert "Traceback" not in out.stderr


def test_missing_file_with_par001_ignored_exits_2_and_the_rest_is_checked() -> None:
    out = disclint("check", "missing.txt", seed(2), "--ignore", "PAR001", "--format", "json")
    assert out.returncode == 2
    doc = json.loads(out.stdout)
    assert [(e["kind"], e["path"]) for e in doc["errors"]] == [("unreadable", "missing.txt")]
    assert "missing.txt does not exist." in doc["errors"][0]["message"]
    assert "ACC006" in {f["code"] for f in doc["findings"]}  # the other file was still checked
    assert "PAR001" not in {f["code"] for f in doc["findings"]}


def test_unreadable_input_sarif_execution_notification(tmp_path: Path) -> None:
    out = disclint("check", "missing.txt", seed(0), "--format", "sarif", "--lang", "en")
    assert out.returncode == 2
    log = json.loads(out.stdout)
    Draft7Validator(sarif_schema()).validate(log)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["message"]["text"] == "missing.txt does not exist."
    assert note["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "missing.txt",
        "uriBaseId": "%SRCROOT%",
    }


def test_clean_run_is_execution_successful() -> None:
    log = json.loads(disclint("check", seed(0), "--format", "sarif").stdout)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    assert "toolExecutionNotifications" not in invocation


def test_crashing_rules_and_hook_are_run_errors_not_tracebacks(crashing_plugin: Path) -> None:
    out = disclint("check", seed(1), seed(2), "--format", "sarif", "--lang", "en", pythonpath=crashing_plugin)
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr
    stderr = out.stderr.splitlines()
    assert f"disclint: error: rule BRK001 failed on {seed(1)}: ZeroDivisionError: boom in BRK001" in stderr
    assert f"disclint: error: rule BRK001 failed on {seed(2)}: ZeroDivisionError: boom in BRK001" in stderr
    assert "disclint: error: rule BRK002 failed: KeyError: 'boom in BRK002'" in stderr
    assert (
        "disclint: error: plugin 'crash' failed in disclint_check_batch: RuntimeError: boom in the batch hook"
        in stderr
    )
    log = json.loads(out.stdout)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    notes = invocation["toolExecutionNotifications"]
    assert [n.get("associatedRule", {}).get("id") for n in notes] == ["BRK001", "BRK001", "BRK002", None]
    # every other rule still ran on both files
    codes = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert {"ACC001", "ACC006"} <= codes


def test_deselecting_the_crashing_rules_gives_a_clean_signal(crashing_plugin: Path) -> None:
    out = disclint("check", seed(0), "--ignore", "BRK", pythonpath=crashing_plugin)
    # the batch hook is not a rule: it still raises, so the run is still not a pass
    assert out.returncode == 2
    assert "disclint_check_batch" in out.stderr and "BRK00" not in out.stderr


def test_api_reports_the_same_errors(crashing_plugin: Path) -> None:
    code = textwrap.dedent(
        f"""
        import disclint
        r = disclint.check([{seed(0)!r}, "missing.txt"], lang="en")
        print(r.exit_code)
        print(sorted((e.kind, e.rule or "") for e in r.errors))
        """
    )
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(crashing_plugin), os.environ.get("PYTHONPATH", "")]),
    }
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, env=env)
    assert out.stdout.splitlines() == [
        "2",
        "[('plugin', 'crash:disclint_check_batch'), ('rule', 'BRK001'), ('rule', 'BRK002'), ('unreadable', '')]",
    ], out.stderr


def test_run_error_messages_are_chinese_by_default() -> None:
    out = disclint("check", "missing.txt", seed(0))
    assert out.returncode == 2
    assert "disclint: 错误: missing.txt 不存在。" in out.stderr.splitlines()
    assert out.stdout.rstrip().splitlines()[-1].startswith("运行出错 1 处，部分内容未能检查")
