"""Renderers: one finding list, four output formats (text, json, sarif, github).

:func:`render` is the single entry point the CLI calls; every renderer is a pure function of the
findings (and, where it needs them, the parsed reports for source lines, the rule registry for
SARIF's rule table, and the working directory for relative paths).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO

from ..engine import Registry, RuleSettings
from ..findings import Finding
from ..nodes import Report
from .github import render_github
from .json import render_json
from .sarif import render_sarif
from .text import render_text

FORMATS = ("text", "json", "sarif", "github")


def _by_path(reports: Mapping[str, Report | None] | Iterable[Report]) -> dict[str, Report | None]:
    if isinstance(reports, Mapping):
        return dict(reports)
    return {r.path: r for r in reports}


def render(
    findings: Sequence[Finding],
    fmt: str,
    *,
    reports: Mapping[str, Report | None] | Iterable[Report] = (),
    registry: Registry | None = None,
    lang: str = "zh",
    cwd: str | Path | None = None,
    settings: Mapping[str, RuleSettings] | None = None,
    pack: str = "national",
    color: bool = False,
) -> str:
    """Render ``findings`` as ``fmt`` (one of :data:`FORMATS`); output that is not empty ends with a newline.

    ``reports`` are the reports of the run (a list, or a mapping by path): the text renderer
    takes source lines from them and every format counts them as the files checked. ``registry``
    and ``settings`` give SARIF its rule table (every enabled rule, with its effective level);
    ``pack`` names the run in SARIF's ``automationDetails``. ``color`` only affects ``text``;
    pass :func:`use_color` of the output stream.
    """
    by_path = _by_path(reports)
    files = len(by_path) if by_path else len({f.location.path for f in findings})
    base = Path(cwd) if cwd is not None else Path.cwd()
    if fmt == "text":
        return render_text(findings, reports=by_path, files=files, lang=lang, color=color)
    if fmt == "json":
        return render_json(findings, files=files)
    if fmt == "sarif":
        return render_sarif(
            findings, reports=by_path, registry=registry, settings=settings, lang=lang, cwd=base, pack=pack
        )
    if fmt == "github":
        return render_github(findings, cwd=base)
    raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})")


def use_color(stream: IO[str]) -> bool:
    """Colour for a terminal only, and never when ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


__all__ = ["FORMATS", "render", "use_color"]
