"""Cross-year rules: two reports of one organ in consecutive years (scope ``cross-year``).

Each check receives the facts of this year's and last year's report
(:class:`~disclint.batch.facts.ReportFacts`, never whole reports: the batch runner keeps only
those); pairs are found by :mod:`disclint.batch.organs`. A violation's ``logical_path`` names the
figure of the current report it points at.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..batch.facts import PROACTIVE_ROWS, ReportFacts
from ..domain import vocabulary
from ..domain.numbers import format_number, json_number
from ..engine import CROSS_YEAR
from ..messages import Text
from ..nodes import Number
from ..rule import Param, RuleContext, Violation, rule
from ._util import APPLICATION_COLUMNS

_PREVIOUS_ZH = """
同一机关不同年度的报告按名称匹配（兴庆区掌政镇 = 银川市兴庆区掌政镇人民政府；更名的机关在配置的
`organ-aliases` 中登记）。两份报告都须在本次运行中：给出两个文件夹，或用 `--previous DIR` 给出上年的报告。
"""

_PREVIOUS = """
Reports of one organ are matched by name across years (兴庆区掌政镇 = 银川市兴庆区掌政镇人民政府;
renamed organs through `organ-aliases` in the configuration). Both reports must be in the run:
give both folders, or last year's with `--previous DIR`.
"""


def _violation(
    current: ReportFacts,
    previous: ReportFacts,
    key: str,
    previous_key: str,
    args: dict[str, object],
    context: dict[str, object],
) -> Violation:
    """On the cell ``key`` of this year's report, naming last year's file (and line of ``previous_key``)."""
    figure = previous.figures.get(previous_key)
    context = {
        **context,
        "previous_report": previous.path,
        "previous_line": figure.span.line if figure is not None else None,
    }
    return Violation(
        current.figures[key].span, {**args, "previous_path": previous.path}, context, key, current.path
    )


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
as next year's 二、上年结转政府信息公开申请数量, column by column.
"""
    + _PREVIOUS,
    explanation_zh="""
年末尚未办结的申请结转下年度（四、结转下年度继续办理），须在下一年度报告的“二、上年结转政府信息公开申请
数量”中逐列重现。
"""
    + _PREVIOUS_ZH,
    runnable_examples=False,
    bad="""
（2023年度报告）四、结转下年度继续办理 2 0 0 0 0 0 2
（2024年度报告）二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
""",
    good="""
（2023年度报告）四、结转下年度继续办理 2 0 0 0 0 0 2
（2024年度报告）二、上年结转政府信息公开申请数量 2 0 0 0 0 0 2
""",
    scope=CROSS_YEAR,
)
def acc008(current: ReportFacts, previous: ReportFacts, ctx: RuleContext) -> Iterator[Violation]:
    for column in APPLICATION_COLUMNS:
        key = f"applications/carried_over/{column}"
        forward_key = f"applications/carried_forward/{column}"
        a, b = current.value(key), previous.value(forward_key)
        if a is None or b is None or a == b:
            continue
        yield _violation(
            current,
            previous,
            key,
            forward_key,
            {
                "column": vocabulary.column(column),
                "carried_over": format_number(a),
                "carried_forward": format_number(b),
                "previous_year": previous.year,
            },
            {
                "table": "applications",
                "row": "carried_over",
                "column": column,
                "expected": json_number(b),
                "actual": json_number(a),
            },
        )


@rule(
    "ACC009",
    "in-force-continuity",
    "error",
    summary="Table 二: 现行有效件数 ≠ last year's 现行有效件数 + 本年制发件数 − 本年废止件数 (same organ, 30 format).",
    summary_zh="表二：现行有效件数≠上年现行有效件数＋本年制发件数－本年废止件数（同一机关，30号格式）。",
    message_zh="表二“{row}”：现行有效件数为{in_force}，但上年{previous_in_force}＋本年制发{issued}－本年废止{repealed}＝{expected}（{previous_path}）",
    message_en="Table 二, {row}: {in_force} in force, but last year's {previous_in_force} + {issued} issued "
    "− {repealed} repealed = {expected} ({previous_path})",
    explanation="""
In the 30 format, table 二 counts the regulations and normative documents an organ has in force
(现行有效件数). A document in force at the end of a year is either still in force next year or was
repealed then, and every document issued is in force until it is repealed, so this year's count
must equal last year's count plus this year's 本年制发件数 minus this year's 本年废止件数. Peer
reviewers check this by hand; a difference means one of the two years' tables is wrong.
"""
    + _PREVIOUS,
    explanation_zh="""
30号格式的表二统计现行有效的规章和行政规范性文件件数。上年末现行有效的文件，本年要么仍然有效，要么已
废止；本年制发的文件在废止前一直有效。因此本年现行有效件数须等于上年现行有效件数加本年制发件数减本年
废止件数；不相等说明两年中有一年的表格有误。
"""
    + _PREVIOUS_ZH,
    runnable_examples=False,
    bad="""
（2023年度报告）行政规范性文件 1 0 6
（2024年度报告）行政规范性文件 2 1 6
""",
    good="""
（2023年度报告）行政规范性文件 1 0 6
（2024年度报告）行政规范性文件 2 1 7
""",
    scope=CROSS_YEAR,
)
def acc009(current: ReportFacts, previous: ReportFacts, ctx: RuleContext) -> Iterator[Violation]:
    for row in PROACTIVE_ROWS:
        key = f"proactive/{row}/in_force"
        in_force, last = current.value(key), previous.value(key)
        issued, repealed = (
            current.value(f"proactive/{row}/issued"),
            current.value(f"proactive/{row}/repealed"),
        )
        if in_force is None or last is None or issued is None or repealed is None:
            continue
        expected = last + issued - repealed
        if expected == in_force:
            continue
        yield _violation(
            current,
            previous,
            key,
            key,
            {
                "row": vocabulary.proactive_row(row, "30"),
                "in_force": format_number(in_force),
                "previous_in_force": format_number(last),
                "issued": format_number(issued),
                "repealed": format_number(repealed),
                "expected": format_number(expected),
            },
            {
                "table": "proactive",
                "row": row,
                "column": "in_force",
                "expected": json_number(expected),
                "actual": json_number(in_force),
            },
        )


