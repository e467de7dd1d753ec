"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

``::error file=r.txt,line=87,col=5,endLine=87,endColumn=6,title=ACC002 applicant-total::message``

Paths are relative to the project root with forward slashes (the repository checkout in a
workflow). Run errors are ``::error`` lines too. GitHub shows only ten annotations of each kind
per step, so the output ends with a plain summary line, and :func:`step_summary` gives the
Markdown table written to ``$GITHUB_STEP_SUMMARY``. Property values and the message are escaped as the Actions toolkit does: ``%``, CR and
LF everywhere, and ``:`` and ``,`` in properties. Columns are only sent for a single-line span
(GitHub rejects them otherwise). A PDF finding's page place is appended to the message, since
an annotation cannot point into a PDF.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..findings import Finding, Severity
from ..paths import display_path
from ..runerrors import RunError
from .text import summary_line

COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding, cwd: Path) -> str:
    loc = finding.location
    props: list[tuple[str, str]] = [("file", display_path(loc.path, cwd)), ("line", str(loc.line))]
    if loc.end_line == loc.line:
        props.append(("col", str(loc.column)))
    props.append(("endLine", str(max(loc.end_line, loc.line))))
    if loc.end_line == loc.line:
        props.append(("endColumn", str(max(loc.end_column, loc.column))))
    props.append(("title", f"{finding.code} {finding.name}"))
    message = finding.message
    if loc.native is not None and loc.native.page is not None:
        message = f"{message} ({loc.native.label()})"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMAND[finding.severity]} {joined}::{escape_data(message)}"


def error_command(error: RunError, cwd: Path, lang: str) -> str:
    props = [("file", display_path(error.path, cwd))] if error.path else []
    props.append(("title", f"disclint: {error.rule or error.kind}"))
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::error {joined}::{escape_data(error.text(lang))}"


def render_github(
    findings: Sequence[Finding],
    *,
    cwd: Path | None = None,
    errors: Sequence[RunError] = (),
    files: int | None = None,
    lang: str = "zh",
    summary: bool = True,
) -> str:
    base = (cwd or Path.cwd()).absolute()
    out = [command(f, base) for f in findings]
    return "".join(line + "\n" for line in out) + closing_lines(findings, base, errors, files, lang, summary)


def closing_lines(
    findings: Sequence[Finding],
    base: Path,
    errors: Sequence[RunError],
    files: int | None,
    lang: str,
    summary: bool,
) -> str:
    """What the output ends with after the findings: the run errors, then the summary line."""
    out = [error_command(e, base, lang) for e in errors]
    if summary and files is not None:
        out.append("disclint: " + summary_line(findings, files, lang, len(errors)))
    return "".join(line + "\n" for line in out)


def step_summary(
    findings: Sequence[Finding], *, files: int, errors: Sequence[RunError] = (), lang: str = "zh"
) -> str:
    """Markdown for ``$GITHUB_STEP_SUMMARY``: the summary line and the count per rule."""
    out = ["### disclint", "", summary_line(findings, files, lang, len(errors)), ""]
    if findings:
        counts = Counter((f.code, f.name, f.severity.value) for f in findings)
        out += ["| code | rule | severity | count |", "|---|---|---|---:|"]
        out += [f"| {c} | {n} | {s} | {k} |" for (c, n, s), k in sorted(counts.items())]
        out.append("")
    if errors:
        out += [f"- ❌ {e.text(lang)}" for e in errors]
        out.append("")
    return "\n".join(out) + "\n"
