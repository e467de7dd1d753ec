"""A ruled PDF of one table as offices' PDFs print it (reportlab, built during the test run).

Narrow columns: a merged label cell two characters wide prints its text vertically, one
character per line (三、本年度办理结果, （三）不予公开); long labels wrap over several lines in their
cell. The table breaks across a page after ``split_row`` with the page number (``-1-``) at the
bottom of the first page; on the second page the table goes on with the same columns and no
header. PDFium reads reportlab's built-in CID font (STSong-Light) without a font file.
"""

from __future__ import annotations

from pathlib import Path

from fixture_builders import TableBlock, grid_positions

PAGE_W, PAGE_H = 595.0, 842.0
LEFT, TOP = 60.0, 760.0
FONT = "STSong-Light"
SIZE = 7.0
ROW_H = 36.0
LINE_H = 8.5


def column_widths(table: TableBlock) -> list[float]:
    """Narrow label columns: 18 and 22 pt (vertical group labels), 90 pt; values 34 pt each."""
    if table.columns >= 10:
        return [18.0, 22.0, 90.0] + [34.0] * (table.columns - 3)
    return [110.0] + [90.0] * (table.columns - 1)


def _wrap(text: str, width: float) -> list[str]:
    per_line = max(int((width - 4) // SIZE), 1)
    return [text[i : i + per_line] for i in range(0, len(text), per_line)] or [""]


def _turn_matrix(drawn: int) -> tuple[float, float, float, float, float, float]:
    """The page-space matrix that draws an upright portrait page turned ``drawn`` degrees
    anticlockwise (its page is then landscape for a quarter turn)."""
    return {
        0: (1, 0, 0, 1, 0, 0),
        90: (0, 1, -1, 0, PAGE_H, 0),
        180: (-1, 0, 0, -1, PAGE_W, PAGE_H),
        270: (0, -1, 1, 0, 0, PAGE_W),
    }[drawn]


def build_ruled_pdf(
    table: TableBlock, heading: str, path: Path, split_row: int, drawn: int = 0, rotate: int = 0
) -> Path:
    """The table over two pages; with ``drawn`` its print turned anticlockwise in page space and
    with ``rotate`` the pages' ``/Rotate`` (equal values: the page is shown upright)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    widths = column_widths(table)
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    size = (PAGE_H, PAGE_W) if drawn in (90, 270) else (PAGE_W, PAGE_H)
    pdf = canvas.Canvas(str(path), pagesize=size)
    positions = grid_positions(table)
    pages = [(0, split_row), (split_row, len(table.rows))]
    for number, (first, end) in enumerate(pages, start=1):
        pdf.transform(*_turn_matrix(drawn))
        top = TOP
        if number == 1:
            pdf.setFont(FONT, 12)
            pdf.drawString(LEFT, top + 20, heading)
        for (r, c), cell in positions.items():
            r_end = r + cell.rowspan
            if r_end <= first or r >= end:
                continue
            lo, hi = max(r, first), min(r_end, end)
            x0, x1 = xs[c], xs[c + cell.colspan]
            y_top, y_bottom = top - (lo - first) * ROW_H, top - (hi - first) * ROW_H
            pdf.setLineWidth(0.5)
            pdf.rect(x0, y_bottom, x1 - x0, y_top - y_bottom)
            if lo != r:
                continue  # a merged cell's text is printed once, on its first page
            lines = _wrap(cell.text, x1 - x0)
            pdf.setFont(FONT, SIZE)
            y = y_top - (y_top - y_bottom - len(lines) * LINE_H) / 2 - SIZE
            for line in lines:
                pdf.drawString(x0 + 2, y, line)
                y -= LINE_H
        if number == 1:
            pdf.setFont(FONT, 10)
            pdf.drawCentredString(PAGE_W / 2, 40, "-1-")
        pdf.showPage()
    pdf.save()
    if rotate:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(path.read_bytes())
        for i in range(len(doc)):
            doc[i].set_rotation(rotate)
        doc.save(str(path))
        doc.close()
    return path
