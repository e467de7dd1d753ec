"""The rule engine: a pluggy PluginManager, the rule registry, and the run over reports."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pluggy

from . import hookspecs, recognize
from .findings import Finding, Location, Severity
from .messages import MessageError, Text
from .nodes import Report, Span
from .readers.base import LOW_CONFIDENCE, NativeLocation, SourceLine
from .rule import Rule, RuleContext, Violation
from .runerrors import RunError, hook_crash, rule_crash

ENTRY_POINT_GROUP = "disclint.plugins"
CROSS_YEAR = "cross-year"  # rule scope: check(current, previous, ctx) on two years of one organ


@dataclass(frozen=True)
class RuleSettings:
    enabled: bool
    severity: Severity
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Registry:
    """The rules of one effective configuration: the plugins' rules, plus the declarative rules
    of the packs in use (:meth:`with_rules`). Immutable: a configuration never changes another's."""

    rules: Mapping[str, Rule]
    pack_files: Sequence[Path]
    plugin_errors: Sequence[str]
    pm: pluggy.PluginManager

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", MappingProxyType(dict(self.rules)))
        object.__setattr__(self, "pack_files", tuple(self.pack_files))
        object.__setattr__(self, "plugin_errors", tuple(self.plugin_errors))

    def get(self, code: str) -> Rule | None:
        return self.rules.get(code.upper())

    def find(self, wanted: str) -> Rule | None:
        """The rule with this code (any case) or kebab-case name."""
        wanted = wanted.strip()
        return self.get(wanted) or next((r for r in self.rules.values() if r.name == wanted.lower()), None)

    def with_rules(self, extra: Iterable[Rule]) -> Registry:
        """A new registry that also holds ``extra`` (a rule with a known code replaces it)."""
        return replace(self, rules={**self.rules, **{r.code: r for r in extra}})

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
    for impl in pm.hook.disclint_packs.get_hookimpls():
        try:
            packs.extend(Path(p) for p in impl.function() or ())  # type: ignore[attr-defined]
        except Exception as exc:  # a broken plugin is reported and skipped, never fatal
            errors.append(f"plugin {impl.plugin_name!r} failed in disclint_packs: {exc}")
    return Registry(dict(sorted(rules.items())), packs, errors, pm)


def _with_origin(r: Rule, origin: str) -> Rule:
    return replace(r, origin=origin)


def _enabled(settings: Settings, code: str) -> bool:
    s = settings.get(code)
    return s is not None and s.enabled


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


# added to a finding's message when its cell or text was read by OCR with low confidence
_LOW_CONFIDENCE = Text("（请核对：识别置信度低 {confidence}）", " (check: low OCR confidence {confidence})")


def native_location(report: Report, span: Span) -> NativeLocation | None:
    """Where ``span`` starts in the original file (PDF page, DOCX cell, HTML path), if known."""
    if report.natives and 1 <= span.line <= len(report.natives):
        src = report.natives[span.line - 1]
        if isinstance(src, SourceLine):
            return src.native_at(span.column)
    return None


def _finding(rule: Rule, settings: RuleSettings, report: Report, v: Violation, lang: str) -> Finding:
    span = v.span or Span(1, 1, 1, 1)
    native = native_location(report, span)
    message, context = _message(rule, lang, v.args), dict(v.context)
    if native is not None:
        src = report.natives[span.line - 1]
        assert isinstance(src, SourceLine)
        confidence = src.confidence_at(span.column, span.end_column if span.end_line == span.line else None)
        if v.span and confidence is not None and confidence < LOW_CONFIDENCE and rule.code != "PAR006":
            # a finding on a value OCR was unsure of: say so, the value may be misread
            context["ocr_confidence"] = round(confidence, 2)
            message += _LOW_CONFIDENCE.format(confidence=f"{confidence:.2f}").get(lang)
    location = Location(report.path, span.line, span.column, span.end_line, span.end_column, native)
    snippet = _snippet(report.lines, span) if v.span else ""
    line_text = _line_text(report.lines, span) if v.span else ""
    return finding_at(rule, settings, v, lang, location, snippet, line_text, message, context)


def finding_at(
    rule: Rule,
    settings: RuleSettings,
    v: Violation,
    lang: str,
    location: Location,
    snippet: str,
    line_text: str,
    message: str | None = None,
    context: Mapping[str, Any] | None = None,
) -> Finding:
    """The finding of violation ``v`` of ``rule`` at ``location`` (``message`` and ``context``:
    those of ``v`` unless given)."""
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=settings.severity,
        message=_message(rule, lang, v.args) if message is None else message,
        location=location,
        context=dict(v.context if context is None else context),
        logical_path=v.logical_path,
        snippet=snippet,
        line_text=line_text,
    )


