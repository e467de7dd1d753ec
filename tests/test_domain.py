"""The domain layer: one owner for numerals, dates, organ kinds, JSON numbers, displayed paths and
the vocabulary of grammar/*.yaml — and the rules that once kept their own copies now agree."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from disclint import templates
from disclint.checks import cnt, dat, sec
from disclint.domain import dates, numerals, organs, vocabulary
from disclint.domain.numbers import format_number, json_number
from disclint.messages import Text
from disclint.nodes import DateMark, Located, Report, Span
from disclint.packs.kinds import KINDS
from disclint.parse import lexer
from disclint.paths import display_path, relative_path
from disclint.rule import RuleContext


def _report(**kw: object) -> Report:
    base: dict[str, object] = {"path": "r.txt", "source_kind": "text", "lines": ("",) * 300}
    base.update(kw)
    return Report(**base)  # type: ignore[arg-type]


# --- numerals, dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "n"),
    [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十五", 25), ("九十九", 99)],
)
def test_numerals_read_and_write_alike(text: str, n: int) -> None:
    assert numerals.value(text) == n
    assert numerals.numeral(n) == text


@pytest.mark.parametrize("text", ["", "零", "〇", "十十", "二十〇", "百", "1", "一二"])
def test_numerals_reject_what_is_no_counting_numeral(text: str) -> None:
    assert numerals.value(text) is None


def test_digit_numerals() -> None:
    assert numerals.digits_value("二〇二四") == 2024
    assert numerals.digits_value("二○二一") == 2021
    assert numerals.digits_value("二〇二x") is None
    assert numerals.digits(2024) == "二〇二四"
    assert numerals.numeral(0) == "0" and numerals.numeral(100) == "100"


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2021年1月25日", date(2021, 1, 25)),
        ("2021 年 1 月 25 日", date(2021, 1, 25)),
        ("2021-01-25", date(2021, 1, 25)),
        ("2021.1.25", date(2021, 1, 25)),
        ("2021/01/25", date(2021, 1, 25)),
        ("二〇二一年一月二十五日", date(2021, 1, 25)),
        ("二○二一年十二月三十一日", date(2021, 12, 31)),
        ("2021年2月30日", None),  # written like a date, but no real day
        ("二〇二一年十三月一日", None),
    ],
)
def test_dates_every_written_form(text: str, day: date | None) -> None:
    assert dates.is_date(text)
    assert dates.parse_date(text) == day


@pytest.mark.parametrize("text", ["2021年1月", "统计期限自2021年1月1日", "20210125", "2021年1月25日发布"])
def test_dates_only_a_whole_date_line(text: str) -> None:
    assert not dates.is_date(text)
    assert dates.parse_date(text) is None


# --- organ kinds: DAT002 and the pack kind `deadline` -------------------------------------------

ORGANS = [
    ("银川市西夏区", "government"),  # a district's own report (was `department` for the pack kind)
    ("银川市西夏区人民政府", "government"),
    ("宁夏回族自治区人民政府", "government"),
    ("银川市人民政府办公室", "department"),
    ("银川市西夏区民政局", "department"),
    ("兴庆区掌政镇", "township"),
    ("银川市西夏区兴泾镇人民政府", "township"),
    ("某某乡人民政府", "township"),
    ("某某苏木", "township"),  # Inner Mongolia's township level (was `department` for the pack kind)
    ("某某街道办", "township"),  # (was `department` for DAT002)
    ("某某街道办事处", "township"),
    ("某某街道", "township"),
]


@pytest.mark.parametrize(("name", "kind"), ORGANS)
def test_organ_kind(name: str, kind: str) -> None:
    assert organs.organ_kind(name) == kind
    assert organs.organ_kind(" ".join(name)) == kind  # PDF text is full of stray spaces


def test_organ_kind_of_nothing_and_from_a_title() -> None:
    assert organs.organ_kind(None) is None and organs.organ_kind("") is None
    assert organs.organ_from_title("银川市西夏区2020年政府信息公开工作年度报告") == "银川市西夏区"
    title = Located("银川市西夏区2020年度政府信息公开工作年度报告", ((0, 1, 1),))
    assert dat.organ_kind(_report(title=title)) == "government"


def _late(rule_check: object, report: Report, params: dict[str, object]) -> list[str]:
    assert callable(rule_check)
    return [v.context["deadline"] for v in rule_check(report, RuleContext(params))]


@pytest.mark.parametrize(("name", "kind"), ORGANS)
def test_dat002_and_the_pack_deadline_kind_agree(name: str, kind: str) -> None:
    deadline = organs.deadline(kind, 2020)
    kind_params = {"deadlines": dict(organs.DEFAULT_DEADLINES)}
    for signed, late in ((deadline, False), (deadline + timedelta(days=1), True)):
        report = _report(organ=name, year=2020, date=DateMark(signed, "x", Span(129, 1, 129, 10)))
        by_rule = _late(dat.dat002.check, report, dat.dat002.defaults())
        by_kind = _late(KINDS["deadline"].check, report, kind_params)
        assert by_rule == by_kind == ([deadline.isoformat()] if late else [])


def test_deadline_of_a_leap_day_in_a_common_year() -> None:
    assert organs.deadline("government", 2020, {"government": "02-29"}) == date(2021, 2, 28)
    assert organs.deadline("government", 2023, {"government": "02-29"}) == date(2024, 2, 29)
    with pytest.raises(ValueError):
        organs.parse_month_day("02-30")


# --- numbers and paths -------------------------------------------------------------------------


def test_json_numbers_stay_exact() -> None:
    assert json_number(Decimal("402.2")) == "402.2"
    assert json_number(Decimal("12.0")) == 12 and isinstance(json_number(Decimal("12.0")), int)
    assert json_number(7) == 7 and json_number(None) is None
    assert format_number(Decimal("0.10")) == "0.10" and format_number(None) == "?"


def test_paths_relative_to_a_base(tmp_path: Path) -> None:
    assert relative_path("a/../b/r.txt", tmp_path) == "b/r.txt"
    assert relative_path(tmp_path / "x" / "r.txt", tmp_path) == "x/r.txt"
    assert relative_path(tmp_path.parent / "r.txt", tmp_path) is None
    assert display_path(tmp_path.parent / "r.txt", tmp_path) == (tmp_path.parent / "r.txt").as_posix()
    assert display_path("r.txt", tmp_path) == "r.txt"


# --- vocabulary: the rules read grammar/*.yaml ----------------------------------------------------


def test_section_titles_are_those_of_sections_yaml() -> None:
    found = sec.sec001.check(_report(), RuleContext({}))
    titles = [(v.args["numeral"], v.args["title"].zh) for v in found]
    assert titles == [(numerals.numeral(s.number), s.title) for s in templates.sections()]
    assert vocabulary.section_heading(4) == "四、政府信息公开行政复议、行政诉讼情况"


def test_overview_topics_are_those_of_sections_yaml() -> None:
    assert cnt.cnt002.defaults()["topics"] == {t.key: list(t.words) for t in templates.overview_topics()}
    assert [vocabulary.topic(t.key).zh for t in templates.overview_topics()] == [
        "主动公开",
        "依申请公开",
        "政府信息管理",
        "平台建设",
        "监督保障",
    ]


def test_row_widths_come_from_the_templates() -> None:
    assert lexer.WIDTH["A_VALUES"] == len(templates.applications().columns) == 7
    t = templates.review_litigation()
    assert lexer.WIDTH["R_VALUES"] == len(t.groups) * len(t.columns) == 15


def test_every_template_row_has_a_key_of_its_own() -> None:
    # (rows are keyed by it in the JSON; table 三's rows are matched by their place in the template)
    for table in (templates.applications(), templates.review_litigation()):
        keys = [r.key for r in table.rows]
        assert len(set(keys)) == len(keys), table.kind
    for fmt in ("60", "30"):  # table 二: unique across its sub-tables, in each format
        keys = [r.key for s in templates.proactive().subtables if fmt in s.formats for r in s.formats[fmt][1]]
        assert len(set(keys)) == len(keys), fmt


def test_signed_and_money_columns_come_from_the_template_flags() -> None:
    signed = {
        c.key for s in templates.proactive().subtables for cs, _ in s.formats.values() for c in cs if c.signed
    }
    money = {
        c.key for s in templates.proactive().subtables for cs, _ in s.formats.values() for c in cs if c.money
    }
    assert signed == {"change"} and money == {"amount"}
    assert vocabulary.signed_columns()["60"] == signed and vocabulary.money_columns() == money


def test_names_for_messages() -> None:
    assert vocabulary.table("applications") == Text("表三（依申请公开）", "table 三 (requests)")
    assert vocabulary.table(None) == Text("表格", "table")
    assert vocabulary.column("other_org") == Text("其他（法人或其他组织）", "other_org")
    assert vocabulary.column("natural_person").zh == "自然人"
    assert vocabulary.group("review_litigation", "litigation_after_review").zh == "行政诉讼（复议后起诉）"
    assert vocabulary.section(3) == Text("收到和处理政府信息公开申请情况", "requests received and handled")
    assert vocabulary.subtable_name("a20_8") == "第二十条第（八）项"
    assert vocabulary.subtable_key("八") == "a20_8" and vocabulary.subtable_key("x") == ""
