"""The identity expression language (grammar/expr.lark, disclint.expr)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from disclint.expr import ExprError, compile_expression, evaluate, failures
from disclint.nodes import Cell, Report, Row, Span, Table
from disclint.parse import parse_path

from corpus import SEEDS

I3_2 = (
    "t3.*.total == t3.*.natural_person + t3.*.commercial_enterprise + t3.*.research_institution"
    " + t3.*.social_welfare_org + t3.*.legal_service_org + t3.*.other_org"
)
I3_1 = "t3.new_received.* + t3.carried_over.* == t3.outcome_total.* + t3.carried_forward.*"


def _row(key: str, line: int, values: dict[str, int | Decimal | None], incomplete: bool = False) -> Row:
    cells = tuple(
        Cell(col, v, str(v), Span(line, 10 * i + 1, line, 10 * i + 2))
        for i, (col, v) in enumerate(values.items())
    )
    return Row(key, key, Span(line, 1, line, 2), cells, incomplete=incomplete)


def _report(*rows: Row, kind: str = "applications") -> Report:
    table = Table(kind, "30", 3, rows, Span(1, 1, 30, 1), columns=("natural_person", "total"))
    return Report(path="hand.txt", source_kind="text", lines=(), tables=(table,))


# ---------------------------------------------------------------------------------------------
# Parsing


def test_parses_operators_comparisons_and_tolerance() -> None:
    identity = compile_expression("t2.fees.amount × 2 ÷ 4 ≤ abs(-3) + sum(t3.withheld_*.total)")
    assert identity.op == "<="
    assert identity.dims == ()
    tol = compile_expression("t2.fees.amount == 1.5 ± 0.01")
    assert (tol.op, tol.tolerance) == ("==", Decimal("0.01"))
    assert compile_expression("t2.fees.amount != 1 tol 0.5").tolerance == Decimal("0.5")


def test_wildcards_outside_sum_bind_dimensions() -> None:
    assert compile_expression(I3_1).dims == ("column",)
    assert compile_expression(I3_2).dims == ("row",)
    assert compile_expression("sum(t3.new_received.*) >= 0").dims == ()
    assert compile_expression("t4.*.* >= 0").dims == ("row", "column")


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("t3.new_recieved.total == 1", 1, 4, "did you mean 'new_received'"),
        ("t3.new_received.totl == 1", 1, 17, "unknown column key 'totl'"),
        ("t3.new_received.total + == 2", 1, 25, "unexpected '=='"),
        ("t3.new_received.total == 1 $", 1, 28, "unexpected character '$'"),
        ("t5.new_received.total == 1", 1, 1, "unexpected 't5'"),
        ("t3.new_received.total", 1, 22, "ends too early"),
        ("t3.new_received.total <= 2 ± 0.1", 1, 30, "tolerance applies to == and != only"),
        ("t3.new_received.total ==\n  t3.nothing.total", 2, 6, "unknown row key 'nothing'"),
        ("sum(t3.zzz_*.total) == 0", 1, 8, "unknown row key 'zzz_*'"),
    ],
)
def test_errors_point_at_line_and_column(text: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(ExprError) as info:
        compile_expression(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert fragment in info.value.message


# ---------------------------------------------------------------------------------------------
# Evaluation on hand-built tables


def test_one_outcome_per_column_and_failures_name_the_cell() -> None:
    report = _report(
        _row("new_received", 1, {"natural_person": 3, "total": 3}),
        _row("carried_over", 2, {"natural_person": 0, "total": 0}),
        _row("outcome_total", 3, {"natural_person": 3, "total": 0}),
        _row("carried_forward", 4, {"natural_person": 0, "total": 0}),
    )
    outcomes = evaluate(compile_expression(I3_1), report)
    assert [(o.column, o.holds) for o in outcomes] == [("natural_person", True), ("total", False)]
    failed = failures(compile_expression(I3_1), report)[0]
    assert (failed.left, failed.right, failed.row) == (Decimal(3), Decimal(0), "new_received")
    assert failed.cell is not None and failed.cell.span == Span(1, 11, 1, 12)


def test_missing_or_incomplete_cells_make_a_binding_unknown() -> None:
    report = _report(
        _row("new_received", 1, {"natural_person": 3, "total": 3}),
        _row("carried_over", 2, {"natural_person": 0, "total": 0}, incomplete=True),
        _row("outcome_total", 3, {"natural_person": 1, "total": None}),
    )
    assert evaluate(compile_expression(I3_1), report) == []
    assert evaluate(compile_expression("t3.new_received.total == 99"), _report()) == []


def test_sum_adds_up_an_unbound_wildcard() -> None:
    report = _report(
        _row("withheld_state_secret", 1, {"natural_person": 1, "total": 1}),
        _row("withheld_third_party", 2, {"natural_person": 2, "total": 2}),
        _row("disclosed", 3, {"natural_person": 5, "total": 5}),
    )
    assert [o.holds for o in evaluate(compile_expression("sum(t3.withheld_*.total) == 3"), report)] == [True]
    assert [o.left for o in evaluate(compile_expression("sum(t3.*.*) == 0"), report)] == [Decimal(16)]
    # row bound outside: sum() over columns of that row only
    per_row = evaluate(compile_expression("2 * t3.*.total == sum(t3.*.natural_person, t3.*.total)"), report)
    assert [(o.row, o.holds) for o in per_row] == [
        ("withheld_state_secret", True),
        ("withheld_third_party", True),
        ("disclosed", True),
    ]


def test_tolerance_for_money() -> None:
    row = Row(
        "fees",
        "行政事业性收费",
        Span(1, 1, 1, 2),
        (Cell("amount", Decimal("402.2"), "402.2", Span(1, 5, 1, 10)),),
    )
    report = _report(row, kind="proactive")
    assert evaluate(compile_expression("t2.fees.amount == 402.21 ± 0.01"), report)[0].holds
    assert not evaluate(compile_expression("t2.fees.amount == 402.25 ± 0.01"), report)[0].holds
    assert not evaluate(compile_expression("t2.fees.amount == 402.21"), report)[0].holds


def test_division_by_zero_is_unknown() -> None:
    report = _report(_row("new_received", 1, {"natural_person": 0, "total": 0}))
    assert (
        evaluate(compile_expression("t3.new_received.total / t3.new_received.natural_person == 1"), report)
        == []
    )


# ---------------------------------------------------------------------------------------------
# On the seeds


@pytest.fixture(scope="module")
def seeds() -> dict[str, Report]:
    return {p.stem[:3]: parse_path(p) for p in sorted(SEEDS.glob("*.txt"))}


def test_row_total_identity_fails_once_on_seed_001(seeds: dict[str, Report]) -> None:
    failed = failures(compile_expression(I3_2), seeds["001"])
    # the （四）1. row: 自然人 3, 总计 0; the （七）总计 row has 8 cells (incomplete) and is skipped
    assert [(o.row, o.column, o.left, o.right) for o in failed] == [("unable_not_held", "total", 0, 3)]
    assert failed[0].cell is not None and failed[0].cell.span.line == 84


@pytest.mark.parametrize("stem", ["000", "002", "003", "004"])
def test_table_identities_hold_on_the_other_seeds(seeds: dict[str, Report], stem: str) -> None:
    for text in (I3_1, I3_2, "t4.*.total == t4.*.upheld + t4.*.corrected + t4.*.other + t4.*.pending"):
        outcomes = evaluate(compile_expression(text), seeds[stem])
        assert outcomes, text
        assert all(o.holds for o in outcomes), text


def test_review_cell_on_seed_003(seeds: dict[str, Report]) -> None:
    failed = failures(compile_expression("t4.review.corrected == 0"), seeds["003"])
    assert [(o.row, o.column, o.left) for o in failed] == [("review", "corrected", 1)]
