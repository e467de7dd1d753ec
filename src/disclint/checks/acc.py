"""ACC — the accounting identities of tables 三 and 四, and the domain of every table value.

The narrative checks (ACC005, ACC006) are in :mod:`acc_narrative`, the cross-year check (ACC008)
in :mod:`acc_carryover`.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from operator import attrgetter

from ..domain import vocabulary
from ..domain.numbers import format_number, json_number
from ..messages import Text
from ..nodes import BLANK, Cell, Number, Report, Row, Table
from ..rule import RuleContext, Violation, rule
from ._examples import outcome_example
from ._util import (
    APPLICANT_COLUMNS,
    APPLICATION_COLUMNS,
    REVIEW_COLUMNS,
    REVIEW_PARTS,
    REVIEW_ROWS,
    cell_span,
    known_values,
    outcome_rows,
    row_name,
    total,
    zero_cells,
)


def _identity_context(
    table: str, row: str, column: str, expected: Number, actual: Number, zeros: list[str] | None = None
) -> dict[str, object]:
    context: dict[str, object] = {
        "table": table,
        "row": row,
        "column": column,
        "expected": json_number(expected),
        "actual": json_number(actual),
    }
    if zeros:
        context["counted_as_zero"] = zeros  # blank / placeholder cells taken as 0
    return context


@rule(
    "ACC001",
    "application-balance",
    "error",
    summary="Table 三: new + carried over ≠ outcome total + carried forward in some column.",
    summary_zh="表三某列：一（本年新收）+二（上年结转）≠（七）总计+四（结转下年度）。",
    message_zh="表三“{column}”列不平衡：一（{new}）+二（{carried_over}）={lhs}，但（七）总计（{outcome_total}）+四（{carried_forward}）={rhs}",
    message_en="Table 三, column {column}: new ({new}) + carried over ({carried_over}) = {lhs}, "
    "but outcome total ({outcome_total}) + carried forward ({carried_forward}) = {rhs}",
    explanation="""
The template's own header states it: 第一项加第二项之和，等于第三项加第四项之和. Every request received
this year or carried over from last year is either handled this year (（七）总计) or carried forward.
The identity holds in each of the seven columns separately; disclint checks them all and names the
column that fails. Rows with lost or extra cells are used only where every reading agrees.
""",
    explanation_zh="""
模板表头写明：第一项加第二项之和，等于第三项加第四项之和。本年新收和上年结转的每件申请，要么在本年办结
（（七）总计），要么结转下年度。七列各自须满足该等式；disclint 逐列检查，并指出不平衡的列。缺格或多格的行
只在各种对齐方式结论一致时才参与计算。
""",
    bad="""
一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
……
（七）总计 2 0 0 0 0 0 2
四、结转下年度继续办理 0 0 0 0 0 0 0
""",
    good="""
一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
……
（七）总计 3 0 0 0 0 0 3
四、结转下年度继续办理 0 0 0 0 0 0 0
""",
)
def acc001(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    table = report.table("applications")
    if table is None:
        return
    rows = [table.row(k) for k in ("new_received", "carried_over", "outcome_total", "carried_forward")]
    if any(r is None for r in rows):
        return
    new_row, over_row, out_row, fwd_row = (r for r in rows if r is not None)
    readings = [known_values(r, APPLICATION_COLUMNS) for r in (new_row, over_row, out_row, fwd_row)]
    for column in APPLICATION_COLUMNS:
        new, over, out, fwd = (values[column] for values in readings)
        if new is None or over is None or out is None or fwd is None:
            continue
        lhs, rhs = new + over, out + fwd
        if lhs == rhs:
            continue
        yield Violation(
            cell_span(out_row, column),
            {
                "column": vocabulary.column(column),
                "new": format_number(new),
                "carried_over": format_number(over),
                "outcome_total": format_number(out),
                "carried_forward": format_number(fwd),
                "lhs": format_number(lhs),
                "rhs": format_number(rhs),
            },
            _identity_context("applications", "outcome_total", column, lhs, rhs, zero_cells(rows, (column,))),
            f"applications/balance/{column}",
        )


@rule(
    "ACC002",
    "applicant-total",
    "error",
    summary="Table 三: a row's 总计 ≠ the sum of the applicant columns.",
    summary_zh="表三某行“总计”≠各申请人列之和。",
    message_zh="表三“{row}”：各申请人列之和为{expected}，但总计为{actual}",
    message_en="Table 三, row '{row}': the applicant columns add up to {expected}, but 总计 is {actual}",
    explanation="""
