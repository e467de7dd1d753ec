"""ACC008 — carry-over across two reports of the same organ in consecutive years (a batch rule)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..domain import vocabulary
from ..domain.numbers import format_number, json_number
from ..nodes import Report
from ..rule import RuleContext, Violation, rule
from ._util import APPLICATION_COLUMNS, cell_span, compact, known_value

_GOVERNMENT_SUFFIX = re.compile(r"(人民政府|政府)$")


def organ_key(report: Report) -> str | None:
    """The organ's name in a comparable form: no spaces, no trailing 人民政府."""
    if not report.organ:
        return None
    key = _GOVERNMENT_SUFFIX.sub("", compact(report.organ))
    return key or None


def same_organ(a: str, b: str) -> bool:
    """兴庆区掌政镇 and 银川市兴庆区掌政镇 are one organ: one name ends with the other."""
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 3 and longer.endswith(shorter)


@rule(
    "ACC008",
    "carryover-mismatch",
    "error",
    summary="This year's 二、上年结转 ≠ last year's 四、结转下年度继续办理 (same organ, both reports in one run).",
    summary_zh="本年“二、上年结转”≠上年报告“四、结转下年度继续办理”（同一机关，两份报告同时检查）。",
    message_zh="表三“{column}”列：上年结转为{carried_over}，但{previous_year}年度报告的结转下年度为{carried_forward}（{previous_path}）",
    message_en="Table 三, column {column}: carried over {carried_over}, but the {previous_year} report "
    "carried forward {carried_forward} ({previous_path})",
    explanation="""
Requests still open at the end of a year are carried forward (四、结转下年度继续办理) and must reappear
as next year's 二、上年结转政府信息公开申请数量, column by column. disclint can only check this when the
reports of the same organ for two consecutive years are given in one run (e.g. `disclint check
2020.pdf 2021.pdf`); organs are matched by name (兴庆区掌政镇 = 银川市兴庆区掌政镇人民政府). In the
examples below, `---` separates the two reports.
""",
    explanation_zh="""
年末尚未办结的申请结转下年度（四、结转下年度继续办理），须在下一年度报告的“二、上年结转政府信息公开申请
数量”中逐列重现。只有同一机关连续两年的报告在同一次运行中检查时（如 `disclint check 2020.pdf
2021.pdf`）才能核对；机关按名称匹配（兴庆区掌政镇 = 银川市兴庆区掌政镇人民政府）。下面的示例中，`---`
分隔两份报告。
""",
    bad="""
银川市兴庆区掌政镇人民政府
2023年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
四、结转下年度继续办理 2 0 0 0 0 0 2
---
银川市兴庆区掌政镇人民政府
2024年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
""",
    good="""
银川市兴庆区掌政镇人民政府
2023年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
四、结转下年度继续办理 2 0 0 0 0 0 2
---
银川市兴庆区掌政镇人民政府
2024年政府信息公开工作年度报告
三、收到和处理政府信息公开申请情况
二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2
""",
    scope="batch",
)
def acc008(reports: list[Report], ctx: RuleContext) -> Iterator[Violation]:
    keyed = [(k, r) for r in reports if r.year is not None and (k := organ_key(r)) is not None]
    for key, current in keyed:
        for other_key, previous in keyed:
            if previous.year != (current.year or 0) - 1 or not same_organ(key, other_key):
                continue
            yield from _compare(current, previous)


def _compare(current: Report, previous: Report) -> Iterator[Violation]:
    this_table, last_table = current.table("applications"), previous.table("applications")
    if this_table is None or last_table is None:
        return
    over, forward = this_table.row("carried_over"), last_table.row("carried_forward")
    if over is None or forward is None:
        return
    for column in APPLICATION_COLUMNS:
        a = known_value(over, column, APPLICATION_COLUMNS)
        b = known_value(forward, column, APPLICATION_COLUMNS)
        if a is None or b is None or a == b:
            continue
        yield Violation(
            cell_span(over, column),
            {
                "column": vocabulary.column(column),
                "carried_over": format_number(a),
                "carried_forward": format_number(b),
                "previous_year": previous.year,
                "previous_path": previous.path,
            },
            {
                "table": "applications",
                "row": "carried_over",
                "column": column,
                "expected": json_number(b),
                "actual": json_number(a),
                "previous_report": previous.path,
                "previous_line": forward.line,
            },
            f"applications/carried_over/{column}",
            path=current.path,
        )
