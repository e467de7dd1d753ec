"""Helpers shared by the rule modules: table vocabulary, safe cell reading, labels for messages.

The one subtle piece is :func:`known_values`: a row whose value count is wrong (``Row.incomplete``)
is used by identity checks only where *every* possible alignment of its values onto the template
columns gives the same answer, so a lost or extra cell never produces a false error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

from ..domain import vocabulary
from ..messages import Text
from ..nodes import AS_ZERO, Number, Report, Row, Span, Table

APPLICATION_COLUMNS: tuple[str, ...] = vocabulary.columns("applications")
APPLICANT_COLUMNS: tuple[str, ...] = tuple(c for c in APPLICATION_COLUMNS if c != "total")
REVIEW_COLUMNS: tuple[str, ...] = vocabulary.columns("review_litigation")
REVIEW_PARTS: tuple[str, ...] = tuple(c for c in REVIEW_COLUMNS if c != "total")
REVIEW_ROWS: tuple[str, ...] = vocabulary.group_keys("review_litigation")

WITHHELD_ROWS: tuple[str, ...] = vocabulary.rows_in_group("applications", "withheld")
UNABLE_ROWS: tuple[str, ...] = vocabulary.rows_in_group("applications", "unable")
NOT_PROCESSED_ROWS: tuple[str, ...] = vocabulary.rows_in_group("applications", "not_processed")
OTHER_ROWS_60: tuple[str, ...] = ("other",)
OTHER_ROWS_30: tuple[str, ...] = vocabulary.rows_in_group("applications", "other_processing")
OUTCOME_ROWS_COMMON: tuple[str, ...] = (
    *vocabulary.rows_in_group("applications", "outcome"),
    *WITHHELD_ROWS,
    *UNABLE_ROWS,
    *NOT_PROCESSED_ROWS,
)


def known_values(row: Row, columns: Sequence[str]) -> Mapping[str, Number | None]:
    """Value of each column that every possible reading of ``row`` agrees on (else None).

    A complete row reads directly. An incomplete row with k raw values for n columns:
    k > n — any ordered choice of n of the k values is a possible reading; column i can then
    receive exactly the values at raw positions i … i+k-n, so it is known iff those are equal.
    k < n — a value was lost somewhere, so no column is known. A row whose values are all zero
    is treated as unknown too (PAR003 reports it; zeros prove nothing about the lost cell).
    Blank and placeholder cells count as 0 (:func:`zero_cells` names them for the evidence).

    The answer is kept on the row (several rules read the same rows): never mutate it.
    """
    kept: dict[tuple[str, ...], dict[str, Number | None]] | None = row.__dict__.get(_KNOWN)
    if kept is None:
        kept = row.__dict__[_KNOWN] = {}  # Row is frozen: its dict takes the memo directly
    key = tuple(columns)
    found = kept.get(key)
    if found is None:
        found = kept[key] = _known_values(row, key)
    return found


_KNOWN = "_known_values"  # the key of known_values' memo in a Row's __dict__


def _known_values(row: Row, columns: tuple[str, ...]) -> dict[str, Number | None]:
    if not row.incomplete:
        by_column: dict[str | None, Number | None] = {}
        # (each cell unpacked: a named tuple's field read by name is a descriptor call)
        for column, value, _raw, _span, _unit, kind in row.cells:
            by_column[column] = 0 if kind in AS_ZERO else value  # Cell.as_zero, inline
        return {c: by_column.get(c) for c in columns}
    unknown: dict[str, Number | None] = dict.fromkeys(columns)
    raw = [c.value for c in row.cells]
    k, n = len(raw), len(columns)
    if k <= n or all(v == 0 for v in raw):
        return unknown
    extra = k - n
    for i, column in enumerate(columns):
        window = raw[i : i + extra + 1]
        first = window[0]
        if first is not None and all(v is not None and v == first for v in window):
            unknown[column] = first
    return unknown


def zero_cells(rows: Iterable[Row | None], columns: Sequence[str]) -> list[str]:
    """``row/column`` of the blank and placeholder cells among ``columns`` of complete ``rows``:
    the cells an identity counted as 0, named in its finding's evidence."""
    return [
        f"{row.key}/{c.column}"
        for row in rows
        if row is not None and not row.incomplete
        for c in row.cells
        if c.as_zero and c.column in columns
    ]


