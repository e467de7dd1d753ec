"""The text renderer: header, CJK-aligned underline, native places, summary, colour."""

from __future__ import annotations

import io

import pytest

from disclint.findings import Finding, Location, Severity
from disclint.nodes import Report
from disclint.readers.base import NativeLocation
from disclint.render import render, use_color
from disclint.render.text import display_width, excerpt, summary_line

from corpus import SEED_PATHS

ROW = "二、上年结转政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t4"


def finding(
    line: int,
    column: int,
    end_column: int,
    *,
    path: str = "r.txt",
    code: str = "ACC002",
    severity: Severity = Severity.ERROR,
    native: NativeLocation | None = None,
    end_line: int | None = None,
) -> Finding:
    return Finding(
        code=code,
        name="applicant-total",
        severity=severity,
        message="总计4，各类申请人之和3",
        location=Location(path, line, column, end_line or line, end_column, native),
    )


def report(path: str = "r.txt", lines: tuple[str, ...] = ("标题", ROW)) -> Report:
    return Report(path=path, source_kind="text", lines=lines)


def caret_column(block: str) -> tuple[int, int]:
    """(display offset after the gutter, caret count) of the underline in a rendered block."""
    under = next(line for line in block.splitlines() if line.rstrip().endswith("^"))
    gutter = under.index("|") + 2
    body = under[gutter:]
    stripped = body.lstrip(" ")
    return len(body) - len(stripped), stripped.count("^")


def test_display_width_counts_cjk_as_two_cells_and_tab_as_four() -> None:
    assert display_width("二、上年结转") == 12
    assert display_width("a\tb") == 6
    assert display_width("ＡＢ1") == 5  # full-width Latin


def test_excerpt_underlines_the_value_after_cjk_and_tabs() -> None:
    # ROW: 16 CJK chars (32 cells), TAB (4), then "3" at code point index 17
    ex = excerpt(ROW, 17, 18)
    assert ex.offset == 36
    assert ex.width == 1
    assert ex.text.startswith("二、上年结转政府信息公开申请数量    3")


def test_excerpt_underlines_cjk_span_two_cells_per_character() -> None:
    ex = excerpt("地址：北京市东城区", 3, 9)
    assert (ex.offset, ex.width) == (6, 12)


def test_excerpt_marks_one_cell_past_the_end_and_for_empty_spans() -> None:
    assert excerpt("abc", 10, 12) == excerpt("abc", 3, 3)
    assert (excerpt("abc", 3, 3).offset, excerpt("abc", 3, 3).width) == (3, 1)
    assert excerpt("abc", 1, 1).width == 1


def test_excerpt_crops_long_lines_around_the_span() -> None:
    line = "甲" * 100 + "目标" + "乙" * 100
    ex = excerpt(line, 100, 102, max_width=60)
    assert ex.text.startswith("…") and ex.text.endswith("…")
    shown = ex.text
    # the caret sits under 目标 in the cropped text
    prefix_cells = display_width(shown[: shown.index("目标")])
    assert (ex.offset, ex.width) == (prefix_cells, 4)
    assert display_width(shown) <= 60 + 2


def test_finding_block_has_header_source_line_and_aligned_caret() -> None:
    out = render([finding(2, 18, 19)], "text", reports=[report()], lang="en")
    lines = out.splitlines()
    assert lines[0] == "r.txt:2:18: ACC002 [error] 总计4，各类申请人之和3"
    assert lines[1] == "  |"
    assert lines[2] == "2 | 二、上年结转政府信息公开申请数量    3    0    0    0    0    0    4"
    assert caret_column(out) == (36, 1)
    assert lines[-1] == "Found 1 finding (1 error) in 1 file."


def test_gutter_widens_with_the_line_number() -> None:
    lines = tuple(f"第{i}行" for i in range(1, 120))
    out = render([finding(105, 2, 6)], "text", reports=[report(lines=lines)], lang="en")
    block = out.splitlines()
    assert block[1] == "    |"
    assert block[2] == "105 | 第105行"
    assert block[3] == "    |   ^^^^^"  # after "第" (2 cells): "105" (3 cells) + "行" (2 cells)


def test_pdf_finding_keeps_path_line_col_header_and_shows_page_on_the_note() -> None:
    native = NativeLocation(page=3, page_line=12)
    out = render(
        [finding(2, 18, 19, path="report.pdf", native=native)],
        "text",
        reports=[report("report.pdf")],
        lang="en",
    )
    lines = out.splitlines()
    # %f:%l:%c matchers must work for PDFs too: the page place goes on the note line
    assert lines[0].startswith("report.pdf:2:18: ACC002 [error] ")
    assert lines[4] == "  = p3:12"


