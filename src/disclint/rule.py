"""Rule metadata, kept next to each check (code, name, severity, messages, explanation, examples).

A check is a pure function ``check(report, ctx) -> Iterable[Violation]`` (or, for batch rules,
``check(reports, ctx)``; for cross-year rules ``check(current, previous, ctx)`` on the two reports'
:class:`~disclint.batch.facts.ReportFacts`). It never builds message strings: it yields a :class:`Violation` whose
``args`` fill the rule's message templates, so zh/en are a data change. The engine turns
violations into :class:`~disclint.findings.Finding` objects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .findings import Severity
from .nodes import Report, Span


@dataclass(frozen=True)
class Param:
    name: str
    default: Any
    description: str


@dataclass(frozen=True)
class Violation:
    span: Span | None  # None: about the whole document (reported at line 1)
    args: Mapping[str, Any] = field(default_factory=dict)
    context: Mapping[str, Any] = field(default_factory=dict)
    logical_path: str = ""  # e.g. "applications/unable_not_held/total"; used for fingerprints
    path: str | None = None  # batch rules: the report this violation belongs to


@dataclass(frozen=True)
class RuleContext:
    """What a check may look at besides the report: its parameters and the language."""

    params: Mapping[str, Any]
    lang: str = "zh"

    def param(self, name: str) -> Any:
        return self.params[name]


ReportCheck = Callable[[Report, RuleContext], Iterable[Violation]]
BatchCheck = Callable[[list[Report], RuleContext], Iterable[Violation]]


@dataclass(frozen=True)
class Rule:
    code: str  # e.g. ACC001
    name: str  # kebab-case, e.g. application-balance
    severity: Severity
    summary: str  # one line, English
    summary_zh: str
    message_zh: str  # template with {named} fields from Violation.args
    message_en: str
    explanation: str  # why it matters (English, Markdown)
    bad: str  # report text that triggers the rule
    good: str  # the same text, fixed
    check: Callable[..., Iterable[Violation]]
    params: tuple[Param, ...] = ()
    scope: str = "report"  # "report" | "batch" | "cross-year" (check(current, previous, ctx) on ReportFacts)
    origin: str = "disclint"  # plugin / pack that contributed the rule
    status: str = "stable"

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def message(self, lang: str, args: Mapping[str, Any]) -> str:
        template = self.message_en if lang == "en" else self.message_zh
        try:
            return template.format(**args)
        except (KeyError, IndexError, ValueError):
            return template


def rule(
    code: str,
    name: str,
    severity: str,
    *,
    summary: str,
    summary_zh: str,
    message_zh: str,
    message_en: str,
    explanation: str,
    bad: str,
    good: str,
    params: Iterable[Param] = (),
    scope: str = "report",
) -> Callable[[Callable[..., Iterable[Violation]]], Rule]:
    """Decorator: ``@rule("ACC001", "application-balance", "error", ...)`` over a check function."""

    def wrap(fn: Callable[..., Iterable[Violation]]) -> Rule:
        return Rule(
            code=code,
            name=name,
            severity=Severity(severity),
            summary=summary,
            summary_zh=summary_zh,
            message_zh=message_zh,
            message_en=message_en,
            explanation=explanation.strip(),
            bad=bad.strip("\n"),
            good=good.strip("\n"),
            check=fn,
            params=tuple(params),
            scope=scope,
        )

    return wrap
