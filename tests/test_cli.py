"""The command line, run as a user runs it (a subprocess), on the seeds and on bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from corpus import SEED_STEMS, SEEDS

REPO = Path(__file__).resolve().parents[1]


def disclint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "disclint", *args], capture_output=True, text=True, cwd=cwd or REPO
    )


def seed(i: int) -> str:
    return str(SEEDS / f"{SEED_STEMS[i]}.txt")


def test_version_and_help():
    out = disclint("--version")
    assert out.returncode == 0 and out.stdout.startswith("disclint, version ")
    out = disclint("check", "--help")
    assert out.returncode == 0 and "--fail-on" in out.stdout and "--select" in out.stdout


def test_check_text_output_ruff_style_with_summary():
    out = disclint("check", seed(3), "--lang", "en")
    assert out.returncode == 1
    first = out.stdout.splitlines()[0]
    # absolute path inside the repository: shown relative to the repository root
    assert first.startswith(f"{Path(seed(3)).relative_to(REPO).as_posix()}:275:1: SEC003 ")
    assert out.stdout.rstrip().endswith("in 1 file.")
    assert "Traceback" not in out.stderr


def test_check_json_has_the_finding_model():
    out = disclint("check", seed(1), "--format", "json")
    data = json.loads(out.stdout)
    acc002 = [f for f in data["findings"] if f["code"] == "ACC002"]
    assert acc002[0]["location"]["line"] == 84
    assert acc002[0]["context"]["expected"] == 3 and acc002[0]["context"]["actual"] == 0
    assert set(acc002[0]) >= {"code", "name", "severity", "message", "location", "context"}


def test_select_ignore_and_fail_on():
    out = disclint("check", seed(1), "--select", "ACC,CON", "--ignore", "ACC005", "--format", "json")
    codes = {f["code"] for f in json.loads(out.stdout)["findings"]}
    assert codes == {"ACC001", "ACC002", "CON001"}
    # only warnings and below in seed 003: --fail-on error passes
    assert disclint("check", seed(3), "--fail-on", "error").returncode == 0
    assert disclint("check", seed(3), "--fail-on", "warning").returncode == 1


def test_unknown_code_is_a_usage_error():
    out = disclint("check", seed(0), "--select", "XYZ9")
    assert out.returncode == 2 and "XYZ9" in out.stderr and "Traceback" not in out.stderr


def test_missing_and_undecodable_files_are_findings_and_the_batch_goes_on(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x81\xfe\xff" * 100)
    out = disclint("check", str(tmp_path / "nope.txt"), str(bad), seed(2), "--format", "json")
    assert out.returncode == 2  # inputs that could not be read are run errors
    errors = json.loads(out.stdout)["errors"]
    assert sorted(e["path"] for e in errors) == sorted([str(tmp_path / "nope.txt"), str(bad)])
    assert {e["kind"] for e in errors} == {"unreadable"}
    findings = json.loads(out.stdout)["findings"]
    par001 = sorted(f["location"]["path"] for f in findings if f["code"] == "PAR001")
    assert par001 == sorted([str(tmp_path / "nope.txt"), str(bad)])
    assert any(f["code"] == "ACC006" for f in findings)  # seed 002 was still checked


def test_directory_is_searched_and_jobs_give_the_same_result():
    one = disclint("check", str(SEEDS), "--format", "json")
    two = disclint("check", str(SEEDS), "--format", "json", "--jobs", "2")
    assert json.loads(one.stdout)["findings"] == json.loads(two.stdout)["findings"]
    assert json.loads(one.stdout)["summary"]["files"] == 5


def test_output_file_is_written_whole(tmp_path):
    target = tmp_path / "out.sarif"
    out = disclint("check", seed(2), "--format", "sarif", "-o", str(target))
    assert out.returncode == 1 and out.stdout == ""
    log = json.loads(target.read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0"
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["ACC006"]


def test_pack_changes_the_rules():
    out = disclint("check", seed(2), "--pack", "ningxia", "--format", "json")
    codes = [f["code"] for f in json.loads(out.stdout)["findings"]]
    assert "NX001" in codes and "CON001" in codes  # the provincial measure; fax required


def test_bad_pack_reports_file_line_column(tmp_path):
    pack = tmp_path / "bad.yaml"
    pack.write_text("name: bad\nextends: national\nrules:\n  ACC001: loud\n", encoding="utf-8")
    out = disclint("check", seed(2), "--pack", str(pack))
    assert out.returncode == 2
    assert f"{pack}:4:11:" in out.stderr and "Traceback" not in out.stderr


def test_baseline_round_trip(tmp_path):
    base = tmp_path / "baseline.json"
    assert disclint("baseline", str(SEEDS), "-o", str(base)).returncode == 0
    assert disclint("check", str(SEEDS), "--baseline", str(base)).returncode == 0
    # a new defect is still reported
    copy = tmp_path / "seeds"
    shutil.copytree(SEEDS, copy)
    baseline_there = tmp_path / "b2.json"
    assert disclint("baseline", str(copy), "-o", str(baseline_there)).returncode == 0
    p = copy / f"{SEED_STEMS[2]}.txt"
    p.write_text(p.read_text(encoding="utf-8").replace("行政处罚 56", "行政处罚 -56"), encoding="utf-8")
    out = disclint("check", str(copy), "--baseline", str(baseline_there), "--format", "json")
    assert [f["code"] for f in json.loads(out.stdout)["findings"]] == ["ACC007"]


def test_rules_explain_and_config():
    out = disclint("rules", "--lang", "en")
    assert out.returncode == 0 and "ACC001" in out.stdout and "application-balance" in out.stdout
    out = disclint("explain", "application-balance", "--lang", "en")
    assert out.returncode == 0 and "ACC001" in out.stdout
    assert disclint("explain", "ZZZ999").returncode == 2
    out = disclint("config")
    assert out.returncode == 0 and "pack" in out.stdout


def test_explain_and_rules_see_the_rules_of_the_configured_pack(tmp_path):
    assert disclint("explain", "NX001", cwd=tmp_path).returncode == 2  # national: no NX001
    out = disclint("explain", "NX001", "--pack", "ningxia", "--lang", "en", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("# NX001")
    (tmp_path / "disclint.yaml").write_text("pack: ningxia\nlang: en\n", encoding="utf-8")
    out = disclint("explain", "nx001", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.startswith("# NX001")
    config = tmp_path / "elsewhere.yaml"
    config.write_text("pack: ningxia\n", encoding="utf-8")
    out = disclint("rules", "--config", str(config), "--lang", "en")
    assert out.returncode == 0 and "NX001" in out.stdout
    assert "NX001" not in disclint("rules", "--lang", "en", cwd=REPO).stdout


def test_sarif_rule_table_covers_every_file_not_the_first(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(seed(1), tmp_path / name / "r.txt")
    (tmp_path / "disclint.yaml").write_text(
        "per-path:\n  - paths: ['a/*']\n    ignore: [CON001]\n", encoding="utf-8"
    )
    out = disclint("check", "a", "b", "--format", "sarif", cwd=tmp_path)
    (run,) = json.loads(out.stdout)["runs"]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "CON001" in rules  # enabled for b/r.txt although disabled for the first file
    con001 = [r for r in run["results"] if r["ruleId"] == "CON001"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in con001] == ["b/r.txt"]


@pytest.mark.parametrize("fmt", ["tree", "json"])
def test_parse_command(fmt: str):
    out = disclint("parse", seed(0), "--format", fmt)
    assert out.returncode == 0 and "银川市西夏区兴泾镇人民政府" in out.stdout


def test_example_in_the_readme_runs():
    out = disclint("check", "examples/")
    assert out.returncode == 1
    codes = [ln.split(": ")[1].split()[0] for ln in out.stdout.splitlines() if ln.startswith("examples/")]
    assert codes == ["CON001", "ACC006", "ACC002", "ACC003"]
