"""Text that writes one table cell per line, as PyMuPDF's ``get_text()`` and docx2txt write a table.

Each row is its label, then its values a line each (parse/lexer.py: ``CONT``). A row with a cell
too many (seed 001's ``（六）其他处理`` and ``（七）总计``: 8 values for 7 columns, domain.md 5.7)
ends in one value more than the row holds, then the next row's label. Before, that value was a
row of its own without a label: FMT005 "a row not in the template" and PAR003 for it, and the row
it belongs to lost its cell (ACC002 on seed 001 where the report's own table gives ACC001)."""

from __future__ import annotations

import pytest

from disclint import engine
from disclint.jsonout import report_to_dict
from disclint.nodes import Report
from disclint.parse import parse_text

from corpus import SEEDS
from fixture_builders import seed_stems, without_lines


def cell_per_line(text: str) -> str:
    """``text`` with every TAB-separated row written a cell per line (empty cells dropped)."""
    out: list[str] = []
    for line in text.split("\n"):
        out.extend(c.strip() for c in line.split("\t") if c.strip()) if "\t" in line else out.append(line)
    return "\n".join(out)


def _codes(report: Report) -> list[str]:
    found = engine.run([report], engine.registry().default_settings(), "en")
    return sorted(f.code for f in found if f.code != "PAR004")


@pytest.mark.parametrize("stem", seed_stems())
def test_a_cell_per_line_gives_the_tables_and_findings_of_the_text(stem: str) -> None:
    text = (SEEDS / f"{stem}.txt").read_text(encoding="utf-8")
    cells = parse_text(cell_per_line(text), f"{stem}.txt")
    seed = parse_text(text, f"{stem}.txt")
    assert without_lines(report_to_dict(cells)["tables"]) == without_lines(report_to_dict(seed)["tables"])
    assert _codes(cells) == _codes(seed)


def test_a_rows_surplus_cell_stays_with_its_row() -> None:
    text = (SEEDS / "001_c2bcf9dd95c89acf.txt").read_text(encoding="utf-8")
    table = parse_text(cell_per_line(text)).table("applications")
    assert table is not None
    assert [r.key for r in table.rows if r.key is None] == []  # no row without a label
    total = table.row("outcome_total")
    assert total is not None and total.incomplete
    assert [c.raw for c in total.cells] == ["3", "0", "0", "0", "0", "0", "0", "0"]