Settings = Mapping[str, RuleSettings]


def _message(rule: Rule, lang: str, args: Mapping[str, Any]) -> str:
    try:
        return rule.message(lang, args)
    except MessageError as exc:  # a rule's bug (tests/test_messages.py); never fatal for the batch
        print(f"disclint: rule {rule.code}: {exc}", file=sys.stderr)
        return rule.template(lang)


def run(
    reports: list[Report],
    settings: Settings | Callable[[str], Settings],
    lang: str = "zh",
    reg: Registry | None = None,
    errors: list[RunError] | None = None,
    *,
    across: bool = True,
    organ_aliases: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Run every enabled rule over ``reports``; return findings sorted by path and position.

    ``settings`` is one mapping for every report, or a function giving the mapping for a report's
    path (per-path overrides of the configuration). A rule or plugin hook that raises is a run
    error: appended to ``errors`` (printed to standard error when it is None); every other rule
    and report still runs. With ``across`` False only the rules about one
    report run (a batch worker's share); the batch and cross-year rules are left to the caller."""
    reg = reg or registry()

    def crashed(error: RunError) -> None:
        if errors is None:
            print(f"disclint: {error.message}", file=sys.stderr)
        else:
            errors.append(error)

    settings_for = settings if callable(settings) else (lambda _path, s=settings: s)
    findings: list[Finding] = []
    by_path = {r.path: r for r in reports}
    per_report = {r.path: settings_for(r.path) for r in reports}
    readable = [r for r in reports if not recognize.unreadable(r)]
    judged = [r for r in readable if recognize.recognised(r)]
    documents = {"all": reports, "readable": readable, "reports": judged}
    for code, r in reg.rules.items():
        if r.scope == CROSS_YEAR:
            continue  # below, on the reports' facts
        if r.scope == "batch":
            if not across:
                continue
            # the reports whose settings give the rule the same parameters are checked together
            batches: dict[str, list[Report]] = {}
            keys: dict[int, str] = {}  # by id of the report's settings (most reports share one)
            for rep in judged:
                mine = per_report[rep.path]
                if _enabled(mine, code):
                    key = keys.get(id(mine))
                    if key is None:
                        key = keys[id(mine)] = json.dumps(mine[code].params, sort_keys=True, default=repr)
                    batches.setdefault(key, []).append(rep)
            for members in batches.values():
                ctx = RuleContext({**r.defaults(), **per_report[members[0].path][code].params}, lang)
                paths = {rep.path for rep in members}
                try:
                    batch = list(r.check(members, ctx))
                except Exception as exc:  # a crashing rule must not take the batch down
                    crashed(rule_crash(code, None, exc))
                    continue
                for v in batch:
                    if v.path in paths:
                        target = by_path[v.path]
                        findings.append(_finding(r, per_report[target.path][code], target, v, lang))
            continue
        contexts: dict[int, RuleContext] = {}  # by id of the rule's settings (most reports share one)
        for rep in documents[r.documents]:
            s = per_report[rep.path].get(code)
            if s is None or not s.enabled:
                continue
            ctx = contexts.get(id(s)) or contexts.setdefault(
                id(s), RuleContext({**r.defaults(), **s.params}, lang)
            )
            try:
                violations = list(r.check(rep, ctx))
            except Exception as exc:  # a crashing rule must not take the batch down
                crashed(rule_crash(code, rep.path, exc))
                continue
            findings.extend(_finding(r, s, rep, v, lang) for v in violations)
    ctx = RuleContext({}, lang)
    # each plugin's implementation called on its own, so one that raises is named and the rest run
    for impl in reg.pm.hook.disclint_check_report.get_hookimpls():
        for rep in judged:
            try:
                findings.extend(impl.function(report=rep, ctx=ctx) or ())  # type: ignore[arg-type]
            except Exception as exc:
                crashed(hook_crash(impl.plugin_name, "disclint_check_report", rep.path, exc))
    if across:
        for impl in reg.pm.hook.disclint_check_batch.get_hookimpls():
            try:
                findings.extend(impl.function(reports=judged, ctx=ctx) or ())  # type: ignore[arg-type]
            except Exception as exc:
                crashed(hook_crash(impl.plugin_name, "disclint_check_batch", None, exc))
        from .batch.crossyear import cross_year_findings
        from .batch.facts import live_facts

        facts = [live_facts(rep) for rep in judged]
        findings.extend(cross_year_findings(facts, settings_for, lang, reg, organ_aliases or {}))
    findings.sort(key=Finding.sort_key)
    return findings
