"""CNT — content the format notices require: the 信息处理费 statement, the overview's sub-topics."""

from __future__ import annotations

from collections.abc import Iterator

from ..domain import vocabulary
from ..messages import joined
from ..nodes import Report, Section
from ..rule import Param, RuleContext, Violation, rule
from ._util import compact


def _text(section: Section) -> str:
    """The section's paragraphs and sub-heading titles, without whitespace."""
    return compact(section.text)


@rule(
    "CNT001",
    "processing-fee-not-reported",
    "warning",
    summary="A 30-format report whose section 六 says nothing about 信息处理费.",
    summary_zh="按〔2021〕30号格式编制的报告，第六部分未说明信息处理费收取情况。",
    message_zh="第六部分未说明信息处理费的收取情况",
    message_en="Section 六 does not say whether information processing fees (信息处理费) were charged",
    explanation="""
Since the 2021 report (〔2021〕30号), section 六、其他需要报告的事项 reports the collection of
信息处理费 under 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号): whether fees were charged and,
if so, how many fee notices were issued and how much was collected. “未收取信息处理费。” is enough.
""",
    explanation_zh="""
自2021年度报告起（〔2021〕30号），第六部分“其他需要报告的事项”须报告按《政府信息公开信息处理费管理办法》
（国办函〔2020〕109号）收取信息处理费的情况：是否收费；如收费，发出收费通知的件数和收取的金额。
写明“未收取信息处理费。”即可。
""",
    bad="""
根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，编制本报告。
六、其他需要报告的事项
无。
""",
    good="""
根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，编制本报告。
六、其他需要报告的事项
2024年兴仁镇未收取信息处理费。
""",
    params=(
        Param(
            "phrases",
            # real reports also say “未发生收费情况” or “未收取任何费用”
            ["信息处理费", "收费", "收取费用", "任何费用"],
            "wording that counts as a statement about the fee",
            "视为已说明信息处理费的措辞",
        ),
    ),
)
def cnt001(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    cited = report.format_cited.notice if report.format_cited is not None else None
    if report.table_format != "30" and not (report.table_format is None and cited == "30"):
        return
    section = report.section(6)
    if section is None:
        return
    text = _text(section)
    if any(compact(p) in text for p in ctx.param("phrases")):
        return
    yield Violation(section.heading, {}, {"section": 6}, "sections/6/processing_fee")


TOPICS = {t.key: list(t.words) for t in vocabulary.overview_topics()}


@rule(
    "CNT002",
    "overview-topics",
    "info",
    summary="一、总体情况 does not cover the expected sub-topics.",
    summary_zh="“一、总体情况”未涵盖规定的分项内容。",
    message_zh="“一、总体情况”未涉及：{missing}",
    message_en="Section 一 (overview) does not cover: {missing}",
    explanation="""
〔2021〕30号 asks the overview to summarise five topics: 主动公开, 依申请公开, 政府信息管理, 政府信息
公开平台建设 and 监督保障 (for governments including 工作考核、社会评议和责任追究). Sub-headings
（一）…（五） are the usual form, but any mention counts; the matching is loose (e.g. 平台建设情况,
政府信息监督保障).
""",
    explanation_zh="""
〔2021〕30号要求总体情况概述五方面内容：主动公开、依申请公开、政府信息管理、政府信息公开平台建设和
监督保障（各级人民政府还包括工作考核、社会评议和责任追究）。通常以（一）至（五）小标题呈现，但任何提及
均可；匹配较宽松（如“平台建设情况”“政府信息监督保障”）。
""",
    bad="""
一、总体情况
（一）主动公开……
（二）依申请公开……
""",
    good="""
一、总体情况
（一）主动公开……
（二）依申请公开……
（三）政府信息管理……
（四）平台建设……
（五）监督保障……
""",
    params=(
        Param(
            "topics",
            TOPICS,
            "topic key → words any of which counts as covering it",
            "分项 → 出现其中任一词语即视为已涉及",
        ),
    ),
)
def cnt002(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    section = report.section(1)
    if section is None or section.is_empty:
        return
    text = _text(section)
    topics: dict[str, list[str]] = ctx.param("topics")
    missing = [key for key, words in topics.items() if not any(compact(w) in text for w in words)]
    if not missing:
        return
    yield Violation(
        section.heading,
        {"missing": joined(vocabulary.topic(k) for k in missing)},
        {"missing": missing},
        "sections/1/topics",
    )
