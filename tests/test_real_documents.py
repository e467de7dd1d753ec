"""Acceptance on real published documents (tests/data/corpus/real/, see its README.md): every
table cell as hand-checked in the YAML next to each file, the codes that must be reported, and
none of the codes that would be false findings there."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from disclint.engine import registry, run
from disclint.findings import Finding
from disclint.jsonout import report_to_dict
from disclint.parse import parse_path, parse_text
from disclint.readers import read_path
from disclint.readers.base import Document

from corpus import REAL
from fixture_builders import markdown_of, tab_text_of

DOCUMENTS = ["hongze2024", "shuyang2023"]
TABLES = ("proactive", "applications", "review_litigation")


@cache
def expected(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load((REAL / f"{stem}.yaml").read_text(encoding="utf-8"))
    return data


@cache
def parsed(stem: str) -> dict[str, Any]:
    return report_to_dict(parse_path(REAL / expected(stem)["file"]))


@cache
def findings(stem: str) -> tuple[Finding, ...]:
    report = parse_path(REAL / expected(stem)["file"])
    return tuple(run([report], registry().default_settings(), lang="en"))


def cell_mismatches(stem: str, report: dict[str, Any] | None = None) -> list[tuple[str, str, str, Any, Any]]:
    """(table, row, column, expected, got) for every cell that is not as hand-checked."""
    out: list[tuple[str, str, str, Any, Any]] = []
    for table in TABLES:
        got_rows = (report or parsed(stem))["tables"].get(table, {}).get("rows", {})
        for row_key, cells in expected(stem)[table].items():
            keys = row_key.split("|")
            row = next((got_rows[k] for k in keys if k in got_rows), None)
            for column, want in cells.items():
                if row is None:
                    out.append((table, row_key, column, want, "row missing"))
                    continue
                value = row.get(column, "cell missing")
                kind = row.get("kinds", {}).get(column, "number")
                got = "blank" if kind == "blank" and value is None else value
                if got != want or (want != "blank" and kind != "number"):
                    out.append((table, row_key, column, want, (value, kind)))
    return out


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_every_table_cell_is_right(stem: str) -> None:
    assert cell_mismatches(stem) == []


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_the_required_codes_are_reported(stem: str) -> None:
    codes = {f.code for f in findings(stem)}
    assert [group for group in expected(stem)["required"] if not codes & set(group)] == []


@pytest.mark.parametrize(
    ("stem", "code"),
    [
        (stem, code)
        for stem in DOCUMENTS
        for code in YAML(typ="safe").load((REAL / f"{stem}.yaml").read_text(encoding="utf-8"))["forbidden"]
    ],
)
def test_no_forbidden_code_is_reported(stem: str, code: str) -> None:
    assert [(f.code, f.location.line, f.message) for f in findings(stem) if f.code == code] == []


@pytest.mark.parametrize("stem", DOCUMENTS)
def test_nothing_outside_the_hand_checked_codes_is_reported(stem: str) -> None:
    """Every finding is one a reviewer expects (required or optional). PAR005 is the one info
    finding for a wholly blank column (issue 9), a code newer than the hand-checked files.
    Regression: shuyang2023 got SEC001 for its 五、存在的主要问题及整改措施 and CNT001 for
    “未发生收费情况”, both false."""
    data = expected(stem)
    allowed = {c for group in data["required"] for c in group} | set(data["optional"]) | {"PAR005"}
    assert [(f.code, f.location.line, f.message) for f in findings(stem) if f.code not in allowed] == []


def test_hongze_vertical_label_garbled_label_and_page_split_sub_table() -> None:
    rows = parsed("hongze2024")["tables"]["applications"]["rows"]
    # 三、本年度办理结果 is printed one scaled glyph per line in a merged cell: one cell, no rows
    assert rows["disclosed"]["natural_person"] == 50
    # 2.其他法律行政止公开 (characters lost in the source) is placed between its neighbours
    assert rows["withheld_prohibited_by_law"]["line"] == rows["withheld_state_secret"]["line"] + 1
    # 第二十条第（六）项 starts page 3: its own sub-table, not the tail of 行政许可 on page 2
    proactive = parsed("hongze2024")["tables"]["proactive"]["rows"]
    assert proactive["licensing"]["decisions"] == 9487 and proactive["penalty"]["decisions"] == 2776
    assert [f.code for f in findings("hongze2024") if f.code in ("FMT003", "FMT004")] == ["FMT003", "FMT004"]


def test_blank_cells_are_blank_not_zero_and_not_lost() -> None:
    row = parsed("shuyang2023")["tables"]["applications"]["rows"]["new_received"]
    assert row["natural_person"] == 26 and row["total"] == 26
    assert row["commercial_enterprise"] is None and row["kinds"]["commercial_enterprise"] == "blank"
    assert "incomplete" not in row


# the page's text as a converter writes it: markdown pipe rows; or a copy or text export, cells
# joined by TABs and blank cells empty fields (`一、本年新收…⇥26⇥⇥⇥⇥⇥⇥26`: before, each row kept 2
# values of 7, 25 PAR003)
@pytest.mark.parametrize("render", [markdown_of, tab_text_of], ids=["markdown", "tab-separated"])
def test_the_html_page_as_text_gives_the_same_cells_and_codes(render: Callable[[Document], str]) -> None:
    doc = read_path(REAL / "shuyang2023.html")
    assert isinstance(doc, Document)
    report = parse_text(render(doc), "shuyang2023.txt")
    assert cell_mismatches("shuyang2023", report_to_dict(report)) == []
    codes = sorted({f.code for f in run([report], registry().default_settings())})
    assert codes == sorted({f.code for f in findings("shuyang2023")})


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_pdf_as_pdftotext_layout_gives_every_cell(tmp_path: Path) -> None:
    out = tmp_path / "hongze2024.txt"
    subprocess.run(["pdftotext", "-layout", str(REAL / "hongze2024.pdf"), str(out)], check=True)
    assert cell_mismatches("hongze2024", report_to_dict(parse_path(out))) == []
