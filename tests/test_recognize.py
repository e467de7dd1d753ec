"""A document that is not an annual report (a folder's README, a cover letter) gets one PAR007
finding and no other rule; a report, or a short fragment checked on purpose, gets every rule."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from disclint import engine
from disclint.parse import parse_path, parse_text
from disclint.recognize import MIN_LINES

from corpus import REAL, SEED_STEMS, SEEDS

NOTES = [f"第{i}条：本文件夹存放各单位报送的材料，按单位名称排列。" for i in range(1, MIN_LINES + 1)]


def codes(text: str) -> list[str]:
    reg = engine.registry()
    return [f.code for f in engine.run([parse_text(text, "notes.txt")], reg.default_settings(), "zh", reg)]


def test_the_corpus_readme_is_one_par007_finding_not_thirteen():
    reg = engine.registry()
    found = engine.run([parse_path(REAL / "README.md")], reg.default_settings(), "en", reg)
    assert [(f.code, f.location.line, f.context) for f in found] == [("PAR007", 1, {"lines": 28})]
    assert "no other rule was run" in found[0].message


def test_notes_of_min_lines_are_not_judged_as_a_report():
    assert codes("\n".join(NOTES)) == ["PAR007"]


def test_a_shorter_fragment_is_checked_by_every_rule():
    found = codes("\n".join(NOTES[:-1]))  # one line short of MIN_LINES: a fragment
    assert "PAR007" not in found and found.count("SEC001") == 6


def test_a_title_a_heading_or_a_table_makes_it_a_report():
    title = "某某镇人民政府2024年政府信息公开工作年度报告"
    for extra in (title, "一、总体情况", "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1"):
        found = codes("\n".join([extra, *NOTES]))
        assert "PAR007" not in found and "SEC001" in found, extra


def test_cli_folder_with_a_readme_cached_and_in_workers(tmp_path: Path):
    folder = tmp_path / "region"
    folder.mkdir()
    shutil.copy(REAL / "README.md", folder / "README.md")
    shutil.copy(SEEDS / f"{SEED_STEMS[0]}.txt", folder / "report.txt")
    runs = []
    for jobs in ("1", "2", "2"):  # in process; workers with an empty cache; from the cache
        out = subprocess.run(
            [sys.executable, "-m", "disclint", "check", "region", "--format", "json", "-j", jobs],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert out.returncode == 1, out.stderr
        findings = json.loads(out.stdout)["findings"]
        runs.append([(f["location"]["path"], f["code"]) for f in findings])
    readme = [code for path, code in runs[0] if path.endswith("README.md")]
    assert readme == ["PAR007"]
    assert any(path.endswith("report.txt") for path, _ in runs[0])
    assert runs[0] == runs[1] == runs[2]
