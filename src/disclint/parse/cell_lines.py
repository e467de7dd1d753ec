"""Text with one table cell per line, each cell closed by a pipe: rows rebuilt, blank cells kept.

Some HTML-to-text converters write every ``<td>`` of a row on a line of its own, closed by
``|``, an empty cell as a bare ``|``, and the positions a merged cell covers (colspan, rowspan) as
one line of pipes at the end of the row::

    一、本年新收政府信息公开申请数量 |
    |                      ← an empty cell: a blank value
    |
    0 |
    ||                     ← two covered positions: no cell

Line by line, the empty cells would vanish (a line of pipes alone is no text) and the row would keep
1 value of 7. Here a run of such lines is cut into rows: every row of an HTML table covers the same
number of positions (cells plus covered positions), so the row width is the least width that
makes every row start with a text cell at the start of a line (no row starts with a value or an
empty cell). A row made of label cells followed by values (numbers, placeholders, empty cells)
becomes one line, its label cells and values joined by TABs, each keeping its own source
position; an empty cell is a blank value. A bare ``|`` at the end of a row whose label spans fewer
label columns than the table has is the one position its label covers, not a cell. Header rows
(text cells only) and the run's other lines are left as they are. Only runs with at least one
line of pipes alone are touched: without one, every cell is on its own line and the line-by-line
path keeps them all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import templates as tpl
from ..nodes import Located, Span
from ..readers.base import SourceLine
from .marks import Marks
from .normalize import Line, Value, blank_value
from .tables import join_located

MAX_WIDTH = 40  # positions in a row: wider is no table of these reports
MAX_UNITS = 5_000  # lines in a run (table 三 has about 300): a longer run is no table, left alone
MIN_ROWS = 2  # rows in a run (one of them with values) for it to be a table
_TABLE_KINDS = ("proactive", "applications", "review_litigation")

_CELL_LINE = re.compile(r"^[ \t\u3000]*([^|]*?)[ \t\u3000]*(\|+)[ \t\u3000]*$")


@dataclass(frozen=True, slots=True)
class Unit:
    """One line of the run: a text cell, a value cell, an empty cell or covered positions."""

    number: int  # the source line
    kind: str  # "text" | "value" | "empty" | "covered"
    width: int  # positions it takes in its row
    column: int  # 1-based column of its first pipe (where an empty cell is)
    text: str = ""  # a text cell's text


def join_cell_rows(
    lines: list[Line], sources: Sequence[SourceLine], marks: Marks | None = None
) -> list[Line]:
    """``lines`` (normalized from ``sources``) with every data row of a cell-per-line run joined
    (``marks``: those of ``sources``, worked out when not given)."""
    if not (marks or Marks.of(sources)).pipes:
        return lines  # the usual document: not a pipe in it
    by_number = {line.number: line for line in lines}
    joined: dict[int, Line] = {}  # first line of a row → the row
    dropped: set[int] = set()
    for run in _runs(sources, by_number):
        rows = _rows(run)
        label_columns = max((_labels(r) for r in rows if _is_data(r)), default=0)
        for row in rows:
            line = row_line(row, by_number, label_columns)
            if line is not None:
                joined[row[0].number] = line
                dropped.update(u.number for u in row[1:])
    return splice(lines, joined, dropped)


def splice(lines: list[Line], joined: dict[int, Line], dropped: set[int]) -> list[Line]:
    """``lines`` with each joined row in place of its first line and the other lines of its
    cells (``dropped``) left out."""
    if not joined:
        return lines
    kept = [line for line in lines if line.number not in dropped and line.number not in joined]
    # a row may start on a line of its own that normalizing dropped (an empty cell): by number
    return sorted([*kept, *joined.values()], key=lambda line: line.number)


def _runs(sources: Sequence[SourceLine], by_number: dict[int, Line]) -> list[list[Unit]]:
    runs: list[list[Unit]] = []
    run: list[Unit] = []
    too_long = False  # the run has passed MAX_UNITS: its lines are only skipped to its end
    for number, src in enumerate(sources, start=1):
        if src.spanned is not None or not src.text.strip():
            if src.spanned is not None:
                run, too_long = _close(runs, run, too_long), False
            continue
        if too_long and "|" in src.text:
            continue
        unit = _unit(number, src.text, by_number.get(number)) if "|" in src.text else None
        if unit is None:
            run, too_long = _close(runs, run, too_long), False
        elif len(run) == MAX_UNITS:
            run, too_long = [], True
        else:
            run.append(unit)
    _close(runs, run, too_long)
    return runs


def _close(runs: list[list[Unit]], run: list[Unit], too_long: bool) -> list[Unit]:
    # each width is tried in one pass over the run: bounded, the cutting stays linear in the input
    if not too_long and any(u.kind in ("empty", "covered") for u in run):
        runs.append(run)
    return []


def _unit(number: int, text: str, line: Line | None) -> Unit | None:
    found = _CELL_LINE.match(text)
    if found is None:
        return None
    pipes = found.group(2)
    column = found.start(2) + 1
    if found.group(1):
        if line is None:
            return None
        kind = "value" if line.is_values else "text"
        return Unit(number, kind, 1, column, found.group(1)) if len(pipes) == 1 else None
    if len(pipes) == 1:
        return Unit(number, "empty", 1, column)
    return Unit(number, "covered", len(pipes), column)


def _rows(run: list[Unit]) -> list[list[Unit]]:
    """The run cut into rows of the least width that starts every row with a text cell."""
    total = sum(u.width for u in run)
    for width in range(2, min(MAX_WIDTH, total) + 1):
        if total % width:
            continue
        rows = _cut(run, width)
        if rows is not None:
            return rows if len(rows) >= MIN_ROWS and any(_is_data(r) for r in rows) else []
    return []


def _cut(run: list[Unit], width: int) -> list[list[Unit]] | None:
    rows: list[list[Unit]] = []
    row: list[Unit] = []
    used = 0
    for unit in run:
        row.append(unit)
        used += unit.width
        if used > width:
            return None
        if used == width:
            rows.append(row)
            row, used = [], 0
    if row:
        return None
    # a row starts with a text cell (its label), or is values alone (table 四's one row)
    return rows if all(r[0].kind == "text" or all(u.kind != "text" for u in r) for r in rows) else None


def _labels(row: list[Unit]) -> int:
    n = 0
    while n < len(row) and row[n].kind == "text":
        n += 1
    return n


def _is_data(row: list[Unit]) -> bool:
    """Label cells, not all of them header words, then only values, empty cells and covered
    positions (at least one value or empty cell)."""
    n = _labels(row)
    rest = row[n:]
    return (
        any(u.kind in ("value", "empty") for u in rest)
        and all(u.kind != "text" for u in rest)
        and not (n and all(_header_word(u.text) for u in row[:n]))
    )


def _header_word(text: str) -> bool:
    return any(tpl.vocabulary(kind).covers(text) for kind in _TABLE_KINDS)


def row_line(row: list[Unit], by_number: dict[int, Line], label_columns: int) -> Line | None:
    if not _is_data(row):
        return None
    n = _labels(row)
    cells = row[n:]
    if cells and cells[-1].kind == "covered":
        cells = cells[:-1]
    elif cells and cells[-1].kind == "empty" and n < label_columns:
        cells = cells[:-1]  # the one position the row's label covers (its colspan), no cell
    labels = [by_number[u.number] for u in row[:n]]
    label = join_located([_label_of(line) for line in labels], "\t") if labels else None
    values: list[Value] = []
    pieces = [label] if label is not None else []
    for unit in cells:
        if unit.kind == "covered":
            return None  # covered positions inside the row's values: no layout this module knows
        if unit.kind == "empty":
            span = Span(unit.number, unit.column, unit.number, unit.column + 1)
            values.append(blank_value(span))
            pieces.append(Located("", ()))
        else:
            line = by_number[unit.number]
            values.extend(line.values)
            pieces.append(line.clean)
    clean = join_located(pieces, "\t")
    first = by_number.get(row[0].number)
    number = row[0].number
    raw = first.raw if first is not None else clean.text
    return Line(number, raw, clean, clean, tpl.fold(clean.text), True, tuple(values), label)


def _label_of(line: Line) -> Located:
    return line.label if line.label is not None else line.clean
