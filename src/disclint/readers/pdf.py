"""PDF (pypdfium2): text in reading order per page, ruled tables as TAB-joined rows.

Why pypdfium2 and not pdfplumber: both give the characters with their boxes and the drawn lines,
but pdfplumber parses the page in pure Python (pdfminer) and is one to two orders of magnitude
slower on these reports; PDFium does the parsing in C and we only do the geometry
(``benchmarks/bench_readers.py`` prints the figures).

Per page:

1. characters with their loose boxes (PDFium's own inserted spaces/newlines are ignored; spaces
   are put back where the text has a space or a gap wider than a quarter of the font size);
2. ruling lines from stroked paths and thin filled rectangles → tables (:mod:`.pdf_grid`);
   characters inside a table go to their cell; each table is a :class:`~.grid.Grid` (one grid
   for a table continued on the next page) whose cells have their page and box, and every grid
   row becomes one line with its cells joined by TAB (merged cells: text in the top-left cell,
   covered cells for the rest);
3. the other characters are grouped into lines top to bottom;
4. page furniture is dropped: page numbers (``- 3 -``, ``— 3 —``, ``第 3 页 共 8 页``, ``3/8``,
   a lone number at the bottom) and running headers/footers repeated on several pages.

Native location: page (1-based) and line on that page (1-based, after dropping furniture).
"""

from __future__ import annotations

import ctypes
import re
import struct
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields, replace
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import limits
from .base import Document, NativeLocation, ReadFailure, SourceLine
from .engines import ENGINE_LOCK
from .grid import Grid, GridCell, GridRow, row_line
from .guard import DamagedPdf, check_pdf
from .lines import join_fragments
from .pdf_grid import SNAP, Edge, carried, part_grids, table_parts
from .pdf_grid import Grid as Ruling
from .pdf_space import PageSpace, sampled_turn

if TYPE_CHECKING:
    from .ocr import PageScan

_SPACE_GAP = 0.25  # gap / font size above which a space is inserted
_THIN = 3.0  # points: a filled rectangle this thin is a ruling line
_HUGE = 60.0  # points: a character box wider or taller than this is a mis-scaled loose box
_ZONE = 0.12  # top/bottom share of the page where headers, footers and page numbers live
_SPACES = {0x20, 0xA0, 0x3000, 0x2002, 0x2003, 0x2009}
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－―~～]\s*\d{1,4}\s*[-—–－―~～]"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)$"
)
_LONE_NUMBER = re.compile(r"^\d{1,4}$")
_RECTF = struct.Struct("4f")  # PDFium's FS_RECTF as it lies in memory
_MATRIX = struct.Struct("6f")  # PDFium's FS_MATRIX
_POINT = struct.Struct("2f")  # a path point's x and y, as read into _PathBuffers.xy
_MODES = struct.Struct("2i")  # a path's fill mode and stroke flag, as read by FPDFPath_GetDrawMode


Box = tuple[float, float, float, float]  # x0, y0, x1, y1


class _Char(NamedTuple):
    """A character or word box. The text layer's are made as plain tuples of these fields (a
    plain tuple unpacks in one step, a NamedTuple through an iterator: the layout unpacks every
    character twice), so the layout reads them by position, never by name."""

    text: str  # one character, " " for a space
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    cx: float
    cy: float
    conf: float = 1.0  # OCR confidence; 1.0 for the text layer


class _Line(NamedTuple):  # (a tuple: made per line and row, and a frozen dataclass costs 5x)
    top: float
    text: str
    cells: tuple[str | None, ...] | None = None  # a table row (None: covered by a merged cell)
    grid: int = -1  # index of the table on its page, for a row
    boxes: tuple[Box, ...] = ()  # the line's box, or each cell's box for a row (points, y up)
    confidence: tuple[float, ...] = ()  # lowest character confidence of the line / each cell
    spans: tuple[tuple[int, int], ...] = ()  # a row: (row span, column span) per cell, (0, 0) covered


@dataclass(frozen=True)
class _Page:
    height: float
    lines: tuple[_Line, ...]
    chars: int  # non-space characters on the page
    images: int
    scanned: bool = False  # read by OCR from the page image


def read_pdf_bytes(data: bytes, path: str, ocr: str = "auto") -> Document | ReadFailure:
    """Read a PDF into a Document, or explain why it cannot be read (encrypted, corrupt, scanned).

    ``ocr``: ``auto`` reads pages without a text layer by OCR when the extra is installed,
    ``always`` reads every page by OCR, ``never`` reads none."""
    import pypdfium2 as pdfium

    try:  # a Flate bomb, millions of objects or endless damage are refused before PDFium opens them
        check_pdf(data)
    except DamagedPdf as exc:
        return _failure(path, f"{path} is a damaged PDF: {exc}.", f"{path} 是损坏的 PDF 文件：{exc}。")
    with ENGINE_LOCK:  # PDFium, from opening the document to closing it
        try:
            pdf = pdfium.PdfDocument(data)
        except Exception as exc:  # PdfiumError, or anything raised on a broken file
            return _open_failure(path, str(exc))
        try:
            limits.check("pdf-pages", len(pdf))
            pages: list[_Page] = []
            carry: tuple[float, ...] = ()
            for i in range(len(pdf)):
                page, carry = _read_page(pdf, i, carry, ocr)
                pages.append(page)
        except limits.LimitExceeded:
            raise
        except Exception as exc:
            return _failure(
                path,
                f"{path} is a damaged PDF: {exc}.",
                f"{path} 是损坏的 PDF 文件：{exc}。",
            )
        finally:
            pdf.close()
    if not pages:
        return _failure(path, f"{path} is a PDF with no pages.", f"{path} 是没有页面的 PDF 文件。")
    if sum(p.chars for p in pages) == 0:
        if any(p.images for p in pages):
            return _scanned_failure(path, ocr)
        return _failure(path, f"{path}: the PDF contains no text.", f"{path}：该 PDF 不含任何文字。")
    return document_from_pages(pages, path, "pdf")


