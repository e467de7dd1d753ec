"""What the text kinds (``require-text``, ``forbid-text``) share: scopes, patterns (RE2), case."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...domain import numerals
from ...messages import Text
from ...nodes import Located, Paragraph, Report, Span
from .. import patterns as regex
from ..yamlsrc import Source
from .base import ParamSpec

SCOPE_WORDS = ("any", "title", "preamble")


def scope_zh(scope: object) -> str:
    if scope == "preamble":
        return "引言"
    if scope == "title":
        return "标题"
    if scope == "any":
        return "全文"
    return f"第{numerals.numeral(scope)}部分" if isinstance(scope, int) else str(scope)


def scope_text(scope: object) -> Text:
    """How messages name a scope: ``第六部分`` / ``6``, ``引言`` / ``preamble``."""
    return Text(scope_zh(scope), str(scope))


def scopes(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def paragraphs(report: Report, scope: Any) -> list[Paragraph] | None:
    """Paragraphs (and sub-headings as pseudo-paragraphs) in ``scope``; None when it is absent."""
    if scope == "title":
        return [Paragraph(report.title)] if report.title is not None else None
    if scope == "preamble":
        return list(report.preamble)
    if scope == "any":
        found = [Paragraph(report.title)] if report.title is not None else []
        found.extend(report.preamble)
        for s in report.sections:
            found.extend(s.paragraphs)
        return found
    section = report.section(int(scope))
    return None if section is None else list(section.paragraphs)


def heading_paragraphs(headings: Sequence[Any]) -> list[Paragraph]:
    return [Paragraph(Located(h.title, ((0, h.span.line, h.span.column),))) for h in headings]


def section_text(report: Report, scope: Any) -> str | None:
    if isinstance(scope, int):
        section = report.section(scope)
        return None if section is None else section.text
    found = paragraphs(report, scope)
    return None if found is None else "\n".join(p.text for p in found)


def scope_span(report: Report, scope: Any) -> Span | None:
    if isinstance(scope, int):
        section = report.section(scope)
        return None if section is None else section.heading
    if scope == "preamble" and report.preamble:
        return report.preamble[0].span
    return report.title.span if report.title is not None else None


def patterns(params: Mapping[str, Any]) -> list[str]:
    if params.get("patterns"):
        return [str(p) for p in params["patterns"]]
    return [str(params["pattern"])] if params.get("pattern") else []


def ignore_case(params: Mapping[str, Any]) -> bool:
    return bool(params.get("ignore_case"))


def _validate_patterns(value: Any, source: Source, where: Sequence[str | int]) -> None:
    single = not isinstance(value, list)
    for i, pattern in enumerate([value] if single else value):
        at = list(where) if single else [*where, i]
        if not isinstance(pattern, str):
            kind = type(pattern).__name__
            raise source.error(
                at, Text(f"模式必须是字符串，而不是 {kind}", f"a pattern must be a string, not {kind}")
            )
        try:
            regex.compile_pattern(pattern)  # RE2: linear time, whatever the pattern and the text
        except regex.PatternError as exc:
            raise source.error_in_scalar(
                at, 0, Text(f"正则表达式无效：{exc.message}", f"invalid regular expression: {exc.message}")
            ) from None


def _validate_scope(value: Any, source: Source, where: Sequence[str | int]) -> None:
    for i, item in enumerate(scopes(value)):
        ok = item in SCOPE_WORDS or (isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= 6)
        if not ok:
            at = list(where) if not isinstance(value, list) else [*where, i]
            raise source.error(at, scope_problem(item))


def scope_problem(item: Any) -> Text:
    """The one wording of a bad ``scope`` entry (the pack schema's check says the same)."""
    return Text(
        f"scope {item!r} 不是 1 到 6、preamble、title 或 any",
        f"scope {item!r} is not 1 to 6, preamble, title or any",
    )


def _validate_bool(value: Any, source: Source, where: Sequence[str | int]) -> None:
    if not isinstance(value, bool):
        raise source.error(
            where, Text("ignore_case 必须是 true 或 false", "ignore_case must be true or false")
        )


TEXT_PARAMS = (
    ParamSpec("pattern", {"type": "string", "minLength": 1}, validate=_validate_patterns),
    ParamSpec(
        "patterns",
        {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
        validate=_validate_patterns,
    ),
    ParamSpec(
        "scope",
        {
            "anyOf": [
                {"$ref": "#/$defs/scope"},
                {"type": "array", "items": {"$ref": "#/$defs/scope"}, "minItems": 1},
            ]
        },
        default="any",
        validate=_validate_scope,
    ),
    ParamSpec("ignore_case", {"type": "boolean"}, default=False, validate=_validate_bool),
)
TEXT_ARGS = ("pattern", "scope", "scope_zh")
