"""PAR — input and parsing: what the reader and the parser could not recover, said once."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress, repeat
from operator import attrgetter

from .. import recognize
from ..domain import vocabulary
from ..messages import Text, joined
from ..nodes import BLANK, Report, Span, merge_spans
from ..readers.base import LOW_CONFIDENCE, SourceLine
from ..rule import Param, RuleContext, Violation, rule
from ._util import row_name


@rule(
    "PAR001",
    "unreadable-input",
    "error",
    summary="The file cannot be decoded or opened.",
    summary_zh="文件无法读取或解码。",
    message_zh="无法读取文件：{reason}",
    message_en="Cannot read the file: {reason}",
    explanation="""
A file that cannot be turned into text (bad encoding, corrupt DOCX/PDF, a scanned PDF with no text
layer) cannot be checked at all. disclint reports it once, with the reason, instead of failing: the
rest of the batch is still checked. Fix the file (re-export it as text-based PDF or DOCX, or save
the text as UTF-8) and run again.
""",
    explanation_zh="""
无法转换为文字的文件（编码错误、损坏的DOCX/PDF、没有文本层的扫描PDF）根本无法检查。disclint 报告一次并
说明原因，而不是中止：同批其余文件照常检查。请修复文件（重新导出为带文字的PDF或DOCX，或将文本另存为
UTF-8）后再运行。
""",
    bad="""
(a scanned PDF: every page is an image, there is no text layer)
""",
    good="""
银川市西夏区兴泾镇人民政府
2020年政府信息公开工作年度报告
（a PDF exported from Word, with its text layer）
""",
    runnable_examples=False,  # the input is a file that is not text; tests/rules/PAR001.yml has real ones
    documents="all",
)
def par001(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for problem in report.problems:
        if problem.kind == "unreadable":
            reason = Text(problem.message_zh or problem.message, problem.message)
            yield Violation(None, {"reason": reason}, {"reason": problem.message}, "document")
            return


_TABLE_PROBLEMS = ("unrecognized-table", "parse-error")


@rule(
    "PAR002",
    "unrecognized-table",
    "warning",
    summary="A region looks like one of the standard tables but cannot be mapped onto its template.",
    summary_zh="疑似标准表格的内容无法对应到模板。",
    message_zh="无法识别{table}：{reason}；相关检查未执行",
    message_en="Cannot map {table} onto its template: {reason}; the checks that need it were skipped",
    explanation="""
The identity checks (ACC001–ACC004) and the format checks (FMT003–FMT005) work on the tables of
sections 二, 三 and 四 once they are mapped onto the official template. When a region looks like such
a table (its header words or row labels are there) but the parser cannot map it — the layout is
broken beyond repair, labels are unrecognisable — disclint says so here once, and the rules that
would need the table stay silent rather than report false errors. Check the region by hand, or
re-export the document so the table keeps its rows.
""",
    explanation_zh="""
勾稽关系检查（ACC001–ACC004）和格式检查（FMT003–FMT005）作用于第二、三、四部分中已对应到官方模板的
表格。某一区域看起来是这样的表格（有表头词语或行标签），解析器却无法对应——版式损坏到无法修复、标签无法
识别——disclint 在此报告一次，需要该表格的规则保持沉默，而不是报出错误的问题。请人工核对该区域，或重新
导出文档使表格保留其各行。
""",
    bad="""
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 0
行政规范性文件 1 0 6
第二十条第（十）项
信息内容 本年项目数量
某某事项 3
""",
    good="""
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 0
行政规范性文件 1 0 6
""",
)
def par002(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for problem in report.problems:
        if problem.kind not in _TABLE_PROBLEMS:
            continue
        table = problem.table or "table"
        yield Violation(
            problem.span,
            {
                "table": vocabulary.table(problem.table),
                "reason": Text(problem.message_zh or problem.message, problem.message),
            },
            {"table": problem.table, "kind": problem.kind},
            f"{table}/{problem.kind}",
        )


@rule(
    "PAR003",
    "missing-cells",
    "warning",
    summary="A table row has fewer or more values than the template has columns.",
    summary_zh="表格行的数值个数与模板列数不符。",
    message_zh="“{row}”有{count}个数值，模板为{expected}列，{consequence}",
    message_en="Row '{row}' has {count} values for {expected} columns; {consequence}",
    explanation="""
