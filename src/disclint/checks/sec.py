"""SEC — structure: the six sections, their order, numbering, content, and the title."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..domain import dates, numerals, vocabulary
from ..messages import Text
from ..nodes import Report, Section, Span
from ..rule import RuleContext, Violation, rule
from ._util import compact


def _in_order(report: Report) -> list[Section]:
    return sorted(report.sections, key=lambda s: s.heading)


def _missing_place(report: Report, number: int) -> Span | None:
    """Where a missing section should be: the heading of the next section, else after the previous."""
    ordered = _in_order(report)
    following = [s for s in ordered if s.number > number]
    if following:
        return following[0].heading
    preceding = [s for s in ordered if s.number < number]
    if preceding:
        end = preceding[-1].span
        return Span.point(end.end_line)
    return None


def missing_sections(report: Report, numbers: Iterable[int]) -> Iterator[tuple[int, Span | None]]:
    """Each of the sections ``numbers`` the report lacks, with where it should be (shared by SEC001
    and the pack kind ``require-section``)."""
    present = {s.number for s in report.sections}
    for number in numbers:
        if number not in present:
            yield number, _missing_place(report, number)


@rule(
    "SEC001",
    "missing-section",
    "error",
    summary="One of the six required sections (一 … 六) is absent.",
    summary_zh="缺少规定的六个部分之一。",
    message_zh="缺少第{numeral}部分“{numeral}、{title}”",
    message_en="Section {numeral} ({title}) is missing",
    explanation="""
Article 50 of the Regulations on Open Government Information and the format notices (国办公开办函
〔2019〕60号, 〔2021〕30号) prescribe six parts, in this order: 一、总体情况; 二、主动公开政府信息情况;
三、收到和处理政府信息公开申请情况; 四、政府信息公开行政复议、行政诉讼情况; 五、存在的主要问题及改进情况;
六、其他需要报告的事项. A report that leaves one out (or merges two) is incomplete. The finding is placed
where the section should be: at the heading of the section that follows it.
""",
    explanation_zh="""
《政府信息公开条例》第五十条和格式通知（国办公开办函〔2019〕60号、〔2021〕30号）规定报告由六部分按序
组成：一、总体情况；二、主动公开政府信息情况；三、收到和处理政府信息公开申请情况；四、政府信息公开行政
复议、行政诉讼情况；五、存在的主要问题及改进情况；六、其他需要报告的事项。缺少一部分（或两部分合并）的
报告不完整。问题标注在该部分应在的位置：其后一部分的标题处。
""",
    bad="""
一、总体情况
……
二、主动公开政府信息情况
……
三、收到和处理政府信息公开申请情况
……
四、政府信息公开行政复议、行政诉讼情况
……
六、其他需要报告的事项
无。
""",
    good="""
一、总体情况
……
二、主动公开政府信息情况
……
三、收到和处理政府信息公开申请情况
……
四、政府信息公开行政复议、行政诉讼情况
……
五、存在的主要问题及改进情况
……
六、其他需要报告的事项
无。
""",
)
def sec001(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for number, place in missing_sections(report, vocabulary.SECTION_NUMBERS):
        yield Violation(
            place,
            {
                "numeral": numerals.numeral(number),
                "title": vocabulary.section(number),
            },
            {"section": number},
            f"sections/{number}",
        )


_ORDER_PROBLEMS = {
    "duplicate": Text("重复出现", "appears more than once"),
    "order": Text("出现在第{after}部分之后", "comes after section {after}"),
}


@rule(
    "SEC002",
    "section-order",
    "warning",
    summary="The sections are out of order or duplicated.",
    summary_zh="各部分顺序错乱或重复。",
    message_zh="第{numeral}部分{problem}",
    message_en="Section {numeral} {problem}",
    explanation="""
The six parts must appear once each and in the prescribed order (一 to 六). A part that appears
twice usually means two headings were numbered alike (a copy-paste slip) or a section was split;
a part after a higher-numbered one means the report was re-arranged.
""",
    explanation_zh="""
六个部分须各出现一次，并按规定顺序（一至六）排列。某部分出现两次，通常是两个标题编号相同（照抄失误）或
某部分被拆分；某部分出现在编号更大的部分之后，说明报告被重新编排过。
""",
    bad="""
一、总体情况
……
三、收到和处理政府信息公开申请情况
……
二、主动公开政府信息情况
""",
    good="""
一、总体情况
……
二、主动公开政府信息情况
……
三、收到和处理政府信息公开申请情况
""",
)
def sec002(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    seen: set[int] = set()
    highest = 0
    for section in _in_order(report):
        numeral = numerals.numeral(section.number)
        problem = "duplicate" if section.number in seen else "order" if section.number < highest else None
        if problem is not None:
            yield Violation(
                section.heading,
                {
                    "numeral": numeral,
                    "problem": _ORDER_PROBLEMS[problem].format(after=numerals.numeral(highest)),
                },
                {"section": section.number, "problem": problem},
                f"sections/{section.number}/order",
            )
        seen.add(section.number)
        highest = max(highest, section.number)


# one form of each numbering mark: brackets, dots and commas, and full-width digits (``１.`` is 1.)
_PAREN = str.maketrans(
    {"(": "（", ")": "）", "．": ".", "，": "、", ",": "、", **{chr(0xFF10 + d): str(d) for d in range(10)}}
)


@lru_cache(maxsize=1024)
def _numbering(text: str) -> str:  # a handful of numberings recur in every report
    return compact(text).translate(_PAREN).rstrip("、.")


_SUB_NUMBERING = re.compile(rf"^（({numerals.COUNTING})）$")


@rule(
    "SEC003",
    "numbering",
    "warning",
    summary="Heading or table-row numbering out of sequence.",
    summary_zh="标题或表格行编号不连续。",
    message_zh="编号“{found}”应为“{expected}”：{label}",
    message_en="Numbering '{found}' should be '{expected}': {label}",
    explanation="""
