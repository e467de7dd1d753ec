"""DAT — years and dates: one report year everywhere, a statistics period, publication on time."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from ..domain import organs
from ..messages import Text
from ..nodes import Report, Span
from ..rule import Param, RuleContext, Violation, rule
from ._util import preamble_span

WHERE = {  # where a year is written, as messages name it
    "title": Text("标题", "title"),
    "preamble-title": Text("引言中的报告名称", "name of the report in the preamble"),
    "portal-title": Text("网页信息栏中的报告名称", "report name in the page's metadata block"),
    "period": Text("统计期限", "statistics period"),
    "body": Text("正文", "body"),
}


def report_year(report: Report) -> tuple[int, Span | None] | None:
    """The year the report is about, as its title says (else the parser's best guess)."""
    for m in report.year_mentions:
        if m.context == "title":
            return m.year, m.span
    if report.year is not None:
        return report.year, report.title.span if report.title is not None else None
    return None


@rule(
    "DAT001",
    "year-inconsistent",
    "error",
    summary="Title year, statistics period and the year used in the body disagree.",
    summary_zh="标题年度、统计期限与正文所用年度不一致。",
    message_zh="{where}为{found}年，与报告年度{year}年不一致",
    message_en="The {where} says {found}, but the report is for {year}",
    explanation="""
The report covers one calendar year: the title (××2024年政府信息公开工作年度报告), the statistics
period (统计期限自2024年1月1日至2024年12月31日) and the name of the report quoted in the preamble
(现发布《××2024年政府信息公开工作年度报告》) must all name it. A different year is almost always text
copied from the previous report and not updated.
""",
    explanation_zh="""
报告只涉及一个自然年度：标题（××2024年政府信息公开工作年度报告）、统计期限（统计期限自2024年1月1日至
2024年12月31日）以及引言中引用的报告名称（现发布《××2024年政府信息公开工作年度报告》）都须写明该年度。
年度不同，几乎总是从上年报告照抄而未更新。
""",
    bad="""
兴庆区掌政镇
2024年政府信息公开工作年度报告
……本报告所列数据的统计期限自2023年1月1日至2023年12月31日。
""",
    good="""
兴庆区掌政镇
2024年政府信息公开工作年度报告
……本报告所列数据的统计期限自2024年1月1日至2024年12月31日。
""",
)
def dat001(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    found = report_year(report)
    if found is None:
        return
    year, _ = found
    reported: set[Span] = set()
    for m in report.year_mentions:
        if m.year != year and m.span not in reported:
            reported.add(m.span)
            yield _mismatch(m.span, m.context, m.year, year)
    period = report.period
    if period is not None and period.span not in reported:
        for y in (period.start.year, period.end.year):
            if y != year:
                yield _mismatch(period.span, "period", y, year)
                break


def _mismatch(span: Span, where: str, found: int, year: int) -> Violation:
    return Violation(
        span,
        {"where": WHERE.get(where, Text(where, where)), "found": found, "year": year},
        {"where": where, "expected": year, "actual": found},
        f"years/{where}",
    )


def organ_kind(report: Report) -> str:
    """The report's organ kind (:func:`disclint.domain.organs.organ_kind`) from its organ, else from
    the organ its title names; ``department`` (the common 1月31日 deadline) when neither names one."""
    name = report.organ or (organs.organ_from_title(report.title.text) if report.title is not None else "")
    return organs.organ_kind(name) or "department"


def publication_deadline(report: Report, deadlines: Mapping[str, str]) -> tuple[str, date] | None:
    """The report's organ kind and its publication deadline under ``deadlines`` (kind → MM-DD of the
    following year); None when the report's year is unknown or the deadline is malformed.
    Shared by DAT002 and the pack kind ``deadline``."""
    found = report_year(report)
    if found is None:
        return None
    kind = organ_kind(report)
    try:
        return kind, organs.deadline(kind, found[0], deadlines)
    except (ValueError, KeyError):
        return None


@rule(
    "DAT002",
    "late-publication",
    "warning",
    summary="The report is dated after the deadline for its organ type.",
    summary_zh="报告落款日期晚于规定的公布时限。",
    message_zh="报告落款日期{date}晚于{deadline}的公布时限（{kind}）",
    message_en="The report is dated {date}, after the {deadline} deadline ({kind})",
    explanation="""
Article 49 of the Regulations: 县级以上人民政府部门 publish their report for the previous year by
1月31日; the disclosure office of a 县级以上 government publishes the government's own report by
3月31日. Townships (乡镇, 街道) follow the 1月31日 deadline in practice. The organ type is read from
the organ's name; the two deadlines are parameters (`deadline`, `government_deadline`, as MM-DD of
the following year).
""",
    explanation_zh="""
《条例》第四十九条：县级以上人民政府部门应当在每年1月31日前公布本部门上一年度的年度报告；县级以上地方
人民政府的政府信息公开工作主管部门应当在每年3月31日前公布本级政府上一年度的年度报告。乡镇、街道实践中
按1月31日执行。机关类型根据机关名称判断（无机关名称时依据标题）；两个期限是参数（`deadline`、
`government_deadline`，为次年的月-日）。
""",
    bad="""
银川市西夏区民政局
2020年政府信息公开工作年度报告
……
银川市西夏区民政局
2021年2月20日
""",
    good="""
银川市西夏区民政局
2020年政府信息公开工作年度报告
……
银川市西夏区民政局
2021年1月20日
""",
    params=(
        Param(
            "deadline",
            "01-31",
            "deadline (MM-DD of the following year) for departments and townships",
            "政府部门和乡镇（街道）的公布时限（次年的月-日）",
        ),
        Param(
            "government_deadline",
            "03-31",
            "deadline (MM-DD of the following year) for a government's own report",
            "本级人民政府年度报告的公布时限（次年的月-日）",
        ),
    ),
)
def dat002(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    if report.date is None:
        return
    deadline = ctx.param("deadline")
    found = publication_deadline(
        report,
        {"department": deadline, "township": deadline, "government": ctx.param("government_deadline")},
    )
    if found is None or report.date.value <= found[1]:
        return
    kind, last = found
    yield Violation(
        report.date.span,
        {
            "date": report.date.value.isoformat(),
            "deadline": last.isoformat(),
            "kind": organs.kind_text(kind),
        },
        {"date": report.date.value.isoformat(), "deadline": last.isoformat(), "organ_kind": kind},
        "signature/date",
    )


@rule(
    "DAT003",
    "missing-period",
    "info",
    summary="No statistics period is stated.",
    summary_zh="未说明统计期限。",
    message_zh="未说明数据统计期限（如“统计期限自{year}年1月1日至{year}年12月31日”）",
    message_en="No statistics period is stated (e.g. 统计期限自{year}年1月1日至{year}年12月31日)",
    explanation="""
The preamble states the period the figures cover — 本报告所列数据的统计期限自2024年1月1日至2024年12月31日
— so the tables can be read without guessing, and so the year can be checked against the title.
""",
    explanation_zh="""
引言应说明数据的统计期限——本报告所列数据的统计期限自2024年1月1日至2024年12月31日——这样表格无需猜测
即可阅读，年度也可以与标题核对。
""",
    bad="""
根据《中华人民共和国政府信息公开条例》要求，现发布本报告。
""",
    good="""
根据《中华人民共和国政府信息公开条例》要求，现发布本报告。本报告所列数据的统计期限自2024年1月1日至2024年12月31日。
""",
)
def dat003(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    if report.period is not None:
        return
    found = report_year(report)
    year = str(found[0]) if found is not None else "××××"
    yield Violation(preamble_span(report), {"year": year}, {}, "preamble/period")
