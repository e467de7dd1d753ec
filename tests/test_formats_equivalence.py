"""The same report as text, DOCX, PDF and HTML parses to the same tables and the same findings.

The DOCX, PDF and HTML files are generated from each seed during the run
(``fixture_builders``): real Word tables with merged cells, a PDF printed by LibreOffice, a
portal page with navigation around the report.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from fixture_builders import SEEDS, Renderings, renderings, seed_stems, without_lines

parse = pytest.importorskip("disclint.parse", reason="the parser (disclint.parse) is not available yet")
jsonout = pytest.importorskip("disclint.jsonout", reason="disclint.jsonout is not available yet")

# Extraction noise (PAR004) is reported once per line holding it; how often depends on where
# the format wraps lines, so only its presence is compared.
PER_LINE_CODES = {"PAR004"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Renderings:
    return renderings(tmp_path_factory.getbasetemp() / "renderings")


def _path(generated: Renderings, stem: str, fmt: str) -> Path:
    if fmt == "pdf" and not generated.pdf:
        pytest.skip(generated.pdf_skip_reason)
    return {"docx": generated.docx, "pdf": generated.pdf, "html": generated.html}[fmt][stem]


def _tables(path: Path) -> Any:
    report = parse.parse_path(path)
    assert not report.problems or all(p.kind != "unreadable" for p in report.problems), report.problems
    return without_lines(jsonout.report_to_dict(report)["tables"])


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
@pytest.mark.parametrize("stem", seed_stems())
def test_same_tables_as_the_text(generated: Renderings, stem: str, fmt: str) -> None:
    expected = _tables(SEEDS / f"{stem}.txt")
    assert expected, "the text seed has tables"
    assert _tables(_path(generated, stem, fmt)) == expected


def _codes(path: Path) -> Counter[str]:
    engine = pytest.importorskip("disclint.engine")
    findings = engine.run([parse.parse_path(path)], engine.registry().default_settings())
    return Counter(f.code for f in findings)


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
@pytest.mark.parametrize("stem", seed_stems())
def test_same_findings_as_the_text(generated: Renderings, stem: str, fmt: str) -> None:
    expected = _codes(SEEDS / f"{stem}.txt")
    got = _codes(_path(generated, stem, fmt))
    assert set(got) == set(expected)
    assert {c: n for c, n in got.items() if c not in PER_LINE_CODES} == {
        c: n for c, n in expected.items() if c not in PER_LINE_CODES
    }


def test_findings_in_a_pdf_carry_the_page(generated: Renderings) -> None:
    stem = "001_c2bcf9dd95c89acf"
    engine = pytest.importorskip("disclint.engine")
    report = parse.parse_path(_path(generated, stem, "pdf"))
    findings = engine.run([report], engine.registry().default_settings())
    table_findings = [f for f in findings if f.code == "PAR003"]
    assert table_findings
    for finding in table_findings:
        native = finding.location.native
        assert native is not None and native.page is not None and native.page >= 3
        line = report.lines[finding.location.line - 1]
        assert native.label().startswith(f"p{native.page}:")
        assert "\t" in line
