"""Is a parsed document an annual report at all? The one place that decides which documents the
rules judge.

A folder of reports often holds other files too: a README, a cover letter, a list of links. Judged
as a report, each gives a dozen findings that say nothing (six sections missing, no title, no
contacts). A readable document of at least :data:`MIN_LINES` non-blank lines with no title, none of
the six section headings and no table is *not recognised* as a report: it gets one PAR007 finding
and no other rule runs on it. A shorter text is a fragment someone checks on purpose (a paragraph,
a table pasted alone) and every rule runs on it.
"""

from __future__ import annotations

from .nodes import Report

MIN_LINES = 10  # non-blank lines: shorter is a fragment, checked as it is


def unreadable(report: Report) -> bool:
    """The file could not be read (PAR001)."""
    return any(p.kind == "unreadable" for p in report.problems)


def recognised(report: Report) -> bool:
    """Has the document a title, a section heading or a table, or is it a short fragment?"""
    if report.title is not None or report.sections or report.tables:
        return True
    return content_lines(report) < MIN_LINES


def content_lines(report: Report) -> int:
    return sum(1 for line in report.lines if line.strip())
