"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` line per finding.

``::error file=r.txt,line=87,col=5,endLine=87,endColumn=6,title=ACC002 applicant-total::message``

Paths are relative to the working directory with forward slashes (the repository checkout in a
workflow). Property values and the message are escaped as the Actions toolkit does: ``%``, CR and
LF everywhere, and ``:`` and ``,`` in properties. Columns are only sent for a single-line span
(GitHub rejects them otherwise). A PDF finding's page place is appended to the message, since
an annotation cannot point into a PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..domain.paths import display_path
from ..findings import Finding, Severity

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


def render_github(findings: Sequence[Finding], *, cwd: Path | None = None) -> str:
    base = (cwd or Path.cwd()).absolute()
    return "".join(command(f, base) + "\n" for f in findings)
