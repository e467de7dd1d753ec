"""Per-rule test cases as data (sqlfluff style): tests/rules/<CODE>.yml.

Each file has ``rule: CODE`` and ``cases:``; a case builds one report text (or several, for
batch rules), parses it with ``disclint.parse``, runs the engine with only that rule enabled and
compares the findings with ``expect`` (no ``expect`` = no finding).

A report is given as
- ``pass_str`` / ``fail_str``: the whole text;
- ``base: YEAR`` (the clean report of tests/report_builder.py, 30 format for 2021+, 60 before),
  optionally ``organ:``, then ``replace: [[old, new], …]`` (each old text occurs once) and
  ``delete: [text, …]`` (drops every line containing the text);
- ``file_bytes`` (latin-1 code points) and ``suffix``: raw bytes written to a file and read with
  ``parse_path`` (for unreadable input);
- ``reports: [ … ]``: several of the above, for batch rules; ``expect`` items then say ``report: i``.
``ocr_confidence: [[text, confidence], …]`` reads the report as if by OCR, every line holding
``text`` recognised with that confidence.
``xfail: reason`` marks a case that waits for a parser fix (strict: it fails once fixed).
Expectations: ``line: N`` or ``at: text`` (the line of the edited text holding ``text``), and
optionally ``context: {key: value}`` which must be a subset of the finding's context.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from disclint.batch.facts import report_facts
from disclint.engine import CROSS_YEAR, RuleSettings, registry, run
from disclint.findings import Finding
from disclint.nodes import Report
from disclint.parse import parse_document, parse_path, parse_text
from disclint.readers.base import Document, SourceLine
from disclint.readers.text import split_lines

from report_builder import clean_report, edit, line_of

CASES_DIR = Path(__file__).resolve().parent / "rules"


def _load() -> list[tuple[str, dict[str, Any]]]:
    yaml = YAML(typ="safe")
    out: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(CASES_DIR.glob("*.yml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        assert data["rule"] == path.stem, f"{path.name}: rule {data['rule']} does not match the file name"
        for case in data["cases"]:
            out.append((data["rule"], case))
    return out


CASES = _load()


def _text(spec: Mapping[str, Any]) -> str:
    if "pass_str" in spec:
        return str(spec["pass_str"])
    if "fail_str" in spec:
        return str(spec["fail_str"])
    base = clean_report(int(spec["base"]), **({"organ": spec["organ"]} if "organ" in spec else {}))
    return edit(base, spec.get("replace", ()), spec.get("delete", ()))


def _report(spec: Mapping[str, Any], index: int, tmp_path: Path) -> tuple[Report, str]:
    if "html_str" in spec:  # a grid (blank cells, spans) needs a reader that knows cells
        path = tmp_path / f"input{index}.html"
        path.write_text(str(spec["html_str"]), encoding="utf-8")
        return parse_path(path), ""
    if "file_bytes" in spec:
        path = tmp_path / f"input{index}{spec.get('suffix', '.txt')}"
        path.write_bytes(str(spec["file_bytes"]).encode("latin-1"))
        return parse_path(path), ""
    text = _text(spec)
    if "ocr_confidence" in spec:
        return _read_by_ocr(text, spec["ocr_confidence"], f"case{index}.txt"), text
    return parse_text(text, f"case{index}.txt"), text


def _read_by_ocr(text: str, marks: list[list[Any]], path: str) -> Report:
    """The text as if read by OCR: each line holding ``marks[i][0]`` has confidence ``marks[i][1]``."""
    lines = []
    for line in split_lines(text):
        confidence = next((float(c) for needle, c in marks if needle in line), None)
        lines.append(SourceLine(line, confidence=(confidence,) if confidence is not None else None))
    return parse_document(Document(path, "pdf", tuple(lines)))


def _matches(finding: Finding, context: Mapping[str, Any]) -> bool:
    return all(finding.context.get(k) == v for k, v in context.items())


@pytest.mark.parametrize(("code", "case"), CASES, ids=[f"{c}-{case['name']}" for c, case in CASES])
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path, request: pytest.FixtureRequest) -> None:
    if "xfail" in case:  # a known parser gap: strict, so the case fails loudly once it is fixed
        request.node.add_marker(pytest.mark.xfail(reason=str(case["xfail"]), strict=True))
    rule = registry().rules[code]
    specs = case["reports"] if "reports" in case else [case]
    built = [_report(spec, i, tmp_path) for i, spec in enumerate(specs)]
    reports = [r for r, _ in built]
    settings = {code: RuleSettings(True, rule.severity, case.get("params", {}))}
    findings = [f for f in run(reports, settings) if f.code == code]

    expected: list[tuple[int, int, Mapping[str, Any]]] = []
    for item in case.get("expect", []):
        index = int(item.get("report", 0))
        line = int(item["line"]) if "line" in item else line_of(built[index][1], item["at"])
        expected.append((index, line, item.get("context", {})))

    paths = [r.path for r in reports]
    got = sorted((paths.index(f.location.path), f.location.line) for f in findings)
    assert got == sorted((i, line) for i, line, _ in expected), [f.message for f in findings]
    for index, line, context in expected:
        here = [f for f in findings if f.location.line == line and f.location.path == paths[index]]
        assert any(_matches(f, context) for f in here), (context, [f.context for f in here])


def test_every_rule_has_a_failing_and_a_passing_case() -> None:
    kinds: dict[str, set[str]] = {}
    for code, case in CASES:
        kinds.setdefault(code, set()).add("fail" if case.get("expect") else "pass")
    for code in registry().rules:
        assert kinds.get(code) == {"fail", "pass"}, f"{code}: needs at least one failing and one passing case"


def test_clean_reports_raise_no_finding_at_all() -> None:
    reports = [parse_text(clean_report(year), f"clean{year}.txt") for year in (2020, 2023, 2024)]
    findings = run(reports, registry().default_settings())
    assert [(f.code, f.location.path, f.location.line) for f in findings] == []


def _call_every_check(reports: list[Report]) -> None:
    """Call each check directly (the engine would swallow a crash into stderr)."""
    from disclint.rule import RuleContext

    facts = [report_facts(r) for r in reports]
    for rule in registry().rules.values():
        ctx = RuleContext(rule.defaults())
        if rule.scope == CROSS_YEAR:
            for current in facts:
                for previous in facts:
                    list(rule.check(current, previous, ctx))
        elif rule.scope == "batch":
            list(rule.check(reports, ctx))
        else:
            for report in reports:
                list(rule.check(report, ctx))


def test_checks_do_not_crash_on_empty_or_foreign_text() -> None:
    texts = ["", "\n\n", "hello world", "三、\n（七）总计 1 2\n四、 x y z\n0 0", "一、总体情况\n" * 3]
    _call_every_check([parse_text(t, f"t{i}.txt") for i, t in enumerate(texts)])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=90), max_size=25), st.sampled_from([2020, 2024]))
def test_checks_do_not_crash_on_damaged_reports(dropped: list[int], year: int) -> None:
    lines = clean_report(year).split("\n")
    kept = [line for i, line in enumerate(lines) if i not in set(dropped)]
    _call_every_check(
        [parse_text("\n".join(kept), "damaged.txt"), parse_text(clean_report(year - 1), "prev.txt")]
    )
