"""Delivering a check run: messages on standard error, every requested output, the exit summary.

One run, parsed once, rendered in every format asked for (``-o sarif=out.sarif -o junit=x.xml``
plus standard output). Run errors always reach standard error (``--quiet`` only drops the notes
and the baseline summary). With the ``github`` format inside GitHub Actions the Markdown summary is
appended to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Sequence

import click

from .api import Result
from .clitext import say
from .config import Resolution
from .findings import Finding
from .output import cannot_write, write_output
from .paths import shown
from .render import render_stream, use_color
from .render.github import step_summary
from .render.text import severity_label


def tell(result: Result, lang: str, quiet: bool) -> None:
    """Run errors, notes and the baseline's effect, on standard error."""
    for error in result.errors:
        click.echo(say("error", lang, message=error.text(lang)), err=True)
    if quiet:
        return
    for n in result.notes:
        click.echo(say("note", lang, message=n.text(lang)), err=True)
    if result.suppressed or result.stale:
        if lang == "zh":
            line = f"disclint: 基线与 suppress 配置屏蔽了 {result.suppressed} 个问题"
            line += f"；{len(result.stale)} 条基线记录已失效（问题已不存在）：" if result.stale else "。"
        else:
            line = f"disclint: the baseline and suppress entries hid {result.suppressed} findings"
            line += f"; {len(result.stale)} baseline entries are stale (fixed):" if result.stale else "."
        click.echo(line, err=True)
        for e in result.stale:
            click.echo(f"  {shown(e.path)}: {e.code} {e.message}", err=True)


def statistics_table(findings: Sequence[Finding], lang: str) -> str:
    """``--statistics``: count, code, severity and name per rule, most frequent first."""
    counts = Counter((f.code, f.severity, f.name) for f in findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    width = max((len(str(n)) for n in counts.values()), default=1)
    return "".join(
        f"{n:>{width}}\t{code}\t[{severity_label(sev, lang)}]\t{name}\n" for (code, sev, name), n in rows
    )


def deliver(
    result: Result,
    run: Resolution,
    targets: Sequence[tuple[str, str]],
    *,
    quiet: bool = False,
    stdout_text: str | None = None,
    protected: Sequence[str] = (),
) -> None:
    """Render each (format, file) target and write it as it is rendered (``-`` = standard output).
    ``stdout_text`` replaces what standard output would get (``--statistics``)."""
    # only SARIF has a rule table
    settings = (
        run.run_settings(list(result.sources.values())) if any(f == "sarif" for f, _ in targets) else None
    )
    for fmt, target in targets:
        if target == "-" and stdout_text is not None:
            write_output(stdout_text, "-", "text")
            continue
        color = fmt == "text" and target == "-" and use_color(sys.stdout)
        # written as it is rendered, a file's findings at a time (see render_stream)
        pieces = render_stream(
            result.findings,
            fmt,
            reports=result.reports,
            registry=run.registry,
            lang=run.lang,
            cwd=result.root,
            settings=settings,
            pack=run.pack_name,
            color=color,
            errors=result.errors,
            summary=not quiet,
        )
        write_output(pieces, target, fmt, protected=protected)
    if any(fmt == "github" for fmt, _ in targets):
        write_step_summary(result, run.lang)


def write_step_summary(result: Result, lang: str) -> None:
    """Append the Markdown summary to ``$GITHUB_STEP_SUMMARY`` when GitHub Actions sets it."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    text = step_summary(list(result.findings), files=len(result.reports), errors=result.errors, lang=lang)
    try:
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as fh:
            fh.write(text)
    except OSError as exc:
        raise cannot_write(path, exc, "($GITHUB_STEP_SUMMARY)") from None
