"""DOCX reader: paragraphs and tables in body order, merged cells, native locations, failures."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from disclint.readers import Document, ReadFailure, read_bytes, read_path
from disclint.readers.base import NativeLocation
from disclint.readers.docx import format_number

from fixture_builders import build_docx, build_model, expected_rows, model_lines, seed_stems


def _read(document: docx.document.Document, name: str = "t.docx") -> Document:
    buffer = io.BytesIO()
    document.save(buffer)
    result = read_bytes(buffer.getvalue(), name)
    assert isinstance(result, Document), result
    return result


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    return {
        stem: build_docx(build_model(stem), folder / f"{stem}.docx", i) for i, stem in enumerate(seed_stems())
    }


@pytest.mark.parametrize("stem", seed_stems())
def test_seed_docx_reads_as_word_text_export(seed_docx: dict[str, Path], stem: str) -> None:
    model = build_model(stem)
    result = read_path(seed_docx[stem])
    assert isinstance(result, Document)
    assert result.kind == "docx"
    # empty paragraphs aside, the stream is the paragraphs and the TAB-joined rows in body order
    assert [line.text for line in result.lines if line.text] == model_lines(model)
    # headers and footers are not read: the page number field never appears, the running
    # title only where the body has it
    assert not any(line.text.strip() in ("- 1 -", "第 1 页") for line in result.lines)


def test_table_three_rows_match_the_tab_layout_of_word_exports(seed_docx: dict[str, Path]) -> None:
    result = read_path(seed_docx["004_ad5f03b2b0236919"])
    assert isinstance(result, Document)
    rows = {line.text for line in result.lines if line.cell_starts is not None}
    assert "\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0" in rows
    assert "\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0" in rows
    assert "三、本年度办理结果\t（一）予以公开\t\t0\t0\t0\t0\t0\t0\t0" in rows
    assert "政府集中采购\t2\t402.2 万元\t" in rows
    assert "行政复议\t\t\t\t\t行政诉讼" + "\t" * 9 in rows


def test_native_locations(seed_docx: dict[str, Path]) -> None:
    model = build_model("001_c2bcf9dd95c89acf")
    result = read_path(seed_docx["001_c2bcf9dd95c89acf"])
    assert isinstance(result, Document)
    paragraphs = [line for line in result.lines if line.cell_starts is None]
    assert [p.native.paragraph for p in paragraphs if p.native] == list(range(1, len(paragraphs) + 1))
    tables = [b for b in model.blocks if not isinstance(b, str)]
    for number, table in enumerate(tables, start=1):
        rows = [line for line in result.lines if line.native and line.native.table == number]
        assert [line.text for line in rows] == expected_rows(table)
        assert [line.native.row for line in rows if line.native] == list(range(1, len(rows) + 1))
    row = next(line for line in result.lines if line.text.startswith("\t（三）不予公开"))
    assert row.cell_starts == (0, 1, 9, 18, 20, 22, 24, 26, 28, 30, 31)
    column = row.text.index("1.属于") + 1  # 1-based column of the label
    assert row.native_at(column) == NativeLocation(table=2, row=8, cell=3)
    assert row.native_at(1) == NativeLocation(table=2, row=8, cell=1)


def test_merged_cells_and_cell_paragraphs() -> None:
    document = docx.Document()
    document.add_paragraph("前言")
    table = document.add_table(rows=3, cols=4)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "横向合并"
    table.cell(0, 3).text = "D1"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "纵向合并"
    table.cell(1, 1).text = "B2"
    cell = table.cell(2, 1)
    cell.text = "5.属于三类内部事务"
    cell.add_paragraph("信息")
    table.cell(2, 2).text = "Total"
    table.cell(2, 2).add_paragraph("count")
    document.add_paragraph("后记")
    lines = _read(document).lines
    assert [line.text for line in lines] == [
        "前言",
        "横向合并\t\t\tD1",
        "纵向合并\tB2\t\t",
        "\t5.属于三类内部事务信息\tTotal count\t",
        "后记",
    ]
    assert [line.native for line in lines] == [
        NativeLocation(paragraph=1),
        NativeLocation(table=1, row=1),
        NativeLocation(table=1, row=2),
        NativeLocation(table=1, row=3),
        NativeLocation(paragraph=2),
    ]


def test_line_breaks_tabs_and_revisions() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("联系电话：")
    paragraph.add_run().add_break()
    paragraph.add_run("0951-6121130\t传真")
    deleted = OxmlElement("w:del")
    run = OxmlElement("w:r")
    text = OxmlElement("w:delText")
    text.text = "已删除"
    run.append(text)
    deleted.append(run)
    paragraph._p.append(deleted)
    inserted = OxmlElement("w:ins")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "（新增）"
    run.append(text)
    inserted.append(run)
    paragraph._p.append(inserted)
    lines = _read(document).lines
    assert [line.text for line in lines] == ["联系电话：", "0951-6121130\t传真（新增）"]
    assert {line.native for line in lines} == {NativeLocation(paragraph=1)}


def test_headers_and_footers_are_ignored() -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉标题"
    document.sections[0].footer.paragraphs[0].text = "- 1 -"
    document.add_paragraph("正文")
    assert [line.text for line in _read(document).lines] == ["正文"]


def test_automatic_list_numbering_is_rendered() -> None:
    document = docx.Document()
    for text in ("第一项", "第二项", "第三项"):
        document.add_paragraph(text, style="List Number")
    assert [line.text for line in _read(document).lines] == ["1. 第一项", "2. 第二项", "3. 第三项"]


def test_chinese_numbering_definition() -> None:
    document = docx.Document()
    numbering = document.part.numbering_part.element
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for ilvl, fmt, text in ((0, "chineseCounting", "%1、"), (1, "chineseCounting", "（%2）")):
        level = OxmlElement("w:lvl")
        level.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", fmt), ("w:lvlText", text), ("w:suff", "nothing")):
            element = OxmlElement(tag)
            element.set(qn("w:val"), value)
            level.append(element)
        abstract.append(level)
    numbering.insert(0, abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    for text, ilvl in (
        ("总体情况", 0),
        ("主动公开", 1),
        ("依申请公开", 1),
        ("主动公开政府信息情况", 0),
        ("x", 1),
    ):
        paragraph = document.add_paragraph(text)
        num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = ilvl
        num_pr.get_or_add_numId().val = 90
    assert [line.text for line in _read(document).lines] == [
        "一、总体情况",
        "（一）主动公开",
        "（二）依申请公开",
        "二、主动公开政府信息情况",
        "（一）x",
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "text"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCounting", "十二"),
        (20, "chineseCountingThousand", "二十"),
        (36, "ideographTraditional", "三十六"),
        (105, "ideographDigital", "一〇五"),
        (3, "decimalEnclosedCircle", "③"),
        (4, "upperRoman", "IV"),
        (27, "lowerLetter", "aa"),
        (7, "decimalFullWidth", "７"),
        (7, "decimal", "7"),
    ],
)
def test_format_number(n: int, fmt: str, text: str) -> None:
    assert format_number(n, fmt) == text


def test_corrupt_docx(seed_docx: dict[str, Path]) -> None:
    data = seed_docx["001_c2bcf9dd95c89acf"].read_bytes()
    result = read_bytes(data[: len(data) // 2], "half.docx")
    assert isinstance(result, ReadFailure)
    assert result.kind == "docx"
    assert result.reason.startswith("half.docx is not a valid Word document (")
    assert result.reason.endswith("the file may be corrupt or truncated.")


def test_docx_with_broken_xml() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "word/document.xml":
                content = content[: len(content) // 2]
            target.writestr(item, content)
    result = read_bytes(out.getvalue(), "broken.docx")
    assert isinstance(result, ReadFailure)
    assert result.reason.startswith("broken.docx is not a valid Word document")
