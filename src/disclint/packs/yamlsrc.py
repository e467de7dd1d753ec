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

from ..messages import Text
from .errors import PackError


@dataclass(frozen=True)
class Source:
    path: str  # as shown in messages
    text: str
    data: Any  # CommentedMap for a well-formed pack; None for an empty file

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def error(self, where: Sequence[str | int], message: str | Text, *, key: bool = False) -> PackError:
        line, column = position(self.data, where, key=key)
        return PackError(self.path, line, column, message)

    def error_in_scalar(self, where: Sequence[str | int], offset: int, message: str | Text) -> PackError:
        """An error at ``offset`` inside the string value at ``where`` (e.g. a bad expression)."""
        line, column = scalar_position(self, where, offset)
        return PackError(self.path, line, column, message)


def _too_deep() -> Text:
    return Text(f"值的嵌套超过 {MAX_DEPTH} 层", f"values nested more than {MAX_DEPTH} levels deep")


def _invalid(reason: Text) -> Text:
    return Text(f"YAML 格式错误：{reason.zh}", f"invalid YAML: {reason.en}")


def _yaml() -> YAML:
    y = YAML(typ="rt", pure=True)
    y.preserve_quotes = True
    y.allow_duplicate_keys = False
    return y


# a pack or configuration file is small: these bound what aliases (a "billion laughs" file) and
# nesting can make of it once read
MAX_NODES = 100_000  # values, counting each use of an alias again
MAX_DEPTH = 50  # levels of nested mappings and lists


def _check_size(data: Any, path: str) -> None:
    """PackError when ``data`` nests deeper than MAX_DEPTH or, with its aliases expanded, holds
    more than MAX_NODES values (walked without recursion, stopping at the first excess)."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    nodes = 0
    while stack:
        node, depth = stack.pop()
        nodes += 1
        if nodes > MAX_NODES:
            raise PackError(
                path,
                1,
                1,
                Text(
                    f"展开别名后超过 {MAX_NODES:,} 个值（别名炸弹？）",
                    f"more than {MAX_NODES:,} values once aliases are expanded (alias bomb?)",
                ),
            )
        if depth > MAX_DEPTH:
            raise PackError(path, 1, 1, _too_deep())
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
            stack.extend((k, depth + 1) for k in node if isinstance(k, (tuple, dict, list)))
        elif isinstance(node, (list, tuple)):
            stack.extend((v, depth + 1) for v in node)


def _check_flow_depth(text: str, path: str) -> None:
    """PackError when flow collections (``[[[…`` / ``{{{…``) nest deeper than MAX_DEPTH: checked
    on the text, because the YAML parser takes quadratic time on deep flow nesting."""
    depth = 0  # a flow collection may span lines
    for number, line in enumerate(text.splitlines(), start=1):
        quote, previous = "", ""
        for column, ch in enumerate(line, start=1):
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "'\"" and depth > 0:
                quote = ch
            elif ch == "#" and previous in ("", " "):
                break
            elif ch in "[{" and (depth > 0 or previous in ("", ":", "-", "?", ",")):
                depth += 1
                if depth > MAX_DEPTH:
                    raise PackError(path, number, column, _too_deep())
            elif ch in "]}" and depth > 0:
                depth -= 1
            if ch != " ":
                previous = ch


def parse_yaml(text: str, path: str) -> Source:
    """Parse ``text``; a YAML error becomes a :class:`PackError` at the problem's position."""
    _check_flow_depth(text, path)
    try:
        data = _yaml().load(text)
        _check_size(data, path)
    except RecursionError:
        raise PackError(path, 1, 1, _invalid(_too_deep())) from None
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        reason = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
        raise PackError(path, line, column, _invalid(Text(reason, reason))) from None
    except YAMLError as exc:
        raise PackError(path, 1, 1, _invalid(Text(str(exc), str(exc)))) from None
    return Source(path, text, data)


def load_yaml(path: Path, shown: str | None = None) -> Source:
    shown = shown or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PackError(shown, 1, 1, Text("找不到文件", "file not found")) from None
    except UnicodeDecodeError as exc:
        raise PackError(
            shown,
            1,
            1,
            Text(
                f"不是 UTF-8 文本（第 {exc.start} 字节：{exc.reason}）",
                f"not UTF-8 text ({exc.reason} at byte {exc.start})",
            ),
        ) from None
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise PackError(shown, 1, 1, Text(f"无法读取文件：{reason}", f"cannot read file: {reason}")) from None
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
