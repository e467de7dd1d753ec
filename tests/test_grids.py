"""Tables as grids (``disclint.readers.grid``): every reader that knows cells builds one grid per
table — rows × cells with spans, empty cells kept, each cell's native location — and the table's
lines are derived from the grid. The same table gives the same grid through DOCX, HTML and a
ruled PDF (continued over a page break), and text with column evidence gives the same texts."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from disclint.engine import registry, run
from disclint.jsonout import report_grids, report_to_dict
from disclint.nodes import Report
from disclint.parse import parse_path, parse_text
from disclint.parse.dump import render_tree
from disclint.parse.layout_grid import layout_grids
from disclint.parse.normalize import cell_kind, normalize_line
from disclint.readers import read_path
from disclint.readers.base import Document, NativeLocation
from disclint.readers.grid import Grid, GridCell, GridRow, row_line
from disclint.readers.text_grid import text_grids

from cli_runner import run_text
from corpus import REAL
from fixture_builders import (
    ReportModel,
    TableBlock,
    TCell,
    applications_table,
    build_docx,
    expected_rows,
    grid_positions,
    load_expected,
    markdown_of,
    seed_stems,
    table_html,
)
from ruled_pdf import build_ruled_pdf

HEADING = "三、收到和处理政府信息公开申请情况"
Shape = tuple[tuple[tuple[str, int, int] | None, ...], ...]


def expected_shape(table: TableBlock) -> Shape:
    """The table model as a grid: (text, rowspan, colspan) at each cell's top-left, None where covered."""
    rows: list[list[tuple[str, int, int] | None]] = [[None] * table.columns for _ in table.rows]
    for (r, c), cell in grid_positions(table).items():
        rows[r][c] = (cell.text, cell.rowspan, cell.colspan)
    return tuple(tuple(row) for row in rows)


def table_of(stem: str) -> TableBlock:
    return applications_table(load_expected(stem)["tables"]["applications"])


def read(path: Path) -> Document:
    doc = read_path(path)
    assert isinstance(doc, Document), doc
    return doc


def as_docx(table: TableBlock, folder: Path) -> Document:
    return read(build_docx(ReportModel("t", HEADING, (HEADING, table)), folder / "t.docx"))


def as_html(table: TableBlock, folder: Path) -> Document:
    page = folder / "t.html"
    page.write_text(f"<html><body><p>{HEADING}</p>{table_html(table)}</body></html>", encoding="utf-8")
    return read(page)


def as_pdf(table: TableBlock, folder: Path, split_row: int = 12) -> Document:
    return read(build_ruled_pdf(table, HEADING, folder / "t.pdf", split_row))


def derived_from_the_grids(doc: Document) -> None:
    """Every grid row is the document's line at ``row.line``, and that line is ``row_line(row)``."""
    for grid in doc.grids:
        for row in grid.rows:
            assert row.line is not None
            assert doc.lines[row.line - 1] == row_line(row)


# --------------------------------------------------------------------------- the model


def test_a_grid_row_becomes_the_tab_joined_line_with_covered_cells_and_boxes() -> None:
    box = (1.0, 2.0, 3.0, 4.0)
    row = GridRow(
        (
            GridCell("（一）予以公开", col_span=2, native=NativeLocation(page=3, bbox=box)),
            GridCell(covered=True, native=NativeLocation(page=3, bbox=box)),
            GridCell("", native=NativeLocation(page=3, bbox=(3.0, 2.0, 5.0, 4.0))),
            GridCell("7", native=NativeLocation(page=3, bbox=(5.0, 2.0, 6.0, 4.0))),
        ),
        NativeLocation(page=3, page_line=9),
    )
    line = row_line(row)
    assert line.text == "（一）予以公开\t\t\t7"
    assert line.cell_starts == (0, 8, 9, 10)
    assert line.spanned == frozenset({1})  # covered; cell 2 is a blank of its own
    assert line.native_at(11) == NativeLocation(page=3, page_line=9, cell=4, bbox=(5.0, 2.0, 6.0, 4.0))
    grid = Grid("pdf", (GridRow(row.cells, row.native, line=40),))
    assert grid.cell_at(40, 11) == row.cells[3] and grid.cell_at(41, 11) is None
    assert grid.shape() == ((("（一）予以公开", 1, 2), None, ("", 1, 1), ("7", 1, 1)),)


