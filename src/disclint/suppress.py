"""Silencing one finding from the configuration, for documents that cannot carry a comment (PDF, DOCX).

::

    suppress:
      - path: reports/2024/某局.pdf          # relative to the project root; glob allowed
        code: ACC002
        location: applications/unable_not_held/total   # the finding's logical location
        reason: 原件如此，已向发布单位确认

``location`` is the finding's logical location: SARIF ``logicalLocations[].fullyQualifiedName``,
``logical_location`` in JSON output, the ``@`` part of ``--format concise``. Without it the entry
silences every finding of that code in the file. Findings silenced here are counted in the run's
summary (``suppressed``), like those a baseline hides.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .findings import Finding


@dataclass(frozen=True)
class Suppression:
    path: str
    code: str
    location: str | None = None
    reason: str = ""

    def matches(self, finding: Finding, path: str) -> bool:
        if finding.code != self.code or not fnmatch.fnmatchcase(path, self.path):
            return False
        return self.location is None or logical_name(finding) == self.location.strip("/")


def logical_name(finding: Finding) -> str:
    """The finding's logical location (SARIF ``fullyQualifiedName``), or ``""``."""
    path = finding.logical_path
    if path and path[0] != "/" and path[-1] != "/" and "//" not in path:
        return path  # the usual logical path (``a/b/c``) is its own name
    from .render.sarif import logical_location

    loc = logical_location(finding)
    return loc["fullyQualifiedName"] if loc is not None else ""


def suppressions(entries: Iterable[Mapping[str, Any]]) -> list[Suppression]:
    """Config ``suppress`` entries (already schema-validated) as :class:`Suppression` values."""
    return [
        Suppression(
            str(e["path"]).removeprefix("./"),
            str(e["code"]).upper(),
            str(e["location"]) if e.get("location") else None,
            str(e.get("reason", "")),
        )
        for e in entries
    ]


def apply(findings: Sequence[Finding], rules: Sequence[Suppression]) -> tuple[list[Finding], int]:
    """(findings not silenced, how many were); finding paths are project-root relative."""
    if not rules:
        return list(findings), 0
    kept = [f for f in findings if not any(s.matches(f, f.location.path) for s in rules)]
    return kept, len(findings) - len(kept)
