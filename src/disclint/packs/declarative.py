"""Declarative rule kinds: a pack's ``define:`` entries become ordinary :class:`Rule` objects.

Each kind is a check over the AST plus the parameters it takes. The parameters of a defined
rule are rule parameters like any other, so a pack that extends this one can change them under
``rules:`` (``NX001: {pattern: …}``), and they are validated the same way in both places.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .. import expr, message_format
from ..contacts import FIELD_ZH
from ..findings import Severity
from ..nodes import Paragraph, Report, Span
from ..rule import Param, Rule, RuleContext, Violation
from . import patterns
from .organ import ORGAN_TYPES_ZH, organ_type
from .yamlsrc import Source

SECTION_ZH = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六"}
DEFAULT_DEADLINES = {"department": "01-31", "township": "01-31", "government": "03-31"}


def scope_zh(scope: object) -> str:
    if scope == "preamble":
        return "引言"
    if scope == "title":
        return "标题"
    if scope == "any":
        return "全文"
    return f"第{SECTION_ZH.get(scope, scope)}部分" if isinstance(scope, int) else str(scope)


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
        return not (self.organ_types and organ_type(report.organ) not in self.organ_types)


# --------------------------------------------------------------------------------------------
# Text in a scope


def _scopes(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _paragraphs(report: Report, scope: Any) -> list[Paragraph] | None:
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


def _section_text(report: Report, scope: Any) -> str | None:
    if isinstance(scope, int):
        section = report.section(scope)
        return None if section is None else section.text
    paragraphs = _paragraphs(report, scope)
    return None if paragraphs is None else "\n".join(p.text for p in paragraphs)


def _scope_span(report: Report, scope: Any) -> Span | None:
    if isinstance(scope, int):
        section = report.section(scope)
        return None if section is None else section.heading
    if scope == "preamble" and report.preamble:
        return report.preamble[0].span
    return report.title.span if report.title is not None else None


def _patterns(params: Mapping[str, Any]) -> list[str]:
    if params.get("patterns"):
        return [str(p) for p in params["patterns"]]
    return [str(params["pattern"])] if params.get("pattern") else []


def _ignore_case(params: Mapping[str, Any]) -> bool:
    return bool(params.get("ignore_case"))


def check_require_text(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for scope in _scopes(ctx.params["scope"]):
        text = _section_text(report, scope)
        if text is None:
            continue  # the section is missing: SEC001's business, not this rule's
        for pattern in _patterns(ctx.params):
            if not patterns.search(pattern, text, _ignore_case(ctx.params)):
                yield Violation(
                    _scope_span(report, scope),
                    args={"pattern": pattern, "scope": scope, "scope_zh": scope_zh(scope)},
                    context={"scope": scope, "pattern": pattern},
                    logical_path=f"{scope}/{pattern}",
                )


def check_forbid_text(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    seen: set[Span] = set()
    for scope in _scopes(ctx.params["scope"]):
        paragraphs = list(_paragraphs(report, scope) or ())
        if isinstance(scope, int):
            section = report.section(scope)
            paragraphs.extend(_heading_paragraphs(section.subheadings if section else ()))
        for pattern in _patterns(ctx.params):
            for para in paragraphs:
                for m in patterns.finditer(pattern, para.text, _ignore_case(ctx.params)):
                    span = para.body.span_of(m.start, m.end)
                    if span in seen or not m.text:
                        continue
                    seen.add(span)
                    yield Violation(
                        span,
                        args={
                            "pattern": pattern,
                            "match": m.text,
                            "scope": scope,
                            "scope_zh": scope_zh(scope),
                        },
                        context={"scope": scope, "pattern": pattern, "match": m.text},
                        logical_path=f"{scope}/{pattern}",
                    )


def _heading_paragraphs(headings: Sequence[Any]) -> list[Paragraph]:
    from ..nodes import Located

    return [Paragraph(Located(h.title, ((0, h.span.line, h.span.column),))) for h in headings]


def check_identity(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    identity = expr.compile_expression(str(ctx.params["expression"]))
    for outcome in expr.failures(identity, report):
        table = outcome.anchor.table if outcome.anchor else ""
        where = "/".join(str(p) for p in (table, outcome.row, outcome.column) if p)
        actual, expected = expr.plain(outcome.left), expr.plain(outcome.right)
        yield Violation(
            expr.anchor_span(outcome, report),
            args={
                "expression": identity.text.strip(),
                "actual": actual,
                "expected": expected,
                "table": table,
                "row": outcome.row or "",
                "column": outcome.column or "",
                "where": where,
            },
            context={
                "table": table,
                "row": outcome.row,
                "column": outcome.column,
                "expected": expected,
                "actual": actual,
                "binding": dict(outcome.binding),
            },
            logical_path=where,
        )


def check_contact_fields(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    present = {c.field for c in report.contacts}
    for name in ctx.params["fields"]:
        if name not in present:
            yield Violation(
                report.contact_block,
                args={"field": name, "field_zh": FIELD_ZH.get(name, name)},
                context={"field": name},
                logical_path=f"contacts/{name}",
            )


def parse_month_day(text: str) -> tuple[int, int]:
    month, day = (int(p) for p in str(text).split("-"))
    return month, day


def check_deadline(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    kind = organ_type(report.organ)
    if report.date is None or report.year is None or kind is None:
        return
    deadlines = {**DEFAULT_DEADLINES, **dict(ctx.params["deadlines"])}
    month, day = parse_month_day(deadlines[kind])
    try:
        deadline = date(report.year + 1, month, day)
    except ValueError:  # 02-29 in a non-leap year
        deadline = date(report.year + 1, month, day - 1)
    if report.date.value > deadline:
        yield Violation(
            report.date.span,
            args={
                "date": report.date.value.isoformat(),
                "deadline": deadline.isoformat(),
                "organ_type": kind,
                "organ_type_zh": ORGAN_TYPES_ZH[kind],
            },
            context={
                "date": report.date.value.isoformat(),
                "deadline": deadline.isoformat(),
                "organ_type": kind,
            },
            logical_path="date",
        )


def check_require_section(report: Report, ctx: RuleContext) -> Iterator[Violation]:
    for number in ctx.params["sections"]:
        if report.section(int(number)) is None:
            yield Violation(
                report.title.span if report.title is not None else None,
                args={"section": number, "section_zh": SECTION_ZH.get(int(number), str(number))},
                context={"section": number},
                logical_path=f"sections/{number}",
            )


# --------------------------------------------------------------------------------------------
# Kinds


@dataclass(frozen=True)
class Kind:
    name: str
    params: Mapping[str, Any]  # parameter → default (None: required, no default)
    args: tuple[str, ...]  # placeholders its messages may use
    message_zh: str
    message_en: str
    summary: str
    check: Callable[[Report, RuleContext], Iterable[Violation]]


_TEXT_ARGS = ("pattern", "scope", "scope_zh")
KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "require-text",
            {"pattern": None, "patterns": None, "scope": "any", "ignore_case": False},
            _TEXT_ARGS,
            "{scope_zh}未出现要求的内容：{pattern}",
            "required text not found in {scope}: {pattern}",
            "Required text must appear",
            check_require_text,
        ),
        Kind(
            "forbid-text",
            {"pattern": None, "patterns": None, "scope": "any", "ignore_case": False},
            (*_TEXT_ARGS, "match"),
            "{scope_zh}出现不应出现的内容：“{match}”",
            "forbidden text in {scope}: {match}",
            "Forbidden text must not appear",
            check_forbid_text,
        ),
        Kind(
            "identity",
            {"expression": None},
            ("expression", "actual", "expected", "table", "row", "column", "where"),
            "勾稽关系不成立：{expression}（{where}：左边为 {actual}，右边为 {expected}）",
            "identity does not hold: {expression} ({where}: left side {actual}, right side {expected})",
            "A table identity must hold",
            check_identity,
        ),
        Kind(
            "contact-fields",
            {"fields": None},
            ("field", "field_zh"),
            "缺少联系方式：{field_zh}",
            "missing contact field: {field}",
            "Required contact fields must be given",
            check_contact_fields,
        ),
        Kind(
            "deadline",
            {"deadlines": dict(DEFAULT_DEADLINES)},
            ("date", "deadline", "organ_type", "organ_type_zh"),
            "报告日期 {date} 晚于{organ_type_zh}报告的发布期限 {deadline}",
            "the report is dated {date}, after the {organ_type} deadline {deadline}",
            "The report must be published before the deadline",
            check_deadline,
        ),
        Kind(
            "require-section",
            {"sections": None},
            ("section", "section_zh"),
            "缺少第{section_zh}部分",
            "section {section} is missing",
            "Required sections must be present",
            check_require_section,
        ),
    )
}

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
    if name not in kind.params:
        known = ", ".join(kind.params)
        raise source.error(
            where, f"{kind.name} rules take no parameter {name!r} (they take: {known})", key=True
        )
    if name in ("pattern", "patterns"):
        items = [value] if name == "pattern" else list(value)
        for i, pattern in enumerate(items):
            at = list(where) if name == "pattern" else [*where, i]
            if not isinstance(pattern, str):
                raise source.error(at, f"a pattern must be a string, not {type(pattern).__name__}")
            try:
                patterns.compile_pattern(pattern)
            except patterns.PatternError as exc:
                raise source.error_in_scalar(at, 0, f"invalid regular expression: {exc.message}") from None
    elif name == "expression":
        if not isinstance(value, str):
            raise source.error(where, "an expression must be a string")
        try:
            expr.compile_expression(str(value))
        except expr.ExprError as exc:
            raise source.error_in_scalar(where, exc.offset, f"invalid expression: {exc.message}") from None
    elif name == "scope":
        for i, item in enumerate(_scopes(value)):
            ok = item in ("any", "title", "preamble") or (
                isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= 6
            )
            if not ok:
                at = list(where) if not isinstance(value, list) else [*where, i]
                raise source.error(at, f"scope {item!r} is not 1 to 6, preamble, title or any")
    elif name == "fields":
        bad = [f for f in _scopes(value) if f not in FIELD_ZH]
        if bad or not isinstance(value, list):
            raise source.error(where, f"fields must be a list of {', '.join(FIELD_ZH)}; got {bad or value!r}")
    elif name == "sections":
        if not isinstance(value, list) or not all(isinstance(n, int) and 1 <= n <= 6 for n in value):
            raise source.error(where, f"sections must be a list of numbers 1 to 6, not {value!r}")
    elif name == "deadlines":
        _validate_deadlines(value, source, where)
    elif name == "ignore_case" and not isinstance(value, bool):
        raise source.error(where, "ignore_case must be true or false")


def _validate_deadlines(value: Any, source: Source, where: Sequence[str | int]) -> None:
    if not isinstance(value, Mapping):
        raise source.error(
            where, "deadlines must map department, township or government to a date like 01-31"
        )
    for organ, text in value.items():
        if organ not in DEFAULT_DEADLINES:
            raise source.error(
                [*where, organ], f"unknown organ type {organ!r} (department, township, government)", key=True
            )
        try:
            month, day = parse_month_day(str(text))
            date(2024, month, day)  # a leap year, so 02-29 is accepted
        except ValueError:
            raise source.error([*where, organ], f"{text!r} is not a month-day date such as 01-31") from None


def _check_placeholders(template: str, kind: Kind, source: Source, where: Sequence[str | int]) -> None:
    problem = message_format.problems(template, kind.args)
    if problem is not None:
        raise source.error(where, f"{problem} in message (a {kind.name} rule offers: {', '.join(kind.args)})")


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
    for name, default in kind.params.items():
        if name not in params and default is not None:
            params[name] = default
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
        params=tuple(Param(n, v, f"{kind.name} parameter") for n, v in params.items()),
        origin=pack,
    )


def _plain(value: Any) -> Any:
    from .schema import plain

    return plain(value)