def test_a_blank_cells_span_points_at_the_blank_cell_not_its_left_neighbour() -> None:
    """A blank cell has no text: its span is the TAB in front of it (regression: the native
    cell of a finding on a blank was the cell on its left)."""
    row = GridRow((GridCell("一、新收"), GridCell(""), GridCell("3")), NativeLocation(table=1, row=4))
    line = row_line(row)
    parsed, _ = normalize_line(1, line.text, line.spanned)
    assert parsed is not None
    blank, three = parsed.values
    assert (blank.kind, blank.span.column) == ("blank", 5)  # the TAB before the blank
    assert line.native_at(blank.span.column) == NativeLocation(table=1, row=4, cell=2)
    assert line.native_at(4) == NativeLocation(table=1, row=4, cell=1)  # 收
    assert line.native_at(three.span.column) == NativeLocation(table=1, row=4, cell=3)
    grid = Grid("html", (GridRow(row.cells, row.native, line=9),))
    assert grid.cell_at(9, 5) == GridCell("")


def test_cell_kinds() -> None:
    assert [cell_kind(t) for t in ("12", "402.2 万元", "", " ", "/", "—", "无", "合计")] == [
        "number", "number", "blank", "blank", "placeholder", "placeholder", "placeholder", "text",
    ]  # fmt: skip


# --------------------------------------------------------------------------- readers


def test_docx_table_is_a_grid_with_spans_blanks_and_cell_places(tmp_path: Path) -> None:
    table = table_of("002_0a7990abdff832d1")
    doc = as_docx(table, tmp_path)
    [grid] = doc.grids
    assert grid.source == "docx" and grid.native == NativeLocation(table=1)
    assert grid.shape() == expected_shape(table)
    assert (len(grid.rows), grid.columns) == (28, 10)
    label = grid.rows[5].cells[0]  # 三、本年度办理结果: vMerge down 22 rows
    assert (label.text, label.row_span, label.col_span) == ("三、本年度办理结果", 22, 1)
    assert label.native == NativeLocation(table=1, row=6, cell=1)
    assert all(row.cells[0].covered for row in grid.rows[6:27])
    assert grid.rows[6].native == NativeLocation(table=1, row=7)
    assert grid.rows[0].line == 2  # the heading paragraph is line 1
    derived_from_the_grids(doc)


def test_docx_vmerge_gridspan_and_grid_before(tmp_path: Path) -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(1, 0)).text = "纵向"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "横向"
    table.cell(1, 1).text = "1"
    table.cell(1, 2).text = ""
    table.cell(2, 1).text = "2"
    table.cell(2, 2).text = "3"
    tr = table.rows[2]._tr
    tr.remove(tr.tc_lst[0])  # the row starts one grid column in (w:gridBefore)
    tr.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="1"/></w:trPr>'))
    path = tmp_path / "t.docx"
    document.save(str(path))
    [grid] = read(path).grids
    assert grid.shape() == (
        (("纵向", 2, 1), ("横向", 1, 2), None),
        (None, ("1", 1, 1), ("", 1, 1)),
        (None, ("2", 1, 1), ("3", 1, 1)),
    )
    assert grid.rows[1].cells[2].native == NativeLocation(table=1, row=2, cell=3)  # a blank of its own
    assert grid.rows[2].cells[0] == GridCell(covered=True)  # skipped: covered by no cell


