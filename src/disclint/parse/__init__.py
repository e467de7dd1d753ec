"""The parse stage, one module per step, in pipeline order.

normalize  — document lines → logical lines (residue removed, split labels joined, values cut)
lexer      — one token per logical line, by shape and context (fed to grammar/report.lark)
tables     — table rows placed on the templates (grammar/tables/*.yaml)
transform  — Lark tree → AST structure (sections, paragraphs, tables)
pipeline   — the whole run: read → normalize → lex + parse → transform → metadata/facts → Report
dump       — the parse tree as text for ``disclint parse``
"""

from __future__ import annotations

from .pipeline import parse_document, parse_path, parse_text, parser, unreadable

__all__ = ["parse_document", "parse_path", "parse_text", "parser", "unreadable"]
