"""Table 三 in a word processor's text export: one cell per line, an empty cell an empty line
(``parse/empty_line_cells.py``). LibreOffice's own "save as text" of each seed's DOCX with every 0
left empty gives the seed's table-三 cells, each 0 a blank; before, each row kept only its
nonzero values (PAR003) or was lost (FMT005)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from disclint import engine
from disclint.parse import parse_path, parse_text
from disclint.parse.empty_line_cells import join_empty_line_cells
from disclint.parse.normalize import normalize
from disclint.readers.base import SourceLine

from corpus import SEEDS
from fixture_builders import (
    blank_zeros,
    build_docx,
    build_model,
    docx_to_text,
    seed_stems,
    soffice,
    soffice_problem,
)


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    exe = soffice()
    if exe is None or (problem := soffice_problem(exe)) is not None:
        pytest.skip("LibreOffice is not installed (apt-get install -y libreoffice-writer-nogui)")
    folder = tmp_path_factory.mktemp("text-export")
    docx = [build_docx(blank_zeros(build_model(stem)), folder / f"{stem}.docx") for stem in seed_stems()]
    try:
        return {p.stem: p for p in docx_to_text(docx, folder)}
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"LibreOffice could not export the seed DOCX files as text: {exc} {problem}")


@pytest.mark.parametrize("stem", seed_stems())
def test_table_three_exported_as_text_with_blank_zeros_keeps_every_cell(
    stem: str, exports: dict[str, Path]
) -> None:
    report = parse_path(exports[stem])
    want = parse_path(SEEDS / f"{stem}.txt").table("applications")
    got = report.table("applications")
    assert want is not None and got is not None
    for row in want.rows:
        if row.incomplete:
            continue  # seed 001's rows of 6 values: no text export can say which is missing
        other = got.row(row.key)
        assert other is not None, row.key
        assert [(c.kind, c.value) for c in other.cells] == [
            ("blank", None) if c.raw == "0" else (c.kind, c.value) for c in row.cells
        ], row.key
    findings = engine.run([report], engine.registry().default_settings(), "zh")
    assert not [
        f for f in findings if f.code in ("PAR003", "FMT005") and f.context.get("table") == "applications"
    ]


def _rows(cells: list[str]) -> str:
    return "\n".join(cells) + "\n"


_HEAD = ["三、收到和处理政府信息公开申请情况", "申请人情况", "", "自然人", "法人或其他组织", "总计"]


def test_an_empty_line_between_every_two_cells_is_no_cell() -> None:
    # pdftotext without -layout puts an empty line between cells: values beyond a row's seven
    # lines, so the block is not read as empty-line cells (the lines stay as they are)
    lines = [
        *_HEAD,
        "一、本年新收政府信息公开申请数量",
        "",
        "3",
        "",
        "0",
        "",
        "0",
        "",
        "0",
        "",
        "0",
        "",
        "0",
        "",
        "3",
    ]
    sources = tuple(SourceLine(t) for t in lines)
    normalized, _ = normalize(sources)
    assert join_empty_line_cells(normalized, sources) is normalized


def test_a_row_of_seven_empty_lines_is_a_row_of_blanks() -> None:
    text = _rows(
        [*_HEAD, "一、本年新收政府信息公开申请数量", "26", "", "", "", "", "", "26",
         "二、上年结转政府信息公开申请数量", "", "", "", "", "", "", "",
         "四、政府信息公开行政复议、行政诉讼情况"]
    )  # fmt: skip
    table = parse_text(text).table("applications")
    assert table is not None
    new, carried = table.row("new_received"), table.row("carried_over")
    assert new is not None and carried is not None
    assert [c.value for c in new.cells] == [26, None, None, None, None, None, 26]
    assert [c.kind for c in carried.cells] == ["blank"] * 7
    assert [c.span.line for c in new.cells] == list(range(8, 15))  # each cell at its own line
