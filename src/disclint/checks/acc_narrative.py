"""ACC005 / ACC006 — numbers stated in the prose: against the tables, and against their own parts."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..domain.numbers import format_number, json_number
from ..messages import Text
from ..nodes import Number, Report, Span, Table
from ..rule import RuleContext, Violation, rule
from ._util import (
    APPLICANT_COLUMNS,
    APPLICATION_COLUMNS,
    NOT_PROCESSED_ROWS,
    OTHER_ROWS_30,
    OTHER_ROWS_60,
    REVIEW_COLUMNS,
    REVIEW_PARTS,
    UNABLE_ROWS,
    WITHHELD_ROWS,
    known_values,
    total,
)

QUANTITY = {  # how messages name a quantity the prose states
    "applications_received": Text("收到申请", "requests received"),
    "applications_closed": Text("办结申请", "requests handled"),
    "carried_forward": Text("结转下年度", "requests carried forward"),
    "review_cases": Text("行政复议", "administrative review cases"),
    "litigation_cases": Text("行政诉讼", "litigation cases"),
    "review_litigation": Text("行政复议、行政诉讼", "review and litigation cases"),
    "disclosed": Text("予以公开", "requests granted (予以公开)"),
    "partially_disclosed": Text("部分公开", "requests partly granted (部分公开)"),
    "withheld": Text("不予公开", "requests refused (不予公开)"),
    "unable": Text("无法提供", "requests that could not be met (无法提供)"),
    "unable_not_held": Text("本机关不掌握相关政府信息", "requests for information not held (本机关不掌握)"),
    "unable_needs_creation": Text(
        "没有现成信息需要另行制作", "requests needing new information (需要另行制作)"
    ),
    "unable_unclear": Text("补正后申请内容仍不明确", "requests still unclear (补正后仍不明确)"),
    "not_processed": Text("不予处理", "requests not processed (不予处理)"),
    "other_processed": Text("其他处理", "requests otherwise handled (其他处理)"),
}


@dataclass(frozen=True)
class Source:
    """Where a quantity is in the tables: one or more alternative sets of rows to add up."""

    table: str
    alternatives: tuple[tuple[str, ...], ...]


def _sources(quantity: str, applications: Table | None) -> Source | None:
    other = OTHER_ROWS_60
    if applications is not None and (applications.format == "30" or applications.row("other_other")):
        other = OTHER_ROWS_30
    single = {
        "applications_closed": ("outcome_total",),
        "carried_forward": ("carried_forward",),
        "disclosed": ("disclosed",),
        "partially_disclosed": ("partially_disclosed",),
        "withheld": WITHHELD_ROWS,
        "unable": UNABLE_ROWS,
        "unable_not_held": ("unable_not_held",),
        "unable_needs_creation": ("unable_needs_creation",),
        "unable_unclear": ("unable_unclear",),
        "not_processed": NOT_PROCESSED_ROWS,
        "other_processed": other,
    }
    if quantity == "applications_received":
        # 共收到申请N件: usually 一 alone, sometimes 一 + 二 (accept either)
        return Source("applications", (("new_received",), ("new_received", "carried_over")))
    if quantity in single:
        return Source("applications", (single[quantity],))
    if quantity == "review_cases":
        return Source("review_litigation", (("review",),))
    if quantity == "litigation_cases":
        return Source("review_litigation", (("litigation_direct", "litigation_after_review"),))
    if quantity == "review_litigation":
        return Source("review_litigation", (("review", "litigation_direct", "litigation_after_review"),))
    return None


def _row_totals(table: Table, keys: Sequence[str]) -> list[Number]:
    """Possible table values for the rows ``keys`` added up: by their 总计 column, and by their parts.

    A row whose 总计 disagrees with its parts (ACC002/ACC004 report that) gives two readings; a
    stated figure matching either is not a second defect.
    """
    columns, parts = (
        (APPLICATION_COLUMNS, APPLICANT_COLUMNS)
        if table.kind == "applications"
        else (REVIEW_COLUMNS, REVIEW_PARTS)
    )
    by_total: list[Number | None] = []
    by_parts: list[Number | None] = []
    for key in keys:
        row = table.row(key)
        if row is None:
            return []
        values = known_values(row, columns)
        by_total.append(values["total"])
        by_parts.append(total([values[c] for c in parts]))
    readings = [v for v in (total(by_total), total(by_parts)) if v is not None]
    return list(dict.fromkeys(readings))


def table_readings(
    report: Report, quantity: str
) -> tuple[Source, list[tuple[tuple[str, ...], list[Number]]]] | None:
    source = _sources(quantity, report.table("applications"))
    if source is None:
        return None
    table = report.table(source.table)
    if table is None:
        return None
    return source, [(keys, _row_totals(table, keys)) for keys in source.alternatives]


@dataclass(frozen=True)
class _Claim:
    quantity: str
    value: int
    label: str
    unit: str
    span: Span


def _claims(report: Report) -> Iterator[_Claim]:
    for f in report.figures:
        yield _Claim(f.quantity, f.value, f.label, f.unit, f.span)
    for s in report.statements:
        yield _Claim(s.quantity, s.value, s.text, "件", s.span)


@rule(
    "ACC005",
    "narrative-table-mismatch",
    "warning",
    summary="A figure stated in the prose differs from the table cell for the same quantity.",
    summary_zh="正文所述数字与表格中同一项的数字不一致。",
    message_zh="正文称{quantity}{stated}{unit}，而表格中为{table_value}",
    message_en="The text states {stated} {quantity}, but the table says {table_value}",
    explanation="""