Each value row of table 三 splits its count by applicant: 自然人, then five kinds of 法人或其他组织
(商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他). The 总计 column is their sum. A wrong 总计 usually
means a number was typed into the wrong column or the total was not updated after a correction.
""",
    explanation_zh="""
表三每一数值行按申请人分列：自然人，以及法人或其他组织的五类（商业企业、科研机构、社会公益组织、法律服务
机构、其他）。“总计”列是它们之和。总计不符，通常是数字填错了列，或更正后没有更新总计。
""",
    bad="""
（四）无法提供 1.本机关不掌握相关政府信息 3 0 0 0 0 0 0
""",
    good="""
（四）无法提供 1.本机关不掌握相关政府信息 3 0 0 0 0 0 3
""",
)
def acc002(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    table = report.table("applications")
    if table is None:
        return
    for row in table.rows:
        if row.key is None:
            continue
        values = known_values(row, APPLICATION_COLUMNS)
        parts = total([values[c] for c in APPLICANT_COLUMNS])
        actual = values["total"]
        if parts is None or actual is None or parts == actual:
            continue
        yield Violation(
            cell_span(row, "total"),
            {"row": row_name(row), "expected": format_number(parts), "actual": format_number(actual)},
            _identity_context(
                "applications", row.key, "total", parts, actual, zero_cells([row], APPLICATION_COLUMNS)
            ),
            f"applications/{row.key}/total",
        )


_TWO, _ONE = (2, 0, 0, 0, 0, 0, 2), (1, 0, 0, 0, 0, 0, 1)  # rows of ACC003's examples


@rule(
    "ACC003",
    "outcome-total",
    "error",
    summary="Table 三: （七）总计 ≠ the sum of the outcome rows.",
    summary_zh="表三（七）总计≠各办理结果行之和。",
    message_zh="表三“{column}”列：办理结果各行之和为{expected}，但（七）总计为{actual}",
    message_en="Table 三, column {column}: the outcome rows add up to {expected}, but （七）总计 is {actual}",
    explanation="""
（七）总计 counts every request handled this year: （一）予以公开 + （二）部分公开 + the eight （三）不予公开
rows + the three （四）无法提供 rows + the five （五）不予处理 rows + （六）其他处理 (one row in the 60
format, three sub-rows in the 30 format). The template has no sub-total rows; disclint checks the
identity in every column.
""",
    explanation_zh="""
（七）总计是本年办理的全部申请：（一）予以公开 +（二）部分公开 +（三）不予公开的八行 +（四）无法提供的三行
+（五）不予处理的五行 +（六）其他处理（60号格式为一行，30号格式为三个子项）。模板没有小计行；disclint
逐列检查这一等式。
""",
    bad=outcome_example(
        {"disclosed": _TWO, "partially_disclosed": _ONE, "outcome_total": (4, 0, 0, 0, 0, 0, 4)}
    ),
    good=outcome_example(
        {"disclosed": _TWO, "partially_disclosed": _ONE, "outcome_total": (3, 0, 0, 0, 0, 0, 3)}
    ),
)
def acc003(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    table = report.table("applications")
    if table is None:
        return
    out_row = table.row("outcome_total")
    parts_rows = [table.row(k) for k in outcome_rows(table)]
    if out_row is None or any(r is None for r in parts_rows):
        return
    out_values = known_values(out_row, APPLICATION_COLUMNS)
    parts_values = [known_values(r, APPLICATION_COLUMNS) for r in parts_rows if r is not None]
    for column in APPLICATION_COLUMNS:
        actual = out_values[column]
        expected = total([values[column] for values in parts_values])
        if actual is None or expected is None or actual == expected:
            continue
        yield Violation(
            cell_span(out_row, column),
            {
                "column": vocabulary.column(column),
                "expected": format_number(expected),
                "actual": format_number(actual),
            },
            _identity_context(
                "applications",
                "outcome_total",
                column,
                expected,
                actual,
                zero_cells([*parts_rows, out_row], (column,)),
            ),
            f"applications/outcome_total/{column}",
        )


@rule(
    "ACC004",
    "review-litigation-total",
    "error",
    summary="Table 四: a 总计 ≠ 维持 + 纠正 + 其他 + 尚未审结.",
    summary_zh="表四某组“总计”≠结果维持+结果纠正+其他结果+尚未审结。",
    message_zh="表四“{group}”：结果维持+结果纠正+其他结果+尚未审结={expected}，但总计为{actual}",
    message_en="Table 四, {group}: upheld + corrected + other + pending = {expected}, but the total is {actual}",
    explanation="""