Each value row of table 三 has 7 columns (six applicant types and 总计), table 四 has 15 values, and
each row of table 二 has the columns of its sub-table. A row with a lost or an extra cell (a merged
cell dropped by the export, a stray number) cannot be read safely: disclint does not pad or cut it
silently. The identity checks use such a row only where every possible alignment of its values gives
the same answer; this finding tells you the row needs fixing.
""",
    explanation_zh="""
表三每一数值行有7列（六类申请人和总计），表四有15个数，表二每行的列数由其子表决定。缺一格或多一格的行
（导出时丢失的合并单元格、多余的数字）无法可靠读取：disclint 不会悄悄补齐或截断。勾稽关系检查只在各种
对齐方式结论一致时才使用这样的行；本问题提示该行需要修正。
""",
    bad="""
（一）予以公开 0 0 0 0 0 0
""",
    good="""
（一）予以公开 0 0 0 0 0 0 0
""",
)
def par003(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for table in report.tables:
        for row in table.rows:
            if not row.incomplete:
                continue
            expected = row.expected_cells or len(table.columns)
            raw = [c.raw for c in row.cells]
            yield Violation(
                row.span,
                {
                    "row": row_name(row),
                    "count": len(row.cells),
                    "expected": expected,
                    "consequence": _NO_VALUES if not row.cells else _UNPLACED,
                },
                {"table": table.kind, "row": row.key, "values": raw, "expected_cells": expected},
                f"{table.kind}/{row.key or row.label}/shape",
            )


_UNPLACED = Text("无法确定各值所属的列", "its values cannot be assigned to columns")
_NO_VALUES = Text(
    "其数值未能读出（原文未填写，或提取文本时丢失）",
    "none of its values could be read (left empty, or lost when the text was extracted)",
)


NOISE = {
    "html-tag": Text("HTML 标记", "html-tag"),
    "mailto": Text("mailto: 链接残留", "mailto"),
    "markdown-bold": Text("Markdown 加粗标记", "markdown-bold"),
    "autolink": Text("Markdown 自动链接", "autolink"),
    "page-number": Text("页码", "page-number"),
    "page-header": Text("页眉页脚", "page-header"),
}


@rule(
    "PAR004",
    "extraction-noise",
    "info",
    summary="Markup or extraction artefacts inside the text.",
    summary_zh="正文中有标记或转换残留。",
    message_zh="正文含{kind}（{count}处）：{text}",
    message_en="Extraction artefact ({kind}, {count}×) in the text: {text}",
    explanation="""
Text copied from web pages and converters often keeps markup that a reader of the published report
should never see: HTML tags such as `<input type="checkbox"/>`, `mailto:` links, Markdown `**bold**`
markers, `<http://…>` autolinks, page numbers inside paragraphs. disclint ignores them while parsing
but reports each line once so the published text can be cleaned.
""",
    explanation_zh="""
从网页和转换工具复制的文字常残留读者不应看到的标记：`<input type="checkbox"/>` 之类的HTML标记、
`mailto:` 链接、Markdown `**加粗**` 标记、`<http://…>` 自动链接、段落中的页码。disclint 解析时忽略它们，
但每行报告一次，以便清理公开的文本。
""",
    bad="""
<input checked="" type="checkbox"/> 西夏区人民政府门户网站
""",
    good="""
西夏区人民政府门户网站
""",
)
def par004(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    groups: dict[tuple[int, str], list[Span]] = {}
    texts: dict[tuple[int, str], list[str]] = {}
    for noise in report.noise:
        key = (noise.span.line, noise.kind)
        groups.setdefault(key, []).append(noise.span)
        texts.setdefault(key, []).append(noise.text)
    for (line, kind), spans in sorted(groups.items()):
        text = " ".join(dict.fromkeys(texts[(line, kind)]))
        if len(text) > 60:
            text = text[:57] + "…"
        yield Violation(
            merge_spans(spans),
            {"kind": NOISE.get(kind, Text(kind, kind)), "text": text, "count": len(spans)},
            {"kind": kind, "count": len(spans)},
            f"noise/{kind}",
        )


@rule(
    "PAR005",
    "blank-cells",
    "info",
    summary="A table has blank (empty) cells; the accounting identities count them as 0.",
    summary_zh="表格中有空白单元格，勾稽关系检查按0计算。",
    message_zh="{table}有{count}个空白单元格{columns}，勾稽关系检查按0计算",
    message_en="{table} has {count} blank cell(s){columns}; the identities count them as 0",
    explanation="""
