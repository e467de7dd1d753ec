"""``require-text``: each pattern must match somewhere in each scope."""

from __future__ import annotations

from collections.abc import Iterator

from ...nodes import Report
from ...rule import RuleContext, Violation
from .. import patterns as regex
from .base import Kind
from .text import (
    TEXT_ARGS,
    TEXT_PARAMS,
    ignore_case,
    patterns,
    scope_span,
    scope_text,
    scope_zh,
    scopes,
    section_text,
)


def check(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for scope in scopes(ctx.params["scope"]):
        text = section_text(report, scope)
        if text is None:
            continue  # the section is missing: SEC001's business, not this rule's
        for pattern in patterns(ctx.params):
            if not regex.search(pattern, text, ignore_case(ctx.params)):
                yield Violation(
                    scope_span(report, scope),
                    args={"pattern": pattern, "scope": scope_text(scope), "scope_zh": scope_zh(scope)},
                    context={"scope": scope, "pattern": pattern},
                    logical_path=f"{scope}/{pattern}",
                )


KIND = Kind(
    "require-text",
    TEXT_PARAMS,
    TEXT_ARGS,
    "{scope}未出现要求的内容：{pattern}",
    "required text not found in {scope}: {pattern}",
    "Required text must appear",
    check,
    one_of=("pattern", "patterns"),
)
