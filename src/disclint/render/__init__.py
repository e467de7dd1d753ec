"""Renderers: one finding list, eight output formats (text, concise, json, sarif, github, junit,
gitlab, rdjson).

:func:`render` is the single entry point the CLI calls; every renderer is a pure function of the
findings (and, where it needs them, the parsed reports for source lines, the rule registry for
SARIF's rule table, and the working directory for relative paths).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

from ..engine import Registry, RuleSettings
from ..findings import Finding
from ..findingstore import chunks_of
from ..formats import FORMATS
from ..nodes import Report
from ..runerrors import RunError
from .concise import render_concise
from .github import closing_lines, render_github
from .json import render_json, stream_json
from .text import closing_line, render_text

# sarif, junit (xml.etree), gitlab and rdjson are imported when asked for: start-up of a run


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
    errors: Sequence[RunError] = (),
    summary: bool = True,
) -> str:
    """Render ``findings`` as ``fmt`` (one of :data:`FORMATS`); output that is not empty ends with a newline.

    ``reports`` are the reports of the run (a list, or a mapping by path): the text renderer
    takes source lines from them and every format counts them as the files checked. ``registry``
    and ``settings`` give SARIF its rule table (every enabled rule, with its effective level);
    ``pack`` names the run in SARIF's ``automationDetails``. ``color`` only affects ``text``;
    pass :func:`use_color` of the output stream. ``errors`` are the run errors (SARIF
    ``toolExecutionNotifications``, JUnit ``<error>``, the summary lines); ``summary=False``
    (``--quiet``) drops the summary line of ``text`` and ``github``. ``cwd`` is the directory
    finding paths are relative to (the project root).
    """
    by_path = _by_path(reports)
    files = len(by_path) if by_path else len({f.location.path for f in findings})
    base = Path(cwd) if cwd is not None else Path.cwd()
    if fmt == "text":
        return render_text(
            findings,
            reports=by_path,
            files=files,
            lang=lang,
            color=color,
            errors=len(errors),
            summary=summary,
        )
    if fmt == "concise":
        return render_concise(findings, lang=lang)
    if fmt == "json":
        return render_json(findings, files=files, errors=errors)
    if fmt == "sarif":
        from .sarif import render_sarif

        return render_sarif(
            findings,
            reports=by_path,
            registry=registry,
            settings=settings,
            lang=lang,
            cwd=base,
            pack=pack,
            errors=errors,
        )
    if fmt == "github":
        return render_github(findings, cwd=base, errors=errors, files=files, lang=lang, summary=summary)
    if fmt == "junit":
        from .junit import render_junit

        return render_junit(findings, files=by_path, errors=errors, lang=lang)
    if fmt == "gitlab":
        from .gitlab import render_gitlab

        return render_gitlab(findings)
    if fmt == "rdjson":
        from .rdjson import render_rdjson

        return render_rdjson(findings, reports=by_path, rules=registry.rules if registry else {})
    raise ValueError(f"unknown output format {fmt!r} (expected one of: {', '.join(FORMATS)})")


def render_stream(
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
    errors: Sequence[RunError] = (),
    summary: bool = True,
) -> Iterator[str]:
    """:func:`render`'s text in pieces: the formats written a finding after another (text,
    concise, json, github) render a chunk of findings (a file's, from a
    :class:`~disclint.findingstore.FindingStore`) at a time, so a big run's output never exists
    whole in memory; the others are rendered whole."""
    by_path = _by_path(reports)
    files = len(by_path) if by_path else len({f.location.path for f in findings})
    if fmt == "json":
        yield from stream_json(findings, files=files, errors=errors)
        return
    if fmt not in ("text", "concise", "github"):
        yield render(
            list(findings),
            fmt,
            reports=by_path,
            registry=registry,
            lang=lang,
            cwd=cwd,
            settings=settings,
            pack=pack,
            color=color,
            errors=errors,
            summary=summary,
        )
        return
    base = Path(cwd) if cwd is not None else Path.cwd()
    for chunk in chunks_of(findings):
        if fmt == "text":
            yield render_text(chunk, reports=by_path, files=files, lang=lang, color=color, summary=False)
        elif fmt == "concise":
            yield render_concise(chunk, lang=lang)
        else:
            yield render_github(chunk, cwd=base, lang=lang, summary=False)
    if fmt == "text" and summary:
        yield closing_line(findings, files, lang, len(errors), color) + "\n"
    if fmt == "github":
        yield closing_lines(findings, base.absolute(), errors, files, lang, summary)


def use_color(stream: IO[str]) -> bool:
    """Colour for a terminal only; never when ``NO_COLOR`` is set (https://no-color.org), always
    when ``FORCE_COLOR`` is set (https://force-color.org); NO_COLOR wins when both are."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


__all__ = ["FORMATS", "render", "render_stream", "use_color"]
