"""The parse stage, one module per step, in pipeline order.

tab_rows   — tab-separated text that leaves cells empty (a blank between two values): its rows as grids
normalize  — document lines → logical lines (residue removed, split labels joined, values cut;
             a grid row's empty cells of its own are blank values, merged continuations none)
empty_line_cells — table 三 as a text export writes it (a cell per line, an empty cell an empty line)
late_labels — a table-二 label written after its values put back in front of them
review_order — table 四's header words written among its counts put before them
layout_rows — layout text's rows left empty (no values line): table 三 placed on the template piece
             by piece (an empty row seven blanks), wrapped table-二 labels joined
layout     — layout text (pdftotext -layout): labels wrapped below their values joined by column
lexer      — one token per logical line, by shape and context (fed to grammar/report.lark)
align      — where a row or cell goes on its template: label similarity and order, column fit
tables     — table rows built on the templates (grammar/tables/*.yaml) through align
transform  — Lark tree → AST structure (sections, paragraphs, tables)
reading_order — a table 三 written column by column (labels apart from values) set aside: PAR002
fragments  — a table the text breaks into three pieces or more set aside: one PAR002
pipeline   — the whole run: read → normalize → lex + parse → transform → metadata/facts → Report
dump       — the parse tree as text for ``disclint parse``
"""

from __future__ import annotations

import sys
import types
from pathlib import Path

from ..nodes import Report
from .pipeline import parse_document, parse_path, parse_text, parser, unreadable

__all__ = ["parse_document", "parse_path", "parse_text", "parser", "unreadable"]


class _CallableModule(types.ModuleType):
    """``disclint.parse`` is both this package and the public API call ``disclint.parse(path)``:
    once the package is imported its name shadows any function of that name in ``disclint``, so
    the package itself is made callable (it parses one file, like :func:`parse_path`)."""

    def __call__(self, path: str | Path) -> Report:
        return parse_path(path)


sys.modules[__name__].__class__ = _CallableModule