def test_html_table_keeps_nbsp_cells_as_blanks_and_names_each_td(tmp_path: Path) -> None:
    table = table_of("003_1a7957aec9d503ee")
    rows = list(table.rows)
    values = rows[3]  # 一、本年新收: the 法人 zeros written as &nbsp;
    rows[3] = tuple(TCell("\xa0") if i in range(2, 7) else cell for i, cell in enumerate(values))
    doc = as_html(TableBlock(table.kind, table.columns, tuple(rows)), tmp_path)
    [grid] = doc.grids
    assert grid.source == "html" and grid.native == NativeLocation(table=1)
    new_received = grid.rows[3]
    assert [c.text for c in new_received.cells[4:9]] == [""] * 5
    assert not any(c.covered for c in new_received.cells[3:])
    assert new_received.cells[1].covered and new_received.cells[2].covered  # the label's colspan 3
    assert new_received.cells[3].native == NativeLocation(
        table=1, row=4, cell=4, html_path="body>table>tbody>tr:nth-of-type(4)>td:nth-of-type(2)"
    )
    derived_from_the_grids(doc)


def test_html_rowspan_past_the_last_row_and_short_rows(tmp_path: Path) -> None:
    page = tmp_path / "t.html"
    page.write_text(
        "<html><body><table>"
        '<tr><td rowspan="5">合计</td><td>1</td><td>2</td></tr>'
        "<tr><td>3</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )
    [grid] = read(page).grids
    assert grid.shape() == ((("合计", 2, 1), ("1", 1, 1), ("2", 1, 1)), (None, ("3", 1, 1)))


def test_ruled_pdf_table_over_a_page_break_is_one_grid_with_page_boxes(tmp_path: Path) -> None:
    table = table_of("000_24cd27ad2d34b72d")
    doc = as_pdf(table, tmp_path, split_row=12)
    [grid] = doc.grids
    assert grid.source == "pdf" and grid.native == NativeLocation(page=1)
    assert [row.native.page for row in grid.rows if row.native] == [1] * 12 + [2] * 14
    # the vertical labels cut by the page break are one merged cell each, as in the DOCX
    assert grid.shape() == expected_shape(table)
    label = grid.rows[5].cells[0]
    assert (label.text, label.row_span) == ("三、本年度办理结果", 20)
    assert label.native is not None and label.native.page == 1
    x0, top, x1, bottom = label.native.bbox or (0, 0, 0, 0)
    assert (x0, x1) == (60.0, 78.0) and top == pytest.approx(842 - 760 + 5 * 36, abs=0.2)
    assert bottom == pytest.approx(842 - 760 + 12 * 36, abs=0.2)  # page 1's part of the merged cell
    first_on_page_2 = grid.rows[12]
    assert first_on_page_2.cells[0].covered and first_on_page_2.cells[1].covered
    value = first_on_page_2.cells[3]
    assert value.native is not None and value.native.page == 2 and value.native.bbox is not None
    assert value.native.bbox[1] == pytest.approx(842 - 760, abs=0.2)  # top of page 2's table
    derived_from_the_grids(doc)


@pytest.mark.parametrize("stem", seed_stems())
def test_every_reader_gives_the_same_grid(stem: str, tmp_path: Path) -> None:
    table = table_of(stem)
    want = expected_shape(table)
    assert as_docx(table, tmp_path).grids[0].shape() == want
    assert as_html(table, tmp_path).grids[0].shape() == want
    pdf = as_pdf(table, tmp_path)
    assert len(pdf.grids) == 1 and pdf.grids[0].shape() == want


def test_text_with_columns_gives_the_grid_texts(tmp_path: Path) -> None:
    """Markdown and tab-separated text have no merged cells: a covered cell is an empty cell."""
    table = table_of("001_c2bcf9dd95c89acf")
    html = as_html(table, tmp_path)
    flat = tuple(tuple(t or "" for t in row) for row in html.grids[0].texts())
    markdown = markdown_of(html).split("\n")
    [md] = text_grids(markdown)
    assert md.source == "markdown" and md.texts() == flat
    assert markdown[md.rows[0].line].startswith("|---|")  # the separator row is no row
    [tsv] = text_grids([HEADING, *expected_rows(table)])
    assert tsv.source == "tsv" and tsv.texts() == flat
    assert tsv.rows[0].line == 2
    assert text_grids(["一、新收 3 0 0", "二、结转 0 0 0"]) == ()  # no column evidence: no grid


def test_text_grid_cells_start_where_the_text_has_them() -> None:
    [grid] = text_grids(["| 项目 |  | 7 |", "| --- | --- | --- |", "| 合计 | 3 | |"])
    assert grid.texts() == (("项目", "", "7"), ("合计", "3", ""))
    assert grid.rows[0].offsets() == (2, 6, 10) and grid.cell_at(1, 11) == GridCell("7")
    assert [row.line for row in grid.rows] == [1, 3]


# --------------------------------------------------------------------------- real documents

DOCUMENTS = ("hongze2024", "shuyang2023")


@cache
def real(stem: str) -> tuple[dict[str, Any], Report]:
    spec: dict[str, Any] = YAML(typ="safe").load((REAL / f"{stem}.yaml").read_text(encoding="utf-8"))
    return spec, parse_path(REAL / spec["file"])


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_each_hand_checked_cell_links_to_its_grid_cell(stem: str) -> None:
    """Every table cell of the AST points to its cell in the file's grid, and that grid cell
    holds the hand-checked value (a blank is an empty cell of its own, not a covered one)."""
    spec, report = real(stem)
    checked = 0
    for kind in ("proactive", "applications"):
        table = report.table(kind)
        assert table is not None
        for row_key, cells in spec[kind].items():
            row = next(r for k in row_key.split("|") if (r := table.row(k)) is not None)
            for column, want in cells.items():
                ast_cell = row.cell(column)
                assert ast_cell is not None
                found = report.grid_cell(ast_cell.span)
                assert found is not None, (row_key, column)
                grid, cell = found
                assert grid.source == report.source_kind and not cell.covered
                if want == "blank":
                    assert cell.text == "", (row_key, column)
                else:
                    assert cell.text == ast_cell.raw and int(cell.text) == want, (row_key, column)
                assert cell.native is not None
                if report.source_kind == "pdf":
                    assert cell.native.page is not None and cell.native.bbox is not None
                else:
                    assert cell.native.html_path is not None and cell.native.cell is not None
                checked += 1
    assert checked > 150


def test_hongze_tables_continued_over_page_breaks_are_one_grid_each() -> None:
    _, report = real("hongze2024")
    assert [(g.native.page if g.native else None, len(g.rows), g.columns) for g in report.grids] == [
        (2, 14, 4),
        (3, 26, 10),
        (4, 4, 15),
    ]
    pages = [sorted({r.native.page for r in g.rows if r.native}) for g in report.grids]
    assert pages == [[2, 3], [3, 4], [4]]
    applications = report.grids[1]
    group = applications.rows[5].cells[0]
    assert (group.text, group.row_span) == ("三、本年度办理结果", 20)  # one cell over both pages
    assert all(row.cells[0].covered for row in applications.rows[6:25])


def test_shuyang_blank_columns_are_blank_cells_of_their_own() -> None:
    _, report = real("shuyang2023")
    grid = next(g for g in report.grids if g.columns == 10)
    new_received = next(r for r in grid.rows if r.cells[0].text.startswith("一、本年新收"))
    kinds = [cell_kind(c.text) if not c.covered else "covered" for c in new_received.cells]
    assert kinds == ["text", "covered", "covered", "number"] + ["blank"] * 5 + ["number"]


def test_a_finding_on_a_pdf_cell_carries_the_cells_page_and_box() -> None:
    _, report = real("hongze2024")
    found = [f for f in run([report], registry().default_settings(), lang="en") if f.code == "FMT003"]
    assert found
    location = found[0].location
    hit = report.grid_cell(report.tables[0].span.__class__(location.line, location.column, 0, 0))
    assert hit is not None
    _, cell = hit
    assert cell.text.startswith("（六）其他处理") and cell.native is not None
    assert location.native is not None
    assert (
        (location.native.page, location.native.bbox)
        == (cell.native.page, cell.native.bbox)
        == (
            4,
            (103.4, 227.0, 180.2, 246.4),
        )
    )


# --------------------------------------------------------------------------- output


def test_parse_tree_lists_the_grids() -> None:
    _, report = real("hongze2024")
    tree = render_tree(report)
    assert (
        "├─ grids\n│  ├─ pdf  14×4  L40-53  p2-3\n│  ├─ pdf  26×10  L55-80  p3-4\n│  ├─ pdf  4×15  L82-85  p4\n"
        in tree
    )


def test_parse_json_lists_the_grids_with_cell_kinds_and_places(tmp_path: Path) -> None:
    _, report = real("shuyang2023")
    data = report_to_dict(report)
    assert [g["source"] for g in data["grids"]] == ["html"] * 4
    grid = data["grids"][2]
    assert grid["columns"] == 10 and grid["native"] == {"table": 3}
    row = next(
        r for r in grid["rows"] if r["line"] == data["tables"]["applications"]["rows"]["new_received"]["line"]
    )
    assert [c["kind"] for c in row["cells"]] == ["text", "covered", "covered", "number"] + ["blank"] * 5 + [
        "number"
    ]
    assert row["cells"][0]["col_span"] == 3 and "col_span" not in row["cells"][3]
    assert row["cells"][3]["text"] == "26" and row["cells"][3]["native"]["cell"] == 4
    # the cell's column is where the AST cell starts on that line
    assert row["cells"][3]["column"] == report.table("applications").row("new_received").cells[0].span.column  # type: ignore[union-attr]


def test_parse_json_of_text_lists_its_markdown_grids(tmp_path: Path) -> None:
    text = "三、收到和处理政府信息公开申请情况\n| 项目 | 自然人 |\n|---|---|\n| 一、本年新收 | 3 |\n"
    report = parse_text(text)
    assert report.grids == ()  # text grids are built for output, not while checking
    [grid] = report_grids(report)
    assert grid.texts() == (("项目", "自然人"), ("一、本年新收", "3"))
    page = tmp_path / "t.md"
    page.write_text(text, encoding="utf-8")
    result = run_text("parse", str(page), "--format", "json")
    assert result.returncode == 0, result.stderr
    [shown] = json.loads(result.stdout)["grids"]
    assert shown["source"] == "markdown"
    assert [[c["kind"] for c in r["cells"]] for r in shown["rows"]] == [["text", "text"], ["text", "number"]]
    assert [r["line"] for r in shown["rows"]] == [2, 4]


# --------------------------------------------------------------------------- page breaks (plain geometry)


def _page_with_table(xs: list[float], ys: list[float], texts: list[list[str]]) -> Any:
    from disclint.readers.pdf import TextBox, _Page, layout_page
    from disclint.readers.pdf_grid import Edge

    edges = [Edge(True, y, xs[0], xs[-1]) for y in ys] + [Edge(False, x, ys[-1], ys[0]) for x in xs]
    boxes = [
        TextBox(t, xs[c] + 2, ys[r + 1] + 4, xs[c] + 2 + 10 * len(t), ys[r + 1] + 14, 10.0,
                xs[c] + 2 + 5 * len(t), ys[r + 1] + 9)
        for r, row in enumerate(texts) for c, t in enumerate(row) if t
    ]  # fmt: skip
    lines, _ = layout_page(boxes, edges, height=800)
    return _Page(800, tuple(lines), len(boxes), 0)


@pytest.mark.parametrize(
    ("second_xs", "grids"), [([50.0, 150.0, 200.0, 250.0], 1), ([50.0, 90.0, 130.0, 170.0], 2)]
)
def test_a_table_continues_on_the_next_page_only_with_the_same_borders(
    second_xs: list[float], grids: int
) -> None:
    from disclint.readers.pdf import document_from_pages

    first = _page_with_table(
        [50.0, 150.0, 200.0, 250.0], [140.0, 120.0, 100.0], [["一、新收", "1", "2"], ["二、结转", "", "4"]]
    )
    second = _page_with_table(second_xs, [740.0, 720.0], [["三、办理", "5", "6"]])
    doc = document_from_pages([first, second], "t.pdf", "pdf")
    assert len(doc.grids) == grids
    assert [row.line for g in doc.grids for row in g.rows] == [1, 2, 3]
    assert doc.grids[0].rows[1].cells[1] == GridCell("", native=doc.grids[0].rows[1].cells[1].native)
    derived_from_the_grids(doc)


# --------------------------------------------------------------------------- pdftotext -layout


def _layout_row(label: str, values: list[str]) -> str:
    """A row as pdftotext -layout prints it: the label, then each value right-aligned in its column."""
    return label.ljust(24) + "".join(v.rjust(6) for v in values)


LAYOUT = "\n".join(
    [
        "三、收到和处理政府信息公开申请情况",
        _layout_row("一、本年新收政府信息公开申请数量", ["26", "", "", "", "", "", "26"]),
        _layout_row("二、上年结转政府信息公开申请数量", ["0"] * 7),
        "（二）部分公开（区分处理的，只计这一",
        "情形，不计其他情形）",
        _layout_row("", ["3", "", "", "", "", "", "3"]),
    ]
)


def test_layout_text_gives_value_columns_with_blank_cells_and_joined_labels() -> None:
    [grid] = layout_grids(LAYOUT.splitlines())
    assert grid.source == "layout" and grid.columns == 8
    assert grid.texts() == (
        ("一、本年新收政府信息公开申请数量", "26", "", "", "", "", "", "26"),
        ("二、上年结转政府信息公开申请数量", "0", "0", "0", "0", "0", "0", "0"),
        ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "3", "", "", "", "", "", "3"),
    )
    assert [row.line for row in grid.rows] == [2, 3, 6]
    assert grid.cell_at(2, LAYOUT.splitlines()[1].index("26") + 1) == GridCell("26")
    assert layout_grids(["一、新收 3 4 5"]) == ()  # one row is no table
    # two values in one column: no column evidence, no grid (a cell is never guessed)
    assert layout_grids(["甲  1  2", "乙  1 2"]) == ()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_hongze_through_pdftotext_layout_gives_the_cells_of_the_pdf_grid(tmp_path: Path) -> None:
    """Table 三 of the real PDF as ``pdftotext -layout`` text (two pages, labels wrapped above
    and below their values) is one layout grid whose rows have the PDF grid's values."""
    spec, report = real("hongze2024")
    out = tmp_path / "hongze.txt"
    subprocess.run(
        ["pdftotext", "-layout", str(REAL / spec["file"]), str(out)], check=True, capture_output=True
    )
    text = parse_path(out)
    grids = [g for g in report_grids(text) if g.source == "layout" and g.columns == 8]
    assert len(grids) == 1 and len(grids[0].rows) == 23

    def key(label: str) -> str:
        return "".join(label.split())

    pdf_rows = {
        key(next(c.text for c in reversed(r.cells[:3]) if c.text)): r for r in report.grids[1].rows[3:]
    }
    for row in grids[0].rows:
        label = key(row.cells[0].text)
        [pdf] = [r for k, r in pdf_rows.items() if label.endswith(k) or k.endswith(label)]
        assert [c.text for c in row.cells[1:]] == [c.text for c in pdf.cells[3:]], label