Section 一 usually restates the main figures of the tables: 共收到政府信息公开申请N件, 办结N件 with a
breakdown (予以公开、部分公开、不予公开、本机关不掌握相关政府信息…), N件结转下年度, the number of 行政复议 and
行政诉讼 cases, or that there were none (没有收到…申请, 没有…行政复议、行政诉讼). Each must match the 总计
column of the corresponding rows of tables 三 and 四. For “收到申请N件” both 一 alone and 一 + 二 are
accepted. Cells that cannot be read safely are skipped.
""",
    explanation_zh="""
“一、总体情况”通常复述表格的主要数字：共收到政府信息公开申请N件、办结N件及其构成（予以公开、部分公开、
不予公开、本机关不掌握相关政府信息……）、N件结转下年度、行政复议和行政诉讼的件数，或说明没有（没有收到……
申请，没有……行政复议、行政诉讼）。每个数字都须与表三、表四相应行的总计列一致。“收到申请N件”既可对应
第一项，也可对应第一项加第二项。无法可靠读取的单元格不作比较。
""",
    bad="""
一、总体情况
（二）依申请公开
2024年，共收到政府信息公开申请4件，0件结转下年度办理。
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3
""",
    good="""
一、总体情况
（二）依申请公开
2024年，共收到政府信息公开申请3件，0件结转下年度办理。
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3
""",
)
def acc005(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for claim in _claims(report):
        found = table_readings(report, claim.quantity)
        if found is None:
            continue
        source, alternatives = found
        readings = [v for _, values in alternatives for v in values]
        if not readings or any(v == claim.value for v in readings):
            continue
        rows, values = next((keys, vals) for keys, vals in alternatives if vals)
        yield Violation(
            claim.span,
            {
                "quantity": QUANTITY.get(claim.quantity, Text(claim.label, claim.quantity)),
                "stated": claim.value,
                "unit": claim.unit,
                "table_value": format_number(values[0]),
            },
            {
                "quantity": claim.quantity,
                "table": source.table,
                "rows": list(rows),
                "column": "total",
                "stated": claim.value,
                "expected": json_number(values[0]),
                "actual": claim.value,
            },
            f"narrative/{claim.quantity}",
        )


@rule(
    "ACC006",
    "narrative-sum",
    "warning",
    summary="The prose states a total and its parts, and the parts do not add up.",
    summary_zh="正文给出总数及其分项，分项之和与总数不符。",
    message_zh="正文称共{total}{unit}，但所列分项之和为{parts_sum}{unit}（{parts}）",
    message_en="The text states a total of {total}, but its listed parts add up to {parts_sum} ({parts})",
    explanation="""
A sentence like “主动公开政府信息 64条，其中，政府文件信息 2条，乡镇动态 17条，…” states a total and its
parts. Parts that add up to more than the total are always wrong. Parts that add up to less are
wrong only when the wording presents them as the full breakdown (分别为…); after a plain “其中” the
list may be partial.
""",
    explanation_zh="""
“主动公开政府信息64条，其中，政府文件信息2条，乡镇动态17条，……”这类句子给出了总数及其分项。分项之和
大于总数一定有误；分项之和小于总数，只有在措辞表明是完整分解（分别为……）时才算错误，单纯“其中”之后
可以只列举一部分。
""",
    bad="""
一、总体情况
（一）主动公开
主动公开政府信息 64条，其中，政府文件信息 2条，乡镇动态 17条，领导信息 3条，财政预决算信息 2条，行政执法信息 1条，法治政府建设工作报告 1条，民生保障 38条，政府工作报告 1条。
""",
    good="""
一、总体情况
（一）主动公开
主动公开政府信息 65条，其中，政府文件信息 2条，乡镇动态 17条，领导信息 3条，财政预决算信息 2条，行政执法信息 1条，法治政府建设工作报告 1条，民生保障 38条，政府工作报告 1条。
""",
)
def acc006(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for stated in report.sums:
        if not stated.parts:
            continue
        parts_sum = sum(p.value for p in stated.parts)
        if parts_sum == stated.total.value or (parts_sum < stated.total.value and not stated.complete):
            continue
        listed = "+".join(str(p.value) for p in stated.parts)
        yield Violation(
            stated.total.span,
            {"total": stated.total.value, "unit": stated.total.unit, "parts_sum": parts_sum, "parts": listed},
            {
                "stated": stated.total.value,
                "parts_sum": parts_sum,
                "parts": [p.value for p in stated.parts],
                "complete": stated.complete,
                "expected": parts_sum,
                "actual": stated.total.value,
            },
            f"narrative/sum/{stated.total.label}",
        )
