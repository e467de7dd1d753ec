"""A table the text breaks into pieces: set aside, with one PAR002 saying why.

When an extractor does not write a table row by row (``pdftotext`` without ``-layout`` on a
report that leaves its zeros blank writes the labels of narrow cells a piece per line, the
header words and the few values column by column, between them), the parser finds the same
table again and again: a piece with a header word, a piece with a row label, a piece with a
value. Each piece gave its own findings — rows missing from the template (FMT005), parts matching
no sub-table (PAR002), labels not in the template — a score of warnings about one table whose
cells cannot be told apart. When the text gives :data:`MIN_PIECES` or more tables of one kind,
none of them is used: one PAR002 names the table and the number of pieces, and the problems
found in the pieces go with them. (A report has one table of each kind; a table broken by a
page break is joined by the grammar, and two pieces are left as they are.)
"""

from __future__ import annotations

from collections.abc import Sequence

from ..nodes import ParseProblem, Span, Table

MIN_PIECES = 3  # tables of one kind: the text broke the table up


def broken_tables(
    tables: Sequence[Table], problems: Sequence[ParseProblem]
) -> tuple[list[Table], list[ParseProblem]]:
    """``tables`` without the kinds found in :data:`MIN_PIECES` pieces or more, ``problems``
    without those found in their pieces but with one per such kind (see the module's text)."""
    pieces: dict[str, list[Table]] = {}
    for table in tables:
        pieces.setdefault(table.kind, []).append(table)
    broken = {kind for kind, found in pieces.items() if len(found) >= MIN_PIECES}
    if not broken:
        return list(tables), list(problems)
    kept = [t for t in tables if t.kind not in broken]
    out = [p for p in problems if p.table not in broken]
    for kind in sorted(broken, key=lambda k: pieces[k][0].span.line):
        found = pieces[kind]
        first, last = found[0].span, found[-1].span
        out.append(
            ParseProblem(
                "unrecognized-table",
                f"broken into {len(found)} pieces in the text (its rows parted by other text, or"
                " its cells not written row by row, e.g. extracted column by column), so its rows"
                " and values cannot be told apart",
                Span(first.line, first.column, last.end_line, last.end_column),
                kind,
                message_zh=f"在文本中被拆成{len(found)}段（其行被其他文字隔开，或单元格未按行排列，"
                "如按列提取），无法分辨其行与数值",
            )
        )
    return kept, out
