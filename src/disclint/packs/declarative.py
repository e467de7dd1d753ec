"""Declarative rule kinds: a pack's ``define:`` entries become ordinary :class:`Rule` objects.

Each kind (a module of :mod:`disclint.packs.kinds`) is a check over the AST plus the parameters it
takes. The parameters of a defined rule are rule parameters like any other, so a pack that extends
this one can change them under ``rules:`` (``NX001: {pattern: …}``), and they are validated the
same way in both places (:func:`validate_param`, from the kind's parameter specs).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .. import message_format
from ..checks.dat import organ_kind
from ..findings import Severity
from ..messages import Text
from ..nodes import Report
from ..rule import Param, Rule, RuleContext, Violation
from .kinds import KINDS, Kind
from .yamlsrc import Source

__all__ = ["KINDS", "RULE_KEYS", "DeclarativeCheck", "Kind", "When", "build_rule", "validate_param"]

# --------------------------------------------------------------------------------------------
# Conditions


@dataclass(frozen=True)
class When:
    year_min: int | None = None
    year_max: int | None = None
    formats: tuple[str, ...] = ()
    organ_types: tuple[str, ...] = ()

    @classmethod
    def of(cls, data: Mapping[str, Any] | None) -> When:
        data = data or {}
        return cls(
            data.get("year_min"),
            data.get("year_max"),
            tuple(str(f) for f in data.get("formats", ())),
            tuple(str(o) for o in data.get("organ_types", ())),
        )

    def applies(self, report: Report) -> bool:
        if self.year_min is not None and (report.year is None or report.year < self.year_min):
            return False
        if self.year_max is not None and (report.year is None or report.year > self.year_max):
            return False
        if self.formats and report.table_format not in self.formats:
            return False
        return not (self.organ_types and organ_kind(report) not in self.organ_types)


RULE_KEYS = (
    "name",
    "kind",
    "severity",
    "summary",
    "summary_zh",
    "message",
    "explanation",
    "bad",
    "good",
    "when",
)


# --------------------------------------------------------------------------------------------
# Validation of parameter values (in define: and in rules: overrides)


def validate_param(kind: Kind, name: str, value: Any, source: Source, where: Sequence[str | int]) -> None:
    """Check one parameter value of a declarative rule; raise a PackError at its position."""
    spec = kind.param(name)
    if spec is None:
        known = ", ".join(p.name for p in kind.params)
        raise source.error(
            where,
            Text(
                f"{kind.name} 规则没有参数 {name!r}（可用：{known}）",
                f"{kind.name} rules take no parameter {name!r} (they take: {known})",
            ),
            key=True,
        )
    if spec.validate is not None:
        spec.validate(value, source, where)


def _check_placeholders(template: str, kind: Kind, source: Source, where: Sequence[str | int]) -> None:
    problem = message_format.problems(template, kind.args)
    if problem is not None:
        offers = ", ".join(kind.args)
        raise source.error(
            where,
            Text(
                f"message 中 {problem}（{kind.name} 规则可用的参数：{offers}）",
                f"{problem} in message (a {kind.name} rule offers: {offers})",
            ),
        )


# --------------------------------------------------------------------------------------------
# Building a rule


@dataclass(frozen=True)
class DeclarativeCheck:
    """The check of a pack rule: its kind's check, run only on reports its ``when`` admits."""

    kind: str
    when: When

    def __call__(self, report: Report, ctx: RuleContext) -> Iterable[Violation]:
        if not self.when.applies(report):
            return ()
        return KINDS[self.kind].check(report, ctx)


def build_rule(code: str, entry: Mapping[str, Any], source: Source, pack: str) -> Rule:
    """Turn one ``define:`` entry (already schema-valid) into a Rule whose origin is ``pack``."""
    where: list[str | int] = ["define", code]
    kind = KINDS[str(entry["kind"])]
    params: dict[str, Any] = {}
    for name, value in entry.items():
        if name in RULE_KEYS:
            continue
        validate_param(kind, str(name), value, source, [*where, name])
        params[str(name)] = _plain(value)
    for name, default in kind.defaults.items():
        params.setdefault(name, default)
    message = entry.get("message") or {}
    message_zh = str(message.get("zh", kind.message_zh))
    message_en = str(message.get("en", kind.message_en))
    for lang, template in (("zh", message_zh), ("en", message_en)):
        if lang in message:
            _check_placeholders(template, kind, source, [*where, "message", lang])
    summary = str(entry.get("summary", kind.summary))
    return Rule(
        code=code,
        name=str(entry["name"]),
        severity=Severity(str(entry.get("severity", "warning"))),
        summary=summary,
        summary_zh=str(entry.get("summary_zh", summary)),
        message_zh=message_zh,
        message_en=message_en,
        explanation=str(
            entry.get("explanation", f"Defined by the rule pack {pack!r} ({kind.name}).")
        ).strip(),
        bad=str(entry.get("bad", "")).strip("\n"),
        good=str(entry.get("good", "")).strip("\n"),
        check=DeclarativeCheck(kind.name, When.of(entry.get("when"))),
        params=tuple(Param(n, v, f"{kind.name} parameter", f"{kind.name} 参数") for n, v in params.items()),
        origin=pack,
    )


def _plain(value: Any) -> Any:
    from .schema import plain

    return plain(value)
