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
page break is joined by the grammar, and two pieces are left as they are.) When the table's
own section holds it whole (one piece, no template row missing, no problem found in it), the
pieces elsewhere are no table (a numbered list with dates and
counts in 总体情况, its lines cut apart, read as rows of table 三): they are dropped, with their
problems, and the table is kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import templates as tpl
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
    stray: set[str] = set()  # kinds whole in their own section, with pieces elsewhere
    homes = dict(tpl.table_sections())
    for kind, found in pieces.items():
        home = [t for t in found if t.section == homes.get(kind)]
        if len(home) == 1 and len(found) > 1 and _whole(home[0], problems):
            stray.add(kind)  # (no problem of its kind lies in the table kept: all go with the pieces)
            pieces[kind] = home
    broken = {kind for kind, found in pieces.items() if len(found) >= MIN_PIECES}
    if not broken and not stray:
        return list(tables), list(problems)
    kept = [t for t in tables if t.kind not in broken and (t.kind not in stray or t is pieces[t.kind][0])]
    out = [p for p in problems if p.table not in broken and p.table not in stray]
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


def _inside(problem: ParseProblem, table: Table) -> bool:
    return problem.table == table.kind and table.span.line <= problem.span.line <= table.span.end_line


def _whole(table: Table, problems: Sequence[ParseProblem]) -> bool:
    return not table.missing_rows and not any(_inside(p, table) for p in problems)
