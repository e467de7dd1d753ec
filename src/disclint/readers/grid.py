"""A table as a grid: rows × cells, merged cells, empty cells kept, each cell's native location.

Every source that knows cells builds a :class:`Grid` per table: the DOCX reader (``w:tbl``,
``gridSpan``/``vMerge``), the HTML reader (``<table>``, ``colspan``/``rowspan``), the PDF reader
(ruling lines; a table continued over a page break is one grid) and text with column evidence
(markdown pipe rows, tab-separated rows: :mod:`.text_grid`; ``pdftotext -layout`` value
columns: :mod:`disclint.parse.layout_grid`). A grid is a grid whatever the source:
the same table read from any of them gives equal :meth:`Grid.shape` values.

A merged cell is one :class:`GridCell` at its top-left grid position with its ``row_span`` and
``col_span``; the other grid positions it covers hold a ``covered`` cell (no text, no cell of its
own). An empty cell of its own is ``text == ""`` and not covered: a blank, never a lost cell.

The readers give the normalizer lines, not grids: :func:`row_line` is the one place a grid row
becomes a line (cells joined by TAB, where each cell starts, which cells are covered, and the
cells' boxes when the source has them), so the lines are derived from the grid.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from ..frozen import quick_init
from .base import NativeLocation, SourceLine, cell_index


@dataclass(frozen=True, slots=True)
class GridCell:
    """One grid position. ``native`` is where the cell is in the file: PDF page and box (points
    from the page's top-left corner), DOCX/HTML table, row and cell (1-based grid column), HTML
    element path of the ``<td>``; None for text (its row's ``line`` and ``starts`` place it)."""

    text: str = ""  # the cell's text ("" for an empty cell, and for a covered one)
    row_span: int = 1
    col_span: int = 1
    covered: bool = False  # inside a merged cell (or a grid column the row skips): no cell of its own
    native: NativeLocation | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class GridRow:
    cells: tuple[GridCell, ...]
    native: NativeLocation | None = None  # the row's own location (as its line's)
    line: int | None = None  # 1-based line of the document's line stream that holds the row
    starts: tuple[int, ...] | None = None  # text rows: 0-based offset of each cell in the line
    # (None: the row's line is derived from the grid by row_line, cells joined by TAB)

    def offsets(self) -> tuple[int, ...]:
        """0-based offset where each cell starts in the row's line."""
        if self.starts is not None:
            return self.starts
        starts: list[int] = []
        offset = 0
        for cell in self.cells:
            starts.append(offset)
            offset += len(cell.text) + 1
        return tuple(starts)


@quick_init
@dataclass(frozen=True, slots=True)
class Grid:
    source: str  # "docx" | "html" | "pdf" | "image" | "markdown" | "tsv" | "layout"
    rows: tuple[GridRow, ...]
    native: NativeLocation | None = None  # the table: DOCX/HTML table index, PDF first page

    @property
    def columns(self) -> int:
        return max((len(row.cells) for row in self.rows), default=0)

    def texts(self) -> tuple[tuple[str | None, ...], ...]:
        """Cell texts per row, None for a covered cell."""
        return tuple(tuple(None if c.covered else c.text for c in row.cells) for row in self.rows)

    def shape(self) -> tuple[tuple[tuple[str, int, int] | None, ...], ...]:
        """The grid without locations: per row, ``(text, row_span, col_span)`` of each cell of its
        own and None for a covered one (two sources of one table give equal shapes)."""
        return tuple(
            tuple(None if c.covered else (c.text, c.row_span, c.col_span) for c in row.cells)
            for row in self.rows
        )

    def cell_at(self, line: int, column: int) -> GridCell | None:
        """The cell of the row on ``line`` that holds 1-based ``column`` of that row's line."""
        for row in self.rows:
            if row.line == line:
                index = cell_index(row.offsets(), column)
                return row.cells[index] if index < len(row.cells) else None
        return None

    def as_dict(self, kind_of: Callable[[str], str] | None = None) -> dict[str, Any]:
        """Plain data for JSON output (docs/parse-json.md); ``kind_of(text)`` gives a cell's kind."""
        rows = []
        for row in self.rows:
            cells = []
            for cell, start in zip(row.cells, row.offsets(), strict=True):
                d: dict[str, Any] = {"text": cell.text, "column": start + 1}
                if cell.covered:
                    d["kind"] = "covered"
                elif kind_of is not None:
                    d["kind"] = kind_of(cell.text)
                if cell.row_span != 1:
                    d["row_span"] = cell.row_span
                if cell.col_span != 1:
                    d["col_span"] = cell.col_span
                if cell.native is not None:
                    d["native"] = cell.native.as_dict()
                cells.append(d)
            out: dict[str, Any] = {"line": row.line, "cells": cells}
            if row.native is not None:
                out["native"] = row.native.as_dict()
            rows.append(out)
        d = {"source": self.source, "columns": self.columns, "rows": rows}
        if self.native is not None:
            d["native"] = self.native.as_dict()
        return d


def row_line(row: GridRow) -> SourceLine:
    """The one grid → line function: a grid row as the TAB-joined line the normalizer reads,
    remembering where each cell starts, which cells are covered by a merged cell, and each cell's
    box when every cell has one (so a finding on a cell carries the cell's box)."""
    cells = row.cells  # (list comprehensions: a generator costs more per cell)
    boxes = tuple([c.native.bbox for c in cells if c.native is not None and c.native.bbox is not None])
    return SourceLine(
        text="\t".join([cell.text for cell in cells]),
        native=row.native,
        cell_starts=row.offsets(),
        spanned=frozenset([i for i, cell in enumerate(cells) if cell.covered]),
        boxes=boxes if boxes and len(boxes) == len(cells) else None,
    )


def placed(grid: Grid, lines: list[SourceLine]) -> Grid:
    """Append the grid's rows to ``lines`` (derived by :func:`row_line`); the grid with each row's
    line number in that stream."""
    rows = []
    for row in grid.rows:
        lines.append(row_line(row))
        rows.append(replace(row, line=len(lines)))
    return replace(grid, rows=tuple(rows))


class SpanBuilder:
    """Builds a grid from a reader's rows cell by cell: ``cell`` starts a cell of its own at the
    next free grid column, ``cover`` marks a position covered by the merged cell that started at
    ``origin`` (row, column) — which grows that cell's row and column span to reach it — or by
    nothing (a skipped grid column). Cells stay plain lists until :meth:`grid`."""

    def __init__(self) -> None:
        self.rows: list[list[list[Any]]] = []  # [text, row_span, col_span, covered, native]
        self.natives: list[NativeLocation | None] = []

    def new_row(self, native: NativeLocation | None = None) -> None:
        self.rows.append([])
        self.natives.append(native)

    @property
    def width(self) -> int:
        return len(self.rows[-1])

    def cell(self, text: str, native: NativeLocation | None = None) -> tuple[int, int]:
        self.rows[-1].append([text, 1, 1, False, native])
        return len(self.rows) - 1, len(self.rows[-1]) - 1

    def cover(self, origin: tuple[int, int] | None) -> None:
        row = self.rows[-1]
        row.append(["", 1, 1, True, None])
        if origin is None:
            return
        r, c = origin
        cell = self.rows[r][c]
        cell[1] = max(cell[1], len(self.rows) - r)
        cell[2] = max(cell[2], len(row) - c)

    def grid(self, source: str, native: NativeLocation | None = None) -> Grid:
        rows = tuple(
            GridRow(tuple(GridCell(*cell) for cell in cells), n)
            for cells, n in zip(self.rows, self.natives, strict=True)
        )
        return Grid(source, rows, native)
