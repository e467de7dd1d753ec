"""The JSON renderer: the finding model of rules.md, stable key order, exact numbers, summary."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from disclint import __version__
from disclint.findings import Finding, Location, Severity
from disclint.nodes import Report
from disclint.readers.base import NativeLocation
from disclint.render import render
from disclint.render.json import jsonable


def finding(code: str, severity: Severity, line: int) -> Finding:
    return Finding(
        code=code,
        name="applicant-total",
        severity=severity,
        message="表三“二、上年结转”一行：总计4，各类申请人之和3",
        location=Location("报告.pdf", line, 5, line, 6, NativeLocation(page=3, page_line=12)),
        context={
            "table": "applications",
            "row": "carried_over",
            "column": "total",
            "expected": Decimal("3"),
            "actual": Decimal("4.50"),
        },
        logical_path="applications/carried_over/total",
        snippet="4",
    )


def test_document_shape_and_key_order() -> None:
    f = finding("ACC002", Severity.ERROR, 87)
    doc = json.loads(render([f], "json", reports=[Report("报告.pdf", "pdf", ())]))
    assert list(doc) == ["version", "findings", "errors", "summary"]
    assert doc["errors"] == []
    assert doc["version"] == __version__
    (item,) = doc["findings"]
    assert list(item) == [
        "code", "name", "severity", "message", "location", "context", "fingerprint", "logical_location"
    ]  # fmt: skip
    assert item["logical_location"] == "applications/carried_over/total"
    assert item["code"] == "ACC002"
    assert item["severity"] == "error"
    assert item["location"] == {
        "path": "报告.pdf",
        "line": 87,
        "column": 5,
        "end_line": 87,
        "end_column": 6,
        "page": 3,
        "page_line": 12,
    }
    assert list(item["location"])[:5] == ["path", "line", "column", "end_line", "end_column"]
    assert item["fingerprint"] == f.fingerprint


def test_context_numbers_stay_exact() -> None:
    doc = json.loads(render([finding("ACC002", Severity.ERROR, 1)], "json"))
    ctx = doc["findings"][0]["context"]
    assert ctx == {
        "table": "applications",
        "row": "carried_over",
        "column": "total",
        "expected": 3,
        "actual": "4.50",
    }


def test_chinese_is_written_as_is() -> None:
    out = render([finding("ACC002", Severity.ERROR, 1)], "json")
    assert "表三" in out and "\\u" not in out


def test_summary_counts_files_severities_and_codes() -> None:
    fs = [
        finding("ACC002", Severity.ERROR, 1),
        finding("ACC002", Severity.ERROR, 2),
        finding("CON001", Severity.WARNING, 3),
        finding("PAR004", Severity.INFO, 4),
    ]
    reports = [Report(p, "text", ()) for p in ("a.txt", "b.txt")]
    doc = json.loads(render(fs, "json", reports=reports))
    assert doc["summary"] == {
        "files": 2,
        "findings": 4,
        "error": 2,
        "warning": 1,
        "info": 1,
        "by_code": {"ACC002": 2, "CON001": 1, "PAR004": 1},
    }


def test_no_findings() -> None:
    doc = json.loads(render([], "json", reports=[Report("a.txt", "text", ())]))
    assert doc["findings"] == []
    assert doc["summary"]["findings"] == 0
    assert doc["summary"]["files"] == 1


def test_output_is_deterministic() -> None:
    fs = [finding("ACC002", Severity.ERROR, 1), finding("CON001", Severity.WARNING, 3)]
    assert render(fs, "json") == render(list(fs), "json")


def test_jsonable_converts_what_rules_may_put_in_a_context() -> None:
    value = {
        "when": date(2021, 1, 25),
        "parts": (1, Decimal("2")),
        "fields": frozenset({"phone", "email"}),
        "severity": Severity.WARNING,
        3: None,
    }
    assert jsonable(value) == {
        "when": "2021-01-25",
        "parts": [1, 2],
        "fields": ["email", "phone"],
        "severity": "warning",
        "3": None,
    }
