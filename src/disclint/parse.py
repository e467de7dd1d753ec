"""The parsing pipeline: document → normalized lines → Lark parse → AST.

read (readers/) → normalize → lexer (token per line) → Lark LALR (grammar/report.lark)
→ transform (structure, tables) → metadata, contacts, narrative facts → Report
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lark import Lark, UnexpectedInput

from . import contacts, facts, metadata
from .lark_parsers import lalr_parser
from .lexer import LineStream, ReportLexer
from .nodes import Paragraph, ParseProblem, Report, Span
from .normalize import normalize
from .readers import read_path
from .readers.base import Document, ReadFailure, SourceLine
from .readers.text import split_lines
from .transform import build_structure


@cache
def parser() -> Lark:
    return lalr_parser("report.lark", lexer=ReportLexer, start="start")


def parse_document(doc: Document) -> Report:
    lines, noise = normalize(doc.lines)
    stream = LineStream(lines)
    problems: list[ParseProblem] = []

    def recover(err: UnexpectedInput) -> bool:
        line = getattr(err, "line", None) or 1
        token = getattr(err, "token", None)
        what = f"{token.type} line" if token is not None else "line"
        problems.append(
            ParseProblem("parse-error", f"unexpected {what} here; skipped", Span(line, 1, line, 2))
        )
        return True

    tree = parser().parse(stream, on_error=recover)
    structure = build_structure(tree, lines)
    organ, year, title_year = metadata.organ_and_year(structure.title)
    every_paragraph: list[Paragraph] = list(structure.preamble)
    for s in structure.sections:
        every_paragraph.extend(s.paragraphs)
    cites = metadata.citations(structure.preamble) or metadata.citations(every_paragraph)
    period = metadata.period(structure.preamble) or metadata.period(every_paragraph)
    if year is None and period is not None:
        year = period.start.year
    mentions = [m for m in [title_year] if m is not None] + metadata.preamble_years(structure.preamble)
    found_contacts, block = contacts.extract(
        structure.preamble, structure.sections, tuple(s.text for s in doc.lines)
    )
    figures, sums, statements = facts.extract(structure.sections)
    return Report(
        path=doc.path,
        source_kind=doc.kind,
        lines=tuple(src.text for src in doc.lines),
        title=structure.title,
        title_lines=structure.title_lines,
        organ=organ,
        year=year,
        year_mentions=tuple(mentions),
        format_cited=cites[0] if cites else None,
        format_citations=tuple(cites),
        period=period,
        date=structure.dates[-1] if structure.dates else None,
        contacts=tuple(found_contacts),
        contact_block=block,
        preamble=tuple(structure.preamble),
        sections=tuple(structure.sections),
        tables=tuple(structure.tables),
        figures=tuple(figures),
        sums=tuple(sums),
        statements=tuple(statements),
        noise=tuple(noise),
        problems=tuple(structure.problems + problems),
        natives=tuple(doc.lines),
    )


def unreadable(failure: ReadFailure) -> Report:
    return Report(
        path=failure.path,
        source_kind=failure.kind,
        lines=(),
        problems=(ParseProblem("unreadable", failure.reason, Span(1, 1, 1, 1)),),
    )


def parse_path(path: str | Path, ocr: str = "auto") -> Report:
    result = read_path(path, ocr)
    if isinstance(result, ReadFailure):
        return unreadable(result)
    return parse_document(result)


def parse_text(text: str, path: str = "<text>") -> Report:
    """Parse a string; lines are split exactly as the text reader splits a file (CRLF, CR, LF)."""
    lines = tuple(SourceLine(t) for t in split_lines(text))
    return parse_document(Document(path, "text", lines))