A DOCX, HTML or PDF table may leave a cell empty where the count is zero (often a whole column,
e.g. the five 法人或其他组织 columns of table 三). An empty cell is not a lost cell: it is read as
blank, kept apart from numbers in the parsed report, and taken as 0 by the identities (their
findings list such cells under ``counted_as_zero``). One finding per table names the columns that
are blank in every row; write 0 so that readers do not have to guess.
""",
    explanation_zh="""
DOCX、HTML 或 PDF 表格常在件数为零处留空（往往是整列，如表三“法人或其他组织”的五列）。空白单元格不是
丢失的单元格：它被读作“空白”，在解析结果中与数字分开，勾稽关系检查按0计算（其发现在
``counted_as_zero`` 中列出这些单元格）。每张表只报告一次，并列出每行都空白的列；请填写0，免得读者猜测。
""",
    bad="""
一、本年新收政府信息公开申请数量 | 26 | | | | | | 26
""",
    good="""
一、本年新收政府信息公开申请数量 | 26 | 0 | 0 | 0 | 0 | 0 | 26
""",
)
def par005(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for table in report.tables:
        blanks = [
            c
            for row in table.rows
            if not row.incomplete and BLANK in map(_KIND, row.cells)  # (a row's kinds looked at in C first)
            for c in row.cells
            if c.kind == BLANK
        ]
        if not blanks:
            continue
        rows = [row for row in table.rows if not row.incomplete and row.cells]
        whole = [
            column
            for column in dict.fromkeys(c.column for c in blanks if c.column)
            if all((cell := row.cell(column)) is not None and cell.kind == BLANK for row in rows)
        ]
        columns = _WHOLE_COLUMNS.format(columns=joined(vocabulary.column(c) for c in whole)) if whole else ""
        yield Violation(
            blanks[0].span,
            {"table": vocabulary.table(table.kind), "count": len(blanks), "columns": columns},
            {"table": table.kind, "blank_cells": len(blanks), "blank_columns": whole},
            f"{table.kind}/blank",
        )


_KIND = attrgetter("kind")
_WHOLE_COLUMNS = Text("（{columns}列全部空白）", " (blank in every row: {columns})")


@rule(
    "PAR006",
    "low-ocr-confidence",
    "info",
    summary="A table value read by OCR from a page image has a low recognition confidence.",
    summary_zh="从页面图像识别（OCR）的表格数值置信度低。",
    message_zh="请核对：识别置信度低（{confidence}）：“{row}”中的“{raw}”",
    message_en="check: low OCR confidence ({confidence}) for '{raw}' in row '{row}'",
    params=[
        Param(
            "threshold",
            LOW_CONFIDENCE,
            "Recognition confidence (0–1) below which a value is reported.",
            "识别置信度（0–1）低于该值即提示。",
        )
    ],
    runnable_examples=False,
    explanation="""
A scanned report (a PDF of page images, or an image file) is read by OCR. Every value keeps the
confidence the recogniser gave it. A digit read with little confidence (a smudge, a stamp over the
table, a faint print) may be wrong, and a wrong digit would make the identity checks report a
defect that is not in the document, or miss one that is. Rather than guess silently, disclint
asks you to compare such a value with the page image (the finding gives the page and the box of
the cell). Findings of other rules on a low-confidence cell say so too.
""",
    explanation_zh="""
扫描件（页面图像组成的 PDF 或图片文件）靠 OCR 识别。每个值都保留识别置信度。置信度低的数字（污渍、盖在
表格上的印章、字迹浅淡）可能识别错误，而错一个数字就会让勾稽检查报出文件里并不存在的问题，或漏掉真正的
问题。disclint 不作静默猜测，而是请您对照页面图像核对这样的值（发现给出页码和单元格位置）。其他规则在低
置信度单元格上的发现也会注明。
""",
    bad="""
（a scanned report: in table 三, the cell 予以公开 / 总计 is read as “8” with confidence 0.41）
""",
    good="""
