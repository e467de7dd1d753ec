"""``require-section``: these sections must be present (what SEC001 does for all six)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ...checks.sec import missing_sections
from ...domain import numerals
from ...messages import Text
from ...nodes import Report
from ...rule import RuleContext, Violation
from ..yamlsrc import Source
from .base import Kind, ParamSpec


def check(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for number, place in missing_sections(report, [int(n) for n in ctx.params["sections"]]):
        yield Violation(
            place,
            args={
                "section": Text(numerals.numeral(number), str(number)),
                "section_zh": numerals.numeral(number),
            },
            context={"section": number},
            logical_path=f"sections/{number}",
        )


def _validate(value: Any, source: Source, where: Sequence[str | int]) -> None:
    if not isinstance(value, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= 6 for n in value
    ):
        raise source.error(
            where,
            Text(
                f"sections 必须是 1 到 6 的数字列表，而不是 {value!r}",
                f"sections must be a list of numbers 1 to 6, not {value!r}",
            ),
        )


KIND = Kind(
    "require-section",
    (
        ParamSpec(
            "sections",
            {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 6}, "minItems": 1},
            required=True,
            validate=_validate,
        ),
    ),
    ("section", "section_zh"),
    "缺少第{section}部分",
    "section {section} is missing",
    "Required sections must be present",
    check,
)