def known_value(row: Row | None, column: str, columns: Sequence[str]) -> Number | None:
    if row is None:
        return None
    return known_values(row, columns)[column]


def cell_span(row: Row, column: str) -> Span:
    """Span of the row's cell for ``column``; the whole row when the row is incomplete."""
    cell = row.cell(column)
    return cell.span if cell is not None else row.span


def outcome_rows(table: Table) -> tuple[str, ...]:
    """Keys of the rows whose sum is （七）总计, for the table's format."""
    keys = {r.key for r in table.rows}
    if table.format == "30" or keys & set(OTHER_ROWS_30):
        return (*OUTCOME_ROWS_COMMON, *OTHER_ROWS_30)
    return (*OUTCOME_ROWS_COMMON, *OTHER_ROWS_60)


@lru_cache(maxsize=1024)
def template_label(kind: str, key: str) -> str:
    """The template's label for row ``key`` of table ``kind`` (numbering included), else the key."""
    from .. import templates

    if kind == "proactive":
        rows = [r for s in templates.proactive().subtables for _c, rs in s.formats.values() for r in rs]
    elif kind == "applications":
        rows = list(templates.applications().rows)
    else:
        rows = list(templates.review_litigation().rows)
    for r in rows:
        if r.key == key:
            return (r.numbering or "") + r.label
    return key


def row_name(row: Row) -> str:
    """Human label of a row: the template's numbering and label if known, else the label as written."""
    if row.template_label:
        return (row.expected_numbering or "") + row.template_label
    return row.label


_EVIDENCE = {
    "columns": Text("列标题", "column headers"),
    "rows": Text("行标签", "row labels"),
    "values": Text("数值个数", "number of values"),
    "present": Text("子表", "sub-table present"),
    "other_row": Text("（六）其他处理为单行", "（六）其他处理 as one row"),
    "other_subrows": Text("（六）其他处理分为三个子项", "（六）其他处理 split into sub-rows"),
}
_IN_SUBTABLE = Text("{article}{evidence}", "{article} {evidence}")


def describe_signal(reason: str) -> Text:
    """The wording of a FormatSignal reason such as ``a20_1.columns``."""
    where, _, what = reason.partition(".")
    evidence = _EVIDENCE.get(what, Text(what, what))
    if where.startswith("a20_"):
        return _IN_SUBTABLE.format(article=vocabulary.subtable_name(where), evidence=evidence)
    return evidence


def total(values: Iterable[Number | None]) -> Number | None:
    """Sum of values, or None when any of them is unknown (the identities pass a list: looked
    through and added up in C)."""
    found = values if isinstance(values, list) else list(values)
    if None in found:
        return None
    result: Number = sum(found)  # type: ignore[arg-type]  # (0 + each value in turn, as written)
    return result


def compact(text: str) -> str:
    """Text without any whitespace (CJK text extracted from PDFs is full of stray spaces)."""
    return "".join(text.split())


def preamble_span(report: Report) -> Span | None:
    """Where the preamble's text starts: its first line that is neither page chrome (a portal's
    metadata block, a breadcrumb) nor the title."""
    skip = set(report.title_lines) | (report.metadata.chrome_lines if report.metadata else frozenset())
    for p in report.preamble:
        body = p.body
        for k, (offset, line, _column) in enumerate(body.anchors):
            if line in skip:
                continue
            stop = next((o for o, ln, _c in body.anchors[k + 1 :] if ln != line), len(body.text))
            return body.span_of(offset, stop)
    return report.preamble[0].span if report.preamble else None
