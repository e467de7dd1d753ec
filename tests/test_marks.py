"""The document-wide look for TABs and pipes, and the passes that rebuild TAB and pipe rows: the
marks the pipeline hands them give the answer each pass would work out from the lines itself."""

from __future__ import annotations

from disclint.parse.blank_rows import blank_rows
from disclint.parse.marks import Marks
from disclint.parse.normalize import normalize
from disclint.parse.pipe_style import open_first_cells
from disclint.parse.tab_rows import inner_blanks
from disclint.readers.base import SourceLine


def _lines(*texts: str) -> tuple[SourceLine, ...]:
    return tuple(SourceLine(t) for t in texts)


def test_marks_tell_tabs_and_pipes_anywhere_in_the_text() -> None:
    assert Marks.of(_lines("一、总体情况", "本机关共公开 12 条")) == Marks(tabs=False, pipes=False)
    assert Marks.of(_lines("prose", "规章\t3\t0")) == Marks(tabs=True, pipes=False)
    assert Marks.of(_lines("| 规章 | 3 |", "prose")) == Marks(tabs=False, pipes=True)
    assert Marks.of(()) == Marks(tabs=False, pipes=False)


def test_a_pass_given_the_marks_answers_as_without_them() -> None:
    rows = _lines(
        "\t（三）不予公开\t1.属于国家秘密\t1\t\t\t\t\t\t1\t",
        "规章\t\t\t",
        "| | 1 | 0 |",
        "a | b |",
        "prose without a tab",
    )
    marks = Marks.of(rows)
    assert marks == Marks(tabs=True, pipes=True)
    assert inner_blanks(rows, marks) == inner_blanks(rows)
    assert [src.spanned for src in inner_blanks(rows, marks)][:2] == [frozenset({0}), frozenset()]
    opened = open_first_cells(rows, marks)
    assert opened == open_first_cells(rows)
    assert opened[2].text == "\t \t 1 \t 0  "  # the empty first cell of a cell-by-cell run kept
    normalized, _noise = normalize(rows)
    assert blank_rows(normalized, rows, marks) == blank_rows(normalized, rows)


def test_text_without_tabs_or_pipes_is_left_as_it_is() -> None:
    rows = _lines("一、总体情况", "规章 3 0", "本机关共公开 12 条")
    marks = Marks.of(rows)
    assert inner_blanks(rows, marks) is rows
    assert open_first_cells(rows, marks) is rows
    normalized, _noise = normalize(rows)
    assert blank_rows(normalized, rows, marks) is normalized
