"""The few facts of one report that batch summaries and cross-year rules need.

A worker computes them from the parsed :class:`~disclint.nodes.Report` and sends them (not the
report) back; the cache stores them as JSON. Each figure keeps its value and everything needed to
place a finding on its cell without the report: span, native location, the text under the span
and the text of its line (for the fingerprint).
"""

from __future__ import annotations

import json
import sys
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any

from .. import recognize
from ..checks._util import APPLICATION_COLUMNS, cell_span, known_value
from ..domain import vocabulary
from ..domain.organs import organ_level
from ..engine import _line_text, native_location
from ..frozen import quick_init
from ..nodes import Number, Report, Row, Span
from ..readers.base import NativeLocation

# table 二, 第二十条第（一）项 in the 30 format (本年制发件数, 本年废止件数, 现行有效件数), from its template
PROACTIVE_COLUMNS, PROACTIVE_ROWS = vocabulary.subtable_layout("a20_1", "30")


@dataclass(frozen=True)
class Figure:
    """A table value with the place it came from."""

    value: Number
    span: Span
    native: NativeLocation | None = None
    line_text: str = ""

    @property
    def snippet(self) -> str:
        """The text under the span (its first line), as the engine takes it for fingerprints."""
        span = self.span
        end = span.end_column - 1 if span.end_line == span.line else len(self.line_text)
        return self.line_text[span.column - 1 : end]

    def encode(self, lines: dict[str, int]) -> list[Any]:
        """``[value, line, column, end line, end column, native, index of the line text]``; the
        line texts go once into ``lines`` (seven figures of a row share one)."""
        value = self.value
        native = self.native.as_dict() if self.native is not None else None
        span = self.span
        number = value if isinstance(value, int) else str(value)
        text = lines.setdefault(self.line_text, len(lines))
        return [number, span.line, span.column, span.end_line, span.end_column, native, text]

    @staticmethod
    def decode(item: Any, lines: list[str]) -> Figure:
        raw, line, column, end_line, end_column, native, text = item
        if isinstance(raw, bool) or not isinstance(raw, (int, str)):
            raise ValueError("figure value must be an integer or a decimal string")
        value: Number = raw if isinstance(raw, int) else Decimal(raw)
        span = Span(int(line), int(column), int(end_line), int(end_column))
        return Figure(value, span, NativeLocation(**native) if native else None, str(lines[int(text)]))


def encode_figures(figures: Mapping[str, Figure]) -> str:
    lines: dict[str, int] = {}
    encoded = {k: f.encode(lines) for k, f in figures.items()}
    return json.dumps({"lines": list(lines), "figures": encoded}, ensure_ascii=False, separators=(",", ":"))


def pack_figures(data: str) -> bytes:
    """``data`` compressed, as :class:`ReportFacts` keeps it."""
    return zlib.compress(data.encode("utf-8", "surrogatepass"), 1) if data else b""


def unpack_figures(packed: bytes) -> str:
    """The text :func:`pack_figures` compressed."""
    return zlib.decompress(packed).decode("utf-8", "surrogatepass") if packed else ""


def decode_figures(data: str) -> dict[str, Figure]:
    """The figures of ``data``; raises ValueError (or TypeError, KeyError, IndexError) when it is not valid."""
    if not data:
        return {}
    raw = json.loads(data)
    lines, figures = raw["lines"], raw["figures"]
    if not isinstance(lines, list) or not isinstance(figures, dict):
        raise ValueError("figures: a list of lines and a mapping of figures")
    return {str(k): Figure.decode(v, lines) for k, v in figures.items()}