def document_from_pages(pages: list[_Page], path: str, kind: str) -> Document:
    """The pages' lines as one Document: furniture dropped, rows split by a page break joined;
    each ruled table a grid (one grid for a table continued on the next page)."""
    kept, dropped = drop_furniture(pages)
    _join_split_rows(kept)
    lines: list[SourceLine] = []
    tables = _Tables(kind)
    for page_number, (page, page_lines) in enumerate(zip(pages, kept, strict=True), start=1):
        top_left = _TopLeft(page.height).__call__  # (bound: an instance's __call__ costs more)
        for line_number, line in enumerate(page_lines, start=1):
            if line.cells is not None:
                row = _grid_row(line, page_number, line_number, top_left, len(lines) + 1)
                source = row_line(tables.add(row, line, page_number, line_number == 1))
                # a table row is its grid row's line (boxes from the grid); a scanned one also
                # keeps its confidences
                lines.append(_with_boxes(source, line, top_left) if page.scanned else source)
            else:
                boxes = tuple(map(top_left, line.boxes))
                native = _location(page_number, boxes[0] if len(boxes) == 1 else _union(boxes), line_number)
                confidence = (line.confidence or None) if page.scanned else None
                lines.append(SourceLine(line.text, native, boxes=boxes or None, confidence=confidence))
        tables.page_end(page_lines[-1] if page_lines else None)
    notes: list[str] = []
    if dropped:
        notes.append(f"dropped {dropped} page header/footer/page-number line(s)")
    blank = [str(i) for i, p in enumerate(pages, start=1) if p.chars == 0 and p.images]
    if blank:
        notes.append(f"page(s) {', '.join(blank)} have no text layer (scanned images)")
    scanned = [str(i) for i, p in enumerate(pages, start=1) if p.scanned]
    if scanned:
        notes.append(f"page(s) {', '.join(scanned)} read by OCR")
    return Document(path=path, kind=kind, lines=tuple(lines), notes=tuple(notes), grids=tables.grids())


class _TopLeft:
    """Boxes of one page in PDF user space (y up) as points from the page's top-left corner, to
    0.1 pt; each coordinate rounded once per page (a table's cells share their borders, and
    rounding to a digit costs more than the rest of a box)."""

    __slots__ = ("height", "xs", "ys")

    def __init__(self, height: float) -> None:
        self.height = height
        self.xs: dict[float, float] = {}  # x -> round(x, 1)
        self.ys: dict[float, float] = {}  # y -> round(height - y, 1)

    def __call__(self, box: Box) -> Box:
        x0, y0, x1, y1 = box
        xs, ys = self.xs, self.ys
        left = xs.get(x0)
        if left is None or not x0:  # (0.0 and -0.0 are one key, not one rounding)
            left = xs[x0] = round(x0, 1)
        right = xs.get(x1)
        if right is None or not x1:
            right = xs[x1] = round(x1, 1)
        top = ys.get(y1)
        if top is None or not y1:
            top = ys[y1] = round(self.height - y1, 1)
        bottom = ys.get(y0)
        if bottom is None or not y0:
            bottom = ys[y0] = round(self.height - y0, 1)
        return (left, top, right, bottom)


def _union(boxes: Iterable[Box | None]) -> Box | None:
    """The smallest box holding every box of ``boxes`` (None for none); one pass, the same
    values as ``min``/``max`` over each side."""
    union: list[float] | None = None
    for b in boxes:
        if b is None:
            continue
        if union is None:
            union = list(b)
            continue
        if b[0] < union[0]:
            union[0] = b[0]
        if b[1] < union[1]:
            union[1] = b[1]
        if b[2] > union[2]:
            union[2] = b[2]
        if b[3] > union[3]:
            union[3] = b[3]
    return None if union is None else (union[0], union[1], union[2], union[3])


# The values made per table cell, without their generated __init__: a frozen dataclass sets each
# field through object.__setattr__, which costs three times the rest of making one (8 fields of a
# location: 15,000 instructions); these make equal values (test_pdf_calls compares them).
_LOCATION_DEFAULTS = NativeLocation().__dict__  # every field at its default, in field order
_SET_TEXT, _SET_ROW_SPAN, _SET_COL_SPAN, _SET_COVERED, _SET_NATIVE = (
    getattr(GridCell, f.name).__set__
    for f in fields(GridCell)  # its slots' setters, in field order
)


def _location(page: int, bbox: Box | None, page_line: int | None = None) -> NativeLocation:
    """``NativeLocation(page=page, page_line=page_line, bbox=bbox)`` (``bbox`` a tuple)."""
    location = object.__new__(NativeLocation)
    values = _LOCATION_DEFAULTS.copy()
    values["page"], values["page_line"], values["bbox"] = page, page_line, bbox
    object.__setattr__(location, "__dict__", values)
    return location


def _cell(text: str, row_span: int, col_span: int, covered: bool, native: NativeLocation | None) -> GridCell:
    """``GridCell(text, row_span, col_span, covered, native)``."""
    cell = object.__new__(GridCell)
    _SET_TEXT(cell, text)
    _SET_ROW_SPAN(cell, row_span)
    _SET_COL_SPAN(cell, col_span)
    _SET_COVERED(cell, covered)
    _SET_NATIVE(cell, native)
    return cell


def _grid_row(line: _Line, page: int, page_line: int, top_left: Callable[[Box], Box], number: int) -> GridRow:
    """The grid row of ``line`` (a table row), on document line ``number``."""
    assert line.cells is not None
    cells: list[GridCell] = []
    boxes: list[Box | None] = []
    given = len(line.boxes)
    # a merged cell's covered cells in the row share its box (the same tuple): its location and
    # covered cell are made once (equal frozen values)
    drawn: Box | None = None  # the last box converted (``box``: it from the page's top-left)
    box: Box | None = None
    native: NativeLocation | None = None
    cover: GridCell | None = None
    for i, text in enumerate(line.cells):
        if i < given:
            if line.boxes[i] is not drawn:
                drawn = line.boxes[i]
                box = top_left(drawn)
                native, cover = _location(page, box), None
        elif box is not None or native is None:
            drawn = box = cover = None
            native = _location(page, None)
        boxes.append(box)
        if text is None:
            if cover is None:
                cover = _cell("", 1, 1, True, native)
            cells.append(cover)
            continue
        row_span, col_span = line.spans[i] if i < len(line.spans) else (1, 1)
        cells.append(_cell(text, row_span, col_span, False, native))
    return GridRow(tuple(cells), _location(page, _union(boxes), page_line), number)


