"""Template rows whose value cells are all blank: a grid row of a page that leaves zeros empty.

Normalizing a grid row (a DOCX, HTML or ruled PDF table's row, a markdown pipe row) takes a run of nothing but blank cells for no values at all: such a run is usually the
empty tail of a title or header row (``第二十条第（一）项`` spread over four columns). But on a page
that leaves every 0 empty, a row of the template whose counts are all 0 (``规章 |  |  |  |``) is
such a row too, and without its values it would be taken for a fragment of the next row's label:
the row lost, the template's row reported missing (FMT005).

This pass gives a row its blank values back when, and only when, its label names a row of a
template table (a full row label of table 三 or a row label of table 二), or when a numbered
label goes on in the next rows of empty cells (a row broken by a page break) and all its parts
together name a row of table 三 (the blanks are those of its last part, the parts before it are
joined to it as any wrapped label is); every other line is kept as normalized. Table 四 has no row labels: its one row of values, all 0 in most reports, is a row
of nothing but empty cells, which normalizing drops; it is put back when it comes right after the
table's header and has exactly the table's width of cells. Whether a blank is one of the
template's columns is decided when the row is aligned (:mod:`.align`), as for every grid row.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from .. import templates as tpl
from ..nodes import Located
from ..readers.base import SourceLine
from ..textscan import is_pipe_row
from .lexer import WIDTH, app_row_score, is_proactive_label
from .marks import Marks
from .normalize import Line, Value, blank_grid_line, grid_values

ROW_SCORE = 0.95  # how surely a label must name a row of table 三 (a blank row has no values to help)
SPLIT_ROWS = 3  # rows a label split over rows of empty cells may go on in


_Blanks = tuple[tuple[Value, ...], Located]  # a row's blank values and its label


def is_row_label(label: str) -> bool:
    """``label`` names a row of table 二 or, surely, of table 三."""
    return is_proactive_label(label) or app_row_score(label) >= ROW_SCORE


def is_numbered_app_row(line: Line) -> bool:
    """``line`` is a numbered label that surely names a row of table 三 (on a line of its own:
    the header's words 总计, 其他 … are not numbered)."""
    return tpl.split_numbering(line.key)[0] is not None and app_row_score(line.clean.text) >= ROW_SCORE


def blank_rows(lines: list[Line], sources: Sequence[SourceLine], marks: Marks | None = None) -> list[Line]:
    """``lines`` with every template row of blank cells given its blank values, and table 四's
    row of empty cells put back (``sources``: the document's lines, ``marks``: theirs, worked
    out when not given)."""
    found = marks or Marks.of(sources)
    if not (found.tabs or found.pipes):
        return lines  # a grid row is written with TABs or pipes: none here
    return _review_rows(_labelled_rows(lines, sources), sources)


def _labelled_rows(lines: list[Line], sources: Sequence[SourceLine]) -> list[Line]:
    out = lines
    # only a line with a TAB and no values can be such a row: the rest are skipped in one scan
    blanks: dict[int, _Blanks | None] = {
        k: _blank_cells(line, sources)
        for k, line in enumerate(lines)
        if not line.values and "\t" in line.clean.text
    }
    for k in blanks:  # (in line order)
        found = blanks[k]
        if found is None:
            continue
        if not is_row_label(found[1].text):
            end = _split_label_end(lines, blanks, k)
            if end is None:
                continue
            k, found = end
        values, label = found
        if out is lines:
            out = list(lines)
        out[k] = lines[k]._replace(tabbed=True, values=values, label=label)
    return out


def _blank_cells(line: Line, sources: Sequence[SourceLine]) -> _Blanks | None:
    """The blank values and the label of a grid row (a line with a TAB and no values) of a
    label and nothing but empty cells."""
    if line.number > len(sources):
        return None
    spanned = _grid_spans(sources[line.number - 1])
    if spanned is None:
        return None  # text with TABs: an empty cell there may be any merged cell (domain.md 5.1)
    values, label = grid_values(line.clean, spanned, blank_run=True)
    return (values, label) if values and label is not None else None


def _split_label_end(
    lines: list[Line], blanks: dict[int, _Blanks | None], k: int
) -> tuple[int, _Blanks] | None:
    """Where a row label that starts a numbered item at line ``k`` and goes on in the next rows
    of empty cells (a row split by a page break, or a label wrapped into rows of its own) ends,
    with that last row's blanks; None when no template row label is so made."""
    first = blanks[k]
    if first is None or tpl.split_numbering(lines[k].key)[0] is None:
        return None
    joined = first[1].text.strip()
    for j in range(k + 1, min(k + 1 + SPLIT_ROWS, len(lines))):
        part = blanks.get(j)
        if part is None or tpl.split_numbering(lines[j].key)[0] is not None:
            return None
        joined += part[1].text.strip()
        if app_row_score(joined) >= ROW_SCORE:
            return j, part
    return None


def _grid_spans(src: SourceLine) -> frozenset[int] | None:
    """The covered cells of a row of a grid (a reader's table, or a pipe row of text); None for a
    line of no grid."""
    if src.spanned is not None:
        return src.spanned
    return frozenset() if "|" in src.text and is_pipe_row(src.text) else None


def _review_rows(lines: list[Line], sources: Sequence[SourceLine]) -> list[Line]:
    """Table 四's values row of empty cells, dropped when normalized, put back after its header."""
    # a source line of nothing but pipes, TABs and spaces: the rows to look at, found in one scan
    empty = [
        n
        for n, src in enumerate(sources, start=1)
        if ("|" in (text := src.text) or "\t" in text) and not text.strip(_EMPTY_ROW)
    ]
    if not empty:
        return lines
    numbers = [line.number for line in lines]
    heads = tpl.vocabulary("review_litigation")
    rows: dict[int, Line] = {}  # index in ``lines`` the row goes after → the row
    seen: set[int] = set()  # headers whose first empty row was looked at
    for number in empty:
        k = bisect_left(numbers, number) - 1  # the kept line before it
        if k < 0 or k in seen or lines[k].values or not heads.covers(lines[k].key):
            continue
        if k + 1 < len(lines) and lines[k + 1].values:
            continue  # the header's values follow as normalized
        src = sources[number - 1]
        spanned = _grid_spans(src)
        row = None if spanned is None else blank_grid_line(number, src.text, spanned)
        if row is None:
            continue
        seen.add(k)
        if len(row.values) == WIDTH["R_VALUES"]:
            rows[k] = row
    if not rows:
        return lines
    out: list[Line] = []
    for k, line in enumerate(lines):
        out.append(line)
        if k in rows:
            out.append(rows[k])
    return out


_EMPTY_ROW = " \t|\u3000\xa0"  # what a row of nothing but empty cells is written with
