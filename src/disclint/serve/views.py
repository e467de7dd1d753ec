"""What the result page shows for each file: identity, findings by severity, the document, and the
page images of the findings that have a box on a page."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from .. import recognize
from ..findings import Finding, Severity
from ..nodes import Report
from .checking import Result
from .document import DocumentView, document_view
from .pages import Box, PageImage, page_images

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
    box: Box | None = None  # its box on the page (points from the top-left corner)
    page_image: str = ""  # the id of its page's image on the result page, "" if none


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
    pages: tuple[PageImage, ...] = ()  # the pages findings have a box on

    @property
    def count(self) -> int:
        return sum(len(items) for _, items in self.groups)


def _item(fid: str, by_lang: dict[str, Finding], placed: bool, image_ids: dict[int, str]) -> FindingItem:
    f = next(iter(by_lang.values()))
    native = f.location.native
    page = native.page if native is not None else None
    box = native.bbox if native is not None else None
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
        box=box,
        page_image=image_ids.get(page, "") if page is not None and box is not None else "",
    )


def _pages(report: Report, data: bytes, findings: list[tuple[str, Finding]]) -> list[PageImage]:
    """The page images of ``report`` with the boxes of ``findings``; none when they cannot be made."""
    boxes: dict[int, list[tuple[str, Box]]] = {}
    for fid, f in findings:
        native = f.location.native
        if native is not None and native.page is not None and native.bbox is not None:
            boxes.setdefault(native.page, []).append((fid, native.bbox))
    if not boxes or not data:
        return []
    try:
        return page_images(data, report.source_kind, boxes)
    except Exception as exc:  # the page is still shown, without its images
        print(f"disclint serve: cannot render the pages of {report.path}: {exc!r}", file=sys.stderr)
        return []


def _file_view(
    index: int, report: Report, data: bytes, findings: list[tuple[str, dict[str, Finding]]]
) -> FileView:
    one_lang = [(fid, next(iter(by_lang.values()))) for fid, by_lang in findings]
    pages = _pages(report, data, one_lang)
    image_ids = {p.number: f"P{index}-{p.number}" for p in pages}
    try:
        doc = document_view(report, one_lang)
    except Exception as exc:  # the findings are still shown, without the document beside them
        print(f"disclint serve: cannot lay out {report.path}: {exc!r}", file=sys.stderr)
        doc = DocumentView([], [fid for fid, _ in one_lang], failed=True)
    unplaced = set(doc.unplaced)
    items = [_item(fid, by_lang, fid not in unplaced, image_ids) for fid, by_lang in findings]
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
        unreadable=recognize.unreadable(report),
        groups=groups,
        document=doc,
        pages=tuple(pages),
    )


def file_views(result: Result) -> list[FileView]:
    """One view per uploaded file; finding ids (``f1``, ``f2`` …) are unique on the page."""
    langs = list(result.findings)
    per_path: dict[str, list[tuple[str, dict[str, Finding]]]] = {r.path: [] for r in result.reports}
    for n, group in enumerate(zip(*(result.findings[lang] for lang in langs), strict=True), 1):
        by_lang = dict(zip(langs, group, strict=True))
        per_path.setdefault(group[0].location.path, []).append((f"f{n}", by_lang))
    data = result.data or (b"",) * len(result.reports)
    return [
        _file_view(i, r, d, per_path[r.path])
        for i, (r, d) in enumerate(zip(result.reports, data, strict=True), 1)
    ]
