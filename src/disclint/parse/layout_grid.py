"""Grids from ``pdftotext -layout`` text: value columns by character offset.

In layout text a table row is one line whose values sit at the character offsets of their
columns, so a column left blank in some rows is a gap at that offset, not a missing value. The
rows are the normalizer's lines with at least :data:`MIN_VALUES` values, after
:func:`.layout.join_wrapped_rows` has joined the label pieces wrapped below them (the one owner
of that join). A block of such rows — no page break and at most :data:`MAX_GAP` other lines
between two of them — is one grid when its values fall into columns: value ends closer than
:data:`ALIGN` characters are one column, and no row has two values in one column (else the block
has no column evidence and gives no grid: a cell is never guessed). A row is its label cell and
one cell per column, ``""`` where the row has no value in that column; a row whose line has no
label takes the short lines just above it (its label wrapped above the values). A table continued
after a page break (``\\f``) with the same number of columns is one grid.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..readers.base import SourceLine
from ..readers.grid import Grid, GridCell, GridRow
from ..readers.lines import join_fragments
from .layout import join_wrapped_rows
from .normalize import Line, normalize

MIN_VALUES = 2  # values on a line for it to be a table row
MIN_ROWS = 2  # rows in a block for it to be a table
MAX_GAP = 3  # other lines (wrapped label pieces, headers) allowed between two rows of a block
ALIGN = 2  # characters: value ends this close are one column


def layout_grids(texts: Sequence[str]) -> tuple[Grid, ...]:
    """The grids of layout text (line N of ``texts`` is line N of the document)."""
    lines, _ = normalize(tuple(SourceLine(t) for t in texts))
    lines = join_wrapped_rows(lines)
    grids: list[Grid] = []
    block: list[tuple[Line, str]] = []  # rows and the label wrapped above a row without one
    previous = 0
    continues = False  # the block started right after a page break
    for line in lines:
        if not _is_row(line):
            continue
        between = [t for t in texts[previous : line.number - 1] if t.strip()]
        page_break = any(t.startswith("\f") for t in texts[previous : line.number])
        if block and (len(between) > MAX_GAP or page_break):
            _close(grids, block, continues)
            block, continues = [], page_break
        above = join_fragments(t.strip() for t in between) if line.label is None else ""
        block.append((line, above if len(between) <= MAX_GAP else ""))
        previous = line.number
    _close(grids, block, continues)
    return tuple(grids)


def _close(grids: list[Grid], block: list[tuple[Line, str]], continues: bool) -> None:
    """Add the block's grid; a table continued after a page break with the same number of
    columns is the same grid (the page's columns sit at other offsets)."""
    grid = _grid(block)
    if grid is None:
        return
    if continues and grids and grids[-1].columns == grid.columns:
        grids[-1] = Grid(grid.source, grids[-1].rows + grid.rows)
    else:
        grids.append(grid)


def _is_row(line: Line) -> bool:
    own = [v for v in line.values if v.span.line == line.number]
    return not line.tabbed and len(own) >= MIN_VALUES and len(own) == len(line.values)


def _grid(block: list[tuple[Line, str]]) -> Grid | None:
    if len(block) < MIN_ROWS:
        return None
    columns: list[int] = []  # the end offset of each value column, left to right
    for end in sorted({v.span.end_column - 1 for line, _ in block for v in line.values}):
        if columns and end - columns[-1] <= ALIGN:
            columns[-1] = end
        else:
            columns.append(end)
    rows: list[GridRow] = []
    for line, above in block:
        cells = [GridCell(line.label.text.strip() if line.label else above)]
        starts = [line.label.span.column - 1 if line.label else 0]
        placed: dict[int, tuple[str, int]] = {}
        for value in line.values:
            end = value.span.end_column - 1
            column = min(range(len(columns)), key=lambda c: abs(columns[c] - end))
            if column in placed:
                return None  # two values in one column: no column evidence
            placed[column] = (value.raw, value.span.column - 1)
        for c, end in enumerate(columns):
            text, start = placed.get(c, ("", max(end - 1, starts[-1] + 1)))
            cells.append(GridCell(text))
            starts.append(start)
        rows.append(GridRow(tuple(cells), line=line.number, starts=tuple(starts)))
    return Grid("layout", tuple(rows))
