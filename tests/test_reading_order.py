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
from ruamel.yaml import YAML

from disclint import engine
from disclint.findings import Finding
from disclint.jsonout import report_to_dict
from disclint.nodes import Report
from disclint.parse import parse_path, parse_text

from corpus import REAL
from fixture_builders import build_model, one_cell_per_line, seed_stems

_SEEDS_WITH_TABLE_THREE = [
    s for s in seed_stems() if any(getattr(b, "kind", None) == "applications" for b in build_model(s).blocks)
]


def _findings(report: Report) -> list[Finding]:
    return list(engine.run([report], engine.registry().default_settings(), "zh"))


def _codes(report: Report) -> list[str]:
    return sorted(f.code for f in _findings(report))


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
    # tables 二 and 四 are read whole: 行政事业性收费's value came before its label
    # (parse/late_labels.py), table 四's header word 总计 before its last count (review_order.py)
    assert not [f for f in _findings(report) if f.code in ("FMT005", "PAR003")]
    # the rest of table 三's labels after its rows are no sub-headings of section 三 (no SEC003 for
    # （五）不予处理): what is left is what the PDF itself gives, less what needs table 三
    assert sorted(set(codes)) == ["CON001", "FMT001", "PAR002", "PAR004"]
    tables = report_to_dict(report)["tables"]
    expected = YAML(typ="safe").load((REAL / "hongze2024.yaml").read_text(encoding="utf-8"))
    for kind in ("proactive", "review_litigation"):
        want = expected[kind]
        got = tables[kind]["rows"]
        assert {k: {c: got[k][c] for c in cells} for k, cells in want.items()} == want, kind


_SUBTABLE_EIGHT = """二、主动公开政府信息情况
第二十条第（六）项
信息内容
本年处理决定数量
行政处罚
2776
行政强制
{enforcement}
第二十条第（八）项
信息内容
本年收费金额（单位：万元）
{fees}
三、收到和处理政府信息公开申请情况
"""


def test_a_label_written_after_its_values_is_put_in_front_of_them() -> None:
    text = _SUBTABLE_EIGHT.format(enforcement="84", fees="7545\n行政事业性收费")
    rows = report_to_dict(parse_text(text))["tables"]["proactive"]["rows"]
    assert rows["fees"]["amount"] == 7545 and rows["enforcement"]["decisions"] == 84


def test_a_values_line_after_a_row_label_keeps_it_when_the_next_row_is_blank() -> None:
    # 行政强制 has no value (a blank row): 2776 is 行政处罚's, not moved under 行政强制
    text = _SUBTABLE_EIGHT.format(enforcement="", fees="行政事业性收费\n7545")
    rows = report_to_dict(parse_text(text))["tables"]["proactive"]["rows"]
    assert rows["penalty"]["decisions"] == 2776
    assert "enforcement" not in rows or rows["enforcement"].get("decisions") is None


_REVIEW = """四、政府信息公开行政复议、行政诉讼情况
行政复议
行政诉讼
结果维持
结果纠正
其他结果
尚未审结
{values}
五、存在的主要问题及改进情况
"""


def test_table_four_header_word_among_its_values_is_moved_before_them() -> None:
    values = "\n".join(["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "总计", "3"])
    table = parse_text(_REVIEW.format(values=values)).table("review_litigation")
    assert table is not None
    assert [[c.value for c in row.cells] for row in table.rows] == [
        [1, 1, 0, 0, 2],
        [1, 0, 0, 0, 1],
        [2, 0, 1, 0, 3],
    ]
    assert table.rows[-1].cells[-1].span.line == 23  # the 3 keeps its own line, after 总计


def test_table_four_with_a_count_too_few_is_left_as_written() -> None:
    values = "\n".join(["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "总计", "3"])
    report = parse_text(_REVIEW.format(values=values))
    # 14 counts: which one is missing cannot be told, so nothing is moved (as before: two rows of
    # 13 and 1 values, each reported as not in the template)
    tables = [t for t in report.tables if t.kind == "review_litigation"]
    assert [[len(r.cells) for r in t.rows] for t in tables] == [[13], [1]]