@quick_init  # made for every file of a re-run, from its cache entry
@dataclass(frozen=True)
class ReportFacts:
    """What the batch needs of one report: identity (organ, year, level, notice, table format)
    and the figures the cross-year rules compare, by logical path (``applications/carried_over/total``).

    The figures are kept encoded and compressed (:func:`encode_figures`, then zlib: ~600 bytes
    per report instead of ~3 KiB as a str): the parent of a batch holds the facts of every file,
    and decodes only those of the reports the cross-year rules pair."""

    path: str
    source_kind: str
    readable: bool
    organ: str | None = None
    year: int | None = None
    level: str | None = None  # province | city | county | township | department
    notice: str | None = None  # the format notice cited, e.g. 〔2021〕30号
    table_format: str | None = None  # "60" | "30"
    figure_zip: bytes = b""  # pack_figures(encode_figures(...))
    judged: bool = (
        False  # readable and recognised as a report (recognize): the rules judge it, it may be paired
    )

    @property
    def figure_data(self) -> str:
        """The figures as :func:`encode_figures` wrote them."""
        return unpack_figures(self.figure_zip)

    @cached_property
    def decoded_figures(self) -> dict[str, Figure] | None:
        """The figures, or None when they are not valid (an entry of the result cache that was
        written by hand: only decoded for the reports the cross-year rules pair)."""
        try:
            return decode_figures(self.figure_data)
        except (ValueError, TypeError, KeyError, IndexError, RecursionError, zlib.error):
            return None

    @property
    def figures(self) -> dict[str, Figure]:
        return self.decoded_figures or {}  # never fail a run over them

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
            "figures": self.figure_data,
            "judged": self.judged,
        }

    @staticmethod
    def from_dict(data: Mapping[str, Any], figure_zip: bytes | None = None) -> ReportFacts:
        """Facts from :meth:`as_dict`; raises ValueError/TypeError/KeyError (zlib.error) when
        ``data`` is not valid. ``figure_zip``: the figures already compressed (as
        :attr:`figure_zip` holds them), instead of ``data["figures"]``, and not checked here
        (:attr:`decoded_figures`: decoded when they are needed, never for most reports)."""
        year = data.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise ValueError("year must be an integer")
        if figure_zip is None:
            figure_data = data.get("figures") or ""
            if not isinstance(figure_data, str):
                raise ValueError("figures must be a string")
            json.loads(figure_data or "{}")  # C speed: not valid JSON is an error here, not later
            figure_zip = pack_figures(figure_data)
        return ReportFacts(
            path=str(data["path"]),
            source_kind=sys.intern(str(data["source_kind"])),
            readable=bool(data["readable"]),
            organ=_opt_str(data.get("organ")),
            year=year,
            level=_shared(data.get("level")),
            notice=_shared(data.get("notice")),
            table_format=_shared(data.get("table_format")),
            figure_zip=figure_zip,
            judged=_flag(data["judged"]),
        )


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise ValueError("expected true or false")
    return value


def _shared(value: Any) -> str | None:
    """:func:`_opt_str`, one string object for every report with the same value (a batch keeps
    the facts of thousands of reports; their levels, notices and formats are a handful)."""
    return None if value is None else sys.intern(str(value))


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def report_facts(report: Report) -> ReportFacts:
    identity = _identity(report)
    packed = pack_figures(encode_figures(dict(_figures(report)))) if identity["judged"] else b""
    return ReportFacts(**identity, figure_zip=packed)


def _identity(report: Report) -> dict[str, Any]:
    """The fields of a report's :class:`ReportFacts` but its figures."""
    cited = report.format_cited
    readable = not recognize.unreadable(report)
    return {
        "path": report.path,
        "source_kind": report.source_kind,
        "readable": readable,
        "judged": readable and recognize.recognised(report),
        "organ": report.organ,
        "year": report.year,
        "level": organ_level(report.organ),
        "notice": f"〔{cited.year}〕{cited.notice}号" if cited is not None else None,
        "table_format": report.table_format,
    }


@dataclass(frozen=True)
class LiveFacts(ReportFacts):
    """The facts of a report checked in this process (:func:`disclint.engine.run`): the figures
    are read from the report when a cross-year rule first asks for them (most reports are never
    paired), not encoded and compressed. ``figure_zip`` stays empty; :attr:`figure_data` is
    what :func:`report_facts` would have packed."""

    report: Report | None = field(default=None, repr=False, compare=False)

    @property
    def figure_data(self) -> str:
        return encode_figures(self.figures)

    @cached_property
    def decoded_figures(self) -> dict[str, Figure] | None:
        return dict(_figures(self.report)) if self.judged and self.report is not None else {}


def live_facts(report: Report) -> LiveFacts:
    """:func:`report_facts` of ``report``, its figures read only when asked for."""
    return LiveFacts(**_identity(report), report=report)


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
    yield key, Figure(value, span, native_location(report, span), _line_text(report.lines, span))
