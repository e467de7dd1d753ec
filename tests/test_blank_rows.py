"""Pages that leave every 0 empty: a template row whose counts are all 0 is a row of nothing but
empty cells, and table 四's one row of values (all 0 in most reports) has no text at all. Each
such row is kept, its cells blanks, in every layout that knows its cells (DOCX, HTML, markdown
pipes); before, the row was lost and its template row reported missing
(FMT005)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from disclint import engine
from disclint.nodes import Report
from disclint.parse import parse_path, parse_text
from disclint.parse.tab_rows import inner_blanks
from disclint.readers import read_path
from disclint.readers.base import Document, SourceLine

from corpus import SEEDS
from fixture_builders import (
    ReportModel,
    blank_table,
    blank_zeros,
    build_docx,
    build_html,
    build_model,
    cell_by_cell_of,
    load_expected,
    markdown_of,
    review_table,
    seed_stems,
    tab_text_of,
)
from ruled_pdf import build_ruled_pdf


def _html(model: ReportModel, folder: Path) -> Report:
    page = folder / f"{model.stem}.html"
    page.write_text(build_html(model), encoding="utf-8")
    return parse_path(page)


def _docx(model: ReportModel, folder: Path) -> Report:
    return parse_path(build_docx(model, folder / f"{model.stem}.docx"))


def _as_text(render: Callable[[Document], str]) -> Callable[[ReportModel, Path], Report]:
    def parse(model: ReportModel, folder: Path) -> Report:
        page = folder / f"{model.stem}.html"
        page.write_text(build_html(model), encoding="utf-8")
        doc = read_path(page)
        assert isinstance(doc, Document)
        return parse_text(render(doc), f"{model.stem}.txt")

    return parse


# (one cell per line with blank zeros: test_text_grids.test_one_cell_per_line_keeps_blank_cells_as_blanks)
LAYOUTS = {"html": _html, "docx": _docx, "markdown": _as_text(markdown_of), "tsv": _as_text(tab_text_of)}
# tab-separated text has no merged cells of its own: an empty field is a blank only where a row of
# the document has one between two values (parse/tab_rows.py); seeds 000 and 004 have no nonzero
# count in a row of two or more values, so their empty fields stay ambiguous (domain.md 5.1)
TSV_EVIDENCE = ["001_c2bcf9dd95c89acf", "002_0a7990abdff832d1", "003_1a7957aec9d503ee"]
CASES = [
    (stem, layout)
    for stem in seed_stems()
    for layout in sorted(LAYOUTS)
    if layout != "tsv" or stem in TSV_EVIDENCE
]


@pytest.mark.parametrize(("stem", "layout"), CASES)
def test_rows_of_blank_cells_are_kept_as_blanks(stem: str, layout: str, tmp_path: Path) -> None:
    report = LAYOUTS[layout](blank_zeros(build_model(stem)), tmp_path)
    seed = parse_path(SEEDS / f"{stem}.txt")
    all_blank = 0
    for want in seed.tables:
        got = report.table(want.kind)
        assert got is not None, want.kind
        for row in want.rows:
            if row.incomplete:
                continue  # a cell too many or too few in the seed: surplus blanks are dropped
            other = got.row(row.key)
            assert other is not None, (want.kind, row.key)
            assert len(other.cells) == len(row.cells), row.key
            for a, b in zip(row.cells, other.cells, strict=True):
                assert (b.kind, b.value) == (("blank", None) if a.raw == "0" else (a.kind, a.value)), row.key
            all_blank += all(c.raw == "0" for c in row.cells)
    assert all_blank >= 3  # every seed has whole rows of zeros (table 二 or 四)
    codes = {f.code for f in engine.run([report], engine.registry().default_settings(), "zh")}
    assert "FMT005" not in codes  # no template row reported missing


@pytest.mark.parametrize("stem", sorted(set(seed_stems()) - set(TSV_EVIDENCE)))
def test_tab_text_without_a_blank_between_values_keeps_its_empty_fields_ambiguous(
    stem: str, tmp_path: Path
) -> None:
    page = tmp_path / f"{stem}.html"
    page.write_text(build_html(blank_zeros(build_model(stem))), encoding="utf-8")
    doc = read_path(page)
    assert isinstance(doc, Document)
    lines = tuple(SourceLine(t) for t in tab_text_of(doc).split("\n"))
    assert inner_blanks(lines) is lines


def test_empty_fields_outside_a_tab_rows_values_are_covered_inside_them_blanks() -> None:
    lines = (
        SourceLine("\t（三）不予公开\t1.属于国家秘密\t1\t\t\t\t\t\t1\t"),
        SourceLine("规章\t\t\t"),
        SourceLine("prose without a tab"),
        SourceLine("\t根据《条例》规定，现公布年度报告。"),  # an indented paragraph: left as it is
    )
    out = inner_blanks(lines)
    assert [src.spanned for src in out] == [frozenset({0}), frozenset(), None, None]


def test_review_row_of_empty_cells_follows_its_header(tmp_path: Path) -> None:
    # table 四 of a page with every 0 left empty: its values row is 15 empty cells
    head = (
        "四、政府信息公开行政复议、行政诉讼情况",
        "| 行政复议 | | | | | 行政诉讼 | | | | | | | | | |",
        "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | | | | | 复议后起诉 | | | | |",
        "| | | | | | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |",
    )
    blank = "|" + " |" * 15
    report = parse_text("\n".join([*head, blank, "五、存在的主要问题及改进情况"]), "t.md")
    table = report.table("review_litigation")
    assert table is not None and table.missing_rows == ()
    cells = [c for row in table.rows for c in row.cells]
    assert len(cells) == 15 and {(c.kind, c.value) for c in cells} == {("blank", None)}
    assert cells[0].span.line == 5
    # a row of 14 empty cells is no row of table 四: nothing is invented; the table's values are
    # reported as not read (PAR003), its rows not as missing from the template (FMT005)
    short = parse_text("\n".join([*head, "|" + " |" * 14, "五、存在的主要问题及改进情况"]), "t.md")
    table = short.table("review_litigation")
    assert table is not None and table.missing_rows == ()
    assert [(r.key, r.cells, r.incomplete) for r in table.rows] == [(None, (), True)]


def test_empty_cells_after_a_label_that_names_no_row_stay_no_values() -> None:
    # a title row's empty tail (an article line, a header word) is no row of blanks
    text = "\n".join(
        [
            "二、主动公开政府信息情况",
            "| 第二十条第（一）项 | | | |",
            "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            "| 规章 | | | |",
            "| 行政规范性文件 | 1 | | 3 |",
            "| 其他说明 | | | |",
        ]
    )
    report = parse_text(text, "t.md")
    table = report.table("proactive")
    assert table is not None
    rows = {r.key: [(c.kind, c.value) for c in r.cells] for r in table.rows}
    assert rows["regulations"] == [("blank", None)] * 3
    assert [v for _k, v in rows["normative_documents"]] == [1, None, 3]
    assert len(table.rows) == 2


@pytest.mark.parametrize("blank", [False, True], ids=["zeros", "blank-zeros"])
@pytest.mark.parametrize("stem", seed_stems())
def test_rows_written_cell_by_cell_keep_their_first_empty_cell(stem: str, blank: bool) -> None:
    # "a | b |" rows: a row that starts with "|" starts with an empty cell (parse/pipe_style.py);
    # read as a markdown border, table 四's first count was lost when left empty
    text = cell_by_cell_of(build_model(stem), blank_zeros=blank)
    assert "\n| （" in text and "\n|  |" in text  # rows that start with an empty cell
    report = parse_text(text, f"{stem}.txt")
    seed = parse_path(SEEDS / f"{stem}.txt")
    for want in seed.tables:
        got = report.table(want.kind)
        assert got is not None, want.kind
        for row in want.rows:
            other = got.row(row.key)
            assert other is not None, (want.kind, row.key)
            if row.incomplete:
                continue  # a cell too many or too few in the seed: surplus blanks are dropped
            zero = ("blank", None) if blank else ("number", 0)
            assert [(c.kind, c.value) for c in other.cells] == [
                zero if c.raw == "0" else (c.kind, c.value) for c in row.cells
            ], row.key


def test_a_leading_pipe_of_a_markdown_table_stays_a_border() -> None:
    # every row starts with "|": markdown, the leading pipe is no cell
    text = "\n".join(
        ["四、政府信息公开行政复议、行政诉讼情况", "| 行政复议 | 行政诉讼 |", "| 0 | 1 |" + " 0 |" * 13]
    )
    row = parse_text(text, "t.md").table("review_litigation")
    assert row is not None
    assert [c.value for r in row.rows for c in r.cells] == [0, 1] + [0] * 13


def test_a_label_split_over_rows_of_empty_cells_is_one_row() -> None:
    # a row split by a page break (or a label wrapped into rows of its own), every count empty
    text = "\n".join(
        [
            "三、收到和处理政府信息公开申请情况",
            "| 三、本年度办理结果 | （三）不予公开 | 7.属于行政执法案卷 |" + " |" * 7,
            "| | | 8.属于行政查询事 |" + " |" * 7,
            "| | | 项 |" + " |" * 7,
            "| | （四）无法提供 | 1.本机关不掌握相关政府信息 |" + " |" * 7,
        ]
    )
    table = parse_text(text, "t.md").table("applications")
    assert table is not None
    rows = {r.key: r for r in table.rows}
    assert list(rows) == ["withheld_enforcement_file", "withheld_admin_inquiry", "unable_not_held"]
    row = rows["withheld_admin_inquiry"]
    assert [(c.kind, c.value) for c in row.cells] == [("blank", None)] * 7
    assert row.cells[0].span.line == 4  # the blanks of the row's last part
    # numbered fragments that make no template label stay fragments: nothing is invented
    other = text.replace("8.属于行政查询事", "8.属于行政审批事")
    table = parse_text(other, "t.md").table("applications")
    assert table is not None and "withheld_admin_inquiry" not in {r.key for r in table.rows}


def test_table_four_values_first_on_a_new_page_keep_their_blanks(tmp_path: Path) -> None:
    # a ruled PDF whose table 四 header ends page 1 and whose values row, every 0 empty, starts
    # page 2: an empty value cell under a header word spanning two rows is a blank, not the rest
    # of that merged header cell cut by the page break
    spec = load_expected("003_1a7957aec9d503ee")["tables"]["review_litigation"]
    table = blank_table(review_table(spec))
    pdf = build_ruled_pdf(table, "四、政府信息公开行政复议、行政诉讼情况", tmp_path / "t.pdf", split_row=3)
    got = parse_path(pdf).table("review_litigation")
    seed = parse_path(SEEDS / "003_1a7957aec9d503ee.txt").table("review_litigation")
    assert got is not None and seed is not None and got.missing_rows == ()
    want = [("blank", None) if c.raw == "0" else (c.kind, c.value) for r in seed.rows for c in r.cells]
    assert [(c.kind, c.value) for r in got.rows for c in r.cells] == want
    assert want.count(("blank", None)) == 13


def test_a_row_left_empty_in_one_cell_per_line_text_keeps_its_table_whole() -> None:
    # 行政强制's value cell was empty, so the extractor wrote its label and nothing else; before, the
    # label ended table 二 as a paragraph and 第二十条第（八）项 began a second table 二 (FMT005 on
    # both halves). Its value is lost, not blank (text with one cell per line has no empty cells):
    # the row is kept without values and reported once (PAR003)
    text = (
        "二、主动公开政府信息情况\n第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n2776\n行政强制\n"
        "第二十条第（八）项\n信息内容\n本年收费金额（单位：万元）\n行政事业性收费\n7545\n"
        "三、收到和处理政府信息公开申请情况\n"
    )
    report = parse_text(text)
    [table] = [t for t in report.tables if t.kind == "proactive"]
    assert [(r.key, r.incomplete, [c.value for c in r.cells]) for r in table.rows] == [
        ("penalty", False, [2776]),
        ("enforcement", True, []),
        ("fees", False, [7545]),
    ]
    findings = engine.run([report], engine.registry().default_settings(), "zh")
    # (the snippet has no table 三: FMT005 says so at its section; table 二 lacks only the rows not in it)
    assert [
        (f.code, f.location.line, f.context.get("missing_rows"))
        for f in findings
        if f.code in ("PAR003", "FMT005")
    ] == [
        ("FMT005", 2, ["regulations", "normative_documents", "licensing"]),
        ("PAR003", 7, None),
        ("FMT005", 13, None),
    ]
    [par003] = [f for f in findings if f.code == "PAR003"]
    assert par003.message == "“行政强制”有0个数值，模板为1列，其数值未能读出（原文未填写，或提取文本时丢失）"


def test_a_first_row_left_empty_in_one_cell_per_line_text_keeps_its_table_whole() -> None:
    # the same right after a sub-table's header: 行政许可 alone, then the next article line
    text = (
        "二、主动公开政府信息情况\n第二十条第（五）项\n信息内容\n本年处理决定数量\n行政许可\n"
        "第二十条第（六）项\n信息内容\n本年处理决定数量\n行政处罚\n2776\n"
    )
    [table] = [t for t in parse_text(text).tables if t.kind == "proactive"]
    assert [(r.key, r.incomplete, [c.value for c in r.cells]) for r in table.rows] == [
        ("licensing", True, []),
        ("penalty", False, [2776]),
    ]
