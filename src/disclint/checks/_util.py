"""Helpers shared by the rule modules: table vocabulary, safe cell reading, labels for messages.

The one subtle piece is :func:`known_values`: a row whose value count is wrong (``Row.incomplete``)
is used by identity checks only where *every* possible alignment of its values onto the template
columns gives the same answer, so a lost or extra cell never produces a false error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from ..nodes import Number, Report, Row, Span, Table

APPLICANT_COLUMNS: tuple[str, ...] = (
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
)
APPLICATION_COLUMNS: tuple[str, ...] = (*APPLICANT_COLUMNS, "total")
REVIEW_PARTS: tuple[str, ...] = ("upheld", "corrected", "other", "pending")
REVIEW_COLUMNS: tuple[str, ...] = (*REVIEW_PARTS, "total")
REVIEW_ROWS: tuple[str, ...] = ("review", "litigation_direct", "litigation_after_review")

WITHHELD_ROWS: tuple[str, ...] = (
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_admin_inquiry",
)
UNABLE_ROWS: tuple[str, ...] = ("unable_not_held", "unable_needs_creation", "unable_unclear")
NOT_PROCESSED_ROWS: tuple[str, ...] = (
    "not_processed_petition",
    "not_processed_repeated",
    "not_processed_publication",
    "not_processed_excessive",
    "not_processed_confirm",
)
OTHER_ROWS_60: tuple[str, ...] = ("other",)
OTHER_ROWS_30: tuple[str, ...] = ("other_no_correction", "other_fee_unpaid", "other_other")
OUTCOME_ROWS_COMMON: tuple[str, ...] = (
    "disclosed",
    "partially_disclosed",
    *WITHHELD_ROWS,
    *UNABLE_ROWS,
    *NOT_PROCESSED_ROWS,
)

COLUMN_ZH: Mapping[str, str] = {
    "natural_person": "自然人",
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "social_welfare_org": "社会公益组织",
    "legal_service_org": "法律服务机构",
    "other_org": "其他（法人或其他组织）",
    "total": "总计",
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
}
GROUP_ZH: Mapping[str, str] = {
    "review": "行政复议",
    "litigation_direct": "行政诉讼（未经复议直接起诉）",
    "litigation_after_review": "行政诉讼（复议后起诉）",
}
TABLE_EN: Mapping[str, str] = {
    "proactive": "table 二 (proactive disclosure)",
    "applications": "table 三 (requests)",
    "review_litigation": "table 四 (review and litigation)",
}
TABLE_ZH: Mapping[str, str] = {
    "proactive": "表二（主动公开）",
    "applications": "表三（依申请公开）",
    "review_litigation": "表四（行政复议、行政诉讼）",
}
ZH_NUMERALS = "一二三四五六七八九十"


def zh_numeral(n: int) -> str:
    return ZH_NUMERALS[n - 1] if 1 <= n <= len(ZH_NUMERALS) else str(n)


def known_values(row: Row, columns: Sequence[str]) -> dict[str, Number | None]:
    """Value of each column that every possible reading of ``row`` agrees on (else None).

    A complete row reads directly. An incomplete row with k raw values for n columns:
    k > n — any ordered choice of n of the k values is a possible reading; column i can then
    receive exactly the values at raw positions i … i+k-n, so it is known iff those are equal.
    k < n — a value was lost somewhere, so no column is known. A row whose values are all zero
    is treated as unknown too (PAR003 reports it; zeros prove nothing about the lost cell).
    Blank and placeholder cells count as 0 (:func:`zero_cells` names them for the evidence).
    """
    if not row.incomplete:
        by_column = {c.column: 0 if c.as_zero else c.value for c in row.cells}
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


_SUBTABLE_ZH = {
    "a20_1": "第二十条第（一）项",
    "a20_5": "第二十条第（五）项",
    "a20_6": "第二十条第（六）项",
    "a20_8": "第二十条第（八）项",
    "a20_9": "第二十条第（九）项",
}
_EVIDENCE = {
    "columns": ("column headers", "列标题"),
    "rows": ("row labels", "行标签"),
    "values": ("number of values", "数值个数"),
    "present": ("sub-table present", "子表"),
    "other_row": ("（六）其他处理 as one row", "（六）其他处理为单行"),
    "other_subrows": ("（六）其他处理 split into sub-rows", "（六）其他处理分为三个子项"),
}


def describe_signal(reason: str) -> tuple[str, str]:
    """English and Chinese wording for a FormatSignal reason such as ``a20_1.columns``."""
    where, _, what = reason.partition(".")
    en, zh = _EVIDENCE.get(what, (what, what))
    if where in _SUBTABLE_ZH:
        return _SUBTABLE_ZH[where] + " " + en, _SUBTABLE_ZH[where] + zh
    return en, zh


def total(values: Iterable[Number | None]) -> Number | None:
    """Sum of values, or None when any of them is unknown."""
    result: Number = 0
    for v in values:
        if v is None:
            return None
        result = result + v
    return result


def as_json_number(v: Number | None) -> int | float | str | None:
    """A value for a finding's context (JSON-friendly; Decimals become strings to stay exact)."""
    if v is None or isinstance(v, int):
        return v
    if isinstance(v, Decimal) and v == v.to_integral_value():
        return int(v)
    return str(v)


def fmt_number(v: Number | None) -> str:
    if v is None:
        return "?"
    if isinstance(v, Decimal) and v == v.to_integral_value():
        return str(int(v))
    return str(v)


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
