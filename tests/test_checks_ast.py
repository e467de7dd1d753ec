"""Unit tests of the rule checks on hand-built ASTs (independent of the parser)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclint.batch.facts import report_facts
from disclint.batch.organs import year_pairs
from disclint.checks import _util, acc, acc_carryover, acc_narrative, cnt, con, dat, fmt, par, sec
from disclint.engine import RuleSettings, registry, run
from disclint.findings import Severity
from disclint.nodes import (
    Cell,
    Contact,
    DateMark,
    Figure,
    FormatCitation,
    FormatSignal,
    Heading,
    Located,
    Noise,
    Paragraph,
    ParseProblem,
    Period,
    Report,
    Row,
    Section,
    Span,
    StatedSum,
    Statement,
    Table,
    YearMention,
)
from disclint.rule import Rule, RuleContext

COLS = _util.APPLICATION_COLUMNS
ROWS_60 = (
    "new_received",
    "carried_over",
    *_util.OUTCOME_ROWS_COMMON,
    "other",
    "outcome_total",
    "carried_forward",
)


def cells(values: list[int | None], line: int, columns: tuple[str, ...] | None = COLS) -> tuple[Cell, ...]:
    out = []
    for i, v in enumerate(values):
        column = columns[i] if columns is not None else None
        raw = "/" if v is None else str(v)
        out.append(Cell(column, v, raw, Span(line, 40 + 2 * i, line, 41 + 2 * i)))
    return tuple(out)


def row(key: str, values: list[int | None], line: int, *, incomplete: bool = False) -> Row:
    return Row(
        key=key,
        label=key,
        label_span=Span(line, 1, line, 10),
        cells=cells(values, line, None if incomplete else COLS),
        incomplete=incomplete,
        expected_cells=7,
    )


def applications(overrides: dict[str, Row] | None = None, fmt_: str = "60") -> Table:
    rows = []
    for i, key in enumerate(ROWS_60):
        line = 100 + i
        rows.append((overrides or {}).get(key) or row(key, [0] * 7, line))
    return Table("applications", fmt_, 3, tuple(rows), Span(99, 1, 130, 1), columns=COLS)


def test_table_row_gives_the_first_row_with_the_key_from_its_kept_index() -> None:
    first, second = row("disclosed", [1] * 7, 10), row("disclosed", [2] * 7, 11)
    unmatched = Row(None, "x", Span(12, 1, 12, 2), ())
    t = Table("applications", "60", 3, (unmatched, first, second), Span(10, 1, 12, 1))
    assert t.row("disclosed") is first and t.row("disclosed") is first  # kept, same answer
    assert t.row("outcome_total") is None
    assert t.row(None) is unmatched  # type: ignore[arg-type]
    assert t == Table("applications", "60", 3, (unmatched, first, second), Span(10, 1, 12, 1))


def report(**kw: object) -> Report:
    base: dict[str, object] = {"path": "r.txt", "source_kind": "text", "lines": ("",) * 300}
    base.update(kw)
    return Report(**base)  # type: ignore[arg-type]


def check(rule_: Rule, rep: Report, **params: object) -> list:
    ctx = RuleContext({**rule_.defaults(), **params})
    return list(rule_.check(rep, ctx))


# --- known_values: the alignment helper -------------------------------------------------------


def test_known_values_complete_row_reads_directly() -> None:
    r = row("x", [1, 2, 3, 4, 5, 6, 21], 5)
    assert _util.known_values(r, COLS) == dict(zip(COLS, [1, 2, 3, 4, 5, 6, 21], strict=True))


def test_known_values_extra_cell_keeps_only_values_every_alignment_agrees_on() -> None:
    # seed 001 （七）总计: [3,0,0,0,0,0,0,0] for 7 columns
    r = row("outcome_total", [3, 0, 0, 0, 0, 0, 0, 0], 93, incomplete=True)
    known = _util.known_values(r, COLS)
    assert known["natural_person"] is None  # 3 or 0 depending on which cell is dropped
    assert known["total"] == 0  # the last value is 0 in every reading
    assert known["commercial_enterprise"] == 0


def test_known_values_kept_on_the_row_answers_each_set_of_columns_on_its_own() -> None:
    kept = row("outcome_total", [3, 0, 0, 0, 0, 0, 0, 0], 93, incomplete=True)
    parts = COLS[:3]
    assert _util.known_values(kept, COLS)["total"] == 0  # kept for COLS
    # 8 values for 3 columns: the first column's window (values 1-6) holds the 3, the others' only 0
    assert _util.known_values(kept, parts) == dict(zip(parts, [None, 0, 0], strict=True))
    assert _util.known_values(kept, COLS) == _util.known_values(
        row("outcome_total", [3, 0, 0, 0, 0, 0, 0, 0], 93, incomplete=True), COLS
    )
    assert kept == row("outcome_total", [3, 0, 0, 0, 0, 0, 0, 0], 93, incomplete=True)  # the memo is no field


def test_known_values_lost_cell_and_all_zero_rows_are_unknown() -> None:
    assert set(_util.known_values(row("x", [1, 2, 3, 4, 5, 6], 1, incomplete=True), COLS).values()) == {None}
    assert set(_util.known_values(row("x", [0] * 8, 1, incomplete=True), COLS).values()) == {None}


# --- ACC001–ACC004 ----------------------------------------------------------------------------


def seed001_like() -> Report:
    t = applications(
        {
            "new_received": row("new_received", [3, 0, 0, 0, 0, 0, 3], 70),
            "disclosed": row("disclosed", [0] * 6, 72, incomplete=True),
            "unable_not_held": row("unable_not_held", [3, 0, 0, 0, 0, 0, 0], 84),
            "other": row("other", [0] * 8, 92, incomplete=True),
            "outcome_total": row("outcome_total", [3, 0, 0, 0, 0, 0, 0, 0], 93, incomplete=True),
        }
    )
    return report(tables=(t,))


def test_seed001_shape_gives_acc002_on_line_84_only_and_acc001_on_the_total_column() -> None:
    rep = seed001_like()
    acc002 = check(acc.acc002, rep)
    assert [(v.span.line, v.context["expected"], v.context["actual"]) for v in acc002] == [(84, 3, 0)]
    acc001 = check(acc.acc001, rep)
    assert [
        (v.span.line, v.context["column"], v.context["expected"], v.context["actual"]) for v in acc001
    ] == [(93, "total", 3, 0)]
    assert check(acc.acc003, rep) == []  # the outcome rows with lost cells make every column unknown


def test_acc003_reports_the_column_whose_outcome_rows_do_not_add_up() -> None:
    t = applications(
        {
            "new_received": row("new_received", [4, 0, 0, 0, 0, 0, 4], 100),
            "disclosed": row("disclosed", [2, 0, 0, 0, 0, 0, 2], 102),
            "partially_disclosed": row("partially_disclosed", [1, 0, 0, 0, 0, 0, 1], 103),
            "outcome_total": row("outcome_total", [4, 0, 0, 0, 0, 0, 4], 123),
        }
    )
    found = check(acc.acc003, report(tables=(t,)))
    assert [(v.context["column"], v.context["expected"], v.context["actual"]) for v in found] == [
        ("natural_person", 3, 4),
        ("total", 3, 4),
    ]
    assert check(acc.acc001, report(tables=(t,))) == []


def test_acc004_checks_each_group_of_table_four() -> None:
    def group(key: str, values: list[int]) -> Row:
        cols = _util.REVIEW_COLUMNS
        return Row(key, key, Span(101, 1, 101, 2), cells(values, 101, cols))

    t = Table(
        "review_litigation",
        None,
        4,
        (
            group("review", [0, 1, 0, 0, 0]),
            group("litigation_direct", [0, 0, 0, 0, 0]),
            group("litigation_after_review", [1, 0, 0, 1, 2]),
        ),
        Span(100, 1, 101, 1),
    )
    found = check(acc.acc004, report(tables=(t,)))
    assert [(v.context["row"], v.context["expected"], v.context["actual"]) for v in found] == [
        ("review", 1, 0)
    ]


def test_acc007_flags_placeholders_negatives_and_fractions_but_not_signed_change_or_amounts() -> None:
    t3 = applications({"disclosed": row("disclosed", [None, 0, 0, 0, 0, 0, 0], 102)})
    proactive = Table(
        "proactive",
        "60",
        2,
        (
            Row(
                "other_services",
                "x",
                Span(50, 1, 50, 5),
                (
                    Cell("prev_items", 78, "78", Span(50, 8, 50, 10)),
                    Cell("change", -37, "-37", Span(50, 11, 50, 14)),
                    Cell("decisions", -1, "-1", Span(50, 15, 50, 17)),
                ),
                group="a20_5",
            ),
            Row(
                "procurement",
                "x",
                Span(60, 1, 60, 5),
                (
                    Cell("items", 2, "2", Span(60, 8, 60, 9)),
                    Cell("amount", Decimal("402.2"), "402.2 万元", Span(60, 10, 60, 18), unit="万元"),
                ),
                group="a20_9",
            ),
            Row(
                "licensing",
                "x",
                Span(40, 1, 40, 5),
                (Cell("prev_items", Decimal("1.5"), "1.5", Span(40, 8, 40, 11)),),
                group="a20_5",
            ),
        ),
        Span(40, 1, 60, 1),
    )
    found = check(acc.acc007, report(tables=(t3, proactive)))
    assert sorted((v.span.line, v.context["column"], v.context["actual"]) for v in found) == [
        (40, "prev_items", "1.5"),
        (50, "decisions", "-1"),
        (102, "natural_person", "/"),
    ]


# --- ACC005 / ACC006 --------------------------------------------------------------------------


def test_acc005_compares_figures_and_statements_with_table_totals() -> None:
    t = applications(
        {
            "new_received": row("new_received", [3, 0, 0, 0, 0, 0, 3], 100),
            "carried_over": row("carried_over", [1, 0, 0, 0, 0, 0, 1], 101),
        }
    )
    figures = (
        Figure("applications_received", 3, "件", "收到申请", Span(20, 5, 20, 6), 1),  # == new_received
        Figure("applications_received", 4, "件", "收到申请", Span(21, 5, 21, 6), 1),  # == new + carried
        Figure("applications_received", 5, "件", "收到申请", Span(22, 5, 22, 6), 1),  # neither
        Figure("carried_forward", 0, "件", "结转", Span(23, 5, 23, 6), 1),
        Figure("count", 99, "条", "信息", Span(24, 5, 24, 6), 1),  # no table counterpart
    )
    statements = (Statement("applications_received", 0, "没有收到政府信息公开申请", Span(25, 1, 25, 9), 1),)
    found = check(acc_narrative.acc005, report(tables=(t,), figures=figures, statements=statements))
    assert [(v.span.line, v.context["stated"], v.context["expected"]) for v in found] == [
        (22, 5, 3),
        (25, 0, 3),
    ]


def test_acc006_partial_lists_only_fail_when_they_exceed_the_total() -> None:
    def fig(v: int, line: int) -> Figure:
        return Figure("count", v, "条", "x", Span(line, 1, line, 3), 1)

    sums = (
        StatedSum(
            fig(64, 32), tuple(fig(v, 33) for v in (2, 17, 3, 2, 1, 1, 38, 1)), False, Span(32, 1, 36, 2)
        ),
        StatedSum(fig(615, 40), tuple(fig(v, 41) for v in (30, 478, 107)), False, Span(40, 1, 41, 2)),
        StatedSum(fig(10, 50), (fig(3, 50), fig(4, 50)), False, Span(50, 1, 50, 9)),  # partial: fine
        StatedSum(fig(10, 60), (fig(3, 60), fig(4, 60)), True, Span(60, 1, 60, 9)),  # 分别为: wrong
    )
    found = check(acc_narrative.acc006, report(sums=sums))
    assert [(v.span.line, v.context["stated"], v.context["parts_sum"]) for v in found] == [
        (32, 64, 65),
        (60, 10, 7),
    ]


def test_acc008_compares_consecutive_years_of_the_same_organ() -> None:
    last = report(
        path="2023.txt",
        organ="兴庆区掌政镇",
        year=2023,
        tables=(applications({"carried_forward": row("carried_forward", [2, 0, 0, 0, 0, 0, 2], 125)}),),
    )
    this = report(path="2024.txt", organ="银川市兴庆区掌政镇人民政府", year=2024, tables=(applications(),))
    other = report(path="x.txt", organ="沙坡头区兴仁镇", year=2024, tables=(applications(),))
    facts = [report_facts(r) for r in (last, this, other)]
    pairs = year_pairs(facts)
    assert [(a.path, b.path) for a, b in pairs] == [("2024.txt", "2023.txt")]
    found = [v for a, b in pairs for v in acc_carryover.acc008.check(a, b, RuleContext({}))]
    assert [
        (v.path, v.span.line, v.context["column"], v.context["expected"], v.context["actual"]) for v in found
    ] == [
        ("2024.txt", 101, "natural_person", 2, 0),
        ("2024.txt", 101, "total", 2, 0),
    ]


def test_live_facts_equal_the_packed_facts_of_every_seed() -> None:
    # engine.run reads a report's figures only when a cross-year rule asks for them
    from pathlib import Path

    from disclint.batch.facts import live_facts
    from disclint.parse import parse_path

    seeds = sorted((Path(__file__).parent / "data" / "corpus" / "seeds").glob("*.txt"))
    assert seeds
    for path in seeds:
        rep = parse_path(path)
        live, packed = live_facts(rep), report_facts(rep)
        assert live.figures and live.figures == packed.figures
        assert live.figure_data == packed.figure_data
        assert live.as_dict() == packed.as_dict()
        assert [getattr(live, f) for f in ("organ", "year", "level", "notice", "table_format")] == [
            getattr(packed, f) for f in ("organ", "year", "level", "notice", "table_format")
        ]


# --- PAR --------------------------------------------------------------------------------------


def test_par_rules_report_problems_incomplete_rows_and_noise_once_per_line_and_kind() -> None:
    rep = report(
        tables=(seed001_like().tables[0],),
        problems=(ParseProblem("unrecognized-table", "no row labels", Span(200, 1, 200, 5), "applications"),),
        noise=(
            Noise("html-tag", "<input>", Span(112, 1, 112, 8)),
            Noise("html-tag", "<br>", Span(112, 20, 112, 24)),
            Noise("mailto", "mailto:", Span(112, 30, 112, 37)),
        ),
    )
    assert [v.span.line for v in check(par.par003, rep)] == [72, 92, 93]
    assert [(v.span.line, v.context["table"]) for v in check(par.par002, rep)] == [(200, "applications")]
    assert [(v.span.line, v.context["kind"], v.context["count"]) for v in check(par.par004, rep)] == [
        (112, "html-tag", 2),
        (112, "mailto", 1),
    ]
    assert check(par.par001, rep) == []
    unreadable = report(problems=(ParseProblem("unreadable", "not UTF-8", Span(1, 1, 1, 1)),))
    assert [v.context["reason"] for v in check(par.par001, unreadable)] == ["not UTF-8"]
    both = report(
        problems=(
            ParseProblem(
                "unreadable", "r.txt does not exist.", Span(1, 1, 1, 1), message_zh="r.txt 不存在。"
            ),
        )
    )
    (v,) = check(par.par001, both)
    assert par.par001.message("zh", v.args) == "无法读取文件：r.txt 不存在。"
    assert par.par001.message("en", v.args) == "Cannot read the file: r.txt does not exist."


# --- SEC --------------------------------------------------------------------------------------


def section(
    n: int, line: int, *, empty: bool = False, text: str = "内容", subs: tuple[Heading, ...] = ()
) -> Section:
    paragraphs = () if empty else (Paragraph(Located(text, ((0, line + 1, 1),))),)
    return Section(n, None, "t", Span(line, 1, line, 8), Span(line, 1, line + 5, 1), subs, paragraphs)


def test_sec_rules_missing_duplicated_empty_sections() -> None:
    sections = (section(1, 10), section(2, 20), section(4, 40, empty=True), section(2, 50), section(6, 60))
    rep = report(sections=sections)
    assert [(v.context["section"], v.span.line if v.span else None) for v in check(sec.sec001, rep)] == [
        (3, 40),
        (5, 60),
    ]
    assert [(v.context["section"], v.context["problem"]) for v in check(sec.sec002, rep)] == [
        (2, "duplicate")
    ]
    swapped = report(sections=(section(1, 10), section(3, 20), section(2, 30)))
    assert [(v.span.line, v.context["problem"]) for v in check(sec.sec002, swapped)] == [(30, "order")]
    assert [v.span.line for v in check(sec.sec004, rep)] == [40]


def test_sec003_row_and_subheading_numbering() -> None:
    bad_row = Row(
        "carried_forward",
        "七、结转下年度继续办理",
        Span(275, 1, 275, 12),
        cells([0] * 7, 275),
        numbering="七、",
        expected_numbering="四、",
    )
    ok_row = Row(
        "disclosed",
        "(一) 予以公开",
        Span(276, 1, 276, 8),
        cells([0] * 7, 276),
        numbering="(一)",
        expected_numbering="（一）",
    )
    t = Table("applications", "30", 3, (bad_row, ok_row), Span(270, 1, 276, 1))
    subs = (Heading("（一）", "a", Span(11, 1, 11, 3)), Heading("（三）", "b", Span(12, 1, 12, 3)))
    rep = report(tables=(t,), sections=(section(1, 10, subs=subs),))
    assert [(v.span.line, v.context["found"], v.context["expected"]) for v in check(sec.sec003, rep)] == [
        (275, "七、", "四、"),
        (12, "（三）", "（二）"),
    ]


def test_sec005_title_needs_organ_and_year() -> None:
    title = Located("兴庆区掌政镇2020年政府信息公开工作年度报告", ((0, 3, 1),))
    assert check(sec.sec005, report(title=title, organ="兴庆区掌政镇", year=2020)) == []
    no_year = Located("兴庆区掌政镇政府信息公开工作年度报告", ((0, 3, 1),))
    assert [v.context["missing"] for v in check(sec.sec005, report(title=no_year, organ="兴庆区掌政镇"))] == [
        ["year"]
    ]
    assert [v.context["missing"] for v in check(sec.sec005, report())] == [["title"]]


# --- CON --------------------------------------------------------------------------------------


def contact(field: str, value: str, line: int, via: str = "label", section_: int = 0) -> Contact:
    return Contact(field, value, value, Span(line, 1, line, len(value) + 1), section_, via)


def test_con001_missing_fields_at_the_contact_block() -> None:
    rep = report(
        contacts=(
            contact("website", "http://x.gov.cn", 5, "link"),
            contact("address", "某地", 9),
            contact("phone", "0951-6121130", 9),
            contact("email", "a@b.com", 9),
        )
    )
    found = check(con.con001, rep)
    assert [(v.span.line, v.context["field"]) for v in found] == [(9, "postcode")]
    assert [v.context["field"] for v in check(con.con001, rep, required=["fax", "website"])] == ["fax"]


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("phone", "0951-6121130", True),
        ("phone", "13912345678", True),
        ("phone", "0951-612113", False),
        ("phone", "0951-6121130、0951-6121131", True),
        ("postcode", "750021", True),
        ("postcode", "75002", False),
        ("email", "xxqmzj@126.com", True),
        ("email", "xxqmzj@126", False),
        ("website", "www.ycxixia.gov.cn", True),
        ("website", "http://www.xqq.gov.cn/", True),
        ("website", "http//www xqq", False),
    ],
)
def test_con002_validation(field: str, value: str, ok: bool) -> None:
    found = check(con.con002, report(contacts=(contact(field, value, 3),)))
    assert (found == []) is ok


def test_con003_compares_normalized_values_and_locates_the_differing_one() -> None:
    rep = report(
        contacts=(
            contact("email", "xingjingzhen@126.com", 32),
            contact("email", "xxq3958001@163.com", 44, "link", 1),
            contact("website", "http://www.xqq.gov.cn", 9, "link"),
            contact("website", "http://www.xqq.gov.cn/", 125, "link", 6),
            contact("phone", "0951-6121130", 9),
            contact("fax", "0951-6121130", 9),
        )
    )
    assert [(v.span.line, v.context["field"]) for v in check(con.con003, rep)] == [(44, "email")]


# --- FMT --------------------------------------------------------------------------------------


def signal(fmt_: str, line: int) -> FormatSignal:
    return FormatSignal(fmt_, "a20_1.columns", Span(line, 1, line, 5))


def test_fmt_rules_on_citation_year_and_table_format() -> None:
    cite60 = FormatCitation("60", 2019, "〔2019〕60号", Span(7, 10, 7, 14))
    cite30 = FormatCitation("30", 2021, "〔2021〕30号", Span(7, 10, 7, 14))
    t2_60 = Table("proactive", "60", 2, (), Span(45, 1, 63, 1), (signal("60", 46),))
    t3_30 = Table("applications", "30", 3, (), Span(67, 1, 94, 1), (signal("30", 90),))
    t3_60 = Table("applications", "60", 3, (), Span(67, 1, 94, 1), (signal("60", 92),))
    ok2020 = report(year=2020, format_cited=cite60, tables=(t2_60, t3_60))
    for r_ in (fmt.fmt001, fmt.fmt002, fmt.fmt003, fmt.fmt004):
        assert check(r_, ok2020) == []
    mixed2024 = report(year=2024, format_cited=cite30, tables=(t2_60, t3_30))
    assert [v.span.line for v in check(fmt.fmt003, mixed2024)] == [46]
    assert [(v.span.line, v.context["odd"]) for v in check(fmt.fmt004, mixed2024)] == [(46, "60")]
    assert check(fmt.fmt002, mixed2024) == []
    old2024 = report(year=2024, format_cited=cite60, tables=(t2_60, t3_60))
    assert [v.span.line for v in check(fmt.fmt002, old2024)] == [7]
    assert [v.context["table"] for v in check(fmt.fmt003, old2024)] == ["proactive", "applications"]
    assert check(fmt.fmt004, old2024) == []
    assert [v.span for v in check(fmt.fmt001, report(year=2024))] == [None]


def test_fmt005_missing_rows_unknown_rows_and_missing_tables() -> None:
    t = Table(
        "applications",
        "30",
        3,
        (
            Row(None, "奇怪的行", Span(80, 1, 80, 5), cells([0] * 7, 80)),
            Row(None, "（三）小计", Span(81, 1, 81, 5), cells([0] * 7, 81)),
        ),
        Span(70, 1, 90, 1),
        missing_rows=("other_fee_unpaid",),
    )
    rep = report(tables=(t,), sections=(section(2, 40), section(3, 65), section(4, 96)))
    found = check(fmt.fmt005, rep)
    assert [(v.span.line, v.context.get("missing"), v.context.get("missing_rows")) for v in found] == [
        (40, "table", None),
        (96, "table", None),
        (70, None, ["other_fee_unpaid"]),
        (80, None, None),
    ]


# --- DAT --------------------------------------------------------------------------------------


def test_dat001_years_disagreeing_with_the_title() -> None:
    rep = report(
        year=2024,
        year_mentions=(
            YearMention(2024, "title", Span(2, 1, 2, 5)),
            YearMention(2023, "preamble-title", Span(10, 3, 10, 7)),
        ),
        period=Period(date(2023, 1, 1), date(2023, 12, 31), "…", Span(12, 1, 12, 20)),
    )
    assert [(v.span.line, v.context["where"], v.context["actual"]) for v in check(dat.dat001, rep)] == [
        (10, "preamble-title", 2023),
        (12, "period", 2023),
    ]


@pytest.mark.parametrize(
    ("organ", "signed", "late"),
    [
        ("兴庆区掌政镇", date(2021, 1, 25), False),
        ("兴庆区掌政镇", date(2021, 2, 1), True),
        ("银川市西夏区民政局", date(2021, 2, 1), True),
        ("银川市西夏区人民政府", date(2021, 3, 30), False),
        ("银川市西夏区人民政府", date(2021, 4, 1), True),
    ],
)
def test_dat002_deadline_by_organ_type(organ: str, signed: date, late: bool) -> None:
    rep = report(organ=organ, year=2020, date=DateMark(signed, "x", Span(129, 1, 129, 10)))
    assert bool(check(dat.dat002, rep)) is late


def test_dat003_missing_period() -> None:
    assert len(check(dat.dat003, report(year=2020))) == 1
    assert (
        check(dat.dat003, report(period=Period(date(2020, 1, 1), date(2020, 12, 31), "", Span(9, 1, 9, 2))))
        == []
    )


# --- CNT --------------------------------------------------------------------------------------


def test_cnt_rules() -> None:
    t3 = Table("applications", "30", 3, (), Span(1, 1, 1, 1), (signal("30", 1),))
    six_without = section(6, 100, text="无。")
    six_with = section(6, 100, text="2024年兴仁镇未收取信息处理 费。")
    assert [v.span.line for v in check(cnt.cnt001, report(tables=(t3,), sections=(six_without,)))] == [100]
    assert check(cnt.cnt001, report(tables=(t3,), sections=(six_with,))) == []
    assert check(cnt.cnt001, report(sections=(six_without,))) == []  # 60 / unknown format
    one = section(1, 10, text="主动公开……依申请公开……政府信息管理……平台建设")
    found = check(cnt.cnt002, report(sections=(one,)))
    assert [v.context["missing"] for v in found] == [["supervision"]]


# --- engine integration -----------------------------------------------------------------------


def test_every_catalogue_rule_is_registered_with_complete_metadata() -> None:
    rules = registry().rules
    assert rules
    for code, r in rules.items():
        assert r.code == code and r.name and r.summary and r.summary_zh and r.explanation
        assert r.bad and r.good and r.message_zh and r.message_en
    assert rules["ACC008"].scope == "cross-year"
    assert rules["PAR004"].severity is Severity.INFO


def test_engine_renders_messages_in_both_languages() -> None:
    rep = seed001_like()
    settings = {"ACC002": RuleSettings(True, Severity.ERROR, {})}
    zh = run([rep], settings, lang="zh")
    en = run([rep], settings, lang="en")
    assert [f.message for f in zh] == ["表三“unable_not_held”：各申请人列之和为3，但总计为0"]
    assert [f.message for f in en] == [
        "Table 三, row 'unable_not_held': the applicant columns add up to 3, but 总计 is 0"
    ]


@given(
    st.lists(st.sampled_from([0, 1, 2, None]), min_size=1, max_size=10), st.integers(min_value=1, max_value=8)
)
def test_known_values_agrees_with_every_ordered_selection(raw: list[int | None], n: int) -> None:
    columns = tuple(f"c{i}" for i in range(n))
    r = Row("x", "x", Span(1, 1, 1, 2), cells(raw, 1, None), incomplete=True, expected_cells=n)
    known = _util.known_values(r, columns)
    if len(raw) <= n or all(v == 0 for v in raw):
        assert set(known.values()) == {None}
        return
    readings = [[raw[i] for i in pick] for pick in combinations(range(len(raw)), n)]
    for i, column in enumerate(columns):
        values = {reading[i] for reading in readings}
        assert known[column] == (values.pop() if len(values) == 1 and None not in values else None)
