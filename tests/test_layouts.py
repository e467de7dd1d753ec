"""One test per layout quirk of extracted report text (domain.md §5), on minimal snippets."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclint.parse import parse_text
from disclint.parse.normalize import normalize_line

ROWS_30 = [
    ("一、本年新收政府信息公开申请数量", "new_received"),
    ("二、上年结转政府信息公开申请数量", "carried_over"),
    ("（一）予以公开", "disclosed"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partially_disclosed"),
    ("1.属于国家秘密", "withheld_state_secret"),
    ("2.其他法律行政法规禁止公开", "withheld_prohibited_by_law"),
    ("3.危及“三安全一稳定”", "withheld_security_stability"),
    ("4.保护第三方合法权益", "withheld_third_party"),
    ("5.属于三类内部事务信息", "withheld_internal_affairs"),
    ("6.属于四类过程性信息", "withheld_process_info"),
    ("7.属于行政执法案卷", "withheld_enforcement_file"),
    ("8.属于行政查询事项", "withheld_admin_inquiry"),
    ("1.本机关不掌握相关政府信息", "unable_not_held"),
    ("2.没有现成信息需要另行制作", "unable_needs_creation"),
    ("3.补正后申请内容仍不明确", "unable_unclear"),
    ("1.信访举报投诉类申请", "not_processed_petition"),
    ("2.重复申请", "not_processed_repeated"),
    ("3.要求提供公开出版物", "not_processed_publication"),
    ("4.无正当理由大量反复申请", "not_processed_excessive"),
    ("5.要求行政机关确认或重新出具已获取信息", "not_processed_confirm"),
    ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_no_correction"),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_fee_unpaid"),
    ("3.其他", "other_other"),
    ("（七）总计", "outcome_total"),
    ("四、结转下年度继续办理", "carried_forward"),
]
ZEROS = "0 0 0 0 0 0 0"


def frame(section3: str, section2: str = "", section4: str = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0") -> str:
    return "\n".join(
        [
            "某某镇人民政府2024年政府信息公开工作年度报告",
            "本报告统计期限自2024年1月1日至2024年12月31日。",
            "一、总体情况",
            "（一）主动公开",
            "全年主动公开信息10条。",
            "二、主动公开政府信息情况",
            section2,
            "三、收到和处理政府信息公开申请情况",
            section3,
            "四、政府信息公开行政复议、行政诉讼情况",
            "行政复议 行政诉讼",
            section4,
            "五、存在的主要问题及改进情况",
            "无。",
            "六、其他需要报告的事项",
            "本年度未收取信息处理费。",
        ]
    )


def table3(text: str):
    report = parse_text(frame(text))
    table = report.table("applications")
    assert table is not None, report.problems
    return report, table


def space_rows(rows=ROWS_30, values=ZEROS) -> list[str]:
    return [f"{label} {values}" for label, _ in rows]


def test_space_separated_rows_match_every_template_row():
    _, t = table3("\n".join(space_rows()))
    assert [r.key for r in t.rows] == [k for _, k in ROWS_30]
    assert t.format == "30" and t.missing_rows == ()
    assert all(not r.incomplete for r in t.rows)


def test_tab_separated_rows_with_merged_empty_cells():
    lines = ["一、本年新收政府信息公开申请数量\t\t3\t0\t0\t0\t0\t0\t3\t"]
    lines += ["\t(三) 不予公开\t1. 属于国家秘密\t0\t0\t0\t0\t0\t0\t0"]
    _, t = table3("申请人情况\n" + "\n".join(lines))
    first, second = t.rows
    assert first.key == "new_received" and first.value("total") == 3 and first.value("natural_person") == 3
    assert second.key == "withheld_state_secret" and second.line == 11


def test_markdown_pipe_table_rows():
    lines = [
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        "| 一、本年新收政府信息公开申请数量 | 3 | 0 | 0 | 0 | 0 | 0 | 3 |",
    ]
    _, t = table3("\n".join(lines))
    (row,) = t.rows
    assert row.key == "new_received" and row.value("total") == 3
    assert row.cell("natural_person").span.line == 11  # type: ignore[union-attr]


def test_row_label_split_over_several_lines():
    text = "\n".join(
        [
            "申请人情况",
            "三、",
            "本年",
            "度办",
            "理结",
            "果",
            f"（一）予以公开 {ZEROS}",
            "（三）不",
            "予公开",
            f"1.属于国家秘密 {ZEROS}",
        ]
    )
    _, t = table3(text)
    assert [r.key for r in t.rows] == ["disclosed", "withheld_state_secret"]
    assert t.rows[1].numbering == "1."


def test_wrapped_label_with_values_on_a_later_line():
    _, t = table3("申请人情况\n2.其他法律行政\n法规禁止公开\n1 0 0 0 0 0 1")
    (row,) = t.rows
    assert row.key == "withheld_prohibited_by_law" and row.line == 12 and row.value("total") == 1


def test_header_words_split_vertically_are_not_rows():
    text = "\n".join(
        [
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三",
            "项加第四项之和）",
            "申请人情况",
            "自",
            "然",
            "人",
            "总计商业",
            "企业",
            *space_rows(ROWS_30[:1]),
        ]
    )
    _, t = table3(text)
    assert [r.key for r in t.rows] == ["new_received"]
    assert t.rows[0].line == 17


def test_last_value_wrapped_onto_its_own_line():
    _, t = table3("申请人情况\n（七）总计 3 0 0 0 0 0\n3")
    (row,) = t.rows
    assert not row.incomplete and row.value("total") == 3
    assert row.cell("total").span.line == 11  # type: ignore[union-attr]


def test_lost_and_extra_cells_keep_raw_values_never_shifted_or_padded():
    _, t = table3("申请人情况\n（一）予以公开\t0\t0\t0\t0\t0\t0\t\n（七）总计\t3\t0\t0\t0\t0\t0\t0\t0")
    lost, extra = t.rows
    assert lost.incomplete and [c.value for c in lost.cells] == [0] * 6 and lost.value("total") is None
    assert extra.incomplete and [c.value for c in extra.cells] == [3, 0, 0, 0, 0, 0, 0, 0]
    assert all(c.column is None for c in extra.cells)


def test_misnumbered_row_is_matched_and_its_numbering_kept():
    _, t = table3(f"申请人情况\n七、结转下年度继续办理 {ZEROS}")
    (row,) = t.rows
    assert row.key == "carried_forward" and row.numbering == "七、" and row.expected_numbering == "四、"


def test_row_labels_inside_the_table_are_not_section_headings():
    report, t = table3("\n".join(space_rows()))
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]
    assert report.section(4).line == 34  # type: ignore[union-attr]
    assert t.row("carried_forward").line == 33  # type: ignore[union-attr]


def test_spaced_out_characters_are_joined_in_prose():
    line, _ = normalize_line(1, "750021 ； 联 系 电 话 ： 0951 — 2171813 ； 邮 箱 ：")
    assert line is not None and line.prose.text == "750021；联系电话：0951 — 2171813；邮箱："
    # every character still knows its column: "联" is at column 10 of the source
    assert line.prose.position(line.prose.text.index("联")) == (1, 10)


def test_markup_is_removed_and_recorded():
    line, noise = normalize_line(3, "1. **提高政治判断力。**根据<http://www.xqq.gov.cn>，mailto:a@b.cn")
    assert line is not None and line.prose.text == "1.提高政治判断力。根据http://www.xqq.gov.cn，a@b.cn"
    assert [n.kind for n in noise] == ["markdown-bold", "markdown-bold", "autolink", "mailto"]
    # regression: the autolink residue is reported as the whole link, not its "<"
    assert noise[2].text == "<http://www.xqq.gov.cn>" and noise[2].span.column == 18


def test_a_space_next_to_a_tag_sees_the_characters_beyond_the_tag():
    line, noise = normalize_line(2, '受理 <input checked="" type="checkbox"/> 网站 a <b> b')
    # the spaces around the tag touch CJK beyond it: dropped; between "a" and "b": kept
    assert line is not None and line.prose.text == "受理网站a  b"
    assert [(n.kind, n.span.column) for n in noise] == [("html-tag", 4), ("html-tag", 45)]
    assert line.prose.position(line.prose.text.index("网")) == (2, 40)


def test_a_tag_full_of_spaces_is_removed_in_one_pass():
    # regression: each space inside a tag walked over the tag to find its neighbours, quadratic
    # in the tag's length (this line took minutes); now a bisection over the tags
    line, noise = normalize_line(1, "<a" + " x" * 20_000 + ">中 文")
    assert line is not None and line.prose.text == "中文" and [n.kind for n in noise] == ["html-tag"]
    assert line.prose.position(1) == (1, 40_006)


def test_page_numbers_and_blank_lines_are_dropped_but_values_kept_in_tables():
    report = parse_text(frame("申请人情况\n（七）总计 1 0 0 0 0 0\n\n- 3 -\n\n1"))
    row = report.table("applications").row("outcome_total")  # type: ignore[union-attr]
    assert row is not None and row.value("total") == 1
    assert [n.kind for n in report.noise] == ["page-number"]


@pytest.mark.parametrize("number", ["- {n} -", "第 {n} 页", "－{n}－"])
def test_a_page_number_joined_with_the_next_running_header_is_dropped(number: str) -> None:
    # PyMuPDF (sort=True) writes a page's footer and the next page's header as one line, here
    # inside table 三, between a row label and its wrapped piece: it broke the table (FMT005)
    header = "沙坡头区兴仁镇2024 年政府信息公开工作年度报告"
    chrome = [f"{' ' * 40}{number.format(n=n)}{header}" for n in (1, 2)]
    rows = "（七）总计 1 0 0 0 0 0 1\n" + chrome[1] + "\n四、结转下年度继续办理 0 0 0 0 0 0 0"
    report = parse_text(chrome[0] + "\n" + frame("申请人情况\n" + rows))
    table = report.table("applications")
    assert table is not None and len([t for t in report.tables if t.kind == "applications"]) == 1
    assert table.row("outcome_total") is not None and table.row("carried_forward") is not None
    assert [n.kind for n in report.noise if n.kind == "page-number"] == ["page-number"] * 2
    # once, it is no running header: a line like any other
    once = parse_text(frame("申请人情况\n（七）总计 1 0 0 0 0 0 1\n" + chrome[1]))
    assert [n.kind for n in once.noise if n.kind == "page-number"] == []


def test_sixty_format_proactive_table_with_units_and_signed_change():
    section2 = "\n".join(
        [
            "第二十条第（五）项",
            "信息内容 上一年项目数量 本年增/减 处理决定数量",
            "其他对外管理服务事项 78 -37 0",
            "第二十条第（九）项",
            "信息内容\t采购项目数量\t采购总金额\t",
            "政府集中采购\t2\t402.2 万元\t",
        ]
    )
    report = parse_text(frame("", section2=section2))
    t = report.table("proactive")
    assert t is not None and t.format == "60"
    services = t.row("other_services")
    assert services is not None and services.value("change") == -37
    amount = t.row("procurement").cell("amount")  # type: ignore[union-attr]
    assert amount is not None and amount.value == Decimal("402.2") and amount.unit == "万元"


def test_thirty_format_detected_from_labels():
    section2 = "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 0 0 0\n行政规范性文件 1 0 5"
    t = parse_text(frame("", section2=section2)).table("proactive")
    assert t is not None and t.format == "30"
    assert t.row("normative_documents").value("in_force") == 5  # type: ignore[union-attr]
    assert {s.reason for s in t.signals} == {"a20_1.columns"}


def test_review_table_fifteen_values_in_three_groups():
    report = parse_text(frame("", section4="0 1 0 0 1 0 0 0 0 0 0 0 0 0 0"))
    t = report.table("review_litigation")
    assert t is not None
    assert [r.key for r in t.rows] == ["review", "litigation_direct", "litigation_after_review"]
    assert t.row("review").value("corrected") == 1 and t.row("review").value("total") == 1  # type: ignore[union-attr]


def test_section_heading_variants_and_subheading_running_into_text():
    text = frame("").replace(
        "（一）主动公开\n全年主动公开信息10条。",
        "（一）主动公开政府信息情况 。2024年度主动公开政府信息 1770条。",
    )
    report = parse_text(text)
    overview = report.section(1)
    assert overview is not None
    assert [h.title for h in overview.subheadings] == ["主动公开政府信息情况"]
    assert overview.paragraphs[0].text.startswith("2024年度主动公开政府信息1770条")


def test_regression_lone_table_header_line_parses():
    # found by hypothesis: a header line with no rows after it left the parser stuck at the end
    report = parse_text("信息内容")
    assert report.table("proactive") is not None and report.table("proactive").rows == ()  # type: ignore[union-attr]


def test_label_without_values_is_a_missing_row_and_the_next_heading_survives():
    text = frame(f"申请人情况\n一、本年新收政府信息公开申请数量 {ZEROS}\n（七）总计")
    report = parse_text(text)
    table = report.table("applications")
    assert table is not None and "outcome_total" in table.missing_rows
    assert [s.number for s in report.sections] == [1, 2, 3, 4, 5, 6]


def test_regression_vertical_group_label_after_rows_is_not_a_new_header():
    # seed 003: "三、" then "本" / "年" / … one character per line, "本" also being a header word
    text = "\n".join(
        [
            "申请人情况",
            f"二、上年结转政府信息公开申请数量 {ZEROS}",
            "三、",
            "本",
            "年",
            "度",
            "办",
            "理",
            "结",
            "果",
            f"（一）予以公开 {ZEROS}",
        ]
    )
    report, t = table3(text)
    assert [r.key for r in t.rows] == ["carried_over", "disclosed"]
    assert len([x for x in report.tables if x.kind == "applications"]) == 1


def test_web_page_rows_with_trailing_pipes():
    # HTML pages converted to text: cells end with " |", no leading pipe
    section2 = "\n".join(
        [
            "第二十条第(一)项 |",
            "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            "规章 | 0 | 0 | 0 |",
            "行政规范性文件 | 3 | 0 | 101 |",
        ]
    )
    section3 = "\n".join(
        [
            "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | 申请人情况 |",
            "商业 | 科研 | 社会公益组织 | 法律服务机构 | 其他 |",
            "企业 | 机构 |",
            "一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
            "| (三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        ]
    )
    report = parse_text(frame(section3, section2=section2))
    proactive, applications = report.table("proactive"), report.table("applications")
    assert proactive is not None and applications is not None
    assert proactive.row("normative_documents").value("in_force") == 101  # type: ignore[union-attr]
    assert [r.key for r in applications.rows] == ["new_received", "withheld_state_secret"]
    assert applications.row("new_received").value("total") == 2  # type: ignore[union-attr]


def test_web_page_one_cell_per_line_with_pipes():
    section2 = "\n".join(
        ["第二十条第(一)项 |", "|||", "信息内容 |", "本年制发件数 |", "规章 |", "/ |", "/ |", "/ |"]
    )
    blank_row = ["一、本年新收政府信息公开申请数量 |", "|", "|", "0 |", "||"]
    full_row = ["二、上年结转政府信息公开申请数量 |", *(["0 |"] * 6), "1 |"]
    section3 = "\n".join(["申请人情况 |", "||||||||", *blank_row, *full_row])
    report = parse_text(frame(section3, section2=section2))
    regulations = report.table("proactive").row("regulations")  # type: ignore[union-attr]
    assert regulations is not None and [c.raw for c in regulations.cells] == ["/", "/", "/"]
    applications = report.table("applications")
    assert applications is not None
    blank = applications.row("new_received")  # blank cells are not zeros: one value, incomplete
    assert blank is not None and blank.incomplete and [c.value for c in blank.cells] == [0]
    carried = applications.row("carried_over")
    assert carried is not None and not carried.incomplete and carried.value("total") == 1


def test_web_page_one_cell_per_line_rows_rebuilt_with_their_blank_cells():
    # every cell on its own line closed by "|", an empty cell a bare "|", the positions merged
    # cells cover as one line of pipes at the row's end (parse/cell_lines.py)
    section2 = [
        "第二十条第（一）项 |",
        "|||",
        "信息内容 |",
        "本年制发件数 |",
        "本年废止件数 |",
        "现行有效件数 |",
    ]
    section2 += ["规章 |", "|", "|", "|", "行政规范性文件 |", "2 |", "|", "7 |"]
    section3 = [
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |",
        "申请人情况 |",
        "|||||||",
    ]
    section3 += ["自然人 |", "法人或其他组织 |", "总计 |", "||||||"]
    section3 += ["商业企业 |", "科研机构 |", "社会公益组织 |", "法律服务机构 |", "其他 |", "||||"]
    section3 += ["一、本年新收政府信息公开申请数量 |", "3 |", *(["|"] * 5), "3 |", "|"]  # label: 2 columns
    section3 += ["三、本年度办理结果 |", "（一）予以公开 |", "2 |", *(["|"] * 5), "2 |"]
    section3 += ["（二）部分公开（区分处理的，只计这一情形，不计其他情形） |", *(["|"] * 7), "|"]
    section4 = "\n".join(["行政复议 |", "行政诉讼 |", "|||||||||||||", *(["|"] * 14), "1 |"])
    report = parse_text(frame("\n".join(section3), "\n".join(section2), section4))
    proactive, applications = report.table("proactive"), report.table("applications")
    assert proactive is not None and applications is not None
    regulations = proactive.row("regulations")
    assert regulations is not None and [(c.kind, c.value) for c in regulations.cells] == [("blank", None)] * 3
    normative = proactive.row("normative_documents")
    assert normative is not None and [c.value for c in normative.cells] == [2, None, 7]
    first = applications.row("new_received")
    assert first is not None and not first.incomplete
    assert [c.value for c in first.cells] == [3, None, None, None, None, None, 3]
    blank = first.cells[1]  # a blank keeps the line and column of its bare "|"
    assert (blank.span.line, blank.span.column, blank.kind) == (first.cells[0].span.line + 1, 1, "blank")
    disclosed = applications.row("disclosed")  # the row's last bare "|" is its label's colspan
    assert disclosed is not None and [c.value for c in disclosed.cells] == [
        2,
        None,
        None,
        None,
        None,
        None,
        2,
    ]
    partial = applications.row("partially_disclosed")
    assert partial is not None and [c.kind for c in partial.cells] == ["blank"] * 7
    review = report.table("review_litigation")
    assert review is not None and [c.value for r in review.rows for c in r.cells] == [None] * 14 + [1]


def test_one_cell_per_line_without_lines_of_pipes_alone_is_left_to_the_line_path():
    # no empty cell, no covered position: nothing tells the rows apart, the line path joins them
    section3 = "\n".join(["一、本年新收政府信息公开申请数量 |", *(["1 |"] * 6), "6 |"])
    report = parse_text(frame(section3))
    row = report.table("applications").row("new_received")  # type: ignore[union-attr]
    assert row is not None and [c.value for c in row.cells] == [1, 1, 1, 1, 1, 1, 6]


REVIEW_HEADERS_WRAPPED = {
    # pdftotext without -layout: each narrow column's header word wrapped in two, columns side by side
    "two characters": ["未经复议直接起诉 复议后起诉", "结果 结果 其他 尚未 总", "维持 纠正 结果 审结 计"],
    # one character per line of each column (a flip-book page's text)
    "one character": [
        "未经复议直接起诉 复议后起诉",
        "结 结 其 尚",
        "总计 果 果 他 未 总",
        "维 纠 结 审",
        "持 正 果 结",
    ],
}


@pytest.mark.parametrize("layout", sorted(REVIEW_HEADERS_WRAPPED))
def test_review_table_header_words_wrapped_in_narrow_columns_stay_one_table(layout: str) -> None:
    # before: the first header line with a one-character piece ended the table, so its header was a
    # table of its own with every row missing (FMT005) and the values another table
    section4 = "\n".join([*REVIEW_HEADERS_WRAPPED[layout], "0 1 0 0 1 0 0 0 0 0 0 0 0 0 0"])
    report = parse_text(frame("", section4=section4))
    tables = [t for t in report.tables if t.kind == "review_litigation"]
    assert len(tables) == 1 and not tables[0].missing_rows
    assert tables[0].row("review").value("total") == 1  # type: ignore[union-attr]
