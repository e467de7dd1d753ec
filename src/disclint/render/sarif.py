"""SARIF 2.1.0 output, as rules.md "SARIF" and docs/output.md describe it.

One run per invocation (``automationDetails.id = "disclint/<pack>/"``); ``tool.driver.rules`` holds
every rule enabled in the run (plus a stub for any finding whose code has no rule, e.g. from a
``disclint_check_report`` hook), and each result points into it with ``ruleIndex``. Artifact URIs
are relative to the project root (``uriBaseId: %SRCROOT%``; the CLI passes the git top level as
``cwd``, since GitHub code scanning ignores ``uriBaseId``), with forward slashes and
percent-encoded; a file outside it gets an absolute ``file://`` URI. Run errors (unreadable
input, a rule or plugin hook that raised) are ``toolExecutionNotifications`` and make
``executionSuccessful`` false.
Columns are Unicode code points (``columnKind``), ``endColumn`` exclusive, exactly as in the AST.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..engine import Registry, RuleSettings
from ..findings import Finding, Severity
from ..nodes import Report
from ..paths import display_path, relative_path
from ..rule import Rule
from ..runerrors import RunError
from .catalogue import explain, explain_text, repository_url, rule_doc_url
from .json import jsonable

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "disclintFingerprint/v1"

_MIME = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".html": "text/html",
    ".htm": "text/html",
}


def artifact_location(path: str, cwd: Path) -> dict[str, str]:
    """``artifactLocation`` for ``path``: relative to ``cwd`` under %SRCROOT%, else an absolute file URI."""
    relative = relative_path(path, cwd)
    if relative is None:
        return {"uri": Path(display_path(path, cwd)).as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": SRCROOT}


def root_uri(cwd: Path) -> str:
    uri = Path(os.path.normpath(cwd.absolute())).as_uri()
    return uri if uri.endswith("/") else uri + "/"


def logical_location(finding: Finding) -> dict[str, str] | None:
    """The table/row/column a finding is about, from its logical path or, failing that, its context."""
    parts = [p for p in finding.logical_path.split("/") if p]
    if not parts:
        ctx = finding.context
        parts = [str(ctx[k]) for k in ("table", "row", "column") if ctx.get(k) not in (None, "")]
    if not parts:
        return None
    return {
        "name": ".".join(parts[1:]) if len(parts) > 1 else parts[0],
        "fullyQualifiedName": "/".join(parts),
        "kind": "element",
    }


def rule_descriptor(rule: Rule, level: Severity, params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary_zh if lang == "zh" else rule.summary},
        "fullDescription": {"text": rule.explanation_in(lang) or rule.summary},
        "help": {"text": explain_text(rule, lang), "markdown": explain(rule, lang)},
    }
    url = rule_doc_url(rule)
    if url is not None:
        descriptor["helpUri"] = url
    configuration: dict[str, Any] = {"level": level.sarif_level}
    if params:
        configuration["parameters"] = jsonable(params)
    descriptor["defaultConfiguration"] = configuration
    descriptor["properties"] = {
        "tags": [rule.family],
        "origin": rule.origin,
        "scope": rule.scope,
        "status": rule.status,
    }
    return descriptor


def _stub_descriptor(finding: Finding) -> dict[str, Any]:
    return {
        "id": finding.code,
        "name": finding.name,
        "shortDescription": {"text": finding.name},
        "defaultConfiguration": {"level": finding.severity.sarif_level},
        "properties": {"tags": [finding.code.rstrip("0123456789")]},
    }


def _rules(
    findings: Sequence[Finding],
    registry: Registry | None,
    settings: Mapping[str, RuleSettings] | None,
    lang: str,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    descriptors: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for code, rule in (registry.rules if registry is not None else {}).items():
        s = settings.get(code) if settings is not None else None
        if settings is not None and (s is None or not s.enabled):
            continue
        level = s.severity if s is not None else rule.severity
        params = {**rule.defaults(), **(s.params if s is not None else {})}
        index[code] = len(descriptors)
        descriptors.append(rule_descriptor(rule, level, params, lang))
    for f in findings:
        if f.code not in index:
            index[f.code] = len(descriptors)
            descriptors.append(_stub_descriptor(f))
    return descriptors, index


def _region(finding: Finding) -> dict[str, Any]:
    loc = finding.location
    region: dict[str, Any] = {
        "startLine": max(loc.line, 1),
        "startColumn": max(loc.column, 1),
        "endLine": max(loc.end_line, loc.line, 1),
        "endColumn": max(loc.end_column, 1),
    }
    if finding.snippet and loc.end_line == loc.line:
        region["snippet"] = {"text": finding.snippet}
    return region


def fingerprints(findings: Sequence[Finding]) -> list[str]:
    """Each finding's fingerprint, made unique within its file.

    Two findings can share a fingerprint (same code, logical path and text, e.g. two identical
    stray ``<`` in one file); code scanning would merge them into one alert. As GitHub does for
    its own line hashes, the second and later ones get an occurrence suffix (``…:2``), counted in
    document order, so the first keeps the plain value that JSON output shows.
    """
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in findings:
        key = (f.location.path, f.fingerprint)
        seen[key] += 1
        out.append(f.fingerprint if seen[key] == 1 else f"{f.fingerprint}:{seen[key]}")
    return out


def _result(finding: Finding, rule_index: int, artifact: dict[str, Any], fingerprint: str) -> dict[str, Any]:
    location: dict[str, Any] = {
        "physicalLocation": {"artifactLocation": artifact, "region": _region(finding)},
    }
    logical = logical_location(finding)
    if logical is not None:
        location["logicalLocations"] = [logical]
    properties: dict[str, Any] = {"name": finding.name}
    if finding.location.native is not None:
        properties.update(jsonable(finding.location.native.as_dict()))
    if finding.context:
        properties["context"] = jsonable(finding.context)
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": finding.severity.sarif_level,
        "message": {"text": finding.message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": properties,
    }


def _artifacts(
    findings: Sequence[Finding], reports: Mapping[str, Report | None], cwd: Path
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    paths = list(reports)
    paths += [p for p in dict.fromkeys(f.location.path for f in findings) if p not in reports]
    artifacts: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for path in paths:
        index[path] = len(artifacts)
        artifact: dict[str, Any] = {"location": artifact_location(path, cwd), "roles": ["analysisTarget"]}
        mime = _MIME.get(Path(path).suffix.lower())
        if mime is not None:
            artifact["mimeType"] = mime
        artifacts.append(artifact)
    return artifacts, index


def sarif_log(
    findings: Sequence[Finding],
    *,
    reports: Mapping[str, Report | None],
    registry: Registry | None,
    settings: Mapping[str, RuleSettings] | None = None,
    lang: str = "zh",
    cwd: Path | None = None,
    pack: str = "national",
    errors: Sequence[RunError] = (),
) -> dict[str, Any]:
    """The SARIF log as a dict (see :func:`render_sarif` for the text)."""
    cwd = (cwd or Path.cwd()).absolute()
    rules, rule_index = _rules(findings, registry, settings, lang)
    artifacts, artifact_index = _artifacts(findings, reports, cwd)
    results = []
    for f, fingerprint in zip(findings, fingerprints(findings), strict=True):
        artifact = {**artifact_location(f.location.path, cwd), "index": artifact_index[f.location.path]}
        results.append(_result(f, rule_index[f.code], artifact, fingerprint))
    notifications = [
        {"level": "warning", "message": {"text": error}}
        for error in (registry.plugin_errors if registry else ())
    ]
    invocation: dict[str, Any] = {
        "executionSuccessful": not errors,
        "workingDirectory": {"uri": root_uri(cwd)},
    }
    if errors:
        invocation["toolExecutionNotifications"] = [execution_notification(e, cwd, lang) for e in errors]
    if notifications:
        invocation["toolConfigurationNotifications"] = notifications
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "disclint",
                "version": __version__,
                "semanticVersion": __version__,
                **({"informationUri": url} if (url := repository_url()) else {}),
                "rules": rules,
            }
        },
        "automationDetails": {"id": f"disclint/{pack}/"},
        "originalUriBaseIds": {SRCROOT: {"uri": root_uri(cwd)}},
        "artifacts": artifacts,
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


def execution_notification(error: RunError, cwd: Path, lang: str) -> dict[str, Any]:
    """A run error as a SARIF notification: level error, the file it concerns, the rule that raised."""
    note: dict[str, Any] = {"level": "error", "message": {"text": error.text(lang)}}
    if error.path:
        note["locations"] = [{"physicalLocation": {"artifactLocation": artifact_location(error.path, cwd)}}]
    if error.kind == "rule" and error.rule:
        note["associatedRule"] = {"id": error.rule}
    note["properties"] = {"kind": error.kind}
    return note


def render_sarif(findings: Sequence[Finding], **options: Any) -> str:
    """The SARIF log as text; ``options`` are those of :func:`sarif_log`."""
    return json.dumps(sarif_log(findings, **options), ensure_ascii=False, indent=2) + "\n"
