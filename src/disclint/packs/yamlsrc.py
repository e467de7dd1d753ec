"""YAML read with ruamel.yaml round-trip, so every key and value keeps its line and column.

Positions returned here are 1-based, as in the messages (``file:line:col: …``); ruamel's own
are 0-based.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from .errors import PackError


@dataclass(frozen=True)
class Source:
    path: str  # as shown in messages
    text: str
    data: Any  # CommentedMap for a well-formed pack; None for an empty file

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def error(self, where: Sequence[str | int], message: str, *, key: bool = False) -> PackError:
        line, column = position(self.data, where, key=key)
        return PackError(self.path, line, column, message)

    def error_in_scalar(self, where: Sequence[str | int], offset: int, message: str) -> PackError:
        """An error at ``offset`` inside the string value at ``where`` (e.g. a bad expression)."""
        line, column = scalar_position(self, where, offset)
        return PackError(self.path, line, column, message)


def _yaml() -> YAML:
    y = YAML(typ="rt", pure=True)
    y.preserve_quotes = True
    y.allow_duplicate_keys = False
    return y


def parse_yaml(text: str, path: str) -> Source:
    """Parse ``text``; a YAML error becomes a :class:`PackError` at the problem's position."""
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise PackError(path, line, column, f"invalid YAML: {reason}") from None
    except YAMLError as exc:
        raise PackError(path, 1, 1, f"invalid YAML: {exc}") from None
    return Source(path, text, data)


def load_yaml(path: Path, shown: str | None = None) -> Source:
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError(shown, 1, 1, "file not found") from None
    except UnicodeDecodeError as exc:
        raise PackError(shown, 1, 1, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise PackError(shown, 1, 1, f"cannot read file: {exc.strerror or exc}") from None
    return parse_yaml(text, shown)


def position(data: Any, where: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
    """1-based position of the node at path ``where`` (its key when ``key``, else its value).

    Walks as deep as the path exists; an empty path or a missing first step gives 1:1.
    """
    node = data
    pos = (0, 0)
    for i, step in enumerate(where):
        last = i == len(where) - 1
        if isinstance(node, CommentedMap) and step in node:
            lc = node.lc
            pos = lc.key(step) if (last and key) else lc.value(step)
            node = node[step]
        elif isinstance(node, CommentedSeq) and isinstance(step, int) and 0 <= step < len(node):
            pos = node.lc.item(step)
            node = node[step]
        else:
            break
    return pos[0] + 1, pos[1] + 1


def _lookup(data: Any, where: Sequence[str | int]) -> Any:
    node = data
    for step in where:
        node = node[step]
    return node


def scalar_position(source: Source, where: Sequence[str | int], offset: int) -> tuple[int, int]:
    """File position of character ``offset`` of the string scalar at ``where``."""
    line, column = position(source.data, where)
    value = _lookup(source.data, where)
    lines = source.lines
    if isinstance(value, LiteralScalarString):
        body = str(value)[:offset]
        k = body.count("\n")
        indent = _block_indent(lines, line)
        return line + 1 + k, indent + len(body) - (body.rfind("\n") + 1) + 1
    if isinstance(value, FoldedScalarString):
        indent = _block_indent(lines, line)
        segments = [(n, indent) for n in range(line, len(lines)) if lines[n].strip()]
        return _walk(lines, segments, offset, line, column)
    shift = 1 if isinstance(value, (SingleQuotedScalarString, DoubleQuotedScalarString)) else 0
    segments = [(line - 1, column - 1 + shift)]
    n = line
    while n < len(lines) and _continues(lines, n, column):
        segments.append((n, len(lines[n]) - len(lines[n].lstrip())))
        n += 1
    return _walk(lines, segments, offset, line, column + shift)


def _continues(lines: list[str], n: int, column: int) -> bool:
    """A multi-line flow scalar continues on line ``n`` (0-based) when that line is indented deeper."""
    text = lines[n]
    return bool(text.strip()) and len(text) - len(text.lstrip()) >= column and ":" not in text.split("#")[0]


def _block_indent(lines: list[str], line: int) -> int:
    for text in lines[line:]:
        if text.strip():
            return len(text) - len(text.lstrip())
    return 0


def _walk(
    lines: list[str], segments: list[tuple[int, int]], offset: int, line: int, column: int
) -> tuple[int, int]:
    """Find ``offset`` in a scalar folded from ``segments`` (0-based line, 0-based start column)."""
    remaining = offset
    for n, start in segments:
        length = len(lines[n].rstrip()) - start if n < len(lines) else 0
        if remaining <= length:
            return n + 1, start + remaining + 1
        remaining -= length + 1  # the folded line break became one space
    return line, column + offset
