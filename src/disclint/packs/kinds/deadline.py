"""``deadline``: the report must be dated by the deadline for its organ kind (what DAT002 does,
with a deadline per organ kind)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ...checks.dat import publication_deadline
from ...domain import organs
from ...messages import Text
from ...nodes import Report
from ...rule import RuleContext, Violation
from ..yamlsrc import Source
from .base import Kind, ParamSpec


def check(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    found = publication_deadline(report, dict(ctx.params["deadlines"]))
    if report.date is None or found is None:
        return
    kind, deadline = found
    if report.date.value > deadline:
        dated = report.date.value.isoformat()
        yield Violation(
            report.date.span,
            args={
                "date": dated,
                "deadline": deadline.isoformat(),
                "organ_type": Text(organs.kind_text(kind).zh, kind),
                "organ_type_zh": organs.kind_text(kind).zh,
            },
            context={"date": dated, "deadline": deadline.isoformat(), "organ_type": kind},
            logical_path="date",
        )


def _validate(value: Any, source: Source, where: Sequence[str | int]) -> None:
    if not isinstance(value, Mapping):
        raise source.error(
            where,
            Text(
                "deadlines 应把 department、township 或 government 对应到 01-31 这样的日期",
                "deadlines must map department, township or government to a date like 01-31",
            ),
        )
    for organ, text in value.items():
        if organ not in organs.KINDS:
            raise source.error(
                [*where, organ],
                Text(
                    f"未知的机关类型 {organ!r}（department、township、government）",
                    f"unknown organ type {organ!r} (department, township, government)",
                ),
                key=True,
            )
        try:
            organs.parse_month_day(str(text))
        except ValueError:
            raise source.error([*where, organ], not_month_day(text)) from None


def not_month_day(text: Any) -> Text:
    """The one wording of a bad deadline date (the pack schema's check says the same)."""
    return Text(f"{text!r} 不是 01-31 这样的月-日日期", f"{text!r} is not a month-day date such as 01-31")


KIND = Kind(
    "deadline",
    (
        ParamSpec(
            "deadlines",
            {
                "type": "object",
                "additionalProperties": False,
                "properties": {k: {"$ref": "#/$defs/date"} for k in organs.KINDS},
            },
            default=dict(organs.DEFAULT_DEADLINES),
            validate=_validate,
        ),
    ),
    ("date", "deadline", "organ_type", "organ_type_zh"),
    "报告日期 {date} 晚于{organ_type}报告的发布期限 {deadline}",
    "the report is dated {date}, after the {organ_type} deadline {deadline}",
    "The report must be published before the deadline",
    check,
)