Row labels of the official tables carry fixed numbers (一、 二、 三、 四、 in table 三, （一）…（七） for
the outcome rows), and sub-headings run （一）, （二）, … in order. A row labelled 七、结转下年度继续办理
where 四、 is due is still recognised by its text, but the wrong number is a visible slip in a
published statistical table and suggests the table was edited by hand.
""",
    explanation_zh="""
官方表格的行标签有固定编号（表三的一、二、三、四、，办理结果各行的（一）至（七）），小标题按（一）、（二）
……顺序排列。应为“四、”却写成“七、结转下年度继续办理”的行仍能按文字识别，但错误的编号是公开统计表中
显而易见的疏漏，说明表格被手工改动过。
""",
    bad="""
（七）总计 3 0 0 0 0 0 3
七、结转下年度继续办理 0 0 0 0 0 0 0
""",
    good="""
（七）总计 3 0 0 0 0 0 3
四、结转下年度继续办理 0 0 0 0 0 0 0
""",
)
def sec003(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    yield from _row_numbering(report)
    yield from _subheading_numbering(report)


def _row_numbering(report: Report) -> Iterator[Violation]:
    for table in report.tables:
        for row in table.rows:
            if not row.numbering or not row.expected_numbering:
                continue
            if row.numbering == row.expected_numbering or _numbering(row.numbering) == _numbering(
                row.expected_numbering
            ):
                continue
            yield Violation(
                row.label_span,
                {
                    "found": row.numbering.strip(),
                    "expected": row.expected_numbering,
                    "label": row.template_label or row.label,
                },
                {
                    "table": table.kind,
                    "row": row.key,
                    "found": row.numbering,
                    "expected": row.expected_numbering,
                },
                f"{table.kind}/{row.key or row.label}/numbering",
            )


def _subheading_numbering(report: Report) -> Iterator[Violation]:
    """（一）（二）… under each section: each number is 一 (a restart) or the previous one plus one."""
    for section in report.sections:
        previous = 0
        for heading in section.subheadings:
            m = _SUB_NUMBERING.match(_numbering(heading.numbering))
            if m is None:
                continue
            n = numerals.value(m.group(1)) or 0
            if n != 1 and n != previous + 1:
                expected = "（" + numerals.numeral(previous + 1) + "）"
                yield Violation(
                    heading.span,
                    {"found": heading.numbering.strip(), "expected": expected, "label": heading.title},
                    {"section": section.number, "found": heading.numbering, "expected": expected},
                    f"sections/{section.number}/{heading.title}/numbering",
                )
            previous = n


@rule(
    "SEC004",
    "empty-section",
    "warning",
    summary="A section heading with no content under it.",
    summary_zh="某部分标题下没有内容。",
    message_zh="第{numeral}部分“{title}”没有内容",
    message_en="Section {numeral} ({title}) has no content",
    explanation="""
Every part must say something, even if only that there is nothing to report (六、其他需要报告的事项
followed by “无。” is fine). A heading followed directly by the next heading usually means content was
lost when the report was assembled.
""",
    explanation_zh="""
每一部分都须有内容，哪怕只是说明没有需要报告的（“六、其他需要报告的事项”后写“无。”即可）。标题之后紧接
下一个标题，通常说明组稿时内容丢失了。
""",
    bad="""
五、存在的主要问题及改进情况
六、其他需要报告的事项
无。
""",
    good="""
五、存在的主要问题及改进情况
（一）存在问题……
（二）改进情况……
六、其他需要报告的事项
无。
""",
)
def sec004(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for section in report.sections:
        if section.is_empty:
            yield Violation(
                section.heading,
                {"numeral": numerals.numeral(section.number), "title": section.title},
                {"section": section.number},
                f"sections/{section.number}/content",
            )


_YEAR = re.compile(dates.YEAR)
_TITLE_PROBLEMS = {
    (): Text("缺失", "is missing"),
    ("organ",): Text("缺少机关名称", "lacks the organ"),
    ("year",): Text("缺少年度", "lacks the report year"),
    ("organ", "year"): Text("缺少机关名称和年度", "lacks the organ and the report year"),
}


@rule(
    "SEC005",
    "title",
    "warning",
    summary="The title lacks the organ or the report year, or is missing.",
    summary_zh="标题缺少机关名称或年度，或没有标题。",
    message_zh="标题{problem}",
    message_en="The title {problem}",
    explanation="""
The title names the organ and the year reported on, e.g. 《银川市西夏区兴泾镇人民政府2020年政府信息公开
工作年度报告》. Without them a reader (and the portal's annual-report column) cannot tell whose report
for which year it is.
""",
    explanation_zh="""
标题写明机关名称和报告年度，如《银川市西夏区兴泾镇人民政府2020年政府信息公开工作年度报告》。缺少这些，
读者（以及门户网站的年报栏目）无法分辨这是谁、哪一年的报告。
""",
    bad="""
政府信息公开工作年度报告
""",
    good="""
银川市西夏区兴泾镇人民政府
2020年政府信息公开工作年度报告
""",
)
def sec005(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    if report.title is None:
        yield Violation(None, {"problem": _TITLE_PROBLEMS[()]}, {"missing": ["title"]}, "title")
        return
    text = compact(report.title.text)
    missing: list[str] = []
    if not report.organ or compact(report.organ) not in text:
        missing.append("organ")
    if _YEAR.search(text) is None:
        missing.append("year")
    if not missing:
        return
    yield Violation(
        report.title.span,
        {"problem": _TITLE_PROBLEMS[tuple(missing)]},
        {"missing": missing},
        "title",
    )
