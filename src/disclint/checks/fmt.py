"""FMT — format version: which notice is cited, which table layout is used, template deviations."""

from __future__ import annotations

from collections.abc import Iterator

from .. import templates as tpl
from ..domain import vocabulary
from ..messages import Text, joined
from ..nodes import FormatSignal, Report, Span, Table
from ..notice import NOTICE_NAMES
from ..rule import Param, RuleContext, Violation, rule
from ._util import compact, describe_signal, preamble_span, row_name, template_label

NOTICE = NOTICE_NAMES  # the format notices, as cited in messages
_MIXED = Text("表格混用〔2019〕60号与〔2021〕30号两种格式", "the tables mix the 60 and 30 formats")
_CITED_OTHER = Text(
    "引用{cited}，表格却为{used}格式", "the report cites {cited} but its tables follow {used}"
)
CUTOFF = Param(
    "cutoff_year",
    2021,
    "first report year governed by 〔2021〕30号 (earlier years: 〔2019〕60号)",
    "适用〔2021〕30号的第一个报告年度（此前适用〔2019〕60号）",
)


def expected_format(year: int, cutoff: int) -> str:
    return "30" if year >= cutoff else "60"


@rule(
    "FMT001",
    "missing-format-citation",
    "info",
    summary="The report cites no format notice.",
    summary_zh="未引用年度报告格式通知。",
    message_zh="未注明所依据的年度报告格式通知（{expected_notice}）",
    message_en="The report does not cite the format notice it follows ({expected_notice})",
    explanation="""
The preamble usually states the legal basis: the Regulations and the notice that prescribes the
report format — 国办公开办函〔2019〕60号 for the 2019 and 2020 reports, 〔2021〕30号 from the 2021
report on. Citing it tells the reader which template the tables follow.
""",
    explanation_zh="""
引言通常说明编制依据：《条例》以及规定报告格式的通知——2019、2020年度报告为国办公开办函〔2019〕60号，
2021年度起为〔2021〕30号。引用格式通知，读者才知道表格依据哪个模板。
""",
    bad="""
根据《中华人民共和国政府信息公开条例》要求，现发布本报告。
""",
    good="""
根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求，现发布本报告。
""",
    params=(CUTOFF,),
)
def fmt001(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    if report.format_cited is not None or report.format_citations:
        return
    if report.year is not None and report.year < 2019:
        return
    fmt = expected_format(report.year, ctx.param("cutoff_year")) if report.year is not None else None
    notice = NOTICE[fmt] if fmt else "〔2019〕60号 / 〔2021〕30号"
    yield Violation(
        preamble_span(report), {"expected_notice": notice}, {"expected": fmt}, "preamble/format_citation"
    )


@rule(
    "FMT002",
    "wrong-format-notice",
    "error",
    summary="The cited notice does not govern the report year.",
    summary_zh="所引格式通知与报告年度不符。",
    message_zh="{year}年度报告应依据{expected_notice}，却引用了{cited_notice}",
    message_en="A report for {year} follows {expected_notice}, but it cites {cited_notice}",
    explanation="""
〔2019〕60号 governs the 2019 and 2020 reports; 〔2021〕30号 governs every report from 2021 on (the
`cutoff_year` parameter). Citing the old notice in a 2021+ report — a copy-paste from an old report —
usually comes with old tables too (see FMT003).
""",
    explanation_zh="""
〔2019〕60号适用于2019、2020年度报告；〔2021〕30号适用于2021年度起的所有报告（参数 `cutoff_year`）。
2021年度以后的报告引用旧通知——从旧报告照抄——通常表格也是旧的（见FMT003）。
""",
    bad="""
沙坡头区兴仁镇
2024年政府信息公开工作年度报告
根据……《关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求……
""",
    good="""
沙坡头区兴仁镇
2024年政府信息公开工作年度报告
根据……的通知》（国办公开办函〔2021〕30号）要求……
""",
    params=(CUTOFF,),
)
def fmt002(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    cited = report.format_cited
    if cited is None or report.year is None or cited.notice not in NOTICE or report.year < 2019:
        return
    expected = expected_format(report.year, ctx.param("cutoff_year"))
    if cited.notice == expected:
        return
    yield Violation(
        cited.span,
        {"year": report.year, "expected_notice": NOTICE[expected], "cited_notice": NOTICE[cited.notice]},
        {"year": report.year, "cited": cited.notice, "expected": expected, "cited_by": cited.cited_by},
        "preamble/format_citation",
    )


def _signal_span(table: Table, fmt: str) -> Span:
    spans = [s.span for s in table.signals if s.format == fmt]
    return min(spans) if spans else table.span


@rule(
    "FMT003",
    "legacy-table-format",
    "error",
    summary="A table in the 60 format in a report for a year the 30 format governs.",
    summary_zh="2021年及以后的报告使用了〔2019〕60号旧格式表格。",
    message_zh="{year}年度报告的{table}使用了〔2019〕60号旧格式（依据：{reason}）",
    message_en="{table} of a {year} report uses the old 〔2019〕60号 layout ({reason})",
    explanation="""
From the 2021 report on, the tables follow 〔2021〕30号: table 二 has 本年制发件数 / 本年废止件数 /
现行有效件数, single-column 本年处理决定数量 rows, 本年收费金额（单位：万元） and no 政府集中采购; table 三
splits （六）其他处理 into three sub-rows. A 2021+ report still showing 本年新制作数量 / 本年新公开数量 /
对外公开总数量, 上一年项目数量 / 本年增/减, 政府集中采购 or a single （六）其他处理 row was filled in on the
old template.
""",
    explanation_zh="""
自2021年度报告起，表格按〔2021〕30号填报：表二为本年制发件数/本年废止件数/现行有效件数、单列的本年处理
决定数量、本年收费金额（单位：万元），没有政府集中采购；表三的（六）其他处理分为三个子项。2021年度以后的
报告仍出现本年新制作数量/本年新公开数量/对外公开总数量、上一年项目数量/本年增/减、政府集中采购或单行的
（六）其他处理，说明是按旧模板填写的。
""",
    bad="""
2024年政府信息公开工作年度报告
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
规章 0 0 0
规范性文件 0 0 0
""",
    good="""
2024年政府信息公开工作年度报告
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 0
行政规范性文件 0 0 0
""",
    params=(CUTOFF,),
)
def fmt003(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    if report.year is None or report.year < ctx.param("cutoff_year"):
        return
    for table in report.tables:
        if table.format != "60":
            continue
        reasons = [s.reason for s in table.signals if s.format == "60"]
        yield Violation(
            _signal_span(table, "60"),
            {
                "year": report.year,
                "table": vocabulary.table(table.kind),
                "reason": joined(describe_signal(r) for r in reasons),
            },
            {"table": table.kind, "format": "60", "year": report.year, "signals": reasons},
            f"{table.kind}/format",
        )


def _first_signal(report: Report, fmt: str) -> FormatSignal | None:
    signals = [s for t in report.tables for s in t.signals if s.format == fmt]
    return min(signals, key=lambda s: s.span) if signals else None


@rule(
    "FMT004",
    "format-mismatch",
    "warning",
    summary="The cited notice and the table format disagree, or the report mixes both formats.",
    summary_zh="所引格式通知与表格格式不一致，或新旧格式混用。",
    message_zh="格式不一致：{detail}",
    message_en="Format mismatch: {detail}",
    explanation="""
A report states which format notice it follows and then uses that notice's tables. When the
citation says 〔2021〕30号 but table 二 is in the 60 layout, or table 二 follows one format and table 三
the other, parts of the report were copied from different templates and the figures may not mean
what their labels say. A citation that is wrong for the report year is FMT002's finding, 60-format
tables in a 2021+ report FMT003's; this rule then reports only the mixing of formats.
""",
    explanation_zh="""
报告说明依据哪个格式通知，就应使用该通知的表格。引用〔2021〕30号而表二为60号格式，或表二与表三分属两种
格式，说明报告各部分抄自不同模板，数字可能与其标签含义不符。引用的通知与报告年度不符由FMT002报告，
2021年度以后使用60号格式表格由FMT003报告；此时本规则只报告格式混用。
""",
    bad="""
……（国办公开办函〔2021〕30号）……
第二十条第（一）项
信息内容 本年新制作数量 本年新公开数量 对外公开总数量
""",
    good="""
……（国办公开办函〔2021〕30号）……
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
""",
    params=(CUTOFF,),
)
def fmt004(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    formats = {s.format for t in report.tables for s in t.signals if s.format in NOTICE}
    cited = report.format_cited.notice if report.format_cited is not None else None
    if len(formats) > 1:
        # the odd one out: the format that disagrees with the citation (or with table 二)
        base = cited if cited in formats else report.table_format
        odd = next((f for f in sorted(formats) if f != base), None) or "60"
        signal = _first_signal(report, odd)
        yield Violation(
            signal.span if signal is not None else None,
            {"detail": _MIXED},
            {"formats": sorted(formats), "cited": cited, "odd": odd},
            "tables/format",
        )
        return
    used = report.table_format
    if cited is None or cited not in NOTICE or used is None or used == cited or report.format_cited is None:
        return
    if report.year is not None and report.year >= 2019:
        expected = expected_format(report.year, ctx.param("cutoff_year"))
        legacy_tables = used == "60" and expected == "30"
        if cited != expected or legacy_tables:
            return  # FMT002 (wrong citation) or FMT003 (legacy tables) already names the cause
    yield Violation(
        report.format_cited.span,
        {"detail": _CITED_OTHER.format(cited=NOTICE[cited], used=NOTICE[used])},
        {"formats": [used], "cited": cited},
        "preamble/format_citation",
    )


_TABLE_MISSING = Text("缺失", ": the table is missing")
_ROWS_MISSING = Text("缺少模板行：{rows}", ": template rows missing: {rows}")
_ROW_UNKNOWN = Text("有模板中没有的行“{row}”", ": row not in the template: {row}")


@rule(
    "FMT005",
    "template-deviation",
    "warning",
    summary="Template rows or tables missing, renamed beyond recognition, or added.",
    summary_zh="表格与模板不符：缺行、缺表或有无法识别的行。",
    message_zh="{table}{detail}",
    message_en="{table}{detail}",
    explanation="""
The tables of sections 二, 三 and 四 are fixed by the format notice: every row of the template must be
there, under its own label, and nothing else. A missing row (e.g. the （六）其他处理 sub-rows of the 30
format) leaves a statistic unreported; an unknown row (renamed beyond recognition, or added) cannot be
checked. Sub-total rows (小计) are tolerated.
""",
    explanation_zh="""
第二、三、四部分的表格由格式通知固定：模板的每一行都须以其本来标签出现，且不得有其他行。缺少一行（如30号
格式（六）其他处理的子项）会漏报一项统计；无法识别的行（改名到认不出或新增的行）无法核对。小计行可以
容许。
""",
    bad="""
二、主动公开政府信息情况
详见本机关政府信息公开专栏。
""",
    good="""
二、主动公开政府信息情况
第二十条第（一）项
信息内容 本年制发件数 本年废止件数 现行有效件数
规章 0 0 0
行政规范性文件 1 0 6
第二十条第（五）项
信息内容 本年处理决定数量
行政许可 12
第二十条第（六）项
信息内容 本年处理决定数量
行政处罚 2
行政强制 0
第二十条第（八）项
信息内容 本年收费金额（单位：万元）
行政事业性收费 0
""",
)
def fmt005(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    recovered = {p.table for p in report.problems if p.kind in ("unrecognized-table", "parse-error")}
    for kind, number in tpl.table_sections():
        section = report.section(number)
        if report.table(kind) is None and section is not None and kind not in recovered:
            yield Violation(
                section.heading,
                {"table": vocabulary.table(kind), "detail": _TABLE_MISSING},
                {"table": kind, "missing": "table"},
                f"{kind}/table",
            )
    for table in report.tables:
        name = vocabulary.table(table.kind)
        if table.missing_rows:
            labels = [template_label(table.kind, k) for k in table.missing_rows]
            yield Violation(
                Span.point(table.span.line),
                {"table": name, "detail": _ROWS_MISSING.format(rows=joined(labels))},
                {"table": table.kind, "missing_rows": list(table.missing_rows)},
                f"{table.kind}/missing_rows",
            )
        for row in table.rows:
            if row.key is not None or "小计" in compact(row.label) or table.kind == "review_litigation":
                continue  # (table 四's one row without a key: its values, not fitting, are PAR003's)
            yield Violation(
                row.label_span,
                {"table": name, "detail": _ROW_UNKNOWN.format(row=row_name(row))},
                {"table": table.kind, "row": None, "label": row.label},
                f"{table.kind}/{compact(row.label)}",
            )
