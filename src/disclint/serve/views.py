"""What the result page shows for each file: identity, findings by severity, the document."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from ..findings import Finding, Severity
from ..nodes import Report
from .checking import Result
from .document import DocumentView, document_view

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


@dataclass(frozen=True)
class FindingItem:
    id: str
    code: str
    name: str
    severity: str
    message: dict[str, str]  # by language
    line: int
    column: int
    page: int | None  # PDF page, 1-based
    where: str  # another native place (DOCX paragraph/table cell, HTML element), "" if none
    placed: bool  # False: a whole-file finding with nothing to point at in the document


@dataclass(frozen=True)
class FileView:
    index: int
    name: str
    kind: str
    organ: str | None
    year: int | None
    notice: str | None  # the format notice as cited
    table_format: str | None
    unreadable: bool
    groups: tuple[tuple[str, tuple[FindingItem, ...]], ...]  # (severity, findings), in severity order
    document: DocumentView

    @property
    def count(self) -> int:
        return sum(len(items) for _, items in self.groups)


def _item(fid: str, by_lang: dict[str, Finding], placed: bool) -> FindingItem:
    f = next(iter(by_lang.values()))
    native = f.location.native
    page = native.page if native is not None else None
    where = native.label() if native is not None and page is None else ""
    return FindingItem(
        id=fid,
        code=f.code,
        name=f.name,
        severity=f.severity.value,
        message={lang: g.message for lang, g in by_lang.items()},
        line=f.location.line,
        column=f.location.column,
        page=page,
        where=where,
        placed=placed,
    )


def _file_view(index: int, report: Report, findings: list[tuple[str, dict[str, Finding]]]) -> FileView:
    one_lang = [(fid, next(iter(by_lang.values()))) for fid, by_lang in findings]
    try:
        doc = document_view(report, one_lang)
    except Exception as exc:  # the findings are still shown, without the document beside them
        print(f"disclint serve: cannot lay out {report.path}: {exc!r}", file=sys.stderr)
        doc = DocumentView([], [fid for fid, _ in one_lang], failed=True)
    unplaced = set(doc.unplaced)
    items = [_item(fid, by_lang, fid not in unplaced) for fid, by_lang in findings]
    groups = tuple(
        (s.value, tuple(i for i in items if i.severity == s.value))
        for s in SEVERITY_ORDER
        if any(i.severity == s.value for i in items)
    )
    cited = report.format_cited
    return FileView(
        index=index,
        name=report.path,
        kind=report.source_kind,
        organ=report.organ,
        year=report.year,
        notice=cited.text if cited is not None else None,
        table_format=report.table_format,
        unreadable=any(p.kind == "unreadable" for p in report.problems),
        groups=groups,
        document=doc,
    )


def file_views(result: Result) -> list[FileView]:
    """One view per uploaded file; finding ids (``f1``, ``f2`` …) are unique on the page."""
    langs = list(result.findings)
    per_path: dict[str, list[tuple[str, dict[str, Finding]]]] = {r.path: [] for r in result.reports}
    for n, group in enumerate(zip(*(result.findings[lang] for lang in langs), strict=True), 1):
        by_lang = dict(zip(langs, group, strict=True))
        per_path.setdefault(group[0].location.path, []).append((f"f{n}", by_lang))
    return [_file_view(i, r, per_path[r.path]) for i, r in enumerate(result.reports, 1)]
