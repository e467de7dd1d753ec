"""Human output, ruff/rustc style: a header line, the source line with the span underlined, a summary.

::

    report.txt:87:5: ACC002 [error] 表三“二、上年结转”一行：总计3，各类申请人之和4
       |
    87 | 二、上年结转政府信息公开申请数量    3    0 …
       |                                    ^
    report.pdf:41:5: ACC001 [error] …
       |
    41 | …
       |     ^^^
       = p3:12

The header is always ``path:line:column`` (line of the extracted text stream), so ``%f:%l:%c``
matchers of editors and CI problem matchers work for every format. The native place
(``p3:12`` = page 3, line 12 of that page; ``table 2 row 5 cell 3``; an HTML path) from
:meth:`NativeLocation.label` is shown on the ``=`` note line. File names are shown escaped
(:func:`disclint.paths.shown`), so a name cannot inject terminal escape sequences. Underlines are
aligned in terminal cells: CJK and other full-width characters take two cells (``wcwidth``), a TAB
is shown as four spaces, and a line too long for a terminal is cropped around the span.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

import click

from ..findings import Finding, Location, Severity
from ..findingstore import tally
from ..nodes import Report
from ..paths import shown

TAB = "    "
MAX_WIDTH = 120  # cells of source text shown per line
LEFT_CONTEXT = 30  # cells kept before the span when a line is cropped
ELLIPSIS = "…"
_LONG_LINE = 4096  # characters: longer lines are cut to the shown window before measuring

_SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


@dataclass(frozen=True)
class Glyph:
    """One source character as displayed: its text and its width in terminal cells."""

    shown: str
    cells: int


@cache
def _wcwidth() -> Callable[[str], int]:
    """``wcwidth.wcwidth``, imported when first needed (a JSON run never pays its start-up)."""
    from wcwidth import wcwidth

    return wcwidth


def glyph(ch: str) -> Glyph:
    if ch == "\t":
        return Glyph(TAB, len(TAB))
    width = _wcwidth()(ch)
    if width < 0:  # control character: not printable, takes no room
        return Glyph("", 0)
    return Glyph(ch, width)


def display_width(text: str) -> int:
    """Width of ``text`` in terminal cells, as this renderer displays it."""
    return sum(glyph(ch).cells for ch in text)


@dataclass(frozen=True)
class Excerpt:
    """A source line ready to print, with the underline's offset and width in cells."""

    text: str
    offset: int
    width: int


def excerpt(line: str, start: int, end: int, max_width: int = MAX_WIDTH) -> Excerpt:
    """Display ``line`` with characters ``[start, end)`` (0-based code points) marked.

    ``start`` beyond the end of the line marks the place just after it; an empty range is
    widened to one cell, so there is always a caret to see.
    """
    if len(line) > _LONG_LINE:  # measure only the part that can be shown (linear in findings)
        return _window(line, start, end, max_width)
    glyphs = [glyph(ch) for ch in line]
    start = min(max(start, 0), len(glyphs))
    end = min(max(end, start), len(glyphs))
    total = sum(g.cells for g in glyphs)
    first, last = 0, len(glyphs)
    if total > max_width:
        first, room = start, LEFT_CONTEXT
        while first > 0 and glyphs[first - 1].cells <= room:
            first -= 1
            room -= glyphs[first].cells
        last, used = first, 0
        while last < len(glyphs) and used + glyphs[last].cells <= max_width:
            used += glyphs[last].cells
            last += 1
    head = ELLIPSIS if first > 0 else ""
    tail = ELLIPSIS if last < len(glyphs) else ""
    shown = "".join(g.shown for g in glyphs[first:last])
    offset = display_width(head) + sum(g.cells for g in glyphs[first : max(start, first)])
    width = sum(g.cells for g in glyphs[max(start, first) : min(end, last)])
    return Excerpt(head + shown + tail, offset, max(width, 1))


def _window(line: str, start: int, end: int, max_width: int) -> Excerpt:
    """:func:`excerpt` of a very long line, cut first to a few hundred characters around ``start``."""
    start = min(max(start, 0), len(line))
    lo = max(0, start - 4 * LEFT_CONTEXT)
    hi = min(len(line), start + 4 * max_width)
    inner = excerpt(line[lo:hi], start - lo, min(max(end, start), hi) - lo, max_width)
    head = ELLIPSIS if lo > 0 and not inner.text.startswith(ELLIPSIS) else ""
    tail = ELLIPSIS if hi < len(line) and not inner.text.endswith(ELLIPSIS) else ""
    return Excerpt(head + inner.text + tail, inner.offset + len(head), inner.width)


