"""Table 三 extracted column by column: its labels in one block, its values elsewhere.

Some extractors (``pdftotext`` without ``-layout``, copying from a PDF viewer) do not write a
table row by row. They write the label column of a stretch of rows as one block and the values
of those rows elsewhere, often column by column::

    1.属于国家秘密          ← the labels of eight rows, one after another
    2.其他法律行政法规禁止公开
    3.危及“三安全一稳定”
    …
    0                      ← then the 自然人 column of those rows, then the next column …
    0
    1

The parser places a run of values that has no label of its own between its placed neighbours,
by order (a row whose label was lost). Here that would pair labels and values at random, and the
identity checks would report errors that are not in the report (and the rows left unplaced,
rows that are not in the template). So when a table 三 has rows with no label at all *and* a
block of at least :data:`MIN_LABEL_RUN` row labels with no value between them, the table is not
used: one PAR002 says why, and no rule judges its cells.
(A row label on a line of its own followed by its values, as cell-per-line text writes a row, is
never such a block: its values come before the next label.)
"""

from __future__ import annotations

from collections.abc import Sequence

from ..nodes import ParseProblem, Span, Table
from .blank_rows import is_numbered_app_row
from .normalize import Line

MIN_LABEL_RUN = 3  # row labels of table 三 with no value between them: a label column on its own
MIN_UNLABELLED = 2  # rows with no label at all: values written apart from labels


def separated_labels(
    tables: Sequence[Table], problems: Sequence[ParseProblem], lines: Sequence[Line]
) -> tuple[list[Table], list[ParseProblem]]:
    """``tables`` without a table 三 whose labels were written apart from its values, and
    ``problems`` without the ones found in such a table (its unplaced rows) but with one saying
    why it was left out."""
    kept = list(tables)
    out = list(problems)
    for table in tables:
        block = _label_block(table, lines) if table.kind == "applications" else None
        if block is None:
            continue
        first, last, count = block
        kept.remove(table)
        top, bottom = table.span.line, table.span.end_line
        out = [p for p in out if p.table != table.kind or not top <= p.span.line <= bottom]
        out.append(
            ParseProblem(
                "unrecognized-table",
                f"{count} row labels are written one after another with no values between them"
                " and values elsewhere have no labels (the extractor wrote the table column by column),"
                " so which values belong to which row cannot be told",
                Span(first, 1, last, 2),
                table.kind,
                message_zh=f"{count}个行标签连续排列、其间没有数值，另有数值没有行标签"
                "（提取工具按列而非按行输出了表格），无法确定各数值所属的行",
            )
        )
    return kept, out


def _label_block(table: Table, lines: Sequence[Line]) -> tuple[int, int, int] | None:
    """The first and last line and the number of row labels of the longest run of table-三 row
    labels with no values between them inside ``table``, when the table also has rows with no
    label (so its values were written apart from its labels); None otherwise."""
    unlabelled = sum(1 for row in table.rows if not row.label.strip())
    if unlabelled < MIN_UNLABELLED:
        return None
    top, bottom = table.span.line, table.span.end_line
    best: tuple[int, int, int] | None = None
    run: list[int] = []  # line numbers of the row labels of the current run
    for line in lines:
        if line.number < top:
            continue
        if line.number > bottom or line.values:
            best = _longer(best, run)
            run = []
            if line.number > bottom:
                break
            continue
        if is_numbered_app_row(line):
            run.append(line.number)
    best = _longer(best, run)
    return best if best is not None and best[2] >= MIN_LABEL_RUN else None


def _longer(best: tuple[int, int, int] | None, run: list[int]) -> tuple[int, int, int] | None:
    if run and (best is None or len(run) > best[2]):
        return run[0], run[-1], len(run)
    return best