# the figures a jump is looked for in, with their names for messages
JUMP_FIGURES: dict[str, tuple[str, str]] = {
    "applications/new_received/total": ("本年新收政府信息公开申请数量", "new requests received"),
    "proactive/regulations/in_force": ("现行有效规章件数", "regulations in force"),
    "proactive/normative_documents/in_force": ("现行有效行政规范性文件件数", "normative documents in force"),
}


@rule(
    "ACC010",
    "large-year-jump",
    "info",
    summary="A key figure differs from the same organ's last report by more than a factor (default 5).",
    summary_zh="关键数据与同一机关上年报告相比变化超过设定倍数（默认5倍）。",
    message_zh="{figure}为{value}，上年为{previous_value}（{previous_path}），变化超过{factor}倍，请核实",
    message_en="{figure} is {value}, last year {previous_value} ({previous_path}): "
    "a change of more than {factor}×; please verify",
    explanation="""
A figure that grows or shrinks by more than a factor of 5 from one year to the next (new requests
received, documents in force) is often a typing error (an extra digit, a column shifted) and
deserves a look; it can also be real, so this is information, not an error. Figures below
`minimum` in both years are not compared (3 → 20 requests is not remarkable).
"""
    + _PREVIOUS,
    explanation_zh="""
某项数据（本年新收申请、现行有效文件件数）一年间增减超过5倍，常是录入错误（多打一位、串列），值得核实；
也可能属实，因此只作提示。两年都低于 `minimum` 的数据不比较（申请从3件到20件并不稀奇）。
"""
    + _PREVIOUS_ZH,
    runnable_examples=False,
    bad="""
（2023年度报告）一、本年新收政府信息公开申请数量 8 2 0 0 0 0 10
（2024年度报告）一、本年新收政府信息公开申请数量 80 20 0 0 0 0 100
""",
    good="""
（2023年度报告）一、本年新收政府信息公开申请数量 8 2 0 0 0 0 10
（2024年度报告）一、本年新收政府信息公开申请数量 9 3 0 0 0 0 12
""",
    params=(
        Param(
            "factor",
            5,
            "Ratio between the two years' values above which the figure is reported.",
            "两年数值之比超过该倍数即提示。",
        ),
        Param(
            "minimum",
            10,
            "Figures below this in both years are not compared.",
            "两年都低于该值的数据不比较。",
        ),
    ),
    scope=CROSS_YEAR,
)
def acc010(current: ReportFacts, previous: ReportFacts, ctx: RuleContext) -> Iterator[Violation]:
    factor = Decimal(str(ctx.param("factor")))
    minimum = Decimal(str(ctx.param("minimum")))
    for key, (zh, en) in JUMP_FIGURES.items():
        value, last = current.value(key), previous.value(key)
        if value is None or last is None or max(value, last) < minimum:
            continue
        if not _jump(value, last, factor):
            continue
        yield _violation(
            current,
            previous,
            key,
            key,
            {
                "figure": Text(zh, en),
                "value": format_number(value),
                "previous_value": format_number(last),
                "factor": format_number(factor),
            },
            {
                "figure": key,
                "value": json_number(value),
                "previous_value": json_number(last),
                "factor": json_number(factor),
            },
        )


def _jump(value: Number, last: Number, factor: Decimal) -> bool:
    low, high = sorted((Decimal(value), Decimal(last)))
    if low <= 0:
        return high > 0 and high >= factor  # from nothing to at least `factor`
    return high > low * factor
