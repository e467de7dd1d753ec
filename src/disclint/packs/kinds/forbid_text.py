"""``forbid-text``: no pattern may match in any scope (sub-headings of a section included)."""

from __future__ import annotations

from collections.abc import Iterator

from ...nodes import Report, Span
from ...rule import RuleContext, Violation
from .. import patterns as regex
from .base import Kind
from .text import (
    TEXT_ARGS,
    TEXT_PARAMS,
    heading_paragraphs,
    ignore_case,
    paragraphs,
    patterns,
    scope_text,
    scope_zh,
    scopes,
)


def check(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    seen: set[Span] = set()
    for scope in scopes(ctx.params["scope"]):
        found = list(paragraphs(report, scope) or ())
        if isinstance(scope, int):
            section = report.section(scope)
            found.extend(heading_paragraphs(section.subheadings if section else ()))
        for pattern in patterns(ctx.params):
            for para in found:
                for m in regex.finditer(pattern, para.text, ignore_case(ctx.params)):
                    span = para.body.span_of(m.start, m.end)
                    if span in seen or not m.text:
                        continue
                    seen.add(span)
                    yield Violation(
                        span,
                        args={
                            "pattern": pattern,
                            "match": m.text,
                            "scope": scope_text(scope),
                            "scope_zh": scope_zh(scope),
                        },
                        context={"scope": scope, "pattern": pattern, "match": m.text},
                        logical_path=f"{scope}/{pattern}",
                    )


KIND = Kind(
    "forbid-text",
    TEXT_PARAMS,
    (*TEXT_ARGS, "match"),
    "{scope}出现不应出现的内容：“{match}”",
    "forbidden text in {scope}: {match}",
    "Forbidden text must not appear",
    check,
    one_of=("pattern", "patterns"),
)
