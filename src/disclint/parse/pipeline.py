"""The parsing pipeline: document → normalized lines → Lark parse → AST.

read (readers/) → normalize → lexer (token per line) → Lark LALR (grammar/report.lark)
→ transform (structure, tables) → metadata, contacts, narrative facts → Report
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from operator import attrgetter
from pathlib import Path

from lark import Lark, UnexpectedInput

from .. import contacts, facts, metadata
from ..lark_parsers import lalr_parser
from ..nodes import Noise, ParseProblem, Report, Span
from ..readers import read_path
from ..readers.base import Document, ReadFailure, SourceLine
from ..readers.guard import empty_document
from ..readers.text import split_lines
from .blank_rows import blank_rows
from .cell_lines import join_cell_rows
from .empty_line_cells import join_empty_line_cells
from .fragments import broken_tables
from .group_pieces import drop_group_pieces
from .late_labels import labels_after_values
from .layout import join_wrapped_rows
from .layout_columns import place_layout_values
from .layout_rows import join_bare_labels, place_wrapped_rows, rebuild_blank_rows
from .lexer import LineStream, ReportLexer, parse_lines
from .marks import Marks
from .normalize import Line, normalize
from .pipe_style import open_first_cells
from .reading_order import separated_labels
from .review_order import header_words_first
from .tab_rows import inner_blanks
from .transform import Structure, build_structure


@cache
def parser() -> Lark:
    return lalr_parser("report.lark", lexer=ReportLexer, start="start")


def parse_document(doc: Document) -> Report:
    marks = Marks.of(doc.lines)  # (one look for the passes that rebuild TAB and pipe rows)
    opened = open_first_cells(doc.lines, marks)
    if opened is not doc.lines:  # pipes made TABs
        marks = Marks.of(opened)
    sources = inner_blanks(opened, marks)  # (only the grid cells of some lines told: marks kept)
    normalized, noise = normalize(sources)
    cells = blank_rows(normalized, sources, marks)
    cells = join_empty_line_cells(join_cell_rows(cells, sources, marks), sources)
    cells = drop_group_pieces(cells)
    lines = _rows_read(rebuild_blank_rows(cells), sources, noise)
    structure, problems = _structure(lines)
    if _in_pieces(structure):  # table 三 broken up: its rows rebuilt from their pieces, if they fit
        placed = place_wrapped_rows(cells)
        if placed is not None:
            again = _rows_read(placed, sources, noise)
            found, found_problems = _structure(again)
            if not _in_pieces(found):
                lines, structure, problems = again, found, found_problems
    tables, table_problems = separated_labels(structure.tables, structure.problems, lines)
    tables, table_problems = broken_tables(tables, table_problems)
    texts = tuple(map(_TEXT, doc.lines))  # (attributes read in C: a line of every report)
    meta = metadata.extract(list(map(_CLEAN, lines)), structure.preamble, structure.sections, structure.dates)
    found_contacts, block = contacts.extract(structure.preamble, structure.sections, texts, meta.chrome_lines)
    figures, sums, statements = facts.extract(structure.sections)
    return Report(
        path=doc.path,
        source_kind=doc.kind,
        lines=texts,
        title=meta.title,
        title_lines=meta.title_lines,
        organ=meta.organ.value if meta.organ else None,
        year=int(meta.year.value) if meta.year else None,
        year_mentions=meta.year_mentions,
        format_cited=meta.notice,
        format_citations=meta.citations,
        period=meta.period,
        date=meta.report_date,
        metadata=meta,
        contacts=tuple(found_contacts),
        contact_block=block,
        preamble=tuple(structure.preamble),
        sections=tuple(structure.sections),
        tables=tuple(tables),
        figures=tuple(figures),
        sums=tuple(sums),
        statements=tuple(statements),
        noise=tuple(noise),
        problems=tuple(table_problems + problems),
        natives=tuple(doc.lines),
        grids=doc.grids,
    )


_TEXT, _CLEAN = attrgetter("text"), attrgetter("clean")


def _rows_read(lines: list[Line], sources: Sequence[SourceLine], noise: list[Noise]) -> list[Line]:
    """The passes after table 三's rows are rebuilt: labels wrapped below values (layout text),
    table-二 labels wrapped over lines, labels after their values, table 四's header words, then
    the few values of a row of layout text put in their columns."""
    joined = header_words_first(labels_after_values(join_bare_labels(join_wrapped_rows(lines))))
    return place_layout_values(joined, sources, noise)


def _structure(lines: list[Line]) -> tuple[Structure, list[ParseProblem]]:
    """The structure the grammar finds in ``lines``, and the parse errors recovered from."""
    problems: list[ParseProblem] = []

    def recover(err: UnexpectedInput) -> bool:
        line = getattr(err, "line", None) or 1
        token = getattr(err, "token", None)
        what = f"{token.type} line" if token is not None else "line"
        what_zh = f"{token.type} 行" if token is not None else "行"
        problems.append(
            ParseProblem(
                "parse-error",
                f"unexpected {what} here; skipped",
                Span(line, 1, line, 2),
                message_zh=f"此处不应出现{what_zh}，已跳过",
            )
        )
        return True

    tree = parse_lines(parser(), lines)
    if tree is None:  # not as the grammar has it: Lark's own parse, which recovers
        tree = parser().parse(LineStream(lines), on_error=recover)
    return build_structure(tree, lines), problems


def _in_pieces(structure: Structure) -> bool:
    """Table 三 came out in pieces: more than one, or one with template rows missing."""
    found = [t for t in structure.tables if t.kind == "applications"]
    return len(found) > 1 or (len(found) == 1 and bool(found[0].missing_rows))


def unreadable(failure: ReadFailure) -> Report:
    return Report(
        path=failure.path,
        source_kind=failure.kind,
        lines=(),
        problems=(
            ParseProblem("unreadable", failure.reason, Span(1, 1, 1, 1), message_zh=failure.reason_zh),
        ),
    )


def parse_path(path: str | Path, ocr: str = "auto") -> Report:
    result = empty_document(read_path(path, ocr))
    if isinstance(result, ReadFailure):
        return unreadable(result)
    return parse_document(result)


def parse_text(text: str, path: str = "<text>") -> Report:
    """Parse a string; lines are split exactly as the text reader splits a file (CRLF, CR, LF)."""
    lines = tuple(SourceLine(t) for t in split_lines(text))
    return parse_document(Document(path, "text", lines))
