"""Checks every reader's input and output goes through: the file-size, line-length and
"empty document" rules (the limits themselves are in :mod:`disclint.limits`)."""

from __future__ import annotations

from pathlib import Path

from .. import limits
from .base import Document, ReadFailure


def read_limited(path: Path) -> bytes:
    """The file's bytes; :class:`~disclint.limits.LimitExceeded` when it is over ``file-size``
    (judged by its size on disk and again while reading, for files whose size is not known)."""
    maximum = limits.current()["file-size"]
    with path.open("rb") as handle:
        size = path.stat().st_size
        limits.check("file-size", size)
        data = handle.read(maximum + 1)
    limits.check("file-size", len(data))
    return data


def guard_document(result: Document | ReadFailure) -> Document | ReadFailure:
    """A line over ``line-length`` stops the document (LimitExceeded)."""
    if isinstance(result, ReadFailure):
        return result
    longest, where = 0, 0
    for number, line in enumerate(result.lines, start=1):
        if len(line.text) > longest:
            longest, where = len(line.text), number
    limits.check("line-length", longest, f"line {where}", f"第 {where} 行")
    return result


def empty_document(result: Document | ReadFailure) -> Document | ReadFailure:
    """A document with no text at all is one "empty document" failure, instead of a finding for
    every part the report lacks."""
    if isinstance(result, Document) and not any(line.text.strip() for line in result.lines):
        path = result.path
        return ReadFailure(
            path=path,
            kind=result.kind,
            reason=f"{path} is an empty document: it contains no text.",
            reason_zh=f"{path} 是空文档：不含任何文字。",
        )
    return result
