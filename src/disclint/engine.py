"""The rule engine: a pluggy PluginManager, the rule registry, and the run over reports."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pluggy

from . import hookspecs
from .findings import Finding, Location, Severity
from .nodes import Report, Span
from .readers.base import LOW_CONFIDENCE, SourceLine
from .rule import Rule, RuleContext, Violation

ENTRY_POINT_GROUP = "disclint.plugins"


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool
    severity: Severity
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class Registry:
    rules: dict[str, Rule]
    pack_files: list[Path]
    plugin_errors: list[str]
    pm: pluggy.PluginManager

    def get(self, code: str) -> Rule | None:
        return self.rules.get(code.upper())

    def default_settings(self) -> dict[str, RuleSettings]:
        return {c: RuleSettings(True, r.severity, r.defaults()) for c, r in self.rules.items()}


def _plugin_manager() -> tuple[pluggy.PluginManager, list[str]]:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    errors: list[str] = []
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if pm.get_plugin(ep.name) is not None:
            continue
        try:
            pm.register(ep.load(), name=ep.name)
        except Exception as exc:  # a broken plugin is reported and skipped, never fatal
            errors.append(f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}")
    if pm.get_plugin("national") is None:  # running from a source tree without entry points
        from . import checks

        pm.register(checks, name="national")
    return pm, errors


@cache
def registry() -> Registry:
    pm, errors = _plugin_manager()
    rules: dict[str, Rule] = {}
    # each implementation of the hook, with the name of the plugin that registered it: built-in
    # rules keep origin "disclint", a plugin's rules are tagged with its entry-point name
    for impl in reversed(pm.hook.disclint_rules.get_hookimpls()):
        try:
            contributed: Iterable[Rule] = impl.function() or ()  # type: ignore[assignment]
        except Exception as exc:  # a broken plugin is reported and skipped, never fatal
            errors.append(f"plugin {impl.plugin_name!r} failed in disclint_rules: {exc}")
            continue
        for r in contributed:
            if impl.plugin_name != "national" and r.origin == "disclint":
                r = _with_origin(r, impl.plugin_name)
            rules.setdefault(r.code, r)
    packs: list[Path] = []
    for pack_files in pm.hook.disclint_packs():
        packs.extend(Path(p) for p in pack_files or ())
    return Registry(dict(sorted(rules.items())), packs, errors, pm)


def _with_origin(r: Rule, origin: str) -> Rule:
    from dataclasses import replace

    return replace(r, origin=origin)


def _enabled(settings: Settings, code: str) -> bool:
    s = settings.get(code)
    return s is not None and s.enabled


def register_rules(extra: Iterable[Rule]) -> None:
    """Add rules defined at run time (declarative pack rules) to the registry."""
    reg = registry()
    for r in extra:
        reg.rules[r.code] = r


def _snippet(lines: tuple[str, ...], span: Span) -> str:
    """The source text under the span (its first line)."""
    if 1 <= span.line <= len(lines):
        text = lines[span.line - 1]
        if span.end_line == span.line:
            return text[span.column - 1 : span.end_column - 1]
        return text[span.column - 1 :]
    return ""


def _line_text(lines: tuple[str, ...], span: Span) -> str:
    return lines[span.line - 1] if 1 <= span.line <= len(lines) else ""


def _finding(rule: Rule, settings: RuleSettings, report: Report, v: Violation, lang: str) -> Finding:
    span = v.span or Span(1, 1, 1, 1)
    native = None
    message, context = rule.message(lang, v.args), dict(v.context)
    if report.natives and 1 <= span.line <= len(report.natives):
        src = report.natives[span.line - 1]
        if isinstance(src, SourceLine):
            native = src.native_at(span.column)
            confidence = src.confidence_at(
                span.column, span.end_column if span.end_line == span.line else None
            )
            if v.span and confidence is not None and confidence < LOW_CONFIDENCE and rule.code != "PAR006":
                # a finding on a value OCR was unsure of: say so, the value may be misread
                context["ocr_confidence"] = round(confidence, 2)
                message += (
                    f" (check: low OCR confidence {confidence:.2f})"
                    if lang == "en"
                    else f"（请核对：识别置信度低 {confidence:.2f}）"
                )
    location = Location(report.path, span.line, span.column, span.end_line, span.end_column, native)
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=settings.severity,
        message=message,
        location=location,
        context=context,
        logical_path=v.logical_path,
        snippet=_snippet(report.lines, span) if v.span else "",
        line_text=_line_text(report.lines, span) if v.span else "",
    )


Settings = Mapping[str, RuleSettings]


def run(
    reports: list[Report],
    settings: Settings | Callable[[str], Settings],
    lang: str = "zh",
    reg: Registry | None = None,
) -> list[Finding]:
    """Run every enabled rule over ``reports``; return findings sorted by path and position.

    ``settings`` is one mapping for every report, or a function giving the mapping for a report's
    path (per-path overrides of the configuration)."""
    reg = reg or registry()
    settings_for = settings if callable(settings) else (lambda _path, s=settings: s)
    findings: list[Finding] = []
    by_path = {r.path: r for r in reports}
    per_report = {r.path: settings_for(r.path) for r in reports}
    readable = [r for r in reports if not any(p.kind == "unreadable" for p in r.problems)]
    for code, r in reg.rules.items():
        if r.scope == "batch":
            enabled = [rep for rep in readable if _enabled(per_report[rep.path], code)]
            if not enabled:
                continue
            s0 = per_report[enabled[0].path][code]
            ctx = RuleContext({**r.defaults(), **s0.params}, lang)
            for v in r.check(enabled, ctx):
                rep = by_path.get(v.path or "")
                if rep is not None:
                    findings.append(_finding(r, per_report[rep.path][code], rep, v, lang))
            continue
        for rep in reports if code == "PAR001" else readable:
            s = per_report[rep.path].get(code)
            if s is None or not s.enabled:
                continue
            ctx = RuleContext({**r.defaults(), **s.params}, lang)
            try:
                violations = list(r.check(rep, ctx))
            except Exception as exc:  # a crashing rule must not take the batch down
                print(f"disclint: rule {code} failed on {rep.path}: {exc!r}", file=sys.stderr)
                continue
            findings.extend(_finding(r, s, rep, v, lang) for v in violations)
    ctx = RuleContext({}, lang)
    for rep in readable:
        for extra in reg.pm.hook.disclint_check_report(report=rep, ctx=ctx):
            findings.extend(extra or ())
    for extra in reg.pm.hook.disclint_check_batch(reports=readable, ctx=ctx):
        findings.extend(extra or ())
    findings.sort(key=Finding.sort_key)
    return findings
