"""GitHub Actions workflow commands: one annotation per finding, escaped as the Actions toolkit does."""

from __future__ import annotations

from pathlib import Path

from disclint.findings import Finding, Location, Severity
from disclint.readers.base import NativeLocation
from disclint.render import render
from disclint.render.github import escape_data, escape_property


def finding(
    path: str,
    severity: Severity = Severity.ERROR,
    *,
    line: int = 87,
    end_line: int | None = None,
    message: str = "总计4，各类申请人之和3",
    native: NativeLocation | None = None,
) -> Finding:
    return Finding(
        code="ACC002",
        name="applicant-total",
        severity=severity,
        message=message,
        location=Location(path, line, 5, end_line or line, 6, native),
    )


def test_error_command_with_every_property(tmp_path: Path) -> None:
    out = render([finding("reports/r.txt")], "github", cwd=tmp_path, summary=False)
    assert out == (
        "::error file=reports/r.txt,line=87,col=5,endLine=87,endColumn=6,"
        "title=ACC002 applicant-total::总计4，各类申请人之和3\n"
    )


def test_severity_maps_to_error_warning_notice(tmp_path: Path) -> None:
    fs = [finding("r.txt", s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)]
    lines = render(fs, "github", cwd=tmp_path, summary=False).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning", "::notice"]


def test_absolute_path_inside_cwd_is_made_relative(tmp_path: Path) -> None:
    out = render([finding(str(tmp_path / "sub" / "r.txt"))], "github", cwd=tmp_path, summary=False)
    assert out.startswith("::error file=sub/r.txt,")


def test_properties_and_message_are_escaped(tmp_path: Path) -> None:
    f = finding("a,b:c%.txt", message="100% 不符\r\n第二行: a,b")
    out = render([f], "github", cwd=tmp_path, summary=False)
    assert out.startswith("::error file=a%2Cb%3Ac%25.txt,line=87,")
    assert out.endswith("::100%25 不符%0D%0A第二行: a,b\n")
    assert out.count("\n") == 1


def test_escape_functions_match_the_toolkit() -> None:
    assert escape_data("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad:e,f"
    assert escape_property("a%b\rc\nd:e,f") == "a%25b%0Dc%0Ad%3Ae%2Cf"


def test_multi_line_span_sends_no_columns(tmp_path: Path) -> None:
    out = render([finding("r.txt", line=3, end_line=5)], "github", cwd=tmp_path, summary=False)
    assert out.startswith("::error file=r.txt,line=3,endLine=5,title=ACC002 applicant-total::")


def test_pdf_page_is_appended_to_the_message(tmp_path: Path) -> None:
    f = finding("r.pdf", native=NativeLocation(page=3, page_line=12))
    assert render([f], "github", cwd=tmp_path, summary=False).endswith("::总计4，各类申请人之和3 (p3:12)\n")


def test_no_findings_no_output(tmp_path: Path) -> None:
    assert render([], "github", cwd=tmp_path, summary=False) == ""
