"""A row's few values put in their columns by where they stand in ``pdftotext -layout`` text of a
page that leaves zeros blank (parse/layout_columns.py).

Before, such a row of table 三 (``一、本年新收…申请   3        3``: two values for seven columns)
or of table 二 (``行政许可   1``: one for three) was kept with its raw values and reported as
values that cannot be placed (PAR003, 41 warnings over the five seeds rendered so), and its
identities went unchecked. The texts here are written as ``pdftotext -layout`` writes the seed
renderings (tests/test_layout_blank_rows.py renders and extracts the seeds themselves)."""

from __future__ import annotations

from collections.abc import Sequence

from disclint import engine
from disclint.nodes import Report
from disclint.parse import parse_text

PAGE_BREAK = "\f"


def at(*words: tuple[int, str]) -> str:
    """A layout line: each word at its character offset."""
    line = ""
    for offset, word in words:
        line = line.ljust(offset) + word
    return line


HEADER = [
    at((0, "（本列数据的勾稽关系为：第一"), (19, "申请人情况")),
    at((0, "项加第二项之和，等于第三项加"), (19, "自然人"), (25, "法人或其他组织"), (56, "总计")),
    at(
        (0, "第四项之和）"),
        (25, "商业企业"),
        (30, "科研机构"),
        (37, "社会公益"),
        (44, "法律服务"),
        (51, "其他"),
    ),
    at((37, "组织"), (44, "机构")),
]
NEW = at((0, "一、本年新收政府信息公开申请"), (19, "3"), (56, "3"))
PROACTIVE = [
    "第二十条第（五）项",
    at((0, "信息内容"), (14, "上一年项目数量"), (29, "本年增/减"), (46, "处理决定数量")),
    at((0, "行政许可"), (14, "1")),
    "第二十条第（六）项",
    at((0, "信息内容"), (14, "上一年项目数量"), (29, "本年增/减"), (46, "处理决定数量")),
    at((0, "行政处罚"), (14, "35"), (29, "-35")),
    "行政强制",
]


def _report(*lines: str, proactive: Sequence[str] = PROACTIVE) -> Report:
    """A report of table 二 (``proactive``: its sub-tables) and table 三 (``lines``)."""
    two, three = "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"
    return parse_text("\n".join(["一、总体情况", "概述。", two, *proactive, three, *lines]))


def _cells(report: Report, kind: str, key: str) -> list[tuple[str, str]] | None:
    table = report.table(kind)
    row = table.row(key) if table is not None else None
    if row is None or row.incomplete:
        return None
    return [(c.kind, c.raw) for c in row.cells]


def _par003(report: Report) -> list[str]:
    findings = engine.run([report], engine.registry().default_settings(), "en")
    return [f.logical_path for f in findings if f.code == "PAR003"]


B = ("blank", "")


def test_a_row_of_table_three_gets_its_values_in_their_columns_and_blanks_elsewhere() -> None:
    report = _report(*HEADER, NEW, "数量")
    assert _cells(report, "applications", "new_received") == [("number", "3"), B, B, B, B, B, ("number", "3")]
    assert not [p for p in _par003(report) if p.startswith("applications")]


def test_a_row_of_table_two_is_placed_by_its_sub_tables_header_and_a_label_alone_is_blank() -> None:
    report = _report(*HEADER, NEW)
    assert _cells(report, "proactive", "licensing") == [("number", "1"), B, B]
    assert _cells(report, "proactive", "penalty") == [("number", "35"), ("number", "-35"), B]
    assert _cells(report, "proactive", "enforcement") == [B, B, B]
    assert _par003(report) == []


def test_a_value_left_of_the_columns_or_between_two_is_not_placed() -> None:
    between = at((0, "一、本年新收政府信息公开申请"), (24, "3"), (56, "3"))  # as near 自然人 as 商业企业
    report = _report(*HEADER, between)
    table = report.table("applications")
    assert table is not None
    row = table.row("new_received")
    assert row is not None and row.incomplete and [c.raw for c in row.cells] == ["3", "3"]


def test_a_row_of_table_three_whose_values_stand_under_no_total_is_not_placed() -> None:
    # a row with a count has a total: one value under 社会公益 alone is a text read on another
    # grid (or a report without its total), never a row to fill with blanks
    alone = at((0, "一、本年新收政府信息公开申请"), (37, "3"))
    report = _report(*HEADER, alone)
    assert _cells(report, "applications", "new_received") is None
    assert "applications/new_received/shape" in _par003(report)


def test_a_table_that_writes_its_zeros_keeps_a_row_with_a_lost_cell_as_it_is() -> None:
    # domain.md 5.7: a row with fewer values than columns, in a table that writes 0, lost a cell;
    # it is reported (PAR003), never padded with a blank
    carried = at(
        (0, "二、上年结转政府信息公开申请"), (19, "0"), (25, "0"), (30, "0"), (37, "0"), (44, "0"), (51, "0")
    )
    report = _report(*HEADER, NEW, "数量", carried, "数量")
    assert "applications/carried_over/shape" in _par003(report)
    assert _cells(report, "applications", "new_received") is None  # not placed either


def test_text_without_layout_spacing_is_not_read_by_offsets() -> None:
    # pdfplumber-like text: one space between words; offsets say nothing of columns
    single = [" ".join(line.split()) for line in [*HEADER, NEW]]
    report = _report(*single)
    assert _cells(report, "applications", "new_received") is None
    assert _cells(report, "proactive", "enforcement") is None  # no layout evidence: left unread