def _borders(row: GridRow) -> tuple[float, float] | None:
    boxes = [c.native.bbox for c in row.cells if c.native is not None and c.native.bbox is not None]
    return (min(b[0] for b in boxes), max(b[2] for b in boxes)) if boxes else None


def _same_borders(a: GridRow, b: GridRow) -> bool:
    """Two rows of one table: the same left and right borders (within two snaps)."""
    left, right = _borders(a), _borders(b)
    if left is None or right is None:
        return False
    return abs(left[0] - right[0]) <= 2 * SNAP and abs(left[1] - right[1]) <= 2 * SNAP


def _origin(rows: list[GridRow], r: int, c: int) -> tuple[int, int] | None:
    """Row and column of the cell of its own that holds grid position (``r``, ``c``)."""
    for r0 in range(r, -1, -1):
        for c0 in range(min(c, len(rows[r0].cells) - 1), -1, -1):
            cell = rows[r0].cells[c0]
            if not cell.covered and c0 + cell.col_span > c and r0 + cell.row_span > r:
                return r0, c0
    return None


class _Tables:
    """Grid rows collected into grids: the rows of one ruled table on a page are one grid, and a
    table that ran off a page's bottom goes on in the first row of the next page when that row
    has the same columns (the layout gave it the same column borders)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.done: list[Grid] = []
        self.rows: list[GridRow] = []
        self.key: tuple[int, int] | None = None  # (page, table on the page) of the open grid
        self.first_page = 0  # page of the open grid's first row
        self.open_at_break = False  # the open grid's last row ended the previous page

    def add(self, row: GridRow, line: _Line, page: int, first_on_page: bool) -> GridRow:
        """Add ``row`` to its grid; the row as added (a merged cell cut by the page break is
        joined: see :meth:`_join_merged`)."""
        continued = (
            first_on_page
            and self.open_at_break
            and len(self.rows[-1].cells) == len(row.cells)
            and _same_borders(self.rows[-1], row)
        )
        if (page, line.grid) != self.key and not continued:
            self._close()
        elif continued:
            row = self._join_merged(row)
        if not self.rows:
            self.first_page = page
        self.rows.append(row)
        self.key = (page, line.grid)
        self.open_at_break = False
        return row

    def _join_merged(self, row: GridRow) -> GridRow:
        """A merged cell (a vertical label) cut by the page break: the drawing gives its part on
        the new page as a cell of its own, empty (the text is printed once). When that cell spans
        rows, or the cell above it does, over the same columns, it is the same merged cell: the
        part becomes covered and the cell above spans its rows too. A row of nothing but numbers
        and empty cells (table 四's values under its merged header words) has no label that a
        merged cell could hold: its empty cells are blanks."""
        if not any(cell.text and not _NUMERIC.match(cell.text) for cell in row.cells):
            return row
        cells = list(row.cells)
        last = len(self.rows) - 1
        for c, cell in enumerate(cells):
            found = None if cell.covered or cell.text else _origin(self.rows, last, c)
            if found is None:
                continue
            r0, c0 = found
            origin = self.rows[r0].cells[c0]
            if (
                c0 == c
                and origin.col_span == cell.col_span
                and origin.text
                and r0 + origin.row_span - 1 == last
                and (origin.row_span > 1 or cell.row_span > 1)
            ):
                grown = replace(origin, row_span=origin.row_span + cell.row_span)
                above = self.rows[r0]
                self.rows[r0] = replace(above, cells=(*above.cells[:c0], grown, *above.cells[c0 + 1 :]))
                cells[c] = replace(cell, row_span=1, col_span=1, covered=True)
        return replace(row, cells=tuple(cells))

    def page_end(self, last: _Line | None) -> None:
        self.open_at_break = bool(self.rows) and last is not None and last.cells is not None

    def _close(self) -> None:
        if self.rows:
            self.done.append(Grid(self.kind, tuple(self.rows), NativeLocation(page=self.first_page)))
        self.rows = []
        self.key = None

    def grids(self) -> tuple[Grid, ...]:
        self._close()
        return tuple(self.done)


def _with_boxes(source: SourceLine, line: _Line, top_left: Callable[[Box], Box]) -> SourceLine:
    """A table row read by OCR keeps its boxes (points from the page's top-left) and its
    confidences."""
    boxes = tuple(map(top_left, line.boxes))
    native = replace(source.native, bbox=_union(boxes)) if source.native is not None else None
    confidence = line.confidence or None
    return replace(source, native=native, boxes=boxes or None, confidence=confidence)


def _scanned_failure(path: str, ocr: str) -> ReadFailure:
    from .ocr import INSTALL_HINT, available

    if ocr == "never":
        return _failure(
            path,
            f"{path}: no text layer: the PDF appears to be scanned images, and OCR is off (--ocr never).",
            f"{path}：没有文本层，该 PDF 似乎是扫描图像，且已关闭 OCR（--ocr never）。",
        )
    if not available():
        return _failure(
            path,
            f"{path}: no text layer: the PDF appears to be scanned images; install the OCR extra to read it: {INSTALL_HINT}.",
            f"{path}：没有文本层，该 PDF 似乎是扫描图像；安装 OCR 扩展后即可识别：{INSTALL_HINT}。",
        )
    return _failure(
        path,
        f"{path}: no text layer, and OCR recognised no text in the page images.",
        f"{path}：没有文本层，OCR 也未能从页面图像中识别出文字。",
    )


def _failure(path: str, reason: str, reason_zh: str) -> ReadFailure:
    return ReadFailure(path=path, kind="pdf", reason=reason, reason_zh=reason_zh)


def _open_failure(path: str, message: str) -> ReadFailure:
    if "password" in message.lower():
        return _failure(
            path,
            f"{path} is password-protected; remove the password and save it again.",
            f"{path} 受密码保护，请去除密码后重新保存。",
        )
    if "security" in message.lower() or "handler" in message.lower():
        return _failure(
            path,
            f"{path} uses an unsupported encryption scheme and cannot be opened.",
            f"{path} 使用了不支持的加密方式，无法打开。",
        )
    return _failure(
        path,
        f"{path} is not a valid PDF ({message}); the file may be corrupt or truncated.",
        f"{path} 不是有效的 PDF 文件（{message}），文件可能已损坏或不完整。",
    )


# --------------------------------------------------------------------------- one page


def _read_page(
    pdf: Any, index: int, carry: tuple[float, ...], ocr: str = "auto"
) -> tuple[_Page, tuple[float, ...]]:
    """One page's lines, and the columns of a table that runs off its bottom (for the next page)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    # the page and its text page as PDFium's handles: pypdfium2's objects for them (a finaliser
    # and a tracker each) cost more than the rest of a page's calls together
    page = _RawPage(raw.FPDF_LoadPage(pdf.raw, index))
    if not page.raw:
        raise pdfium.PdfiumError("Failed to load page.")
    try:
        height = page.get_height()
        edges, images = _page_drawing(page, raw)
        textpage = raw.FPDFText_LoadPage(page.raw)
        if not textpage:
            raise pdfium.PdfiumError("Failed to load text page.")
        try:
            calls, text_page = _calls(raw), _pointer(textpage)
            count = raw.FPDFText_CountChars(textpage)
            codes = _codes(calls, text_page, count) if count > 0 else []
            chars = _chars(textpage, raw, codes)
            angle = calls.get_angle
            turn = sampled_turn(count, codes.__getitem__, lambda i: angle(text_page, i), page.get_rotation())
            space = PageSpace.of(turn, page.get_cropbox())
        finally:
            raw.FPDFText_ClosePage(textpage)
    finally:
        raw.FPDF_ClosePage(page.raw)
    if _wants_ocr(ocr, chars, images):
        from .ocr import scan_pdf_page

        shown = pdf[index]  # rendered through pypdfium2's page
        try:
            return layout_scan(scan_pdf_page(shown), carry, images)
        finally:
            shown.close()
    if space.size[1] > 0:  # the text layer's page turned upright (a page read by OCR is rendered so)
        height = space.size[1]
        if not space.identity:
            chars, edges = _shown(chars, space), [space.edge(e) for e in edges]
    lines, carry = layout_page(chars, edges, height, carry)
    return _Page(height, tuple(lines), _not_spaces(chars), images), carry


class _RawPage:
    """A page as PDFium's handle (``raw``), asked through pypdfium2's own ``PdfPage`` methods
    (the same calls, the same fallbacks) without the object pypdfium2 makes for a page."""

    __slots__ = ("raw",)

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    @property
    def _as_parameter_(self) -> Any:  # passed to a PDFium call as its handle
        return self.raw

    def get_height(self) -> float:
        import pypdfium2 as pdfium

        return float(pdfium.PdfPage.get_height(self))

    def get_rotation(self) -> int:
        import pypdfium2 as pdfium

        return int(pdfium.PdfPage.get_rotation(self))

    def get_cropbox(self) -> tuple[float, float, float, float]:
        import pypdfium2 as pdfium

        return tuple(pdfium.PdfPage.get_cropbox(self))

    def _get_box(self, box_func: Any, fallback_func: Any, fallback_ok: bool) -> Any:
        import pypdfium2 as pdfium

        return pdfium.PdfPage._get_box(self, box_func, fallback_func, fallback_ok)

    def get_mediabox(self, fallback_ok: bool = True) -> Any:
        import pypdfium2 as pdfium

        return pdfium.PdfPage.get_mediabox(self, fallback_ok)


def _not_spaces(chars: list[_Char]) -> int:
    """How many of ``chars`` are not spaces."""
    return len(chars) - list(map(_TEXT, chars)).count(" ")


def _shown(chars: list[_Char], space: PageSpace) -> list[_Char]:
    """The characters in the page's reading space (``pdf_space``)."""
    out = []
    for text, left, bottom, right, top, _, _, _, conf in chars:
        x0, y0, x1, y1 = space.box(left, bottom, right, top)
        out.append(_Char(text, x0, y0, x1, y1, max(y1 - y0, 1.0), (x0 + x1) / 2, (y0 + y1) / 2, conf))
    return out


def _wants_ocr(ocr: str, chars: list[_Char], images: int) -> bool:
    if ocr == "never" or (ocr == "auto" and (not images or _not_spaces(chars))):
        return False
    from .ocr import available

    return available()


def layout_scan(scan: PageScan, carry: tuple[float, ...], images: int = 1) -> tuple[_Page, tuple[float, ...]]:
    """A page read by OCR (boxed characters and ruling segments) through the same layout."""
    chars = [
        _Char(
            w.text,
            w.x0,
            w.y0,
            w.x1,
            w.y1,
            max(w.y1 - w.y0, 1.0),
            (w.x0 + w.x1) / 2,
            (w.y0 + w.y1) / 2,
            w.confidence,
        )
        for w in scan.words
    ]
    lines, carry = layout_page(chars, list(scan.edges), scan.height, carry)
    return _Page(scan.height, tuple(lines), _not_spaces(chars), images, scanned=True), carry


# the public names of the page-layout input and output (for other sources of boxes, e.g. OCR)
TextBox = _Char
PageLine = _Line


def layout_page(
    boxes: list[TextBox], edges: list[Edge], height: float, carry: tuple[float, ...] = ()
) -> tuple[list[PageLine], tuple[float, ...]]:
    """One page's lines from plain geometry: text boxes (characters or whole words, PDF user
    space, y up) and ruling segments. Ruled tables become grid rows (``PageLine.cells``, None
    for a cell covered by a merged cell), the rest lines of text, top to bottom.

    ``carry`` are the column borders of a table that ran off the previous page's bottom; the
    second value returned is the same for this page's bottom table (to pass to the next page).
    Any reader with boxes and segments (PDFium here, OCR word boxes) lays out a page this way.
    """
    parts = table_parts(edges) if edges else []
    by_part = part_grids(parts)
    grids = [grid for grid in by_part if grid is not None]
    if carry and grids and not _text_above(boxes, grids[0], height):
        grids = carried(parts, grids, carry, by_part[0])  # the top table again, with the columns
    lines = _layout(boxes, grids)
    page = _Page(height, tuple(lines), 0, 0)
    body = [line for line in lines if not _in_zone(page, line)]
    last = body[-1] if body else None
    return lines, (grids[last.grid].xs if last is not None and last.cells is not None else ())


def _text_above(chars: list[_Char], grid: Ruling, height: float) -> bool:
    """Is there body text (outside the header zone) above ``grid``?"""
    top = grid.ys[0]
    limit = height * (1 - _ZONE)
    for text, cy in zip(map(_TEXT, chars), map(_CY, chars), strict=True):  # (a field read each costs more)
        if top < cy < limit and text != " ":
            return True
    return False


class _Handle(ctypes.c_void_p):
    """A PDFium handle returned by a call: a ``c_void_p`` subclass, so ctypes hands it back as
    it is (not converted to an int) and it is passed on to the next call as the pointer."""


class _Calls(NamedTuple):
    """The PDFium functions called per character, page object or path segment, bound again with
    plain C types and without declared arguments: handles are passed as the :class:`_Handle`
    a call returned, buffers as pointers made once (:func:`_pointer`) and indexes as ints (a C
    int, as declared), so ctypes converts nothing per call. Bound as ``PYFUNCTYPE``: a call does
    not release the GIL (they take microseconds, and PDFium is used under ``ENGINE_LOCK``), which
    is a fifth of its cost. Same functions, same C signatures as ``pypdfium2.raw`` declares
    them. A page object comes back as a :class:`_Handle` too: a page holds thousands, most of
    them text, each asked its type once (an address as an int would be converted back to a
    pointer by a declared argument, which costs more than the handle made)."""

    get_unicode: Any  # FPDFText_GetUnicode(text page, index) -> unsigned int
    get_angle: Any  # FPDFText_GetCharAngle(text page, index) -> float
    get_text: Any  # FPDFText_GetText(text page, start, count, unsigned short*) -> int
    loose_box: Any  # FPDFText_GetLooseCharBox(text page, index, FS_RECTF*) -> bool
    tight_box: Any  # FPDFText_GetCharBox(text page, index, double* left, right, bottom, top) -> bool
    is_generated: Any  # FPDFText_IsGenerated(text page, index) -> int
    get_object: Any  # FPDFPage_GetObject(page, index) -> page object
    get_type: Any  # FPDFPageObj_GetType(page object) -> int
    draw_mode: Any  # FPDFPath_GetDrawMode(path, int* fill mode, int* stroke) -> bool
    bounds: Any  # FPDFPageObj_GetBounds(page object, float* left, bottom, right, top) -> bool
    get_segment: Any  # FPDFPath_GetPathSegment(path, index) -> segment
    segment_point: Any  # FPDFPathSegment_GetPoint(segment, float* x, float* y) -> bool
    segment_type: Any  # FPDFPathSegment_GetType(segment) -> int
    segment_close: Any  # FPDFPathSegment_GetClose(segment) -> bool
    get_matrix: Any  # FPDFPageObj_GetMatrix(page object, FS_MATRIX*) -> bool
    count_segments: Any  # FPDFPath_CountSegments(path) -> int


_CALLS: list[_Calls] = []


def _calls(raw: Any) -> _Calls:
    if not _CALLS:
        c_int, c_uint = ctypes.c_int, ctypes.c_uint

        def bind(fn: Any, restype: Any, *argtypes: Any) -> Any:
            return ctypes.PYFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value or 0)

        _CALLS.append(
            _Calls(
                bind(raw.FPDFText_GetUnicode, c_uint),
                bind(raw.FPDFText_GetCharAngle, ctypes.c_float),
                bind(raw.FPDFText_GetText, c_int),
                bind(raw.FPDFText_GetLooseCharBox, c_int),
                bind(raw.FPDFText_GetCharBox, c_int),
                bind(raw.FPDFText_IsGenerated, c_int),
                bind(raw.FPDFPage_GetObject, _Handle),
                bind(raw.FPDFPageObj_GetType, c_int),
                bind(raw.FPDFPath_GetDrawMode, c_int),
                bind(raw.FPDFPageObj_GetBounds, c_int),
                bind(raw.FPDFPath_GetPathSegment, _Handle),
                bind(raw.FPDFPathSegment_GetPoint, c_int),
                bind(raw.FPDFPathSegment_GetType, c_int),
                bind(raw.FPDFPathSegment_GetClose, c_int),
                bind(raw.FPDFPageObj_GetMatrix, c_int),
                bind(raw.FPDFPath_CountSegments, c_int),
            )
        )
    return _CALLS[0]


def _address(handle: Any) -> int | None:
    return ctypes.cast(handle, ctypes.c_void_p).value


def _pointer(handle: Any, offset: int = 0) -> Any:
    """``handle`` (a PDFium handle or a ctypes buffer), ``offset`` bytes on, as a call argument
    made once: ctypes passes it on as it is."""
    address = ctypes.addressof(handle) if isinstance(handle, ctypes.Array) else _address(handle)
    return ctypes.c_void_p.from_param((address or 0) + offset)


def _codes(calls: _Calls, text_page: Any, count: int) -> list[int]:
    """The Unicode code of each of the page's ``count`` characters, as ``FPDFText_GetUnicode``
    gives them, read in one ``FPDFText_GetText`` call where that is the same thing.

    PDFium's page text holds one UTF-16 unit per character when no character was left out of it
    (it leaves out control characters, whose text is then shorter) and none is outside the BMP
    (a surrogate pair); a character whose code PDFium does not know (0, or a hyphen it joined) is
    0xFFFE there and asked for on its own. Otherwise every code is asked for, one call each."""
    get_unicode = calls.get_unicode
    units = (ctypes.c_ushort * (2 * count + 2))()  # room for surrogate pairs, as PDFium may write
    if calls.get_text(text_page, 0, count, _pointer(units)) == count + 1:
        codes = units[:count]
        if not any(0xD800 <= code <= 0xDFFF for code in codes):
            if 0xFFFE in codes:
                codes = [
                    get_unicode(text_page, i) if code == 0xFFFE else code for i, code in enumerate(codes)
                ]
            return codes
    return [get_unicode(text_page, i) for i in range(count)]


def _chars(textpage: Any, raw: Any, codes: list[int]) -> list[_Char]:
    """The page's characters with their boxes: ``codes`` are their codes (:func:`_codes`), and
    one call for the box of each character (PDFium's generated-space
    question only for a space, the tight box only for a mis-scaled loose one); the box is read
    from its C struct in one unpack."""
    text_page = _pointer(textpage)
    box = raw.FS_RECTF()
    box_address = ctypes.byref(box)
    unpack = _RECTF.unpack_from
    out: list[Any] = []  # _Char fields as plain tuples
    append = out.append
    calls = _calls(raw)
    is_generated = calls.is_generated
    loose_box = calls.loose_box
    tight_box = calls.tight_box
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    sides = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    count = len(codes)
    spaces, huge = _SPACES, _HUGE
    for i, code in enumerate(codes):
        if 0x20 < code < 0xD800 and code not in spaces:  # most characters: the tests below fail
            text = chr(code)
        elif code < 0x20 or 0xDC00 <= code <= 0xDFFF:
            continue
        elif code in spaces:
            if is_generated(text_page, i) == 1:  # PDFium's guess, not the document's
                continue
            text = " "
        elif 0xD800 <= code <= 0xDBFF:  # a character outside the BMP: join the surrogate pair
            if i + 1 >= count:
                continue
            text = chr(0x10000 + ((code - 0xD800) << 10) + (codes[i + 1] - 0xDC00))
        else:
            text = chr(code)
        if not loose_box(text_page, i, box_address):
            continue
        x0, y1, x1, y0 = unpack(box)  # FS_RECTF: left, top, right, bottom
        if x1 - x0 > huge or y1 - y0 > huge:
            # a glyph under a scaling matrix (WPS prints vertical merged labels that way): the
            # loose box ignores the matrix and spans half the page; the tight box is right
            if not tight_box(text_page, i, *sides):
                continue
            x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        height = y1 - y0
        # a plain tuple of _Char's fields (see _Char); the size as max(height, 1)
        append((text, x0, y0, x1, y1, 1.0 if 1.0 > height else height, (x0 + x1) / 2, (y0 + y1) / 2, 1.0))
    return out


def _page_drawing(page: Any, raw: Any) -> tuple[list[Edge], int]:
    """Ruling edges (stroked paths, thin filled rectangles) and the number of images on the page."""
    edges: list[Edge] = []
    images = 0
    modes = (ctypes.c_int * 2)()  # fill mode, stroke
    bounds = (ctypes.c_float * 4)()  # left, bottom, right, top
    mode_at = (_pointer(modes), _pointer(modes, 4))
    bounds_at = tuple(_pointer(bounds, 4 * k) for k in range(4))
    unpack, unpack_modes = _RECTF.unpack_from, _MODES.unpack_from
    handle = page.raw
    page_address = _pointer(handle)
    calls = _calls(raw)
    get_object, get_type = calls.get_object, calls.get_type
    draw_mode, get_bounds = calls.draw_mode, calls.bounds
    path, image = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE
    buffers = _PathBuffers()
    for i in range(raw.FPDFPage_CountObjects(handle)):
        obj = get_object(page_address, i)
        kind = get_type(obj)
        if kind != path:  # most objects are text
            if kind == image:
                images += 1
            continue
        if not draw_mode(obj, *mode_at):
            continue
        if not get_bounds(obj, *bounds_at):
            continue
        x0, y0, x1, y1 = unpack(bounds)
        fill_mode, stroke = unpack_modes(modes)
        thin_h, thin_v = y1 - y0 <= _THIN, x1 - x0 <= _THIN
        if thin_h or thin_v:
            if stroke or fill_mode:
                if thin_h and x1 - x0 > y1 - y0:
                    edges.append(Edge(True, (y0 + y1) / 2, x0, x1))
                elif thin_v and y1 - y0 > x1 - x0:
                    edges.append(Edge(False, (x0 + x1) / 2, y0, y1))
            continue
        if stroke:
            edges.extend(_segments(obj, raw, calls, buffers))
    return edges, images


class _PathBuffers:
    """The C buffers a path's matrix and its points are read into, made once per page."""

    def __init__(self) -> None:
        self.matrix = (ctypes.c_float * 6)()  # FS_MATRIX: a, b, c, d, e, f
        self.matrix_at = _pointer(self.matrix)
        self.xy = (ctypes.c_float * 2)()
        self.xy_at = (_pointer(self.xy), _pointer(self.xy, 4))


def _segments(address: _Handle, raw: Any, calls: _Calls, buffers: _PathBuffers) -> list[Edge]:
    """Axis-parallel straight segments of a stroked path (``address``), in page coordinates."""
    if not calls.get_matrix(address, buffers.matrix_at):
        return []
    a, b, c, d, e, f = _MATRIX.unpack_from(buffers.matrix)
    xy, unpack = buffers.xy, _POINT.unpack_from
    x_at, y_at = buffers.xy_at
    get_segment, get_point = calls.get_segment, calls.segment_point
    get_kind, get_close = calls.segment_type, calls.segment_close
    moveto, lineto = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
    out: list[Edge] = []
    start: tuple[float, float] | None = None
    previous: tuple[float, float] | None = None
    for i in range(calls.count_segments(address)):
        segment = get_segment(address, i)
        get_point(segment, x_at, y_at)
        x, y = unpack(xy)
        point = (a * x + c * y + e, b * x + d * y + f)
        kind = get_kind(segment)
        if kind == moveto:
            start = previous = point
            continue
        if kind == lineto and previous is not None:
            _add_segment(out, previous, point)
        previous = point
        if get_close(segment) and start is not None:
            _add_segment(out, point, start)
            previous = start
    return out


def _add_segment(out: list[Edge], p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y1 - y0) <= 0.5 and abs(x1 - x0) > 0.5:
        out.append(Edge(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
    elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) > 0.5:
        out.append(Edge(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))


# --------------------------------------------------------------------------- layout


def _neg_cy(char: _Char) -> float:
    return -char[7]  # (the centre y)


_X0 = itemgetter(1)  # a character's x0, as a sort key
_FIELDS = tuple(itemgetter(i) for i in range(9))  # text, x0, y0, x1, y1, size, cx, cy, conf
_TEXT, _BOX_X0, _BOX_Y0, _BOX_X1, _BOX_Y1, _, _CX, _CY, _CONF = _FIELDS


def _finite(values: Iterable[float]) -> bool:
    """No NaN or infinity among ``values`` (their sum is then finite: a float's range is far
    beyond any sum of page coordinates)."""
    total = sum(values)
    return total - total == 0.0


def _top_down(chars: list[_Char], finite: bool) -> list[_Char]:
    """``chars`` sorted top to bottom (descending centre y), equal ones in their order. A sort
    on the centre reversed (stable, as Python's reverse sort is) when every centre is a number,
    else on its negation (NaN compares false either way, and the two sorts would differ)."""
    if finite:
        return sorted(chars, key=_CY, reverse=True)
    return sorted(chars, key=_neg_cy)


def _group_lines(chars: list[_Char], finite: bool = False) -> list[list[_Char]]:
    """Characters grouped into visual lines, top to bottom, each left to right (``finite``:
    every centre y is known to be a number, see :func:`_top_down`)."""
    lines: list[list[_Char]] = []
    current: list[_Char] | None = None
    ref_cy = ref_size = 0.0
    for char in _top_down(chars, finite or _finite(map(_CY, chars))):
        text, _, _, _, _, size, _, cy, _ = char  # one unpack: a field read each costs more
        if current is not None:
            near = 0 if text == " " else size
            if abs(cy - ref_cy) <= 0.5 * (near if near > ref_size else ref_size):
                current.append(char)
                continue
        elif text == " ":
            continue
        current = [char]
        lines.append(current)
        ref_cy, ref_size = cy, size
    for line in lines:
        line.sort(key=_X0)
    return lines


def _line_text(line: list[_Char]) -> str:
    out: list[str] = []
    started = pending_space = False
    end = other = 0.0  # the previous character's right side and size
    for text, x0, _, x1, _, size, _, _, _ in line:
        if text == " ":
            pending_space = True
            continue
        if started and (pending_space or x0 - end > _SPACE_GAP * (other if other > size else size)):
            out.append(" ")
        out.append(text)
        started, end, other = True, x1, size
        pending_space = False
    return "".join(out)


def _layout(chars: list[_Char], grids: list[Ruling]) -> list[_Line]:
    """The page's lines: each character inside a grid goes to the region of its cell (the first
    grid holding it), the others are grouped into lines of text."""
    cys = list(map(_CY, chars))
    finite = _finite(cys)
    exact = list(map(_CONF, chars)).count(1.0) == len(chars)  # the text layer's: no OCR confidence
    free: list[_Char] = chars
    in_cell: list[dict[int, list[_Char]]] = [{} for _ in grids]
    if grids:
        cxs = list(map(_CX, chars))
        pending: Sequence[int] = range(len(chars))  # the characters in no grid yet, in page order
        for grid, regions in zip(grids, in_cell, strict=True):
            x0, y0, x1, y1 = grid.bbox
            inside = [i for i in pending if x0 <= cxs[i] <= x1 and y0 <= cys[i] <= y1]
            if not inside:
                continue
            xs, descending, region_of = grid.xs, grid.descending, grid.region_of
            last_col, last_row = grid.columns - 1, grid.rows - 1
            for i in inside:  # Grid.cell_at, inline
                col = bisect_right(xs, cxs[i]) - 1
                row = bisect_right(descending, -cys[i]) - 1
                region = region_of[0 if row < 0 else last_row if row > last_row else row][
                    0 if col < 0 else last_col if col > last_col else col
                ]
                if region in regions:
                    regions[region].append(chars[i])
                else:
                    regions[region] = [chars[i]]
            taken = set(inside)
            pending = [i for i in pending if i not in taken]
        free = [chars[i] for i in pending]
    lines = []
    for group in _group_lines(free, finite):
        text = _line_text(group)
        if text:
            box, conf = (_box(group), 1.0) if exact else _box_conf(group)
            lines.append(_Line(box[3], text, boxes=(box,), confidence=(conf,)))
    for i, grid in enumerate(grids):
        lines.extend(_table_rows(grid, i, in_cell[i], finite, exact))
    lines.sort(key=lambda line: -line.top)
    return lines


def _cell_text(chars: list[_Char], finite: bool = False) -> str:
    """A cell's text: its characters' lines joined (a lone character is its own text)."""
    if len(chars) == 1:
        text = chars[0][0]
        return "" if text == " " else text
    return join_fragments(_line_text(line) for line in _group_lines(chars, finite))


def _table_rows(
    grid: Ruling, index: int, regions: dict[int, list[_Char]], finite: bool = False, exact: bool = False
) -> list[_Line]:
    """The grid's rows as lines (``exact``: every character's confidence is 1.0, the text
    layer's, so no cell's is looked for)."""
    region_of, origins, xs, ys = grid.region_of, grid.origins, grid.xs, grid.ys
    texts = {region: _cell_text(chars, finite) for region, chars in regions.items()}
    # a row with text in a cell of its own (a region starts in the row of its top-left cell)
    text_rows = {origins[region][0] for region, text in texts.items() if text}
    kept = [r for r in range(grid.rows) if r in text_rows or ys[r] - ys[r + 1] >= 6.0]
    # (other rows are slivers between double borders, not rows)
    region_rows: dict[int, int] = {}  # region -> kept rows it covers
    for r in kept:
        for region in set(region_of[r]):
            region_rows[region] = region_rows.get(region, 0) + 1
    extent = _region_rows(grid)
    confs = {} if exact else {region: _box_conf(chars)[1] for region, chars in regions.items()}
    rows: list[_Line] = []
    covered = (0, 0)
    for r in kept:
        row = region_of[r]
        first: dict[int, int] = {}  # region -> its first and last column in this row
        last: dict[int, int] = {}
        for c, region in enumerate(row):
            if region not in first:
                first[region] = c
            last[region] = c
        box_of = {  # one box per region: the same tuple for its covered grid cells
            region: (xs[column], ys[extent[region][1] + 1], xs[last[region] + 1], ys[extent[region][0]])
            for region, column in first.items()
        }
        cells: list[str | None] = []
        shown: list[str] = []  # the cells' texts, "" for a covered one
        spans: list[tuple[int, int]] = []
        for c, region in enumerate(row):
            origin = origins[region]
            if origin[0] == r and origin[1] == c:
                text = texts.get(region, "")
                cells.append(text)
                shown.append(text)
                # the region's grid cells in this row are all right of its top-left one
                spans.append((region_rows.get(region, 1), row.count(region)))
            else:
                cells.append(None)
                shown.append("")
                spans.append(covered)
        if exact:
            confidence = (1.0,) * len(row)
        else:
            confidence = tuple(
                confs.get(region, 1.0) if cell is not None else 1.0
                for region, cell in zip(row, cells, strict=True)
            )
        boxes = tuple(map(box_of.__getitem__, row))
        rows.append(_Line(ys[r], "\t".join(shown), tuple(cells), index, boxes, confidence, tuple(spans)))
    return rows


def _box_conf(chars: list[_Char]) -> tuple[Box, float]:
    """The box of ``chars`` (at least one) and their lowest confidence (1.0 when all are spaces):
    ``min``/``max`` over each side (C loops), the confidence over the non-space characters only
    when not all of them are 1.0 (OCR; the text layer's are)."""
    box = _box(chars)
    if list(map(_CONF, chars)).count(1.0) == len(chars):
        return box, 1.0
    confs = [c[8] for c in chars if c[0] != " "]  # (confidence, text)
    return box, min(confs) if confs else 1.0


def _box(chars: list[_Char]) -> Box:
    """The box of ``chars`` (at least one): ``min``/``max`` over each side (C loops)."""
    return (
        min(map(_BOX_X0, chars)),
        min(map(_BOX_Y0, chars)),
        max(map(_BOX_X1, chars)),
        max(map(_BOX_Y1, chars)),
    )


def _region_rows(grid: Ruling) -> dict[int, tuple[int, int]]:
    """For each merged region, the first and last grid row it is found in."""
    extent: dict[int, tuple[int, int]] = {}
    for r, row in enumerate(grid.region_of):
        for region in row:
            first = extent.get(region)
            extent[region] = (r, r) if first is None else (first[0], r)
    return extent


# --------------------------------------------------------------------------- page furniture


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def _edge_lines(page: _Page) -> tuple[list[int], list[int]]:
    """Indexes of the lines that may be page furniture: up to two from the top (outermost first)
    and two from the bottom, free text only, inside the margin zones."""
    n = len(page.lines)
    top = [i for i in (0, 1) if i < n and _in_zone(page, page.lines[i], top=True)]
    bottom = [i for i in (n - 1, n - 2) if i >= 2 and _in_zone(page, page.lines[i], top=False)]
    return top, bottom


def _in_zone(page: _Page, line: _Line, top: bool | None = None) -> bool:
    if line.cells is not None:
        return False
    upper = line.top >= page.height * (1 - _ZONE)
    lower = line.top <= page.height * _ZONE
    return upper if top is True else lower if top is False else upper or lower


def drop_furniture(pages: list[_Page]) -> tuple[list[list[_Line]], int]:
    """Page lines without page numbers and running headers/footers; also the number dropped.

    A running header/footer is a line in the margin zone whose text (digits aside) is found there
    on at least two pages and on half of them. Furniture sits at the page edge: on each side the
    scan stops at the first line that is not furniture, and a text is dropped once per side, so
    a title identical to the running header, just below it, is kept.
    """
    seen: Counter[str] = Counter()
    for page in pages:
        top, bottom = _edge_lines(page)
        seen.update({_furniture_key(page.lines[i].text) for i in top + bottom})
    repeated = {key for key, count in seen.items() if count >= 2 and count * 2 >= len(pages)}
    kept: list[list[_Line]] = []
    dropped = 0
    for page in pages:
        drop: set[int] = set()
        for side in _edge_lines(page):
            keys: set[str] = set()
            for i in side:
                text = page.lines[i].text.strip()
                key = _furniture_key(text)
                outermost_bottom = i == len(page.lines) - 1 and page.lines[i].top <= page.height * _ZONE
                furniture = (
                    _PAGE_NUMBER.match(text)
                    or (key in repeated and key not in keys)
                    or (outermost_bottom and _LONE_NUMBER.match(text))
                )
                if not furniture:
                    break
                keys.add(key)
                drop.add(i)
        dropped += len(drop)
        kept.append([line for i, line in enumerate(page.lines) if i not in drop])
    return kept, dropped


# --------------------------------------------------------------------------- rows split by a page break

_NUMERIC = re.compile(r"^[-+]?[\d.,]+%?$")


def _width(cells: tuple[str | None, ...], i: int) -> int:
    """Grid columns the cell starting at ``i`` spans (itself and the covered cells after it)."""
    j = i + 1
    while j < len(cells) and cells[j] is None:
        j += 1
    return j - i


def _continues(previous: tuple[str | None, ...], row: tuple[str | None, ...]) -> bool:
    """``row`` is the rest of ``previous`` carried over a page break (a wrapped label's tail)."""
    if len(previous) != len(row):
        return False
    filled = [i for i, cell in enumerate(row) if cell]
    if any(_width(row, i) != _width(previous, i) for i in filled):
        return False  # a cell merged differently: a row of its own (e.g. a full-width 第二十条 row)
    before = [i for i, cell in enumerate(previous) if cell]
    return (
        0 < len(filled) < len(before)
        and all(previous[i] for i in filled)
        and not any(_NUMERIC.match(row[i] or "") for i in filled)
    )


def _join_split_rows(pages: list[list[_Line]]) -> None:
    """Join a table row that a page break cut in two; the joined row stays on the first page."""
    for i in range(1, len(pages)):
        if not pages[i] or not pages[i - 1]:
            continue
        head, tail = pages[i][0], pages[i - 1][-1]
        if head.cells is None or tail.cells is None or not _continues(tail.cells, head.cells):
            continue
        cells = tuple(
            None if a is None else join_fragments([a, b or ""])
            for a, b in zip(tail.cells, head.cells, strict=True)
        )
        confidence = (
            tuple(map(min, zip(tail.confidence, head.confidence, strict=True)))
            if tail.confidence and head.confidence
            else tail.confidence
        )
        text = "\t".join(c or "" for c in cells)
        pages[i - 1][-1] = _Line(tail.top, text, cells, tail.grid, tail.boxes, confidence, tail.spans)
        del pages[i][0]