def test_docx_finding_names_table_row_cell_on_the_note_line() -> None:
    native = NativeLocation(table=2, row=5, cell=3)
    out = render([finding(2, 18, 19, path="r.docx", native=native)], "text", reports=[report("r.docx")])
    lines = out.splitlines()
    assert lines[0].startswith("r.docx:2:18: ACC002 [错误] ")
    assert lines[4] == "  = 表格2第5行第3格"
    out = render(
        [finding(2, 18, 19, path="r.docx", native=native)], "text", reports=[report("r.docx")], lang="en"
    )
    assert out.splitlines()[4] == "  = table 2 row 5 cell 3"
    para = [finding(2, 18, 19, path="r.docx", native=NativeLocation(paragraph=9))]
    assert render(para, "text", reports=[report("r.docx")]).splitlines()[4] == "  = 第9段"
    assert render(para, "text", reports=[report("r.docx")], lang="en").splitlines()[4] == "  = para 9"


def test_whole_document_finding_and_missing_report_print_only_the_header() -> None:
    whole = finding(1, 1, 1, code="SEC001")
    elsewhere = finding(4, 1, 3, path="gone.txt")
    out = render([whole, elsewhere], "text", reports=[report()], lang="en")
    assert "|" not in out
    assert out.splitlines()[0].startswith("r.txt:1:1: SEC001")


def test_multi_line_span_is_underlined_to_the_end_of_its_first_line() -> None:
    out = render([finding(1, 1, 2, end_line=2)], "text", reports=[report()], lang="en")
    assert caret_column(out) == (0, 4)  # 标题 = 2 characters, 4 cells


def test_summary_counts_each_severity_in_english_and_chinese() -> None:
    fs = [
        finding(1, 1, 2),
        finding(1, 1, 2, severity=Severity.WARNING),
        finding(2, 1, 2, severity=Severity.WARNING),
        finding(2, 1, 2, severity=Severity.INFO),
    ]
    assert summary_line(fs, 5, "en") == "Found 4 findings (1 error, 2 warnings, 1 info) in 5 files."
    assert summary_line(fs, 5, "zh") == "在 5 个文件中发现 4 个问题（错误 1 个，警告 2 个，提示 1 个）。"
    assert summary_line([], 5, "en") == "All checks passed: 5 files."
    assert summary_line([], 1, "en") == "All checks passed: 1 file."
    assert summary_line([], 2, "zh") == "全部检查通过：2 个文件。"


def test_file_count_is_the_number_of_reports_checked() -> None:
    out = render([], "text", reports=[report("a.txt"), report("b.txt"), report("c.txt")], lang="en")
    assert out == "All checks passed: 3 files.\n"


def test_colour_only_when_asked() -> None:
    plain = render([finding(2, 18, 19)], "text", reports=[report()], lang="en")
    coloured = render([finding(2, 18, 19)], "text", reports=[report()], lang="en", color=True)
    assert "\x1b[" not in plain
    assert "\x1b[31m" in coloured  # red for an error
    import click

    assert click.unstyle(coloured) == plain


def test_use_color_needs_a_tty_and_no_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Tty()) is True
    assert use_color(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(Tty()) is False


def test_unknown_format_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        render([], "xml")


def underlined(block: str) -> str:
    """The source text above the carets of a rendered block (display cells mapped back to characters)."""
    source = block.splitlines()[2]
    gutter = source.index("|") + 2
    offset, count = caret_column(block)
    out, cells = [], 0
    for ch in source[gutter:]:
        if offset <= cells < offset + count:
            out.append(ch)
        cells += display_width(ch)
    return "".join(out)


def test_carets_sit_under_the_finding_text_on_every_seed() -> None:
    from disclint.engine import registry, run
    from disclint.parse import parse_text

    seeds = SEED_PATHS
    reports = [parse_text(p.read_text(encoding="utf-8"), p.name) for p in seeds]
    reg = registry()
    findings = run(reports, reg.default_settings(), reg=reg)
    checked = 0
    for f in findings:
        loc = f.location
        if loc.end_line != loc.line or "\t" in f.snippet or not f.snippet:
            continue
        block = render([f], "text", reports=reports, lang="en").split("\n\n")[0]
        shown = underlined(block)
        if "…" in block.splitlines()[2] and shown != f.snippet:  # cropped: the visible part matches
            assert f.snippet.startswith(shown)
        else:
            assert shown == f.snippet, block
        checked += 1
    assert checked >= 10