def test_a_later_page_is_read_by_the_header_scaled_to_its_totals() -> None:
    # after a page break the same x gives other offsets: 自然人 at 22 and 总计 at 64 instead of 19 / 56
    later = at((5, "（七）总计"), (22, "3"), (64, "3"))
    report = _report(
        *HEADER, NEW, "数量", "-3-", PAGE_BREAK + "兴庆区 2024 年政府信息公开工作年度报告", later
    )
    assert _cells(report, "applications", "outcome_total") == [
        ("number", "3"),
        B,
        B,
        B,
        B,
        B,
        ("number", "3"),
    ]


def test_a_later_page_whose_offsets_are_no_scale_of_the_headers_is_left_as_it_was() -> None:
    squeezed = at((5, "（七）总计"), (20, "3"), (29, "3"))  # 29 / 56: no plausible scale
    report = _report(
        *HEADER, NEW, "数量", "-3-", PAGE_BREAK + "兴庆区 2024 年政府信息公开工作年度报告", squeezed
    )
    assert _cells(report, "applications", "outcome_total") is None
    assert _cells(report, "applications", "new_received") is not None  # its own page's rows are read


def test_a_centred_value_under_a_long_cjk_header_word_is_placed() -> None:
    # a centred cell: 4 stands under the middle of 上一年项目数量, whose seven CJK characters take
    # seven offsets but more room on the page (before: 3 characters from its centre, unplaced)
    sub = [
        "第二十条第（五）项",
        at((3, "信息内容"), (18, "上一年项目数量"), (30, "本年增/减"), (51, "处理决定数量")),
        at((3, "行政许可"), (24, "4")),
    ]
    report = _report(*HEADER, NEW, proactive=sub)
    assert _cells(report, "proactive", "licensing") == [("number", "4"), B, B]


def test_a_negative_value_goes_only_to_a_column_that_may_hold_one() -> None:
    # PyMuPDF's sorted text pads a line by no measure of its header's: -35 lands under the middle
    # of 处理决定数量 (before: placed there, then ACC007 "negative count" on a report that has none)
    sub = [
        "第二十条第（六）项",
        at((0, "信息内容"), (11, "上一年项目数量"), (22, "本年增/减"), (33, "处理决定数量")),
        at((0, "行政处罚"), (16, "35"), (38, "-35")),
    ]
    report = _report(*HEADER, NEW, proactive=sub)
    assert _cells(report, "proactive", "penalty") is None
    findings = engine.run([report], engine.registry().default_settings(), "en")
    assert "ACC007" not in {f.code for f in findings}


# table 四 as ``pdftotext -layout`` writes it: the header's words, wrapped in narrow cells, and
# (every count 0, left blank) no values line at all, only the blank lines of its empty row
REVIEW = [
    "四、政府信息公开行政复议、行政诉讼情况",
    "",
    at((0, "行政复议"), (28, "行政诉讼")),
    at(
        (0, "结果"),
        (6, "结果"),
        (13, "其他"),
        (20, "尚未"),
        (27, "总计"),
        (34, "未经复议直接起诉"),
        (61, "复议后起诉"),
    ),
    at(
        (0, "维持"),
        (6, "纠正"),
        (13, "结果"),
        (20, "审结"),
        (33, "结果"),
        (39, "结果"),
        (44, "其他"),
        (52, "尚未"),
        (59, "总计"),
        (64, "结果"),
        (70, "结果"),
        (77, "其他"),
        (84, "尚未"),
        (91, "总计"),
    ),
    at(
        (33, "维持"),
        (39, "纠正"),
        (44, "结果"),
        (52, "审结"),
        (64, "维持"),
        (70, "纠正"),
        (77, "结果"),
        (84, "审结"),
    ),
    "",
    "",
    "五、存在的主要问题及改进情况",
    "无。",
]


def _review(report: Report) -> tuple[bool, list[str]] | None:
    table = report.table("review_litigation")
    if table is None or len(table.rows) != 1:
        return None
    row = table.rows[0]
    return row.incomplete, [c.kind for c in row.cells]


def test_table_four_written_as_nothing_under_its_header_is_a_row_of_empty_cells() -> None:
    # before: "行政复议、行政诉讼 has 0 values … could not be read" (PAR003) on every such report,
    # where the PDF itself gives a row of 15 empty cells (PAR005)
    report = _report(*HEADER, NEW, "数量", *REVIEW)
    table = report.table("review_litigation")
    assert table is not None and [len(r.cells) for r in table.rows] == [5, 5, 5]
    assert {c.kind for r in table.rows for c in r.cells} == {"blank"}
    assert not [p for p in _par003(report) if p.startswith("review_litigation")]


def test_table_four_without_values_where_table_three_writes_its_zeros_stays_unread() -> None:
    # a table that writes 0: a row written as nothing lost its values (reported, never blanks)
    zeros = at(
        (0, "一、本年新收政府信息公开申请"),
        (19, "3"),
        (25, "0"),
        (30, "0"),
        (37, "0"),
        (44, "0"),
        (51, "0"),
        (56, "3"),
    )
    report = _report(*HEADER, zeros, "数量", *REVIEW)
    assert _review(report) == (True, [])
    assert "review_litigation/行政复议、行政诉讼/shape" in _par003(report)


def test_table_four_header_without_layout_spacing_or_with_text_after_it_stays_unread() -> None:
    single = [" ".join(line.split()) for line in REVIEW]
    assert _review(_report(*HEADER, NEW, "数量", *single)) == (True, [])
    noted = [*REVIEW[:6], "注：本表数据为空。", *REVIEW[6:]]  # a line other than the header's words
    assert _review(_report(*HEADER, NEW, "数量", *noted)) == (True, [])
