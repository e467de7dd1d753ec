"""The document view of `disclint serve`: every finding pinned to the cell or the characters it names."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from disclint.engine import registry, run
from disclint.findings import Finding
from disclint.parse import parse_path, parse_text
from disclint.serve.document import CellView, DocumentView, TableView, TextLine, document_view

from corpus import REAL, SEEDS
from fixture_builders import load_expected

STEM = "001_c2bcf9dd95c89acf"


def _view() -> tuple[DocumentView, dict[str, Finding]]:
    report = parse_path(SEEDS / f"{STEM}.txt")
    findings = run([report], registry().default_settings())
    ids = {f"f{n}": f for n, f in enumerate(findings, 1)}
    return document_view(report, list(ids.items())), ids


def _id(ids: dict[str, Finding], code: str, line: int) -> str:
    return next(fid for fid, f in ids.items() if f.code == code and f.location.line == line)


def _tables(view: DocumentView) -> dict[str, TableView]:
    return {b.kind: b for b in view.blocks if isinstance(b, TableView)}


def _cells_with(view: DocumentView, fid: str) -> list[tuple[str, CellView]]:
    """(row label, cell) of every table cell carrying the finding."""
    out = []
    for table in _tables(view).values():
        for row in table.rows:
            out += [(row.label.text, c) for c in [row.label, *row.cells] if fid in c.ids]
    return out


def test_every_finding_is_placed_and_the_three_tables_are_tables() -> None:
    view, ids = _view()
    codes = {(f.code, f.location.line) for f in ids.values()}
    assert {(f["code"], f["line"]) for f in load_expected(STEM)["findings"] if not f.get("optional")} <= codes
    assert view.unplaced == []
    tables = _tables(view)
    assert list(tables) == ["proactive", "applications", "review_litigation"]
    header = tables["applications"].header
    assert header == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    # a table's lines are not repeated as text
    lines = [b.number for b in view.blocks if isinstance(b, TextLine)]
    assert not set(lines) & set(range(67, 95))


def test_cell_finding_marks_exactly_that_cell() -> None:
    view, ids = _view()
    acc002 = _id(ids, "ACC002", 84)
    ((label, cell),) = _cells_with(view, acc002)
    assert label == "(四) 无法提供 1. 本机关不掌握相关政府信息"
    assert cell.text == "0"
    row = next(r for r in _tables(view)["applications"].rows if r.label.text == label)
    assert row.cells.index(cell) == 6  # 总计, the seventh column


def test_incomplete_row_finding_marks_its_raw_cells() -> None:
    view, ids = _view()
    par003 = _id(ids, "PAR003", 72)
    marked = _cells_with(view, par003)
    assert {label for label, _ in marked} == {"三、本年度办理结果 (一) 予以公开"}
    assert [c.text for _, c in marked] == ["0"] * 6


def test_text_finding_marks_the_characters_it_covers() -> None:
    view, ids = _view()
    acc005 = _id(ids, "ACC005", 23)
    line = next(b for b in view.blocks if isinstance(b, TextLine) and b.number == 23)
    marked = "".join(s.text for s in line.segments if acc005 in s.ids)
    assert marked == ids[acc005].snippet
    assert marked and all(acc005 not in s.ids for s in line.segments if s.text not in marked)
    # the segments put together are the line as written
    assert "".join(s.text for s in line.segments) == parse_path(SEEDS / f"{STEM}.txt").lines[22]
    assert line.kind == "p"
    assert [b.kind for b in view.blocks if isinstance(b, TextLine)][:1] == ["title"]


def test_overlapping_findings_split_the_line() -> None:
    report = parse_text("标题\n正文一二三四五六\n")
    base = run([report], registry().default_settings())[0]

    def at(col: int, end: int) -> Finding:
        return replace(base, location=replace(base.location, line=2, column=col, end_line=2, end_column=end))

    view = document_view(report, [("a", at(2, 5)), ("b", at(4, 7)), ("c", at(99, 100))])
    line = next(b for b in view.blocks if isinstance(b, TextLine) and b.number == 2)
    assert [(s.text, s.ids) for s in line.segments] == [
        ("正", []),
        ("文一", ["a"]),
        ("二", ["a", "b"]),
        ("三四", ["b"]),
        ("五六", []),
    ]
    assert line.ids == ["c"]  # past the end of the text: the whole line


@pytest.mark.parametrize("path", sorted(p for p in REAL.iterdir() if p.suffix in (".pdf", ".html")), ids=str)
def test_real_documents_lay_out_with_every_line_kept(path: Path) -> None:
    report = parse_path(path)
    findings = run([report], registry().default_settings())
    view = document_view(report, [(f"f{n}", f) for n, f in enumerate(findings, 1)])
    placed = {i for b in view.blocks if isinstance(b, TextLine) for s in b.segments for i in s.ids}
    placed |= {i for b in view.blocks if isinstance(b, TextLine) for i in b.ids}
    for table in (b for b in view.blocks if isinstance(b, TableView)):
        for row in table.rows:
            placed |= {i for c in [row.label, *row.cells] for i in c.ids} | set(row.ids)
    assert placed | set(view.unplaced) == {f"f{n}" for n in range(1, len(findings) + 1)}
    assert not placed & set(view.unplaced)
    for line in (b for b in view.blocks if isinstance(b, TextLine)):
        assert "".join(s.text for s in line.segments) == report.lines[line.number - 1]
    assert [t.kind for t in view.blocks if isinstance(t, TableView)] == [t.kind for t in report.tables]
