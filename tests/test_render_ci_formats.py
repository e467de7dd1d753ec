"""CI formats: junit, gitlab (Code Quality), rdjson (reviewdog), concise, and the github summary."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from disclint.findings import Finding, Location, Severity
from disclint.nodes import Report
from disclint.readers.base import NativeLocation
from disclint.render import FORMATS, render
from disclint.render.github import step_summary
from disclint.render.rdjson import byte_column
from disclint.runerrors import RunError

from corpus import DATA

SCHEMAS = DATA / "schemas"


def finding(
    path: str = "reports/r.txt",
    code: str = "ACC002",
    severity: Severity = Severity.ERROR,
    line: int = 2,
    column: int = 3,
    end_column: int = 5,
    native: NativeLocation | None = None,
) -> Finding:
    return Finding(
        code=code,
        name="applicant-total",
        severity=severity,
        message="总计4，各类申请人之和3",
        location=Location(path, line, column, line, end_column, native),
        logical_path="applications/carried_over/total",
        snippet="x",
        line_text="y",
    )


REPORT = Report("reports/r.txt", "text", ("标题", "𠮷表格 4 3 1"))
ERROR = RunError("unreadable", "reports/bad.pdf is password-protected.", "受密码保护", "reports/bad.pdf")


def schema(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def test_every_format_is_listed() -> None:
    assert FORMATS == ("text", "concise", "json", "sarif", "github", "junit", "gitlab", "rdjson")


def test_gitlab_code_quality_matches_the_documented_shape() -> None:
    twice = [
        finding(),
        finding(),
        finding(severity=Severity.WARNING, line=3),
        finding(severity=Severity.INFO),
    ]
    issues = json.loads(render(twice, "gitlab", reports=[REPORT]))
    Draft7Validator(schema("gitlab-codequality.schema.json")).validate(issues)
    assert [i["severity"] for i in issues] == ["major", "major", "minor", "info"]
    assert len({i["fingerprint"] for i in issues}) == 4  # the same defect twice: still two issues
    assert issues[0]["location"] == {"path": "reports/r.txt", "lines": {"begin": 2, "end": 2}}
    assert issues[0]["check_name"] == "ACC002"
    assert issues[0]["description"] == "ACC002 总计4，各类申请人之和3"


def test_gitlab_empty_is_an_empty_array() -> None:
    assert json.loads(render([], "gitlab")) == []


def test_rdjson_matches_reviewdog_shape_with_utf8_byte_columns() -> None:
    doc = json.loads(render([finding(column=2, end_column=4)], "rdjson", reports=[REPORT]))
    Draft7Validator(schema("rdjson.schema.json")).validate(doc)
    assert doc["source"]["name"] == "disclint"
    assert doc["severity"] == "ERROR"
    (diag,) = doc["diagnostics"]
    # line 2 is "𠮷表格 4 3 1": 𠮷 is 4 bytes, 表 3 bytes: code points 2..4 are bytes 5..11
    assert diag["location"] == {
        "path": "reports/r.txt",
        "range": {"start": {"line": 2, "column": 5}, "end": {"line": 2, "column": 11}},
    }
    assert diag["code"]["value"] == "ACC002"
    assert diag["severity"] == "ERROR"


def test_byte_column_beyond_the_line_and_unknown_line() -> None:
    assert byte_column(("ab",), 1, 5) == 5
    assert byte_column((), 3, 7) == 7


def test_junit_one_suite_per_file_failures_and_errors() -> None:
    reports = [REPORT, Report("reports/clean.txt", "text", ("x",))]
    xml = render([finding(), finding(line=3)], "junit", reports=reports, errors=[ERROR])
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("4", "2", "1")
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert sorted(suites) == ["reports/bad.pdf", "reports/clean.txt", "reports/r.txt"]
    r = suites["reports/r.txt"]
    assert (r.get("tests"), r.get("failures"), r.get("errors")) == ("2", "2", "0")
    case = r.findall("testcase")[0]
    assert (
        case.get("name") == "ACC002 2:3" and case.get("file") == "reports/r.txt" and case.get("line") == "2"
    )
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "ACC002"
    assert failure.get("message") == "总计4，各类申请人之和3"
    clean = suites["reports/clean.txt"].findall("testcase")
    assert len(clean) == 1 and clean[0].find("failure") is None  # a passing test case
    bad = suites["reports/bad.pdf"].find("testcase/error")
    assert bad is not None and bad.get("type") == "unreadable"


def test_junit_survives_control_characters() -> None:
    f = finding()
    f = Finding(f.code, f.name, f.severity, "bad\x1b[0m\x00text", f.location)
    root = ET.fromstring(render([f], "junit", reports=[REPORT]))
    assert root.find("testsuite/testcase/failure").get("message") == "bad\ufffd[0m\ufffdtext"


def test_concise_is_one_matchable_line_per_finding() -> None:
    pdf = finding(path="r.pdf", native=NativeLocation(page=3, page_line=12))
    out = render([pdf], "concise", lang="en")
    assert (
        out == "r.pdf:2:3: ACC002 [error] 总计4，各类申请人之和3 [p3:12 @applications/carried_over/total]\n"
    )


def test_github_ends_with_a_summary_line_and_reports_run_errors(tmp_path: Path) -> None:
    out = render([finding()], "github", reports=[REPORT], cwd=tmp_path, errors=[ERROR], lang="en")
    lines = out.splitlines()
    assert lines[0].startswith("::error file=reports/r.txt,line=2,")
    assert (
        lines[1]
        == "::error file=reports/bad.pdf,title=disclint%3A unreadable::reports/bad.pdf is password-protected."
    )
    assert lines[2] == (
        "disclint: Run failed with 1 error; not everything was checked (see the messages). "
        "Found 1 finding (1 error) in 1 file."
    )
    assert (
        render([], "github", reports=[REPORT], cwd=tmp_path, lang="en")
        == "disclint: All checks passed: 1 file.\n"
    )


def test_step_summary_table() -> None:
    text = step_summary(
        [finding(), finding(), finding(code="CON001", severity=Severity.WARNING)], files=2, lang="en"
    )
    assert text.splitlines() == [
        "### disclint",
        "",
        "Found 3 findings (2 errors, 1 warning) in 2 files.",
        "",
        "| code | rule | severity | count |",
        "|---|---|---|---:|",
        "| ACC002 | applicant-total | error | 2 |",
        "| CON001 | applicant-total | warning | 1 |",
        "",
    ]


def test_github_step_summary_is_written_when_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess
    import sys

    from corpus import SEED_STEMS, SEEDS

    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {"GITHUB_STEP_SUMMARY": str(summary), "PATH": "/usr/bin:/bin"}
    seed = SEEDS / f"{SEED_STEMS[2]}.txt"
    out = subprocess.run(
        [sys.executable, "-m", "disclint", "check", str(seed), "--format", "github", "--lang", "en"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert out.returncode == 1
    assert out.stdout.splitlines()[-1] == "disclint: Found 1 finding (1 warning) in 1 file."
    assert summary.read_text(encoding="utf-8").splitlines()[:3] == [
        "earlier step",
        "### disclint",
        "",
    ]
    assert "| ACC006 | narrative-sum | warning | 1 |" in summary.read_text(encoding="utf-8")
