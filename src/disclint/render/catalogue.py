"""The rule catalogue as people read it: ``disclint rules``, ``disclint explain CODE``, rule doc pages.

:func:`explain` is the one place a rule's long text is laid out. ``disclint explain`` prints it,
SARIF puts it in ``help.markdown``, and :mod:`disclint.docgen` writes it to ``docs/rules/<CODE>.md``,
so the three can never disagree.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from importlib.metadata import PackageNotFoundError, metadata
from typing import Any

from ..engine import Registry, RuleSettings
from ..rule import Rule
from .text import display_width

DOCS_RULES_DIR = "docs/rules"
BUILTIN_ORIGIN = "disclint"

FAMILY_TITLES: Mapping[str, tuple[str, str]] = {
    "PAR": ("Input and parsing", "输入与解析"),
    "SEC": ("Structure", "结构"),
    "CON": ("Contact details", "联系方式"),
    "FMT": ("Format version", "格式版本"),
    "ACC": ("Accounting identities and numbers", "统计数据勾稽关系"),
    "DAT": ("Years and dates", "年份与日期"),
    "CNT": ("Content the notices require", "规定内容"),
}

_WORDS: Mapping[str, tuple[str, str]] = {
    "severity": ("Default severity", "默认级别"),
    "family": ("Family", "规则族"),
    "scope": ("Scope", "范围"),
    "origin": ("Origin", "来源"),
    "status": ("Status", "状态"),
    "why": ("Why it matters", "说明"),
    "parameters": ("Parameters", "参数"),
    "no_parameters": ("None.", "无。"),
    "parameter": ("Parameter", "参数"),
    "default": ("Default", "默认值"),
    "description": ("Description", "说明"),
    "example": ("Example", "示例"),
    "bad": ("Triggers the rule:", "触发本规则的写法："),
    "good": ("Passes:", "正确写法："),
    "messages": ("Messages", "提示信息"),
}


def _word(key: str, lang: str) -> str:
    en, zh = _WORDS[key]
    return zh if lang == "zh" else en


@cache
def repository_url() -> str | None:
    """The project's repository: the ``Repository``/``Source``/``Homepage`` project URL declared in
    the package metadata, or None (then SARIF carries no links rather than invented ones)."""
    try:
        urls = metadata("disclint").get_all("Project-URL") or []
    except PackageNotFoundError:
        urls = []
    found = {}
    for entry in urls:
        label, _, url = entry.partition(",")
        found[label.strip().lower()] = url.strip().rstrip("/")
    for label in ("repository", "source", "homepage"):
        if found.get(label):
            return found[label]
    return None


def rule_doc_url(rule: Rule) -> str | None:
    """Where the rule's generated page lives in the repository (built-in rules only)."""
    base = repository_url()
    if rule.origin != BUILTIN_ORIGIN or base is None:
        return None
    return f"{base}/blob/main/{DOCS_RULES_DIR}/{rule.code}.md"


def format_default(value: Any) -> str:
    """A parameter default as a user writes it in a pack (JSON/YAML flow syntax)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _code_span(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if "`" in text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _fenced(text: str) -> list[str]:
    fence = "````" if "```" in text else "```"
    return [f"{fence}text", text, fence]


def _summaries(rule: Rule, lang: str) -> list[str]:
    first, second = (rule.summary_zh, rule.summary) if lang == "zh" else (rule.summary, rule.summary_zh)
    return [s for s in dict.fromkeys((first, second)) if s]


def explain(rule: Rule, lang: str = "zh") -> str:
    """The rule's long text, in Markdown: summary, severity, parameters, explanation, examples, messages."""
    out = [f"# {rule.code} {rule.name}", ""]
    for summary in _summaries(rule, lang):
        out += [summary, ""]
    out += [
        f"- {_word('severity', lang)}: {rule.severity.value}",
        f"- {_word('family', lang)}: {rule.family}",
        f"- {_word('scope', lang)}: {rule.scope}",
        f"- {_word('origin', lang)}: {rule.origin}",
        f"- {_word('status', lang)}: {rule.status}",
        "",
    ]
    if rule.explanation_in(lang):
        out += [f"## {_word('why', lang)}", "", rule.explanation_in(lang), ""]
    out += [f"## {_word('parameters', lang)}", ""]
    if rule.params:
        out += [
            f"| {_word('parameter', lang)} | {_word('default', lang)} | {_word('description', lang)} |",
            "|---|---|---|",
        ]
        out += [
            f"| {_code_span(p.name)} | {_code_span(format_default(p.default))} | {_md_cell(p.description_in(lang))} |"
            for p in rule.params
        ]
    else:
        out.append(_word("no_parameters", lang))
    out += ["", f"## {_word('example', lang)}", ""]
    out += [_word("bad", lang), "", *_fenced(rule.bad), ""]
    out += [_word("good", lang), "", *_fenced(rule.good), ""]
    out += [f"## {_word('messages', lang)}", ""]
    out += [f"- zh: {_code_span(rule.message_zh)}", f"- en: {_code_span(rule.message_en)}"]
    return "\n".join(out) + "\n"


def explain_text(rule: Rule, lang: str = "zh") -> str:
    """Plain-text form of :func:`explain` (SARIF ``help.text``): same content, no Markdown syntax."""
    out = [f"{rule.code} {rule.name}: {' / '.join(_summaries(rule, lang))}"]
    out.append(f"{_word('severity', lang)}: {rule.severity.value}")
    if rule.explanation_in(lang):
        out += ["", rule.explanation_in(lang)]
    if rule.params:
        out += ["", f"{_word('parameters', lang)}:"]
        out += [f"  {p.name} = {format_default(p.default)}: {p.description_in(lang)}" for p in rule.params]
    out += ["", _word("bad", lang), *("    " + line for line in rule.bad.splitlines())]
    out += ["", _word("good", lang), *("    " + line for line in rule.good.splitlines())]
    return "\n".join(out) + "\n"


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - display_width(text), 0)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns aligned in terminal cells (CJK is two cells wide); the last column is not padded."""
    widths = [max(display_width(r[i]) for r in (header, *rows)) for i in range(len(header) - 1)]
    return [
        "  ".join([*(_pad(r[i], widths[i]) for i in range(len(widths))), r[-1]]).rstrip()
        for r in (header, *rows)
    ]


def rules_table(
    registry: Registry, settings: Mapping[str, RuleSettings] | None = None, lang: str = "zh"
) -> str:
    """``disclint rules``: every rule with its default and effective severity, origin and summary."""
    settings = registry.default_settings() if settings is None else settings
    header = (
        ("代码", "名称", "默认级别", "当前级别", "来源", "说明")
        if lang == "zh"
        else ("CODE", "NAME", "DEFAULT", "EFFECTIVE", "ORIGIN", "SUMMARY")
    )
    off = "关闭" if lang == "zh" else "off"
    rows = []
    enabled = 0
    for code, rule in registry.rules.items():
        s = settings.get(code)
        effective = s.severity.value if s is not None and s.enabled else off
        enabled += effective != off
        summary = rule.summary_zh if lang == "zh" and rule.summary_zh else rule.summary
        rows.append((code, rule.name, rule.severity.value, effective, rule.origin, summary))
    total = len(rows)
    footer = (
        f"共 {total} 条规则，启用 {enabled} 条。" if lang == "zh" else f"{total} rules, {enabled} enabled."
    )
    return "\n".join([*_table(header, rows), "", footer]) + "\n"
