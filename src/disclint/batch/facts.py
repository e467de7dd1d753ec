"""The few facts of one report that batch summaries and cross-year rules need.

A worker computes them from the parsed :class:`~disclint.nodes.Report` and sends them (not the
report) back; the cache stores them as JSON. Each figure keeps its value and everything needed to
place a finding on its cell without the report: span, native location, the text under the span
and the text of its line (for the fingerprint).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..checks._util import APPLICATION_COLUMNS, cell_span, known_value
from ..engine import _line_text, _snippet, native_location
from ..nodes import Number, Report, Row, Span
from ..packs.organ import organ_level
from ..readers.base import NativeLocation

# table 二, 第二十条第（一）项 in the 30 format: 本年制发件数, 本年废止件数, 现行有效件数
PROACTIVE_ROWS: tuple[str, ...] = ("regulations", "normative_documents")
PROACTIVE_COLUMNS: tuple[str, ...] = ("issued", "repealed", "in_force")


@dataclass(frozen=True)
class Figure:
    """A table value with the place it came from."""

    value: Number
    span: Span
    native: NativeLocation | None = None
    snippet: str = ""
    line_text: str = ""

    def as_dict(self) -> dict[str, Any]:
        value = self.value
        return {
            "value": value if isinstance(value, int) else str(value),
            "span": [self.span.line, self.span.column, self.span.end_line, self.span.end_column],
            "native": self.native.as_dict() if self.native is not None else None,
            "snippet": self.snippet,
            "line_text": self.line_text,
        }

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> Figure:
        raw = data["value"]
        if isinstance(raw, bool) or not isinstance(raw, (int, str)):
            raise ValueError("figure value must be an integer or a decimal string")
        value: Number = raw if isinstance(raw, int) else Decimal(raw)
        span = [int(n) for n in data["span"]]
        if len(span) != 4:
            raise ValueError("a span has four numbers")
        native = data.get("native")
        return Figure(
            value,
            Span(*span),
            NativeLocation(**native) if native else None,
            str(data.get("snippet", "")),
            str(data.get("line_text", "")),
        )


@dataclass(frozen=True)
class ReportFacts:
    """What the batch needs of one report: identity (organ, year, level, notice, table format)
    and the figures the cross-year rules compare, by logical path (``applications/carried_over/total``)."""

    path: str
    source_kind: str
    readable: bool
    organ: str | None = None
    year: int | None = None
    level: str | None = None  # province | city | county | township | department
    notice: str | None = None  # the format notice cited, e.g. 〔2021〕30号
    table_format: str | None = None  # "60" | "30"
    figures: Mapping[str, Figure] = field(default_factory=dict)

    def value(self, key: str) -> Number | None:
        figure = self.figures.get(key)
        return None if figure is None else figure.value

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "source_kind": self.source_kind,
            "readable": self.readable,
            "organ": self.organ,
            "year": self.year,
            "level": self.level,
            "notice": self.notice,
            "table_format": self.table_format,
            "figures": {k: f.as_dict() for k, f in self.figures.items()},
        }

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> ReportFacts:
        year = data.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise ValueError("year must be an integer")
        figures = data.get("figures") or {}
        if not isinstance(figures, Mapping):
            raise ValueError("figures must be a mapping")
        return ReportFacts(
            path=str(data["path"]),
            source_kind=str(data["source_kind"]),
            readable=bool(data["readable"]),
            organ=_opt_str(data.get("organ")),
            year=year,
            level=_opt_str(data.get("level")),
            notice=_opt_str(data.get("notice")),
            table_format=_opt_str(data.get("table_format")),
            figures={str(k): Figure.from_dict(v) for k, v in figures.items()},
        )


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def report_facts(report: Report) -> ReportFacts:
    readable = not any(p.kind == "unreadable" for p in report.problems)
    cited = report.format_cited
    return ReportFacts(
        path=report.path,
        source_kind=report.source_kind,
        readable=readable,
        organ=report.organ,
        year=report.year,
        level=organ_level(report.organ),
        notice=f"〔{cited.year}〕{cited.notice}号" if cited is not None else None,
        table_format=report.table_format,
        figures=dict(_figures(report)) if readable else {},
    )


def _figures(report: Report) -> Iterator[tuple[str, Figure]]:
    applications = report.table("applications")
    if applications is not None:
        for key, columns in (
            ("carried_over", APPLICATION_COLUMNS),
            ("carried_forward", APPLICATION_COLUMNS),
            ("new_received", ("total",)),
        ):
            row = applications.row(key)
            for column in columns:
                yield from _figure(report, row, column, APPLICATION_COLUMNS, f"applications/{key}/{column}")
    proactive = report.table("proactive")
    if proactive is not None and proactive.format == "30":
        for key in PROACTIVE_ROWS:
            row = proactive.row(key)
            for column in PROACTIVE_COLUMNS:
                yield from _figure(report, row, column, PROACTIVE_COLUMNS, f"proactive/{key}/{column}")


def _figure(
    report: Report, row: Row | None, column: str, columns: tuple[str, ...], key: str
) -> Iterator[tuple[str, Figure]]:
    value = known_value(row, column, columns)
    if row is None or value is None:
        return
    span = cell_span(row, column)
    native = native_location(report, span)
    yield key, Figure(value, span, native, _snippet(report.lines, span), _line_text(report.lines, span))
