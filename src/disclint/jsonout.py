"""``disclint parse --format json``: the AST as plain data, with the field names and row/column
keys of the expected corpus files (documented in docs/parse-json.md)."""

from __future__ import annotations

from typing import Any

from .contacts import FIELDS
from .domain.numbers import json_number
from .nodes import BLANK, NUMBER, Report, Row, Table
from .parse.layout_grid import layout_grids
from .parse.normalize import cell_kind
from .readers.grid import Grid
from .readers.text_grid import text_grids

SCHEMA_VERSION = 1


def cell_value(row: Row, column: str) -> Any:
    cell = row.cell(column)
    if cell is None or cell.kind == BLANK:
        return None
    if cell.unit and cell.value is not None and cell.unit not in ("件", "条"):
        return cell.raw  # "402.2 万元": the unit stays with the value, as written
    return json_number(cell.value) if cell.value is not None else cell.raw


def row_to_dict(row: Row) -> dict[str, Any]:
    if row.incomplete:
        d: dict[str, Any] = {
            "incomplete": True,
            "raw": [
                json_number(c.value) if c.value is not None else (None if c.kind == BLANK else c.raw)
                for c in row.cells
            ],
        }
    else:
        d = {c.column: cell_value(row, c.column) for c in row.cells if c.column}
    kinds = {c.column or str(i): c.kind for i, c in enumerate(row.cells) if c.kind != NUMBER}
    if kinds:
        d["kinds"] = kinds  # the cells that are not numbers: blank, placeholder or text
    d["line"] = row.line
    if row.numbering and row.expected_numbering and row.numbering != row.expected_numbering:
        d["label_as_written"] = row.label
    return d


def table_to_dict(table: Table) -> dict[str, Any]:
    d: dict[str, Any] = {}
    if table.kind != "review_litigation":
        d["format"] = table.format
    rows: dict[str, Any] = {}
    unmatched: list[dict[str, Any]] = []
    for row in table.rows:
        if row.key is None:
            unmatched.append({"label": row.label, **row_to_dict(row)})
        elif row.key not in rows:
            rows[row.key] = row_to_dict(row)
    d["rows"] = rows
    if unmatched:
        d["unmatched_rows"] = unmatched
    if table.missing_rows:
        d["missing_rows"] = list(table.missing_rows)
    d["line"] = table.span.line
    return d


def report_to_dict(report: Report) -> dict[str, Any]:
    title_line: Any = (
        list(report.title_lines)
        if len(report.title_lines) > 1
        else (report.title_lines[0] if report.title_lines else None)
    )
    contacts: dict[str, list[dict[str, Any]]] = {f: [] for f in FIELDS}
    for c in report.contacts:
        contacts[c.field].append({"value": c.value, "line": c.span.line})
    tables = {t.kind: table_to_dict(t) for t in reversed(report.tables)}  # the first of a kind wins
    ordered = {k: tables[k] for k in ("proactive", "applications", "review_litigation") if k in tables}
    return {
        "schema_version": SCHEMA_VERSION,
        "file": report.path,
        "organ": report.organ,
        "year": report.year,
        "title": report.title.text if report.title else None,
        "title_line": title_line,
        "format_cited": report.format_cited.notice if report.format_cited else None,
        "format_cited_line": report.format_cited.span.line if report.format_cited else None,
        "table_format": report.table_format,
        "period": {"start": report.period.start.isoformat(), "end": report.period.end.isoformat()}
        if report.period
        else None,
        "date": report.date.value.isoformat() if report.date else None,
        "sections": [{"number": s.number, "title": s.title, "line": s.line} for s in report.sections],
        "contacts": contacts,
        "tables": ordered,
        "problems": [{"kind": p.kind, "message": p.message, "line": p.span.line} for p in report.problems],
        "evidence": _evidence(report),
        "grids": [grid.as_dict(cell_kind) for grid in report_grids(report)],
    }


def report_grids(report: Report) -> tuple[Grid, ...]:
    """The report's tables as grids: those of the reader (DOCX, HTML, PDF), or for text the
    markdown and tab-separated runs of its lines and its ``pdftotext -layout`` value columns
    (built here, on demand, not while checking)."""
    if report.grids or report.source_kind != "text":
        return report.grids
    grids = text_grids(report.lines) + layout_grids(report.lines)
    return tuple(sorted(grids, key=lambda g: g.rows[0].line or 0))


def _evidence(report: Report) -> dict[str, Any]:
    """How the organ and the year were found, how the notice was cited, what was page chrome."""
    meta = report.metadata

    def fact(f: Any) -> dict[str, Any] | None:
        if f is None:
            return None
        return {"value": f.value, "source": f.source, "confidence": f.confidence, "line": f.span.line}

    return {
        "organ": fact(meta.organ) if meta else None,
        "year": fact(meta.year) if meta else None,
        "format_cited_by": report.format_cited.cited_by if report.format_cited else None,
        "chrome": [{"line": c.line, "kind": c.kind, "label": c.label} for c in meta.chrome] if meta else [],
    }
