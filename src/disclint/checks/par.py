"""PAR — input and parsing: what the reader and the parser could not recover, said once."""

from __future__ import annotations

from collections.abc import Iterator

from ..nodes import Report, Span, merge_spans
from ..readers.base import LOW_CONFIDENCE, SourceLine
from ..rule import Param, Rule, RuleContext, Violation, rule
from ._util import TABLE_EN, TABLE_ZH, row_name


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
    bad="""
(a scanned PDF: every page is an image, there is no text layer)
""",
    good="""
银川市西夏区兴泾镇人民政府
2020年政府信息公开工作年度报告
（a PDF exported from Word, with its text layer）
""",
)
def par001(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for problem in report.problems:
        if problem.kind == "unreadable":
            yield Violation(None, {"reason": problem.message}, {"reason": problem.message}, "document")
            return


_TABLE_PROBLEMS = ("unrecognized-table", "parse-error")


@rule(
    "PAR002",
    "unrecognized-table",
    "warning",
    summary="A region looks like one of the standard tables but cannot be mapped onto its template.",
    summary_zh="疑似标准表格的内容无法对应到模板。",
    message_zh="无法识别{table_zh}：{reason}；相关检查未执行",
    message_en="Cannot map {table} onto its template: {reason}; the checks that need it were skipped",
    explanation="""
The identity checks (ACC001–ACC004) and the format checks (FMT003–FMT005) work on the tables of
sections 二, 三 and 四 once they are mapped onto the official template. When a region looks like such
a table (its header words or row labels are there) but the parser cannot map it — the layout is
broken beyond repair, labels are unrecognisable — disclint says so here once, and the rules that
would need the table stay silent rather than report false errors. Check the region by hand, or
re-export the document so the table keeps its rows.
""",
    bad="""
三、收到和处理政府信息公开申请情况
申请人情况 自然人 商业企业 科研机构 总计
3 0 0 3 0 0 0 0 1 1 …（数字与行标签全部脱节，无法对应）
""",
    good="""
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 3 0 0 0 0 0 3
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
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
                "table": TABLE_EN.get(table, table),
                "table_zh": TABLE_ZH.get(table, "表格"),
                "reason": problem.message,
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
    message_zh="“{row}”有{count}个数值，模板为{expected}列，无法确定各值所属的列",
    message_en="Row '{row}' has {count} values for {expected} columns; its values cannot be assigned to columns",
    explanation="""
Each value row of table 三 has 7 columns (six applicant types and 总计), table 四 has 15 values, and
each row of table 二 has the columns of its sub-table. A row with a lost or an extra cell (a merged
cell dropped by the export, a stray number) cannot be read safely: disclint does not pad or cut it
silently. The identity checks use such a row only where every possible alignment of its values gives
the same answer; this finding tells you the row needs fixing.
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
                {"row": row_name(row), "count": len(row.cells), "expected": expected},
                {"table": table.kind, "row": row.key, "values": raw, "expected_cells": expected},
                f"{table.kind}/{row.key or row.label}/shape",
            )


NOISE_ZH = {
    "html-tag": "HTML 标记",
    "mailto": "mailto: 链接残留",
    "markdown-bold": "Markdown 加粗标记",
    "autolink": "Markdown 自动链接",
    "page-number": "页码",
}


@rule(
    "PAR004",
    "extraction-noise",
    "info",
    summary="Markup or extraction artefacts inside the text.",
    summary_zh="正文中有标记或转换残留。",
    message_zh="正文含{kind_zh}（{count}处）：{text}",
    message_en="Extraction artefact ({kind}, {count}×) in the text: {text}",
    explanation="""
Text copied from web pages and converters often keeps markup that a reader of the published report
should never see: HTML tags such as `<input type="checkbox"/>`, `mailto:` links, Markdown `**bold**`
markers, `<http://…>` autolinks, page numbers inside paragraphs. disclint ignores them while parsing
but reports each line once so the published text can be cleaned.
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
            {"kind": kind, "kind_zh": NOISE_ZH.get(kind, kind), "text": text, "count": len(spans)},
            {"kind": kind, "count": len(spans)},
            f"noise/{kind}",
        )


@rule(
    "PAR006",
    "low-ocr-confidence",
    "info",
    summary="A table value read by OCR from a page image has a low recognition confidence.",
    summary_zh="从页面图像识别（OCR）的表格数值置信度低。",
    message_zh="请核对：识别置信度低（{confidence}）：“{row}”中的“{raw}”",
    message_en="check: low OCR confidence ({confidence}) for '{raw}' in row '{row}'",
    params=[
        Param("threshold", LOW_CONFIDENCE, "Recognition confidence (0–1) below which a value is reported.")
    ],
    explanation="""
A scanned report (a PDF of page images, or an image file) is read by OCR. Every value keeps the
confidence the recogniser gave it. A digit read with little confidence (a smudge, a stamp over the
table, a faint print) may be wrong, and a wrong digit would make the identity checks report a
defect that is not in the document, or miss one that is. Rather than guess silently, disclint
asks you to compare such a value with the page image (the finding gives the page and the box of
the cell). Findings of other rules on a low-confidence cell say so too.
""",
    bad="""
（a scanned report: in table 三, the cell 予以公开 / 总计 is read as “8” with confidence 0.41）
""",
    good="""
（the same cell read with confidence 0.99, or a report with a text layer）
""",
)
def par005(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    threshold = float(ctx.param("threshold"))
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


def ocr_confidence(report: Report, span: Span) -> float | None:
    """The OCR confidence of the text at ``span`` (its cell or line); None when not read by OCR."""
    if not 1 <= span.line <= len(report.natives):
        return None
    source = report.natives[span.line - 1]
    return source.confidence_at(span.column) if isinstance(source, SourceLine) else None


RULES: list[Rule] = [par001, par002, par003, par004, par005]
