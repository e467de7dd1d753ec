"""SARIF 2.1.0: every log validates against the official schema (offline), and maps findings as documented."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pluggy
import pytest
from jsonschema.validators import validator_for

from disclint import hookspecs
from disclint.engine import Registry, RuleSettings, run
from disclint.findings import Finding, Location, Severity
from disclint.nodes import Report, Span
from disclint.readers.base import NativeLocation
from disclint.render import render
from disclint.render.catalogue import explain
from disclint.render.sarif import FINGERPRINT_KEY, artifact_location, sarif_log
from disclint.rule import Param, Rule, RuleContext, Violation, rule

from corpus import SEED_PATHS, sarif_schema

SCHEMA = sarif_schema()
CARRIED = "二、上年结转政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t4"


def _balance(report: Report, ctx: RuleContext) -> Iterable[Violation]:
    for number, text in enumerate(report.lines, start=1):
        if text.startswith("二、上年结转"):
            column = len(text) - len(text.split("\t")[-1]) + 1
            yield Violation(
                Span(number, column, number, column + 1),
                args={"total": 4, "sum": 3},
                context={"table": "applications", "row": "carried_over", "column": "total"},
                logical_path="applications/carried_over/total",
            )


ACC002 = rule(
    "ACC002",
    "applicant-total",
    "error",
    summary="A row's total differs from the sum of its applicant columns",
    summary_zh="总计与各类申请人之和不符",
    message_zh="总计{total}，各类申请人之和{sum}",
    message_en="total {total}, applicants sum to {sum}",
    explanation="Each row's 总计 must equal the sum of the six applicant columns.",
    bad="二、上年结转政府信息公开申请数量 3 0 0 0 0 0 4",
    good="二、上年结转政府信息公开申请数量 3 0 0 0 0 0 3",
)(_balance)

CON001 = rule(
    "CON001",
    "missing-contact",
    "warning",
    summary="A required contact field is absent",
    summary_zh="缺少必需的联系方式",
    message_zh="缺少{field}",
    message_en="missing {field}",
    explanation="Readers need a way to reach the disclosure office.",
    bad="地址：北京市东城区",
    good="地址：北京市东城区，邮编：100010",
    params=[Param("required", ["address", "postcode", "phone", "email"], "fields that must be present")],
)(lambda report, ctx: ())

PAR004 = rule(
    "PAR004",
    "extraction-noise",
    "info",
    summary="Markup or artefacts inside the text",
    summary_zh="文本中有标记或提取残留",
    message_zh="文本中有{kind}",
    message_en="{kind} in the text",
    explanation="Leftover markup shows the text was copied without review.",
    bad="<input type=checkbox>",
    good="",
)(lambda report, ctx: ())


def registry(*rules: Rule) -> Registry:
    pm = pluggy.PluginManager(hookspecs.PROJECT)
    pm.add_hookspecs(hookspecs)
    return Registry({r.code: r for r in rules}, [], [], pm)


REGISTRY = registry(ACC002, CON001, PAR004)


def validate(log: dict[str, Any]) -> list[str]:
    cls = validator_for(SCHEMA)  # the class the schema's own $schema names (draft-04)
    cls.check_schema(SCHEMA)
    validator = cls(SCHEMA, format_checker=cls.FORMAT_CHECKER)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]


def finding(
    code: str = "ACC002",
    path: str = "r.txt",
    line: int = 2,
    *,
    native: NativeLocation | None = None,
    logical_path: str = "applications/carried_over/total",
    context: dict[str, Any] | None = None,
    severity: Severity = Severity.ERROR,
) -> Finding:
    return Finding(
        code=code,
        name="applicant-total",
        severity=severity,
        message="总计4，各类申请人之和3",
        location=Location(path, line, 37, line, 38, native),
        context={"table": "applications", "row": "carried_over", "column": "total", "actual": Decimal(4)}
        if context is None
        else context,
        logical_path=logical_path,
        snippet="4",
    )


def log_of(findings: list[Finding], tmp_path: Path, **kw: Any) -> dict[str, Any]:
    reports = kw.pop("reports", [Report(f.location.path, "text", ()) for f in findings])
    return json.loads(render(findings, "sarif", reports=reports, registry=REGISTRY, cwd=tmp_path, **kw))


SCENARIOS: dict[str, list[Finding]] = {
    "empty": [],
    "text": [finding()],
    "pdf-native": [finding(path="年报/报告 2024.pdf", native=NativeLocation(page=3, page_line=12))],
    "docx-native": [finding(path="r.docx", native=NativeLocation(table=2, row=5, cell=3))],
    "html-native": [finding(path="r.html", native=NativeLocation(html_path="body>table>tr:nth-of-type(5)"))],
    "outside-cwd": [finding(path="/elsewhere/r.txt")],
    "no-rule": [finding(code="XYZ001")],
    "no-logical": [finding(code="CON001", logical_path="", context={}, severity=Severity.WARNING)],
    "mixed": [finding(), finding(code="PAR004", severity=Severity.INFO, line=1)],
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_log_validates_against_the_sarif_schema(name: str, tmp_path: Path) -> None:
    assert validate(log_of(SCENARIOS[name], tmp_path)) == []


def test_schema_validation_catches_a_broken_log(tmp_path: Path) -> None:
    log = log_of([finding()], tmp_path)
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert validate(log) != []


@pytest.fixture
def declared_repository(monkeypatch: pytest.MonkeyPatch) -> str:
    """The package metadata declares a repository URL (the links are built from it)."""
    from disclint.render import catalogue, sarif

    url = "https://example.org/disclint"
    monkeypatch.setattr(catalogue, "repository_url", lambda: url)
    monkeypatch.setattr(sarif, "repository_url", lambda: url)
    return url


def test_run_header(tmp_path: Path, declared_repository: str) -> None:
    (run_,) = log_of([finding()], tmp_path, pack="beijing")["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "disclint"
    assert driver["informationUri"] == declared_repository
    assert run_["automationDetails"] == {"id": "disclint/beijing/"}
    assert run_["columnKind"] == "unicodeCodePoints"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.absolute().as_uri() + "/"


def test_no_links_without_a_declared_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from disclint.render import catalogue, sarif

    monkeypatch.setattr(catalogue, "repository_url", lambda: None)
    monkeypatch.setattr(sarif, "repository_url", lambda: None)
    settings = {"CON001": RuleSettings(True, Severity.WARNING)}
    log = log_of([finding()], tmp_path, settings=settings)
    driver = log["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver and all("helpUri" not in r for r in driver["rules"])
    assert validate(log) == []


def test_driver_lists_every_enabled_rule_with_its_run_level(tmp_path: Path, declared_repository: str) -> None:
    settings = {
        "ACC002": RuleSettings(True, Severity.ERROR),
        "CON001": RuleSettings(True, Severity.ERROR, {"required": ["phone"]}),
        "PAR004": RuleSettings(False, Severity.INFO),
    }
    (run_,) = log_of([], tmp_path, settings=settings)["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["ACC002", "CON001"]
    con = rules[1]
    assert con["name"] == "missing-contact"
    assert con["shortDescription"] == {"text": "缺少必需的联系方式"}
    assert con["fullDescription"] == {"text": "Readers need a way to reach the disclosure office."}
    assert con["defaultConfiguration"] == {"level": "error", "parameters": {"required": ["phone"]}}
    assert con["helpUri"] == f"{declared_repository}/blob/main/docs/rules/CON001.md"
    assert con["properties"]["tags"] == ["CON"]
    assert con["help"]["markdown"] == explain(CON001, "zh")
    assert "地址：北京市东城区，邮编：100010" in con["help"]["text"]


def test_without_settings_every_registered_rule_is_listed_in_english(tmp_path: Path) -> None:
    rules = log_of([], tmp_path, lang="en")["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["ACC002", "CON001", "PAR004"]
    assert rules[2]["defaultConfiguration"]["level"] == "note"
    assert (
        rules[0]["shortDescription"]["text"] == "A row's total differs from the sum of its applicant columns"
    )


def test_result_points_at_its_rule_artifact_and_region(tmp_path: Path) -> None:
    fs = [finding(path="b.txt"), finding(code="PAR004", path="a.txt", line=1, severity=Severity.INFO)]
    (run_,) = log_of(fs, tmp_path)["runs"]
    rules = run_["tool"]["driver"]["rules"]
    first, second = run_["results"]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == "ACC002"
    assert rules[second["ruleIndex"]]["id"] == "PAR004"
    assert (first["level"], second["level"]) == ("error", "note")
    assert first["message"] == {"text": "总计4，各类申请人之和3"}
    physical = first["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "b.txt", "uriBaseId": "%SRCROOT%", "index": 0}
    assert run_["artifacts"][0]["location"] == {"uri": "b.txt", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {
        "startLine": 2,
        "startColumn": 37,
        "endLine": 2,
        "endColumn": 38,
        "snippet": {"text": "4"},
    }
    assert first["partialFingerprints"] == {FINGERPRINT_KEY: fs[0].fingerprint}


def test_finding_without_a_rule_gets_a_stub_descriptor(tmp_path: Path) -> None:
    (run_,) = log_of([finding(code="XYZ001")], tmp_path)["runs"]
    rules = run_["tool"]["driver"]["rules"]
    index = run_["results"][0]["ruleIndex"]
    assert rules[index]["id"] == "XYZ001"
    assert index == 3


def test_uris_are_relative_forward_slashed_and_percent_encoded(tmp_path: Path) -> None:
    assert artifact_location("年报/报告 2024.pdf", tmp_path) == {
        "uri": "%E5%B9%B4%E6%8A%A5/%E6%8A%A5%E5%91%8A%202024.pdf",
        "uriBaseId": "%SRCROOT%",
    }
    assert artifact_location(str(tmp_path / "sub" / "r#1.txt"), tmp_path)["uri"] == "sub/r%231.txt"
    assert artifact_location("./sub/../r.txt", tmp_path)["uri"] == "r.txt"
    outside = artifact_location("/elsewhere/r 1.txt", tmp_path)
    assert outside == {"uri": "file:///elsewhere/r%201.txt"}


def test_native_place_and_context_go_to_properties(tmp_path: Path) -> None:
    f = finding(path="r.pdf", native=NativeLocation(page=3, page_line=12))
    result = log_of([f], tmp_path)["runs"][0]["results"][0]
    assert result["properties"] == {
        "name": "applicant-total",
        "page": 3,
        "page_line": 12,
        "context": {"table": "applications", "row": "carried_over", "column": "total", "actual": 4},
    }
    docx = log_of([finding(path="r.docx", native=NativeLocation(table=2, row=5, cell=3))], tmp_path)
    props = docx["runs"][0]["results"][0]["properties"]
    assert (props["table"], props["row"], props["cell"]) == (2, 5, 3)


def test_logical_location_from_the_logical_path_or_the_context(tmp_path: Path) -> None:
    by_path = log_of([finding(logical_path="applications/unable_not_held/total")], tmp_path)
    assert by_path["runs"][0]["results"][0]["locations"][0]["logicalLocations"] == [
        {
            "name": "unable_not_held.total",
            "fullyQualifiedName": "applications/unable_not_held/total",
            "kind": "element",
        }
    ]
    by_context = log_of([finding(logical_path="")], tmp_path)
    (logical,) = by_context["runs"][0]["results"][0]["locations"][0]["logicalLocations"]
    assert logical["fullyQualifiedName"] == "applications/carried_over/total"
    neither = log_of([finding(logical_path="", context={})], tmp_path)
    assert "logicalLocations" not in neither["runs"][0]["results"][0]["locations"][0]


def test_artifacts_list_every_file_checked(tmp_path: Path) -> None:
    reports = [Report("a.pdf", "pdf", ()), Report("b.docx", "docx", ())]
    (run_,) = log_of([finding(path="c.txt")], tmp_path, reports=reports)["runs"]
    assert [a["location"]["uri"] for a in run_["artifacts"]] == ["a.pdf", "b.docx", "c.txt"]
    assert run_["artifacts"][0]["mimeType"] == "application/pdf"
    assert run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["index"] == 2


def test_plugin_errors_become_configuration_notifications(tmp_path: Path) -> None:
    reg = replace(registry(ACC002), plugin_errors=("plugin 'x' failed to load: boom",))
    log = sarif_log([], reports={}, registry=reg, cwd=tmp_path)
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["toolConfigurationNotifications"] == [
        {"level": "warning", "message": {"text": "plugin 'x' failed to load: boom"}}
    ]
    assert validate(log) == []


def test_fingerprint_survives_lines_inserted_above(tmp_path: Path) -> None:
    reg = registry(ACC002)
    settings = reg.default_settings()
    before = Report("r.txt", "text", ("标题", "三、收到和处理政府信息公开申请情况", CARRIED))
    after = Report("r.txt", "text", ("标题", "", "前言一段。", "三、收到和处理政府信息公开申请情况", CARRIED))
    logs = [
        log_of(run([rep], settings, reg=reg), tmp_path, reports=[rep], settings=settings)
        for rep in (before, after)
    ]
    first, second = (log["runs"][0]["results"][0] for log in logs)
    region = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in (first, second)]
    assert region == [3, 5]
    assert first["partialFingerprints"] == second["partialFingerprints"]
    assert first["partialFingerprints"][FINGERPRINT_KEY]


def test_fingerprint_changes_with_the_value_found(tmp_path: Path) -> None:
    reg = registry(ACC002)
    settings = reg.default_settings()
    a = Report("r.txt", "text", (CARRIED,))
    b = Report("r.txt", "text", (CARRIED[:-1] + "5",))
    fa, fb = (run([rep], settings, reg=reg)[0].fingerprint for rep in (a, b))
    assert fa != fb


def test_identical_findings_in_one_file_get_distinct_fingerprints(tmp_path: Path) -> None:
    twice = [finding(line=2), finding(line=9), finding(path="other.txt", line=2)]
    assert len({f.fingerprint for f in twice}) == 1
    results = log_of(twice, tmp_path)["runs"][0]["results"]
    values = [r["partialFingerprints"][FINGERPRINT_KEY] for r in results]
    fp = twice[0].fingerprint
    assert values == [fp, f"{fp}:2", fp]


# --- the seed corpus, parsed and checked for real ----------------------------------------------


def corpus_findings(prefix: str = "") -> tuple[list[Report], list[Finding], Registry]:
    from disclint.engine import registry as builtin_registry
    from disclint.parse import parse_text

    reg = builtin_registry()
    seeds = SEED_PATHS
    reports = [parse_text(prefix + p.read_text(encoding="utf-8"), f"seeds/{p.name}") for p in seeds]
    return reports, run(reports, reg.default_settings(), reg=reg), reg


def test_corpus_log_validates_with_one_result_per_finding(tmp_path: Path) -> None:
    reports, findings, reg = corpus_findings()
    assert findings
    log = json.loads(
        render(
            findings, "sarif", reports=reports, registry=reg, settings=reg.default_settings(), cwd=tmp_path
        )
    )
    assert validate(log) == []
    (run_,) = log["runs"]
    assert len(run_["results"]) == len(findings)
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == list(reg.rules)
    assert [a["location"]["uri"] for a in run_["artifacts"]] == [r.path for r in reports]
    per_file: dict[str, set[str]] = {}
    for result in run_["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        per_file.setdefault(uri, set()).add(result["partialFingerprints"][FINGERPRINT_KEY])
    assert sum(len(v) for v in per_file.values()) == len(findings)  # unique within each file


def test_corpus_fingerprints_survive_lines_inserted_above(tmp_path: Path) -> None:
    _, before, reg = corpus_findings()
    _, after, _ = corpus_findings(prefix="\n\n\n")
    assert [f.location.line + 3 for f in before] == [f.location.line for f in after]
    logs = [json.loads(render(fs, "sarif", registry=reg, cwd=tmp_path)) for fs in (before, after)]
    prints = [[r["partialFingerprints"] for r in log["runs"][0]["results"]] for log in logs]
    assert prints[0] == prints[1]
