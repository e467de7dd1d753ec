"""Run the cross-year rules (scope ``cross-year``) on every (this year, last year) pair of one
organ's reports, from their :class:`~disclint.batch.facts.ReportFacts` alone.

A cross-year check is ``check(current, previous, ctx)``; its violations carry the logical path of
the figure they are about (``applications/carried_over/total``), which places the finding on that
cell of the current report, and name the previous report in their arguments and context.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping

from ..engine import CROSS_YEAR, Registry, RuleSettings, finding_at
from ..findings import Finding, Location
from ..nodes import Span
from ..rule import Rule, RuleContext, Violation
from .facts import ReportFacts
from .organs import year_pairs

SettingsFor = Callable[[str], Mapping[str, RuleSettings]]


def cross_year_findings(
    facts: Iterable[ReportFacts],
    settings_for: SettingsFor,
    lang: str,
    reg: Registry,
    aliases: Mapping[str, str],
    refresh: Callable[[ReportFacts], ReportFacts] | None = None,
) -> list[Finding]:
    """The cross-year findings of the reports among ``facts`` (documents the rules judge, see
    :mod:`disclint.recognize`: never a file that is not a report). ``refresh`` gives the facts
    of a file checked again, for facts whose figures turn out not to be valid (a cache entry
    written by hand)."""
    rules = [r for r in reg.rules.values() if r.scope == CROSS_YEAR]
    if not rules:
        return []
    judged = [f for f in facts if f.judged]
    findings: list[Finding] = []
    fresh: dict[str, ReportFacts] = {}

    def valid(f: ReportFacts) -> ReportFacts:
        if refresh is None or f.decoded_figures is not None:
            return f
        if f.path not in fresh:
            fresh[f.path] = refresh(f)
        return fresh[f.path]

    for current, previous in year_pairs(judged, aliases):
        current, previous = valid(current), valid(previous)
        settings = settings_for(current.path)
        for r in rules:
            s = settings.get(r.code)
            if s is None or not s.enabled:
                continue
            ctx = RuleContext({**r.defaults(), **s.params}, lang)
            try:
                violations = list(r.check(current, previous, ctx))
            except Exception as exc:  # a crashing rule must not take the batch down
                print(f"disclint: rule {r.code} failed on {current.path}: {exc!r}", file=sys.stderr)
                continue
            findings.extend(_finding(r, s, current, v, lang) for v in violations)
    findings.sort(key=Finding.sort_key)
    return findings


def _finding(rule: Rule, settings: RuleSettings, current: ReportFacts, v: Violation, lang: str) -> Finding:
    figure = current.figures.get(v.logical_path)
    if figure is not None:
        span = figure.span
        where = Location(current.path, span.line, span.column, span.end_line, span.end_column, figure.native)
        return finding_at(rule, settings, v, lang, where, figure.snippet, figure.line_text)
    span = v.span or Span(1, 1, 1, 1)
    where = Location(current.path, span.line, span.column, span.end_line, span.end_column)
    return finding_at(rule, settings, v, lang, where, "", "")
