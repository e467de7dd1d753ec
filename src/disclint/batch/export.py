"""Summary files: ``.xlsx`` (openpyxl, a sheet per view), ``.csv`` (the per-report view) and
``.html`` (a Jinja2 template: one self-contained page, no network).

Columns are declared once (:data:`REPORT_COLUMNS` …) with their Chinese and English headers; every
writer takes its headers and cells from there.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..messages import Text, TextError
from .summary import OrganYear, ReportRow, RuleCount, Summary

SUFFIXES = (".xlsx", ".csv", ".html", ".htm")


@dataclass(frozen=True)
class Column:
    zh: str
    en: str
    cell: Callable[[Any], Any]

    def header(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def _yes(value: bool) -> str:
    return "pass" if value else "fail"


REPORT_COLUMNS: tuple[Column, ...] = (
    Column("文件", "file", lambda r: r.path),
    Column("机关", "organ", lambda r: r.organ or ""),
    Column("年度", "year", lambda r: r.year),
    Column("层级", "level", lambda r: r.level or ""),
    Column("引用通知", "notice", lambda r: r.notice or ""),
    Column("表格格式", "table format", lambda r: r.table_format or ""),
    Column("规则包", "pack", lambda r: r.pack),
    Column("错误", "errors", lambda r: r.errors),
    Column("警告", "warnings", lambda r: r.warnings),
    Column("提示", "info", lambda r: r.infos),
    Column("未通过的规则", "failed rules", lambda r: " ".join(r.failed_rules)),
    Column("结果", "result", lambda r: _yes(r.passed)),
)


def _native(f: Finding) -> str:
    return f.location.native.label() if f.location.native is not None else ""


FINDING_COLUMNS: tuple[Column, ...] = (
    Column("文件", "file", lambda f: f.location.path),
    Column("行", "line", lambda f: f.location.line),
    Column("列", "column", lambda f: f.location.column),
    Column("原文位置", "place in the file", _native),
    Column("规则", "rule", lambda f: f.code),
    Column("名称", "name", lambda f: f.name),
    Column("级别", "severity", lambda f: f.severity.value),
    Column("说明", "message", lambda f: f.message),
    Column("原文", "source text", lambda f: f.line_text),
)
RULE_COLUMNS: tuple[Column, ...] = (
    Column("规则", "rule", lambda r: r.code),
    Column("名称", "name", lambda r: r.name),
    Column("级别", "severity", lambda r: r.severity),
    Column("问题数", "findings", lambda r: r.findings),
    Column("报告数", "reports", lambda r: r.reports),
)
ORGAN_COLUMNS: tuple[Column, ...] = (
    Column("机关", "organ", lambda o: o.organ),
    Column("年度", "year", lambda o: o.year),
    Column("文件", "file", lambda o: o.path),
    Column("错误", "errors", lambda o: o.errors),
    Column("警告", "warnings", lambda o: o.warnings),
    Column("提示", "info", lambda o: o.infos),
    Column("跨年度问题", "cross-year findings", lambda o: " ".join(o.cross_year)),
)
SHEETS: tuple[tuple[str, str, tuple[Column, ...]], ...] = (
    ("报告", "reports", REPORT_COLUMNS),
    ("问题", "findings", FINDING_COLUMNS),
    ("规则统计", "rules", RULE_COLUMNS),
    ("机关跨年度", "organs", ORGAN_COLUMNS),
)


class SummaryNameError(TextError, ValueError):
    """A summary file name whose type disclint cannot write."""


def check_summary_path(target: str) -> None:
    """Raise :class:`SummaryNameError` for a summary file name disclint cannot write (before the run)."""
    if Path(target).suffix.lower() not in SUFFIXES:
        raise SummaryNameError(
            Text(
                f"{target}：汇总表须为 .xlsx、.csv 或 .html 文件",
                f"{target}: a summary is .xlsx, .csv or .html",
            )
        )


def views(summary: Summary) -> tuple[Sequence[Any], ...]:
    return (summary.reports, summary.findings, summary.rules, summary.organs)


def table(columns: Sequence[Column], items: Sequence[Any], lang: str) -> list[list[Any]]:
    """Header row, then one row of cells per item."""
    return [[c.header(lang) for c in columns], *([c.cell(item) for c in columns] for item in items)]


def write_summary(summary: Summary, target: str, lang: str = "zh") -> None:
    """Write ``summary`` to ``target`` by its suffix, through a temporary file (never half-written)."""
    check_summary_path(target)
    suffix = Path(target).suffix.lower()
    if suffix == ".xlsx":
        data = _xlsx(summary, lang)
    elif suffix == ".csv":
        data = _csv(summary, lang).encode("utf-8-sig")  # the BOM lets Excel read UTF-8
    else:
        data = render_html(summary, lang).encode("utf-8")
    _atomic_write(Path(target), data)


def _csv(summary: Summary, lang: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table(REPORT_COLUMNS, summary.reports, lang))
    return out.getvalue()


def _xlsx(summary: Summary, lang: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for (zh, en, columns), items in zip(SHEETS, views(summary), strict=True):
        sheet = book.create_sheet(en if lang == "en" else zh)
        for row in table(columns, items, lang):
            sheet.append(row)
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_bytes(summary: Summary, lang: str = "zh") -> bytes:
    """The ``.xlsx`` summary as bytes (``disclint serve`` offers it for download)."""
    return _xlsx(summary, lang)


def render_html(summary: Summary, lang: str = "zh") -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(
        loader=PackageLoader("disclint.batch", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    by_path: dict[str, list[Finding]] = {}
    for f in summary.findings:
        by_path.setdefault(f.location.path, []).append(f)
    top = max((r.findings for r in summary.rules), default=1)
    return env.get_template("summary.html.j2").render(
        lang=lang,
        reports=table(REPORT_COLUMNS, summary.reports, lang),
        rules=summary.rules,
        top=top,
        by_path=by_path,
        native=_native,
        organs=table(ORGAN_COLUMNS, summary.organs, lang),
        passed=sum(r.passed for r in summary.reports),
        total=len(summary.reports),
        findings=len(summary.findings),
    )


def _atomic_write(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent or Path("."))
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["OrganYear", "ReportRow", "RuleCount", "render_html", "write_summary"]
