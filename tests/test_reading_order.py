"""Table 三 written column by column (labels in one block, values elsewhere): one PAR002, no
identity errors made up from values paired with the wrong rows (``parse/reading_order.py``).

The pattern is real: ``pdftotext`` without ``-layout`` writes the WPS-made
``tests/data/corpus/real/hongze2024.pdf`` so (its table 三's labels of ten rows in one block, the
values of those rows column by column); before, that text gave 5 ACC002 and 3 ACC001 errors
that are not in the report.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from disclint import engine
from disclint.nodes import Report
from disclint.parse import parse_path, parse_text

from corpus import REAL
from fixture_builders import build_model, one_cell_per_line, seed_stems

_SEEDS_WITH_TABLE_THREE = [
    s for s in seed_stems() if any(getattr(b, "kind", None) == "applications" for b in build_model(s).blocks)
]


def _codes(report: Report) -> list[str]:
    return sorted(f.code for f in engine.run([report], engine.registry().default_settings(), "zh"))


@pytest.mark.parametrize("stem", _SEEDS_WITH_TABLE_THREE)
def test_table_three_written_column_by_column_is_one_par002(stem: str) -> None:
    report = parse_text(one_cell_per_line(build_model(stem), apart=8), f"{stem}.txt")
    assert report.table("applications") is None
    [problem] = [p for p in report.problems if p.table == "applications"]
    assert problem.kind == "unrecognized-table"
    # the longest run: a stretch's 8 row labels (and a numbered group label among them)
    count = re.match(r"(\d+)个行标签连续排列", problem.message_zh)
    assert count is not None and int(count[1]) >= 8
    codes = _codes(report)
    assert codes.count("PAR002") >= 1
    assert not {"ACC001", "ACC002", "ACC003", "ACC004"} & set(codes)


@pytest.mark.parametrize("stem", _SEEDS_WITH_TABLE_THREE)
def test_table_three_written_row_by_row_one_cell_per_line_is_kept(stem: str) -> None:
    report = parse_text(one_cell_per_line(build_model(stem)), f"{stem}.txt")
    table = report.table("applications")
    assert table is not None
    assert not [p for p in report.problems if p.kind == "unrecognized-table"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_real_pdf_as_pdftotext_without_layout_reports_no_made_up_errors(tmp_path: Path) -> None:
    out = tmp_path / "hongze2024.txt"
    subprocess.run(["pdftotext", str(REAL / "hongze2024.pdf"), str(out)], check=True)
    report = parse_path(out)
    assert report.table("applications") is None
    [problem] = [p for p in report.problems if p.table == "applications"]
    assert (problem.span.line, problem.span.end_line) == (249, 268)
    assert problem.message_zh.startswith("10个行标签连续排列")
    codes = _codes(report)
    assert not {"ACC001", "ACC002", "ACC003", "ACC004", "ACC005"} & set(codes)
    assert "PAR002" in codes
