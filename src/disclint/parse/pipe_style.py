"""Pipe rows written cell by cell: each cell followed by ``|``, no border pipe before the first.

HTML-to-text converters write a table row in one of two ways. Markdown puts a border pipe before
the first cell and after the last (``| a | b |``). Others write every cell followed by its pipe
(``a | b |``): there a row that starts with ``|`` starts with an *empty* cell (a blank, or the
place of a merged cell above), as in ``| （二）部分公开… | | 0 |`` or table 四's values
``|  | 1 |  | …`` when its first count is left empty. Read as markdown, that first cell is lost
and the row is one value short (PAR003), or a row of empty cells one cell narrower than table
四 (FMT005).

A run of pipe rows is written cell by cell when one of its rows has two or more pipes and does
not start with one. In such a run, a row that starts with ``|`` is given to the normalizer as the
grid row it is: that pipe ends an empty first cell, every pipe but the last separates cells, and
the last one closes the row (pipes become TABs and the last a space: columns stay put).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..readers.base import SourceLine
from ..textscan import is_pipe_row
from .marks import Marks


def open_first_cells(lines: Sequence[SourceLine], marks: Marks | None = None) -> Sequence[SourceLine]:
    """``lines`` with each row of a cell-by-cell run that starts with an empty cell made a TAB
    grid row (the others, and every line of any other text, as they are; ``marks``: those of
    ``lines``, worked out when not given)."""
    if not (marks or Marks.of(lines)).pipes:
        return lines  # the usual document: not a pipe in it
    rows = [
        k for k, src in enumerate(lines) if "|" in src.text and src.spanned is None and is_pipe_row(src.text)
    ]
    out: list[SourceLine] | None = None
    start = 0
    for end in range(1, len(rows) + 1):
        # a run goes on over blank lines only
        if end < len(rows) and all(not lines[j].text.strip() for j in range(rows[end - 1] + 1, rows[end])):
            continue
        run = rows[start:end]
        start = end
        if not any(not lines[k].text.lstrip().startswith("|") and lines[k].text.count("|") >= 2 for k in run):
            continue
        for k in run:
            if lines[k].text.lstrip().startswith("|"):
                out = out if out is not None else list(lines)
                out[k] = replace(lines[k], text=_cells(lines[k].text), spanned=frozenset())
    return lines if out is None else out


def _cells(text: str) -> str:
    end = text.rstrip()
    if end.endswith("|"):
        text = end[:-1] + " " + text[len(end) :]
    return text.replace("|", "\t")
