"""Concise output: one line per finding, ``path:line:col: CODE [severity] message [@logical/place]``.

For editors and ``%f:%l:%c: %m`` problem matchers; the native place (PDF page, DOCX cell) and the
logical location (what ``suppress`` entries in the configuration name) follow the message.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding
from ..paths import shown
from ..suppress import logical_name
from .text import severity_label


def concise_line(finding: Finding, lang: str) -> str:
    loc = finding.location
    extra = []
    if loc.native is not None and (label := loc.native.label()):
        extra.append(label)
    if name := logical_name(finding):
        extra.append(f"@{name}")
    tail = f" [{' '.join(extra)}]" if extra else ""
    message = " ".join(finding.message.split())
    return (
        f"{shown(loc.path)}:{loc.line}:{loc.column}: {finding.code} "
        f"[{severity_label(finding.severity, lang)}] {message}{tail}"
    )


def render_concise(findings: Sequence[Finding], *, lang: str = "zh") -> str:
    return "".join(concise_line(f, lang) + "\n" for f in findings)