Table 四 has three groups of five numbers — 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉 — each
ending in 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
""",
    explanation_zh="""
表四有三组、每组五个数：行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）；每组的总计 =
结果维持 + 结果纠正 + 其他结果 + 尚未审结。
""",
    bad="""
0 1 0 0 0 0 0 0 0 0 0 0 0 0 0
""",
    good="""
0 1 0 0 1 0 0 0 0 0 0 0 0 0 0
""",
)
def acc004(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    table = report.table("review_litigation")
    if table is None:
        return
    for key in REVIEW_ROWS:
        row = table.row(key)
        if row is None:
            continue
        values = known_values(row, REVIEW_COLUMNS)
        expected = total([values[c] for c in REVIEW_PARTS])
        actual = values["total"]
        if expected is None or actual is None or expected == actual:
            continue
        yield Violation(
            cell_span(row, "total"),
            {
                "group": vocabulary.group("review_litigation", key),
                "expected": format_number(expected),
                "actual": format_number(actual),
            },
            _identity_context(
                "review_litigation", key, "total", expected, actual, zero_cells([row], REVIEW_COLUMNS)
            ),
            f"review_litigation/{key}/total",
        )


_VALUE = attrgetter("value")
_INT = {int}  # (exactly: a bool is no count)

_PROBLEM = {
    "placeholder": Text("不是数字", "is not a number"),
    "negative": Text("为负数", "is negative"),
    "fraction": Text("不是整数", "is not a whole number"),
}


def _cell_problem(table: Table, row: Row, cell: Cell) -> str | None:
    """Why a cell's value is not allowed where it stands; None when it is. A cell whose column is
    unknown (an incomplete row) is allowed what any column of its table (sub-table) allows; a blank
    cell is no problem here (PAR005 reports blanks, once per table)."""
    column, value = cell.column, cell.value
    if cell.kind == BLANK:
        return None
    if value is None:
        return "placeholder"
    if value < 0:
        by_format = vocabulary.signed_columns()
        anywhere = frozenset().union(*by_format.values())
        signed = by_format.get(table.format, anywhere) if table.format is not None else anywhere
        ok = table.kind == "proactive" and (column in anywhere if column is not None else bool(signed))
        return None if ok else "negative"
    if isinstance(value, Decimal) and value != value.to_integral_value():
        money = table.kind == "proactive" and (
            column in vocabulary.money_columns()
            if column is not None
            else row.group in vocabulary.money_subtables()
        )
        return None if money else "fraction"
    return None


@rule(
    "ACC007",
    "invalid-number",
    "error",
    summary="A cell that must be a non-negative integer (or a decimal amount in 万元) holds something else.",
    summary_zh="应为非负整数（或以万元计的金额）的单元格填了其他内容。",
    message_zh="{table}“{row}”的值“{raw}”{problem}",
    message_en="{table}, row '{row}': the value '{raw}' {problem}",
    explanation="""
Every value in the tables is a count of documents, items, requests or cases — a non-negative
integer — except 本年增/减 in the 60-format table 二 (which may be negative) and the money amounts
(采购总金额, 本年收费金额, in 万元, which may have decimals). A placeholder such as “/”, “-”, “—” or “无”
is not a number: if the count is zero, write 0.
""",
    explanation_zh="""
表格中的每个值都是文件、事项、申请或案件的件数——非负整数；例外是60号格式表二的“本年增/减”（可以为负）
和以万元计的金额（采购总金额、本年收费金额，可以有小数）。“/”“-”“—”“无”等占位符不是数字：件数为零
就填0。
""",
    bad="""
（一）予以公开 / 0 0 0 0 0 0
""",
    good="""
（一）予以公开 0 0 0 0 0 0 0
""",
)
def acc007(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for table in report.tables:
        for row in table.rows:
            values = list(map(_VALUE, row.cells))
            if values and set(map(type, values)) == _INT and min(values) >= 0:
                continue  # every cell a count: what every column allows (the usual row, read in C)
            for cell in row.cells:
                if type(cell.value) is int and cell.value >= 0:
                    continue  # a count: what every column allows (the usual cell, checked quickly)
                problem = _cell_problem(table, row, cell)
                if problem is None:
                    continue
                yield Violation(
                    cell.span,
                    {
                        "table": vocabulary.table(table.kind),
                        "row": row_name(row),
                        "raw": cell.raw,
                        "problem": _PROBLEM[problem],
                    },
                    {"table": table.kind, "row": row.key, "column": cell.column, "actual": cell.raw},
                    f"{table.kind}/{row.key or row.label}/{cell.column or '?'}",
                )
