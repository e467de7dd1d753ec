"""Grids from text that carries its columns: markdown pipe rows and tab-separated rows.

A run of two or more consecutive lines of one kind is one :class:`~.grid.Grid`:

* ``markdown``: pipe rows (``| a | b |``, or cells with a trailing ``|``, as HTML-to-text
  converters write them); the separator row (``| --- |``) is no row; every cell between two pipes
  is a cell of its own, an empty one a blank;
* ``tsv``: rows with a TAB between cells (Word's text export); every TAB-separated cell is a cell
  of its own, an empty one a blank.

Text has no merged cells: a grid from text has no spans and no covered cells. Each row keeps its
line number and each cell where it starts in that line (``GridRow.starts``). Text with no column
evidence (one cell per line, or values separated by spaces) gives no grid.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..textscan import is_pipe_row, is_pipe_separator
from .grid import Grid, GridCell, GridRow

MIN_ROWS = 2  # rows: a single pipe or TAB line is no table


def _kind(line: str) -> str | None:
    if "|" in line and is_pipe_row(line):
        return "markdown"
    if "\t" in line.strip():
        return "tsv"
    return None


def _cells(line: str, kind: str) -> tuple[list[GridCell], list[int]]:
    """The cells of a row and the 0-based offset where each one's text starts."""
    if kind == "tsv":
        bounds, start = [], 0
        for i, ch in enumerate(line):
            if ch == "\t":
                bounds.append((start, i))
                start = i + 1
        bounds.append((start, len(line)))
    else:
        first = line.index("|") if line.lstrip().startswith("|") else -1
        last = line.rindex("|") if line.rstrip().endswith("|") else len(line)
        bounds, start = [], first + 1
        for i in range(first + 1, last):
            if line[i] == "|":
                bounds.append((start, i))
                start = i + 1
        bounds.append((start, last))
    cells: list[GridCell] = []
    starts: list[int] = []
    for a, b in bounds:
        text = line[a:b]
        stripped = text.strip()
        cells.append(GridCell(stripped))
        starts.append(a + len(text) - len(text.lstrip()) if stripped else a)
    return cells, starts


def text_grids(lines: Sequence[str]) -> tuple[Grid, ...]:
    """The grids of a text's lines (line N of ``lines`` is line N of the document)."""
    grids: list[Grid] = []
    run: list[GridRow] = []
    run_kind: str | None = None

    def close() -> None:
        if len(run) >= MIN_ROWS and run_kind is not None:
            grids.append(Grid(run_kind, tuple(run)))
        run.clear()

    for number, line in enumerate(lines, start=1):
        kind = _kind(line)
        if kind != run_kind:
            close()
            run_kind = kind
        if kind is None or (kind == "markdown" and is_pipe_separator(line)):
            continue
        cells, starts = _cells(line, kind)
        run.append(GridRow(tuple(cells), line=number, starts=tuple(starts)))
    close()
    return tuple(grids)
