"""The one thing every reader produces: a stream of source lines with native locations.

A reader turns a file (text, DOCX, PDF, HTML) into a :class:`Document`: an ordered tuple of
:class:`SourceLine`. Line numbers used everywhere else (findings, the AST) are 1-based indexes
into that tuple, so for a ``.txt`` file they are the file's own line numbers. Table rows from
DOCX/HTML/PDF tables are :class:`~disclint.readers.grid.Grid` objects (``Document.grids``); each
grid row also becomes one line with the cells joined by TAB (:func:`~disclint.readers.grid.row_line`),
exactly like the tab-separated layout seen in text exported from Word, so the grammar never sees
a file format; such a grid row also records which of its cells are covered by a merged cell (``spanned``), so an
empty cell of its own (a blank) is told apart from the continuation of a colspan/rowspan.

A file that cannot be read is not an exception: readers return a :class:`ReadFailure` value
with a human reason; the engine turns it into one PAR001 finding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..frozen import quick_init

if TYPE_CHECKING:
    from .grid import Grid

OCR_MODES = ("never", "auto", "always")  # --ocr / ocr: when page images are read by OCR (readers.ocr)
LOW_CONFIDENCE = 0.6  # OCR confidence below which a value is to be checked by hand (a lone 0 is
# often read right with 0.6–0.8: a higher bar asks about most empty rows)


@dataclass(frozen=True)
class NativeLocation:
    """Where a line sits in the original file, for formats that have their own coordinates."""

    page: int | None = None  # PDF page, 1-based
    page_line: int | None = None  # line on that page, 1-based
    paragraph: int | None = None  # DOCX body paragraph, 1-based
    table: int | None = None  # DOCX/HTML table, 1-based
    row: int | None = None  # table row, 1-based
    cell: int | None = None  # table cell, 1-based (set per finding from the column)
    html_path: str | None = None  # CSS-like path of the element in an HTML page
    bbox: tuple[float, float, float, float] | None = None  # x0, top, x1, bottom in points on the page

    def __post_init__(self) -> None:
        if self.bbox is not None and not isinstance(self.bbox, tuple):  # read back from JSON (a list)
            object.__setattr__(self, "bbox", tuple(self.bbox))

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}

    def label(self, lang: str = "en") -> str:
        """Short form for text output: ``p3:12``, ``para 14`` (``第14段``), ``table 2 row 5 cell 3``
        (``表格2第5行第3格``), ``body>p:nth-of-type(3)``. A PDF place (``p3:12``) is the same in
        both languages: it stands in the ``path:line:col`` header."""
        if self.page is not None:
            return f"p{self.page}:{self.page_line}" if self.page_line is not None else f"p{self.page}"
        words = _PLACE_ZH if lang == "zh" else _PLACE_EN
        parts: list[str] = []
        if self.table is not None:
            parts.append(words["table"].format(self.table))
            if self.row is not None:
                parts.append(words["row"].format(self.row))
            if self.cell is not None:
                parts.append(words["cell"].format(self.cell))
        elif self.paragraph is not None:
            parts.append(words["para"].format(self.paragraph))
        if self.html_path is not None and not parts:
            parts.append(self.html_path)
        return words["sep"].join(parts)


def cell_index(starts: Sequence[int], column: int) -> int:
    """0-based index of the cell holding 1-based ``column`` of a TAB-joined row whose cells start
    at the 0-based offsets ``starts``. The TAB in front of a cell belongs to that cell (a blank
    cell has no text: its span is that TAB), except the line's first character, which is always
    in the first cell."""
    index = 0
    for i, start in enumerate(starts):
        if start < column or (start == column > 1):
            index = i
    return index


@quick_init  # made per line of every document
@dataclass(frozen=True)
class SourceLine:
    """One line of the normalized input stream.

    ``cell_starts`` gives, for a table row joined with TABs, the 0-based column where each cell
    starts, so a finding's column can be mapped back to a native cell index. ``spanned`` holds the
    0-based indexes of the row's cells that are covered by a merged cell (colspan/rowspan,
    gridSpan/vMerge, a merged PDF region): empty, but not blank cells of their own. It is None
    for a line that is not a grid row. A line read by OCR also has ``boxes`` (the box of each cell, or of the line) and ``confidence`` (the lowest
    recognition confidence, 0–1, of each cell, or of the line).
    """

    text: str
    native: NativeLocation | None = None
    cell_starts: tuple[int, ...] | None = None
    spanned: frozenset[int] | None = None
    boxes: tuple[tuple[float, float, float, float], ...] | None = None
    confidence: tuple[float, ...] | None = None

    def _index(self, column: int) -> int:
        return cell_index(self.cell_starts or (), column)

    def confidence_at(self, column: int, end_column: int | None = None) -> float | None:
        """Lowest OCR confidence of the cells (or the line) from 1-based ``column`` up to
        ``end_column`` (exclusive; default: that one cell); None when not read by OCR."""
        if not self.confidence:
            return None
        first = self._index(column)
        last = self._index(end_column - 1) if end_column is not None and end_column > column else first
        last_cell = len(self.confidence) - 1
        return min(self.confidence[min(i, last_cell)] for i in range(first, last + 1))

    def native_at(self, column: int) -> NativeLocation | None:
        """Native location of 1-based ``column`` on this line (adds the cell for table rows)."""
        if self.native is None:
            return None
        if self.cell_starts is None:
            return self.native
        index = self._index(column)
        extra: dict[str, Any] = {"cell": index + 1}
        if self.boxes and index < len(self.boxes):
            extra["bbox"] = self.boxes[index]
        return NativeLocation(**{**self.native.as_dict(), **extra})


@dataclass(frozen=True)
class Document:
    path: str
    kind: str  # "text" | "docx" | "pdf" | "html"
    lines: tuple[SourceLine, ...]
    encoding: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)  # reader remarks (e.g. dropped headers)
    grids: tuple[Grid, ...] = ()  # the tables of a reader that knows cells (DOCX, HTML, PDF)


_PLACE_EN = {"table": "table {}", "row": "row {}", "cell": "cell {}", "para": "para {}", "sep": " "}
_PLACE_ZH = {"table": "表格{}", "row": "第{}行", "cell": "第{}格", "para": "第{}段", "sep": ""}


@dataclass(frozen=True)
class ReadFailure:
    """A file that could not be turned into text. ``reason`` is a complete English sentence."""

    path: str
    kind: str
    reason: str
    reason_zh: str = ""
