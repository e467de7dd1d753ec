"""``identity``: an arithmetic identity over table cells (the expression language of expr.py,
imported when a pack uses the kind: it builds a Lark parser, which a run without such a rule
never needs)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ...domain.numbers import json_number
from ...messages import Text
from ...nodes import Report
from ...rule import RuleContext, Violation
from ..yamlsrc import Source
from .base import Kind, ParamSpec


def check(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    from ... import expr

    identity = expr.compile_expression(str(ctx.params["expression"]))
    for outcome in expr.failures(identity, report):
        table = outcome.anchor.table if outcome.anchor else ""
        where = "/".join(str(p) for p in (table, outcome.row, outcome.column) if p)
        actual, expected = json_number(outcome.left), json_number(outcome.right)
        yield Violation(
            expr.anchor_span(outcome, report),
            args={
                "expression": identity.text.strip(),
                "actual": actual,
                "expected": expected,
                "table": table,
                "row": outcome.row or "",
                "column": outcome.column or "",
                "where": where,
            },
            context={
                "table": table,
                "row": outcome.row,
                "column": outcome.column,
                "expected": expected,
                "actual": actual,
                "binding": dict(outcome.binding),
            },
            logical_path=where,
        )


def _validate(value: Any, source: Source, where: Sequence[str | int]) -> None:
    if not isinstance(value, str):
        raise source.error(where, Text("表达式必须是字符串", "an expression must be a string"))
    from ... import expr

    try:
        expr.compile_expression(str(value))
    except expr.ExprError as exc:
        raise source.error_in_scalar(where, exc.offset, f"invalid expression: {exc.message}") from None


KIND = Kind(
    "identity",
    (ParamSpec("expression", {"type": "string", "minLength": 1}, required=True, validate=_validate),),
    ("expression", "actual", "expected", "table", "row", "column", "where"),
    "勾稽关系不成立：{expression}（{where}：左边为 {actual}，右边为 {expected}）",
    "identity does not hold: {expression} ({where}: left side {actual}, right side {expected})",
    "A table identity must hold",
    check,
)
