"""GitLab Code Quality report (``artifacts:reports:codequality``): a JSON array of issues.

Each issue carries the fields GitLab documents as required: ``description``, ``check_name``,
``fingerprint`` (unique per issue), ``severity`` (``info``/``minor``/``major``/``critical``/
``blocker``) and ``location.path`` (relative to the repository) with ``location.lines.begin``.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..findings import Finding, Severity

SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issues(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    seen: Counter[tuple[str, str]] = Counter()
    out = []
    for f in findings:
        key = (f.fingerprint, f.location.path)
        seen[key] += 1  # the same defect twice in one file still gets two distinct fingerprints
        basis = "\x1f".join((f.fingerprint, f.location.path, str(seen[key])))
        out.append(
            {
                "description": f"{f.code} {f.message}",
                "check_name": f.code,
                "fingerprint": hashlib.sha256(basis.encode("utf-8")).hexdigest(),
                "severity": SEVERITY[f.severity],
                "location": {
                    "path": f.location.path,
                    "lines": {"begin": f.location.line, "end": max(f.location.end_line, f.location.line)},
                },
            }
        )
    return out


def render_gitlab(findings: Sequence[Finding]) -> str:
    return json.dumps(issues(findings), ensure_ascii=False, indent=2) + "\n"
