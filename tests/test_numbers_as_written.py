"""Counts written with thousands separators ("1,234", as larger organs write 行政处罚 decisions or
items published): before, a table row holding one was lost (FMT005) and a sentence's sum was read
from the digits after the comma ("1,234条" as 234)."""

from __future__ import annotations

import pytest

from disclint import engine
from disclint.parse import parse_text

HEAD = "\n".join(
    [
        "二、主动公开政府信息情况",
        "| 第二十条第（一）项 | | | |",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "| 规章 | 0 | 0 | 0 |",
    ]
)


@pytest.mark.parametrize(
    "row",
    [
        "| 行政规范性文件 | 3 | 0 | 1,234 |",
        "| 行政规范性文件 | 3件 | 0 | 1,234件 |",
        "行政规范性文件 3 0 1,234",
    ],
)
def test_a_count_with_thousands_separators_is_one_value(row: str) -> None:
    table = parse_text(f"{HEAD}\n{row}\n", "t.md").table("proactive")
    assert table is not None
    got = table.row("normative_documents")
    assert got is not None and [c.value for c in got.cells] == [3, 0, 1234]
    assert got.cells[2].raw.startswith("1,234")


@pytest.mark.parametrize("written", ["1,23", "12,3456", "1,2,3"])
def test_digits_and_commas_that_are_no_count_are_no_value(written: str) -> None:
    table = parse_text(f"{HEAD}\n行政规范性文件 3 0 {written}\n", "t.md").table("proactive")
    assert table is not None and table.row("normative_documents") is None


def test_a_sum_in_prose_reads_counts_with_thousands_separators() -> None:
    text = "\n".join(
        [
            "某县2023年政府信息公开工作年度报告",
            "一、总体情况",
            "2023年，共主动公开政府信息1,234条，其中政策文件1,000条、工作动态235条。",
        ]
    )
    report = parse_text(text, "t.txt")
    (stated,) = report.sums
    assert stated.total.value == 1234 and [p.value for p in stated.parts] == [1000, 235]
    assert text.splitlines()[2][stated.total.span.column - 1 : stated.total.span.end_column - 1] == "1,234"
    found = [
        f for f in engine.run([report], engine.registry().default_settings(), "zh") if f.code == "ACC006"
    ]
    assert len(found) == 1 and "1234" in found[0].message and "1235" in found[0].message