def severity_label(severity: Severity, lang: str) -> str:
    return _SEVERITY_ZH[severity] if lang == "zh" else severity.value


def place(location: Location, lang: str = "en") -> tuple[str, str | None]:
    """The header's ``path:line:col`` and a note with the native place (page, cell…), if any."""
    native = location.native
    label = native.label(lang) if native is not None else ""
    return f"{shown(location.path)}:{location.line}:{location.column}", label or None


def _is_whole_document(location: Location) -> bool:
    return (location.line, location.column, location.end_line, location.end_column) == (1, 1, 1, 1)


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, *, fg: str | None = None, bold: bool | None = None) -> str:
        return click.style(text, fg=fg, bold=bold) if self.color else text


def render_finding(finding: Finding, report: Report | None, *, lang: str, color: bool) -> str:
    style = _Style(color)
    loc = finding.location
    where, note = place(loc, lang)
    colour = _SEVERITY_COLOUR[finding.severity]
    header = (
        f"{style(where, bold=True)}: {style(finding.code, fg=colour, bold=True)} "
        f"[{style(severity_label(finding.severity, lang), fg=colour)}] {finding.message}"
    )
    out = [header]
    lines = report.lines if report is not None else ()
    # without the report (a batch keeps only findings) the finding's own copy of its line serves
    known = 1 <= loc.line <= len(lines) or (report is None and bool(finding.line_text))
    if known and not _is_whole_document(loc):
        source = lines[loc.line - 1] if report is not None else finding.line_text
        end = loc.end_column - 1 if loc.end_line == loc.line else len(source)
        ex = excerpt(source, loc.column - 1, end)
        number = str(loc.line)
        pad = " " * len(number)
        bar = style("|", fg="blue", bold=True)
        out.append(f"{pad} {bar}")
        out.append(f"{style(number, fg='blue', bold=True)} {bar} {ex.text}".rstrip())
        out.append(f"{pad} {bar} {' ' * ex.offset}{style('^' * ex.width, fg=colour, bold=True)}")
        if note is not None:
            out.append(f"{pad} {style('=', fg='blue', bold=True)} {note}")
    elif note is not None:
        out.append(f"  = {note}")
    return "\n".join(out)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 or word == "info" else f"{n} {word}s"


def summary_line(findings: Sequence[Finding], files: int, lang: str, errors: int = 0) -> str:
    """The last line. With run errors (inputs not read, rules that crashed) it never says
    "all checks passed": it says the run failed and how often."""
    if errors:
        head = (
            f"运行出错 {errors} 处，部分内容未能检查（见错误信息）。"
            if lang == "zh"
            else f"Run failed with {_plural(errors, 'error')}; not everything was checked (see the messages)."
        )
        return head + (" " + _findings_line(findings, files, lang) if findings else "")
    return _findings_line(findings, files, lang)


def _findings_line(findings: Sequence[Finding], files: int, lang: str) -> str:
    counts = tally(findings)[0]
    order = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    if not findings:
        return (
            f"全部检查通过：{files} 个文件。"
            if lang == "zh"
            else f"All checks passed: {_plural(files, 'file')}."
        )
    if lang == "zh":
        parts = "，".join(f"{_SEVERITY_ZH[s]} {counts[s]} 个" for s in order if counts[s])
        return f"在 {files} 个文件中发现 {len(findings)} 个问题（{parts}）。"
    parts = ", ".join(_plural(counts[s], s.value) for s in order if counts[s])
    return f"Found {_plural(len(findings), 'finding')} ({parts}) in {_plural(files, 'file')}."


def render_text(
    findings: Sequence[Finding],
    *,
    reports: Mapping[str, Report | None],
    files: int,
    lang: str = "zh",
    color: bool = False,
    errors: int = 0,
    summary: bool = True,
) -> str:
    blocks = [render_finding(f, reports.get(f.location.path), lang=lang, color=color) for f in findings]
    if not summary:
        return "".join(block + "\n\n" for block in blocks)
    return "\n\n".join([*blocks, closing_line(findings, files, lang, errors, color)]) + "\n"


def closing_line(findings: Sequence[Finding], files: int, lang: str, errors: int, color: bool) -> str:
    """The summary line the text output ends with: bold, green for a clean run, red with run errors."""
    last = summary_line(findings, files, lang, errors)
    return _Style(color)(
        last, bold=True, fg="green" if not findings and not errors else "red" if errors else None
    )