（the same cell read with confidence 0.99, or a report with a text layer）
""",
)
def par006(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    threshold = float(ctx.param("threshold"))
    if not _read_by_ocr(report.natives):
        return  # no line was read by OCR
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                confidence = ocr_confidence(report, cell.span)
                if confidence is None or confidence >= threshold:
                    continue
                yield Violation(
                    cell.span,
                    {"row": row_name(row), "raw": cell.raw, "confidence": f"{confidence:.2f}"},
                    {
                        "table": table.kind,
                        "row": row.key,
                        "column": cell.column,
                        "raw": cell.raw,
                        "confidence": round(confidence, 2),
                    },
                    f"{table.kind}/{row.key or row.label}/{cell.column or cell.raw}/ocr",
                )


def _read_by_ocr(natives: tuple[object, ...]) -> bool:
    """Whether a line of ``natives`` has OCR confidences. Every line's ``confidence`` is read in
    C (``compress`` keeps the lines where it is set: none, but for a report read by OCR), and only
    those lines are looked at here."""
    for s in compress(natives, map(getattr, natives, repeat("confidence"), repeat(None))):
        if isinstance(s, SourceLine):
            return True
    return False


def ocr_confidence(report: Report, span: Span) -> float | None:
    """The OCR confidence of the text at ``span`` (its cell or line); None when not read by OCR."""
    if not 1 <= span.line <= len(report.natives):
        return None
    source = report.natives[span.line - 1]
    return source.confidence_at(span.column) if isinstance(source, SourceLine) else None


# PAR007's examples: nine lines of a folder's notes, without a title (bad) and under one (good)
_FOLDER_NOTES = """\
本文件夹存放各单位报送的材料。
文件按单位名称排列。
每个单位一个文件。
PDF为正式版本。
DOCX为可编辑版本。
网页版另见网站。
如有缺漏请联系办公室。
请勿修改原文件。
整理人：办公室。
"""


@rule(
    "PAR007",
    "not-a-report",
    "warning",
    summary="The document is not recognised as an annual report (no title, section heading or table).",
    summary_zh="文件未被识别为政府信息公开工作年度报告（没有标题、部分标题或表格）。",
    message_zh="未识别为政府信息公开工作年度报告：{lines}行文字中没有标题、六个部分的标题和统计表格，未作其他检查",
    message_en=(
        "Not recognised as an annual report on government information disclosure: {lines} lines of "
        "text with no title, none of the six section headings and no table; no other rule was run"
    ),
    documents="readable",
    explanation="""
A folder of reports often holds other files too: a README, a cover letter, a list of links, a notice
asking for the reports. Judged as a report, such a file would get a dozen findings that say nothing
(six sections missing, no title, no contacts). So a readable document of at least 10 non-blank
lines that has no title (政府信息公开工作年度报告), none of the six section headings (一、总体情况 …) and
no table is not judged: it gets this one finding and no other rule runs on it. A shorter text is
taken as a fragment checked on purpose and every rule runs on it.

If the file *is* a report, its title and headings were not recognised: check that the title names
the report (……年政府信息公开工作年度报告) and that the sections start with their numbered headings.
""",
    explanation_zh="""
报告文件夹里常有其他文件：说明文件、报送函、链接清单、要求报送年报的通知。把它们当作年报检查，会得到十几条
毫无意义的问题（缺少六个部分、没有标题、没有联系方式）。因此，一份可读的文件如有至少10行非空文字，却既没有
标题（政府信息公开工作年度报告），也没有六个部分的任何标题（一、总体情况……），也没有表格，就不作检查：只报告
本条，不运行其他规则。更短的文字视为有意检查的片段，所有规则照常运行。

如果该文件确是年报，说明其标题和部分标题未被识别：请检查标题是否写明报告名称（……年政府信息公开工作年度
报告），各部分是否以带编号的标题开头。
""",
    bad="\n# 年报文件夹说明\n" + _FOLDER_NOTES,
    good="\n某某镇人民政府2024年政府信息公开工作年度报告\n" + _FOLDER_NOTES,
)
def par007(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    if not recognize.recognised(report):
        lines = recognize.content_lines(report)
        yield Violation(None, {"lines": lines}, {"lines": lines}, "document")
