"""The batch summary: one row per report, every finding, counts per rule, and each organ across
years — the views a reviewing office sorts and files. Built from the parent's
:class:`~disclint.batch.runner.BatchOutcome` (facts, packs) and the run's final findings.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..engine import CROSS_YEAR, Registry
from ..findings import Finding, Severity
from .facts import ReportFacts
from .organs import organ_groups
from .runner import BatchOutcome


@dataclass(frozen=True)
class ReportRow:
    path: str
    organ: str | None
    year: int | None
    level: str | None
    notice: str | None
    table_format: str | None
    pack: str
    errors: int
    warnings: int
    infos: int
    failed_rules: tuple[str, ...]
    passed: bool  # no finding at or above --fail-on


@dataclass(frozen=True)
class RuleCount:
    code: str
    name: str
    severity: str
    findings: int
    reports: int


@dataclass(frozen=True)
class OrganYear:
    organ: str  # the organ's name in its latest report
    year: int | None
    path: str
    errors: int
    warnings: int
    infos: int
    cross_year: tuple[str, ...]  # codes of the cross-year findings on this report


@dataclass(frozen=True)
class Summary:
    reports: tuple[ReportRow, ...]
    findings: tuple[Finding, ...]
    rules: tuple[RuleCount, ...]
    organs: tuple[OrganYear, ...]


def build_summary(
    outcome: BatchOutcome,
    findings: Sequence[Finding],
    fail_on: str,
    aliases: Mapping[str, str],
    registry: Registry,
    files: Sequence[str] | None = None,
) -> Summary:
    """``findings`` are the run's final ones (after cross-year rules and the baseline); rows are
    made for ``files`` (default: every file of the outcome)."""
    wanted = list(files) if files is not None else list(outcome.files)
    threshold = Severity(fail_on).rank
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_path[f.location.path].append(f)
    facts = {f.path: f for f in outcome.facts}
    rows = []
    for path in wanted:
        fs = by_path.get(path, [])
        counts = Counter(f.severity for f in fs)
        fact = facts.get(path) or ReportFacts(path, "", False)
        rows.append(
            ReportRow(
                path=path,
                organ=fact.organ,
                year=fact.year,
                level=fact.level,
                notice=fact.notice,
                table_format=fact.table_format,
                pack=outcome.packs.get(path, ""),
                errors=counts[Severity.ERROR],
                warnings=counts[Severity.WARNING],
                infos=counts[Severity.INFO],
                failed_rules=tuple(sorted({f.code for f in fs})),
                passed=not any(f.severity.rank >= threshold for f in fs),
            )
        )
    return Summary(
        tuple(rows), tuple(findings), _rule_counts(findings), _organs(outcome, by_path, aliases, registry)
    )


def _rule_counts(findings: Sequence[Finding]) -> tuple[RuleCount, ...]:
    per_rule: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        per_rule[f.code].append(f)
    out = [
        RuleCount(code, fs[0].name, fs[0].severity.value, len(fs), len({f.location.path for f in fs}))
        for code, fs in per_rule.items()
    ]
    return tuple(sorted(out, key=lambda r: (-r.findings, r.code)))


def _organs(
    outcome: BatchOutcome,
    by_path: Mapping[str, list[Finding]],
    aliases: Mapping[str, str],
    registry: Registry,
) -> tuple[OrganYear, ...]:
    cross = {code for code, r in registry.rules.items() if r.scope == CROSS_YEAR}
    out: list[OrganYear] = []
    for group in organ_groups([f for f in outcome.facts if f.organ], aliases):
        name = group[-1].organ or ""
        for fact in group:
            fs = by_path.get(fact.path, [])
            counts = Counter(f.severity for f in fs)
            out.append(
                OrganYear(
                    name,
                    fact.year,
                    fact.path,
                    counts[Severity.ERROR],
                    counts[Severity.WARNING],
                    counts[Severity.INFO],
                    tuple(sorted({f.code for f in fs if f.code in cross})),
                )
            )
    return tuple(out)
