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
from .messages import render
from .nodes import Report, Span

EXAMPLE_SEPARATOR = "\n---\n"  # between the reports of a batch rule's example


@dataclass(frozen=True)
class Param:
    name: str
    default: Any
    description: str
    description_zh: str = ""

    def description_in(self, lang: str) -> str:
        return self.description_zh if lang == "zh" and self.description_zh else self.description


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
    bad: str  # report text that triggers the rule (tests/test_examples.py runs it)
    good: str  # the same text, fixed (the rule stays silent on it)
    check: Callable[..., Iterable[Violation]]
    params: tuple[Param, ...] = ()
    scope: str = "report"  # "report" | "batch" | "cross-year" (check(current, previous, ctx) on ReportFacts)
    origin: str = "disclint"  # plugin / pack that contributed the rule
    status: str = "stable"
    runnable_examples: bool = True  # False: the examples describe input that is not text (PAR001)
    # which documents it judges: "reports" (readable and recognised as a report, disclint.recognize),
    # "readable" (every readable document: PAR007), "all" (unreadable ones too: PAR001)
    documents: str = "reports"
    explanation_zh: str = ""  # the explanation in Chinese ("": only the English one)

    def explanation_in(self, lang: str) -> str:
        """The explanation in ``lang``, the English one where there is no Chinese one."""
        return self.explanation_zh if lang == "zh" and self.explanation_zh else self.explanation

    @property
    def family(self) -> str:
        return self.code.rstrip("0123456789")

    def example_documents(self, which: str) -> list[str]:
        """The ``bad`` or ``good`` example as report texts: one, or for a batch rule several,
        separated by a line ``---``."""
        text = self.bad if which == "bad" else self.good
        return [part.strip("\n") + "\n" for part in text.split(EXAMPLE_SEPARATOR)]

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def template(self, lang: str) -> str:
        return self.message_en if lang == "en" else self.message_zh

    def message(self, lang: str, args: Mapping[str, Any]) -> str:
        """The message in ``lang``; MessageError when the template and ``args`` do not match (a
        rule's bug, caught by the tests; the engine then reports the template as it stands)."""
        return render(self.template(lang), args, lang)


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
    explanation_zh: str = "",
    bad: str,
    good: str,
    params: Iterable[Param] = (),
    scope: str = "report",
    runnable_examples: bool = True,
    documents: str = "reports",
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
            explanation_zh=explanation_zh.strip(),
            bad=bad.strip("\n"),
            good=good.strip("\n"),
            check=fn,
            params=tuple(params),
            scope=scope,
            runnable_examples=runnable_examples,
            documents=documents,
        )

    return wrap
