"""reviewdog Diagnostic Format (``rdjson``): ``reviewdog -f=rdjson``.

``{"source": {"name": "disclint", "url"}, "severity", "diagnostics": [{"message", "location":
{"path", "range": {"start": {"line", "column"}, "end": {...}}}, "severity", "code": {"value",
"url"}}]}``. reviewdog counts columns in UTF-8 bytes (starting at 1) and its ``end`` is exclusive;
disclint counts code points, so columns are converted with the source line when it is known.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from ..findings import Finding, Severity
from ..nodes import Report
from ..rule import Rule
from .catalogue import repository_url, rule_doc_url

SEVERITY = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def byte_column(lines: Sequence[str], line: int, column: int) -> int:
    """1-based code-point column → 1-based UTF-8 byte column on that line (unchanged if unknown)."""
    if not 1 <= line <= len(lines):
        return column
    text = lines[line - 1]
    return (
        len(text[: max(column - 1, 0)].encode("utf-8", "surrogatepass")) + 1 + max(column - 1 - len(text), 0)
    )


def diagnostic(f: Finding, report: Report | None, rules: Mapping[str, Rule]) -> dict[str, Any]:
    loc = f.location
    lines = report.lines if report is not None else ()
    end_line = max(loc.end_line, loc.line)
    code: dict[str, Any] = {"value": f.code}
    rule = rules.get(f.code)
    if rule is not None and (url := rule_doc_url(rule)):
        code["url"] = url
    return {
        "message": f.message,
        "location": {
            "path": loc.path,
            "range": {
                "start": {"line": loc.line, "column": byte_column(lines, loc.line, loc.column)},
                "end": {"line": end_line, "column": byte_column(lines, end_line, max(loc.end_column, 1))},
            },
        },
        "severity": SEVERITY[f.severity],
        "code": code,
    }


def render_rdjson(
    findings: Sequence[Finding], *, reports: Mapping[str, Report | None], rules: Mapping[str, Rule]
) -> str:
    source: dict[str, Any] = {"name": "disclint"}
    if url := repository_url():
        source["url"] = url
    worst = max((f.severity for f in findings), key=lambda s: s.rank, default=None)
    document: dict[str, Any] = {"source": source}
    if worst is not None:
        document["severity"] = SEVERITY[worst]
    document["diagnostics"] = [diagnostic(f, reports.get(f.location.path), rules) for f in findings]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
