"""Table 三 as a text export writes it: one cell per line, an empty cell an empty line.

A word processor's "save as text" (LibreOffice, WPS) writes a table cell by cell, each on a line
of its own, and an empty cell as an empty line; a cell covered by a merged cell above (a group
label spanning rows) is an empty line too, before the row's own label::

    一、本年新收政府信息公开申请数量
    26                 ← 自然人
                       ← 商业企业, left empty (the page leaves every 0 blank)
    …
    26                 ← 总计
                       ← the place of 三、本年度办理结果 (merged), before the next label
    （二）部分公开（区分处理的，只计这一情形，不计其他情形）

Line by line the empty lines vanish and the row keeps 2 values of 7 (PAR003). Every row of table
三 has :data:`WIDTH` value cells after its label, so here a row is its label lines followed by
exactly that many lines of values and empty lines; the empty lines after them, up to the next
label, are the covered places of the next row. This is only done when every row label of the
block is followed so (the lines after a label hold no value beyond its seven cells), and some
row has an empty cell among them: text whose extractor puts an empty line between every two
cells (``pdftotext`` without ``-layout``) has values beyond the seventh line and is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import sub

from .. import templates as tpl
from ..readers.base import SourceLine
from .blank_rows import is_numbered_app_row
from .cell_lines import Unit, row_line, splice
from .lexer import WIDTH
from .normalize import Line, may_start_value

CELLS = WIDTH["A_VALUES"]  # value cells of a table-三 row
MAX_COVERED = 3  # empty lines a row may start with (group and sub-group labels merged above)


def join_empty_line_cells(lines: list[Line], sources: Sequence[SourceLine]) -> list[Line]:
    """``lines`` with the rows of each table-三 block written one cell per line with empty
    cells as empty lines joined (see the module's doc); other text as it is."""
    # (a quick look first: a row with a count has two lines of one value — the count and its
    # 总计 — and a row of seven empty cells is a gap of more than seven lines; most text has neither)
    ones = {line.number for line in lines if line.label is None and len(line.values) == 1}
    if len(ones) < 2:
        numbers = [line.number for line in lines]  # (the widest gap between them, found in C)
        if max(map(sub, numbers[1:], numbers), default=0) <= CELLS:
            return lines
    if not _a_row_so_written(lines, sources, ones):
        return lines
    by_number = {line.number: line for line in lines}
    joined: dict[int, Line] = {}
    dropped: set[int] = set()
    for rows in _blocks(lines, sources, by_number):
        for row in rows:
            line = row_line(row, by_number, 0)
            if line is None:
                continue
            joined[row[0].number] = line
            dropped.update(u.number for u in row[1:])
    return splice(lines, joined, dropped)


def _a_row_so_written(lines: list[Line], sources: Sequence[SourceLine], ones: set[int]) -> bool:
    """Some table-三 row label is followed by :data:`CELLS` lines of one value or none, at least
    one of them empty (``ones``: the lines of one value and no label)."""
    last = len(sources) - CELLS
    for line in lines:
        n = line.number
        if line.values or n > last or not _numbered(line.key):
            continue  # (a row label is numbered: most lines are ruled out by their first characters)
        after = sources[n].text.strip()  # its first cell: empty, or a value
        if after and not may_start_value(after[0]):
            continue
        empties = 0
        for m in range(n + 1, n + 1 + CELLS):
            if m in ones:
                continue
            if sources[m - 1].text.strip():
                break
            empties += 1
        else:
            if empties and is_numbered_app_row(line):
                return True
    return False


_NUMERALS = frozenset("一二三四五六七八九十")


def _numbered(key: str) -> bool:
    """``key`` (folded) starts as a row label of table 三 is numbered: 一、 (一) 1. (a quick look
    at its first characters; the label itself is matched later)."""
    if len(key) < 3:
        return False
    first = key[0]
    if first in _NUMERALS:
        return key[1] == "、"
    if first == "(":
        return key[1] in _NUMERALS and key[2] == ")"
    return first.isdigit() and key[1] in ".、"


def _blocks(
    lines: list[Line], sources: Sequence[SourceLine], by_number: dict[int, Line]
) -> list[list[list[Unit]]]:
    """The blocks of rows found: each row its label units and its seven cell units."""
    blocks: list[list[list[Unit]]] = []
    rows: list[list[Unit]] = []
    labels: list[Unit] = []  # the text lines just read (a row's label cells)
    broken = False  # a row of this block is not so written: none of it is taken
    n = 1
    while n <= len(sources):
        line = by_number.get(n)
        if line is not None and not line.values:
            labels.append(Unit(n, "text", 1, 1, line.clean.text))
            n += 1
            continue
        if labels and is_numbered_app_row(by_number[labels[-1].number]):
            row = None if broken else _cells(sources, by_number, n)
            if row is not None:
                rows.append([*_own_labels(labels, by_number), *row])
                labels = []
                n = _covered_end(sources, by_number, n + len(row))
                continue
            rows, broken = [], True
        elif labels:  # text that is no row label (a heading, prose): the block, if any, ends
            _close(blocks, rows)
            rows, broken = [], False
        elif line is not None and rows:
            rows, broken = [], True  # a value after a row's seven cells: not this layout
        labels = []
        n += 1
    _close(blocks, rows)
    return blocks


def _close(blocks: list[list[list[Unit]]], rows: list[list[Unit]]) -> None:
    if rows and any(u.kind == "empty" for row in rows for u in row):
        blocks.append(rows)


def _own_labels(labels: list[Unit], by_number: dict[int, Line]) -> list[Unit]:
    """The row's own label cells: the numbered ones it ends with (its group labels and its
    label), not the header words that may come right before a table's first row."""
    k = len(labels)
    while k > 0 and tpl.split_numbering(by_number[labels[k - 1].number].key)[0] is not None:
        k -= 1
    return labels[k:]


def _cells(sources: Sequence[SourceLine], by_number: dict[int, Line], n: int) -> list[Unit] | None:
    """The seven cells starting at line ``n``: each a one-value line or an empty line."""
    cells: list[Unit] = []
    for number in range(n, min(n + CELLS, len(sources) + 1)):
        line = by_number.get(number)
        if line is None:
            if sources[number - 1].text.strip():
                return None  # a line normalizing dropped (a page number …): no cell
            cells.append(Unit(number, "empty", 1, 1))
        elif len(line.values) == 1 and line.label is None:
            cells.append(Unit(number, "value", 1, 1))
        else:
            return None
    return cells if len(cells) == CELLS else None


def _covered_end(sources: Sequence[SourceLine], by_number: dict[int, Line], n: int) -> int:
    """The line after the empty lines (at most :data:`MAX_COVERED`) that follow a row's cells."""
    end = n
    while (
        end <= len(sources)
        and end - n < MAX_COVERED
        and by_number.get(end) is None
        and not sources[end - 1].text.strip()
    ):
        end += 1
    return end
