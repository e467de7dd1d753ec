"""JUnit XML, as GitLab, Jenkins and Azure Pipelines read test reports.

``<testsuites name="disclint" tests= failures= errors=>`` holds one ``<testsuite>`` per file
checked; each finding is a ``<testcase name="CODE line:col" classname="path" file="path"
line=>`` with a ``<failure message= type="CODE">`` (the message and the place as text); a file
without findings gets one passing test case, so a clean run still shows every file. A run error
(unreadable input, a rule that crashed) is a test case with an ``<error>`` element.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence

from ..findings import Finding
from ..runerrors import RunError

SUITE = "disclint"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    return _NOT_XML.sub("\ufffd", text)


def _suite(parent: ET.Element, name: str, cases: int, failures: int, errors: int) -> ET.Element:
    return ET.SubElement(
        parent,
        "testsuite",
        {"name": name, "tests": str(cases), "failures": str(failures), "errors": str(errors), "skipped": "0"},
    )


def render_junit(
    findings: Sequence[Finding], *, files: Iterable[str], errors: Sequence[RunError] = (), lang: str = "zh"
) -> str:
    by_file: dict[str, list[Finding]] = {path: [] for path in files}
    for f in findings:
        by_file.setdefault(f.location.path, []).append(f)
    errors_by_file: Mapping[str, list[RunError]] = _group(errors)
    root = ET.Element("testsuites", {"name": SUITE})
    total_cases = total_failures = total_errors = 0
    for path in sorted(set(by_file) | set(errors_by_file)):
        found = by_file.get(path, [])
        failed = errors_by_file.get(path, [])
        cases = max(len(found) + len(failed), 1)
        suite = _suite(root, path, cases, len(found), len(failed))
        for f in found:
            loc = f.location
            case = ET.SubElement(
                suite,
                "testcase",
                {
                    "name": f"{f.code} {loc.line}:{loc.column}",
                    "classname": path,
                    "file": path,
                    "line": str(loc.line),
                },
            )
            failure = ET.SubElement(case, "failure", {"message": f.message, "type": f.code})
            failure.text = f"{path}:{loc.line}:{loc.column}: {f.code} [{f.severity.value}] {f.message}"
        for e in failed:
            case = ET.SubElement(
                suite, "testcase", {"name": e.rule or e.kind, "classname": path, "file": path}
            )
            ET.SubElement(case, "error", {"message": e.text(lang), "type": e.kind}).text = e.text(lang)
        if not found and not failed:
            ET.SubElement(suite, "testcase", {"name": "disclint", "classname": path, "file": path})
        total_cases += cases
        total_failures += len(found)
        total_errors += len(failed)
    root.set("tests", str(total_cases))
    root.set("failures", str(total_failures))
    root.set("errors", str(total_errors))
    ET.indent(root)
    for element in root.iter():
        element.attrib.update({k: xml_safe(v) for k, v in element.attrib.items()})
        if element.text:
            element.text = xml_safe(element.text)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _group(errors: Sequence[RunError]) -> dict[str, list[RunError]]:
    out: dict[str, list[RunError]] = {}
    for e in errors:
        out.setdefault(e.path or "(run)", []).append(e)
    return out
