"""The document as the result page shows it, with every finding pinned to what it points at.

The source lines of a report are laid out in order: text lines as paragraphs (headings and the
title marked), and the lines of each of the three tables replaced by a real table built from the
AST's rows and cells. A finding is attached to the cells its span overlaps, else to the row label,
else to the characters of the text line it covers (a segment of the line), else to the whole line.
Templates only draw what this module decides; it owns no domain knowledge beyond the AST.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from ..findings import Finding
from ..nodes import Report, Row, Span, Table
from ..templates import applications, proactive, review_litigation

_WHOLE = 10**9  # "to the end of the line"


@dataclass
class Segment:
    text: str
    ids: list[str] = field(default_factory=list)  # finding ids covering these characters


@dataclass
class TextLine:
    number: int
    segments: list[Segment]
    ids: list[str] = field(default_factory=list)  # findings on the line as a whole
    kind: str = "p"  # p | title | heading
    page: int | None = None


@dataclass
class CellView:
    text: str
    ids: list[str] = field(default_factory=list)
    header: bool = False  # a row label


@dataclass
class RowView:
    label: CellView
    cells: list[CellView]
    ids: list[str] = field(default_factory=list)  # findings on the row as a whole
    lines: tuple[int, ...] = ()
    incomplete: bool = False
    source: bool = False  # a source line of the table region that is not a row (a header line)


@dataclass
class TableView:
    kind: str
    format: str | None
    header: list[str]  # column labels
    rows: list[RowView]
    width: int  # number of value columns
    first_line: int


@dataclass
class DocumentView:
    blocks: list[TextLine | TableView]
    unplaced: list[str]  # findings with no place in the document (whole-file findings)
    failed: bool = False  # the layout failed: only the findings are shown


def _ranges(span: Span) -> dict[int, tuple[int, int]]:
    """Per line, the half-open column range the span covers (at least one character)."""
    out: dict[int, tuple[int, int]] = {}
    for line in range(span.line, span.end_line + 1):
        start = span.column if line == span.line else 1
        end = span.end_column if line == span.end_line else _WHOLE
        out[line] = (start, max(end, start + 1))
    return out


def _overlaps(a: dict[int, tuple[int, int]], b: dict[int, tuple[int, int]]) -> bool:
    return any(line in b and a[line][0] < b[line][1] and b[line][0] < a[line][1] for line in a)


def _span_of(f: Finding) -> Span:
    loc = f.location
    return Span(loc.line, loc.column, max(loc.end_line, loc.line), loc.end_column)


def _labels(table: Table, group: str | None) -> list[str]:
    """Column labels of the table's template (of the row's sub-table for table 二)."""
    if table.kind == "applications":
        return [c.label for c in applications().columns]
    if table.kind == "review_litigation":
        return [c.label for c in review_litigation().columns]
    for sub in proactive().subtables:
        if sub.key == group:
            spec = sub.formats.get(table.format or "") or next(iter(sub.formats.values()))
            return [c.label for c in spec[0]]
    return []


def _row_lines(row: Row) -> set[int]:
    lines = set(range(row.label_span.line, row.label_span.end_line + 1))
    lines.update(c.span.line for c in row.cells)
    return lines


class _Placer:
    """Attaches findings to the views they point at."""

    def __init__(self, findings: Sequence[tuple[str, Finding]]) -> None:
        self.pending = {fid: _ranges(_span_of(f)) for fid, f in findings}
        self.placed: set[str] = set()

    def on(self, span: Span) -> list[str]:
        r = _ranges(span)
        hits = [fid for fid, fr in self.pending.items() if _overlaps(fr, r)]
        self.placed.update(hits)
        return hits

    def on_lines(self, lines: Iterable[int], skip: set[str]) -> list[str]:
        wanted = set(lines)
        hits = [fid for fid, fr in self.pending.items() if fid not in skip and wanted & set(fr)]
        self.placed.update(hits)
        return hits


def _table_view(report: Report, table: Table, placer: _Placer) -> TableView:
    rows_at: dict[int, list[Row]] = {}
    consumed: set[int] = set()
    for row in table.rows:
        rows_at.setdefault(row.line, []).append(row)
        consumed |= _row_lines(row)
    width = max([len(table.columns)] + [len(r.cells) for r in table.rows] + [1])
    header = _labels(table, table.rows[0].group if table.rows else None)
    views: list[RowView] = []
    group: str | None = table.rows[0].group if table.rows else None
    for line in range(table.span.line, table.span.end_line + 1):
        if line not in consumed:
            text = report.lines[line - 1] if line <= len(report.lines) else ""
            if text.strip():
                ids = placer.on(Span(line, 1, line, _WHOLE))
                label = CellView(" ".join(text.split("\t")).strip(), ids)
                views.append(RowView(label, [], [], (line,), source=True))
            continue
        for row in rows_at.get(line, []):
            if row.group != group and row.group is not None:
                group = row.group
                views.append(RowView(CellView(""), [CellView(t, header=True) for t in _labels(table, group)]))
            views.append(_row_view(table, row, placer))
    return TableView(table.kind, table.format, header, views, width, table.span.line)


def _row_view(table: Table, row: Row, placer: _Placer) -> RowView:
    cells: list[CellView] = []
    taken: set[str] = set()
    if row.incomplete or not table.columns:
        source = list(row.cells)
    else:
        source = [row.cell(c) for c in table.columns]  # type: ignore[misc]
    for c in source:
        if c is None:
            cells.append(CellView(""))
            continue
        ids = placer.on(c.span)
        taken.update(ids)
        cells.append(CellView(c.raw, ids))
    label_ids = [i for i in placer.on(row.label_span) if i not in taken]
    taken.update(label_ids)
    label = CellView(" ".join(row.label.split()), label_ids, header=True)
    lines = tuple(sorted(_row_lines(row)))
    return RowView(label, cells, placer.on_lines([row.line], taken), lines, row.incomplete)


def _text_line(report: Report, number: int, placer: _Placer, kind: str) -> TextLine:
    text = report.lines[number - 1]
    marks: list[tuple[str, int, int]] = []  # (id, start, end) as 0-based offsets
    whole: list[str] = []
    for fid, fr in placer.pending.items():
        if number not in fr:
            continue
        start, end = fr[number]
        start, end = start - 1, min(end - 1, len(text))
        if start >= len(text) or not text.strip():
            whole.append(fid)
        else:
            marks.append((fid, start, end))
        placer.placed.add(fid)
    cuts = sorted({0, len(text), *(m[1] for m in marks), *(m[2] for m in marks)})
    segments = [
        Segment(text[a:b], [fid for fid, s, e in marks if s <= a and b <= e])
        for a, b in pairwise(cuts)
        if a < b
    ]
    native = report.natives[number - 1] if number <= len(report.natives) else None
    page = getattr(getattr(native, "native", None), "page", None)
    return TextLine(number, segments or [Segment("")], whole, kind, page)


def document_view(report: Report, findings: Sequence[tuple[str, Finding]]) -> DocumentView:
    """The blocks of ``report`` in source order, with ``findings`` (id, finding) attached."""
    placer = _Placer(findings)
    tables = {t.span.line: t for t in report.tables}
    in_table: set[int] = set()
    for t in report.tables:
        in_table.update(range(t.span.line, t.span.end_line + 1))
    headings = {s.heading.line for s in report.sections}
    title = set(report.title_lines)
    blocks: list[TextLine | TableView] = []
    for number in range(1, len(report.lines) + 1):
        if number in tables:
            blocks.append(_table_view(report, tables[number], placer))
            continue
        if number in in_table or not report.lines[number - 1].strip():
            continue
        kind = "title" if number in title else "heading" if number in headings else "p"
        blocks.append(_text_line(report, number, placer, kind))
    unplaced = [fid for fid in placer.pending if fid not in placer.placed]
    return DocumentView(blocks, unplaced)
