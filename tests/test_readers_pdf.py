"""PDF reader: ruled tables as TAB rows, reading order, page furniture, pages, failures."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw
from reportlab.lib import pdfencrypt
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from disclint.readers import Document, ReadFailure, read_bytes, read_path
from disclint.readers.pdf_grid import Edge, build_grids

from fixture_builders import Renderings, build_model, expected_rows, renderings, seed_stems

PAGE = (595.0, 842.0)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Renderings:
    result = renderings(tmp_path_factory.getbasetemp() / "renderings")
    if not result.pdf:
        pytest.skip(result.pdf_skip_reason)
    return result


def _doc(path: Path) -> Document:
    result = read_path(path)
    assert isinstance(result, Document), result
    return result


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("stem", seed_stems())
def test_tables_come_back_row_for_row(generated: Renderings, stem: str) -> None:
    model = build_model(stem)
    doc = _doc(generated.pdf[stem])
    assert doc.kind == "pdf"
    rows = [line.text for line in doc.lines if line.cell_starts is not None]
    assert rows == [row for b in model.blocks if not isinstance(b, str) for row in expected_rows(b)]


@pytest.mark.parametrize("stem", seed_stems())
def test_prose_in_reading_order_without_page_furniture(generated: Renderings, stem: str) -> None:
    model = build_model(stem)
    doc = _doc(generated.pdf[stem])
    prose = [line.text for line in doc.lines if line.cell_starts is None]
    assert _squash("".join(prose)) == _squash("".join(b for b in model.blocks if isinstance(b, str)))
    assert not any(re.fullmatch(r"(- \d+ -|第 ?\d+ ?页)", line) for line in prose)
    assert doc.notes and doc.notes[0].startswith("dropped ")


@pytest.mark.parametrize("stem", seed_stems())
def test_native_pages_are_the_printed_pages(generated: Renderings, stem: str) -> None:
    pdf = pdfium.PdfDocument(generated.pdf[stem])
    try:
        page_texts = [_squash(pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    finally:
        pdf.close()
    doc = _doc(generated.pdf[stem])
    checked = 0
    per_page: dict[int, list[int]] = {}
    for line in doc.lines:
        assert line.native is not None and line.native.page is not None
        per_page.setdefault(line.native.page, []).append(line.native.page_line or 0)
        cells = [_squash(c) for c in line.text.split("\t") if len(_squash(c)) >= 6]
        if line.cell_starts is None or not cells:
            continue
        pages = [n for n, text in enumerate(page_texts, start=1) if all(c in text for c in cells)]
        if len(pages) == 1:
            assert line.native.page == pages[0], line.text
            checked += 1
    assert checked >= 10
    assert len(per_page) >= 4
    for numbers in per_page.values():
        assert numbers == list(range(1, len(numbers) + 1))


# --------------------------------------------------------------------------- made with reportlab


def _font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def _pdf(pages: Sequence[Sequence[tuple[float, float, str]]], **kwargs: object) -> bytes:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=PAGE, **kwargs)
    font = _font()
    for page in pages:
        for x, y, text in page:
            c.setFont(font, 12)
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return buffer.getvalue()


def test_page_numbers_and_running_titles_are_dropped() -> None:
    footers = ["- 1 -", "— 2 —", "第 3 页 共 4 页", "4"]
    pages = []
    for i, footer in enumerate(footers):
        pages.append(
            [
                (72, 800, "某某镇2024年政府信息公开工作年度报告"),
                (72, 700, f"正文第{i + 1}页"),
                (280, 40, footer),
            ]
        )
    doc = read_bytes(_pdf(pages), "f.pdf")
    assert isinstance(doc, Document)
    assert [line.text for line in doc.lines] == ["正文第1页", "正文第2页", "正文第3页", "正文第4页"]
    assert [(line.native.page, line.native.page_line) for line in doc.lines if line.native] == [
        (1, 1), (2, 1), (3, 1), (4, 1),
    ]  # fmt: skip
    assert doc.notes == ("dropped 8 page header/footer/page-number line(s)",)


def test_a_title_equal_to_the_running_header_is_kept() -> None:
    title = "某某镇2024年政府信息公开工作年度报告"
    pages = [
        [(72, 810, title), (72, 770, title), (72, 700, "一、总体情况")],
        [(72, 810, title), (72, 700, "二、主动公开政府信息情况")],
    ]
    doc = read_bytes(_pdf(pages), "t.pdf")
    assert isinstance(doc, Document)
    assert [line.text for line in doc.lines] == [title, "一、总体情况", "二、主动公开政府信息情况"]


def test_numbers_in_the_body_are_kept() -> None:
    doc = read_bytes(_pdf([[(72, 700, "一、本年新收 3 0 0"), (72, 400, "12"), (72, 380, "结尾")]]), "n.pdf")
    assert isinstance(doc, Document)
    assert [line.text for line in doc.lines] == ["一、本年新收 3 0 0", "12", "结尾"]


def test_ruled_table_drawn_with_lines() -> None:
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=PAGE)
    font = _font()
    xs, ys = [72, 250, 350, 450, 550], [700, 680, 660, 640]
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    c.setFillColorRGB(0.9, 0.9, 0.9)
    c.rect(72, 640, 478, 60, stroke=0, fill=1)  # a shaded background is not a border
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font, 10)
    c.drawString(76, 686, "行政许可")
    for x, text in zip(xs[1:], ("4", "-1", "0"), strict=False):
        c.drawString(x + 4, 686, text)
    c.drawString(76, 666, "行政处罚")
    c.drawString(254, 666, "35")
    c.drawString(76, 646, "合计")
    c.drawString(72, 600, "表后文字")
    c.showPage()
    c.save()
    doc = read_bytes(buffer.getvalue(), "table.pdf")
    assert isinstance(doc, Document)
    assert [line.text for line in doc.lines] == [
        "行政许可\t4\t-1\t0",
        "行政处罚\t35\t\t",
        "合计\t\t\t",
        "表后文字",
    ]
    assert doc.lines[0].cell_starts == (0, 5, 7, 10)


def test_grid_merges_follow_missing_borders() -> None:
    # 3 columns × 3 rows; the top row has no inner borders (one merged cell); the first
    # column has no border between rows 2 and 3 (vertical merge)
    edges = [Edge(True, y, 0, 300) for y in (300, 200)] + [Edge(True, 100, 100, 300), Edge(True, 0, 0, 300)]
    edges += [Edge(False, 0, 0, 300), Edge(False, 300, 0, 300)]
    edges += [Edge(False, 100, 0, 200), Edge(False, 200, 0, 200)]
    (grid,) = build_grids(edges)
    assert grid.xs == (0, 100, 200, 300)
    assert grid.ys == (300, 200, 100, 0)
    assert grid.region_of == ((0, 0, 0), (1, 2, 3), (1, 4, 5))
    assert grid.origins == ((0, 0), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2))
    assert grid.cell_at(150, 50) == (2, 1)
    assert grid.cell_at(400, 50) is None


def test_lines_that_do_not_form_a_table_are_ignored() -> None:
    assert build_grids([Edge(True, 100, 0, 300), Edge(True, 50, 0, 300)]) == []


def test_scanned_pdf_has_no_text_layer() -> None:
    image = Image.new("RGB", (600, 800), "white")
    ImageDraw.Draw(image).rectangle((50, 50, 550, 120), outline="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PDF")
    result = read_bytes(buffer.getvalue(), "scan.pdf", ocr="never")
    assert isinstance(result, ReadFailure)
    assert result.kind == "pdf"
    assert result.reason == (
        "scan.pdf: no text layer: the PDF appears to be scanned images, and OCR is off (--ocr never)."
    )


def test_blank_pdf_has_no_text() -> None:
    result = read_bytes(_pdf([[]]), "blank.pdf")
    assert isinstance(result, ReadFailure)
    assert result.reason == "blank.pdf: the PDF contains no text."


def test_password_protected_pdf() -> None:
    data = _pdf([[(72, 700, "机密")]], encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    result = read_bytes(data, "locked.pdf")
    assert isinstance(result, ReadFailure)
    assert result.reason == "locked.pdf is password-protected; remove the password and save it again."


def test_corrupt_pdf() -> None:
    result = read_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "broken.pdf")
    assert isinstance(result, ReadFailure)
    assert result.reason.startswith("broken.pdf is not a valid PDF (")
    assert result.reason.endswith("the file may be corrupt or truncated.")
