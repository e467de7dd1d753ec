"""Inject one defect into a real seed and assert that exactly the expected new findings appear.

Edits keep the number of lines (a dropped block becomes blank lines), so findings before and
after are compared by (code, line, message): nothing may disappear, and the new ones must be
exactly those listed.
"""

from __future__ import annotations

from collections.abc import Sequence

from disclint.engine import registry, run
from disclint.findings import Finding
from disclint.parse import parse_text

from corpus import SEEDS as SEED_DIR
from report_builder import PROACTIVE_60

Edit = tuple[int, str, str]  # (line, old text on that line, new text)


def seed(prefix: str) -> tuple[str, list[str]]:
    [path] = SEED_DIR.glob(f"{prefix}_*.txt")
    return path.name, path.read_text(encoding="utf-8").split("\n")


def findings(name: str, lines: Sequence[str]) -> list[Finding]:
    return run([parse_text("\n".join(lines), name)], registry().default_settings(), lang="en")


def keyed(fs: list[Finding]) -> set[tuple[str, int, str]]:
    return {(f.code, f.location.line, f.message) for f in fs}


def inject(prefix: str, edits: Sequence[Edit] = (), blank: Sequence[tuple[int, int]] = ()) -> list[Finding]:
    """Apply the edits to seed ``prefix``; return the findings that are new (and check none vanished)."""
    name, lines = seed(prefix)
    before = findings(name, lines)
    edited = list(lines)
    for line, old, new in edits:
        assert old in edited[line - 1], f"line {line} does not contain {old!r}: {edited[line - 1]!r}"
        edited[line - 1] = edited[line - 1].replace(old, new, 1)
    for first, last in blank:
        for i in range(first, last + 1):
            edited[i - 1] = ""
    after = findings(name, edited)
    assert keyed(before) - keyed(after) == set(), "a finding disappeared"
    new = keyed(after) - keyed(before)
    return [f for f in after if (f.code, f.location.line, f.message) in new]


def codes_lines(fs: list[Finding]) -> list[tuple[str, int]]:
    return sorted((f.code, f.location.line) for f in fs)


def test_changed_total_cell_gives_row_total_and_outcome_total_findings() -> None:
    # seed 002, （五）1.信访举报投诉类申请 1 0 0 0 0 0 1 → 总计 2: the row no longer adds up (ACC002),
    # and the outcome rows now add up to 2 in the 总计 column against （七）总计 1 (ACC003, line 225).
    # 一 + 二 = （七） + 四 still holds (ACC001 silent): the outcome total itself was not touched.
    new = inject("002", [(197, "1 0 0 0 0 0 1", "1 0 0 0 0 0 2")])
    assert codes_lines(new) == [("ACC002", 197), ("ACC003", 225)]
    by_code = {f.code: f for f in new}
    assert (by_code["ACC002"].context["expected"], by_code["ACC002"].context["actual"]) == (1, 2)
    assert by_code["ACC003"].context["column"] == "total"
    assert (by_code["ACC003"].context["expected"], by_code["ACC003"].context["actual"]) == (2, 1)


def test_changed_applicant_cell_gives_row_total_and_balance_findings() -> None:
    # seed 002, 一、本年新收 1 0 0 0 0 0 1 → 自然人 2: ACC002 on line 157 (2 ≠ 1) and ACC001 in the
    # 自然人 column (2 + 0 ≠ 1 + 0, reported at （七）总计 line 225). The prose (收到 1条) still
    # matches the 总计 column, so no ACC005.
    new = inject("002", [(157, "1 0 0 0 0 0 1", "2 0 0 0 0 0 1")])
    assert codes_lines(new) == [("ACC001", 225), ("ACC002", 157)]
    acc001 = next(f for f in new if f.code == "ACC001")
    assert (acc001.context["column"], acc001.context["expected"], acc001.context["actual"]) == (
        "natural_person",
        2,
        1,
    )


def test_dropped_section_gives_missing_section() -> None:
    # seed 000: blank 五、存在的主要问题及改进情况 (line 503) and everything up to 六 (line 542)
    new = inject("000", blank=[(503, 541)])
    assert codes_lines(new) == [("SEC001", 542)]
    assert new[0].context == {"section": 5}


def test_dropped_email_gives_missing_contact() -> None:
    # seed 002 line 366: 电话 0955-4679231；电子邮箱：zwsxrz@163.com）。
    new = inject("002", [(366, "；电子邮箱：zwsxrz@163.com", "")])
    assert codes_lines(new) == [("CON001", 364)]
    assert new[0].context == {"field": "email"}


def test_wrong_notice_gives_wrong_format_notice() -> None:
    # seed 002 (2024) cites 〔2021〕30号 on lines 8/10; make it 〔2019〕60号. FMT004 stays silent: the
    # citation, not the tables, is wrong, and FMT002 says so.
    new = inject("002", [(8, "〔2021〕", "〔2019〕"), (10, "30 号", "60 号")])
    assert codes_lines(new) == [("FMT002", 10)]
    assert new[0].context == {"year": 2024, "cited": "60", "expected": "30", "cited_by": "number"}


def test_60_format_table_two_in_2024_gives_legacy_format_and_mixed_formats() -> None:
    # seed 003 (2024, 30 format): replace table 二 (lines 94–134) by the 60 layout, same line count.
    name, lines = seed("003")
    first = lines.index("第二十条第（一）项") + 1
    last = next(i for i, text in enumerate(lines, start=1) if text.startswith("行政事业性收费"))
    new = _inject_block(name, lines, first, last, PROACTIVE_60.split("\n"))
    header_line = first + 1  # 信息内容 本年新制作数量 …
    assert codes_lines(new) == [("FMT003", header_line), ("FMT004", header_line)]
    fmt003 = next(f for f in new if f.code == "FMT003")
    assert fmt003.context["table"] == "proactive" and fmt003.context["year"] == 2024
    assert next(f for f in new if f.code == "FMT004").context["formats"] == ["30", "60"]


def _inject_block(
    name: str, lines: list[str], first: int, last: int, replacement: list[str]
) -> list[Finding]:
    """Replace lines first..last by ``replacement`` padded with blank lines; return the new findings."""
    assert len(replacement) <= last - first + 1
    before = findings(name, lines)
    edited = list(lines)
    block = replacement + [""] * (last - first + 1 - len(replacement))
    edited[first - 1 : last] = block
    assert len(edited) == len(lines)
    after = findings(name, edited)
    assert keyed(before) - keyed(after) == set()
    new = keyed(after) - keyed(before)
    return [f for f in after if (f.code, f.location.line, f.message) in new]


def test_late_date_gives_late_publication() -> None:
    # seed 001 (a township, 2020) is signed 2021年1月25日; 2021年2月25日 is after 1月31日.
    new = inject("001", [(129, "2021年1月25日", "2021年2月25日")])
    assert codes_lines(new) == [("DAT002", 129)]
    assert new[0].context == {"date": "2021-02-25", "deadline": "2021-01-31", "organ_kind": "township"}
