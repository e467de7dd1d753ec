"""Regular expressions written in packs (``require-text`` / ``forbid-text``), compiled with RE2.

A pack is untrusted input: a pattern such as ``(a+)+$`` takes exponential time in Python's
backtracking engine. RE2 (``google-re2``) runs in time linear in the text, whatever the
pattern; the price is that look-around and back-references are not available, which the pack
validator says when it meets them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import re2

# memory RE2 may use for one compiled pattern; a pattern needing more is refused at load time
MAX_PROGRAM_MEMORY = 8 * 1024 * 1024


class PatternError(ValueError):
    """A pattern RE2 cannot compile; ``message`` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str


def _options(ignore_case: bool) -> Any:
    options = re2.Options()
    options.case_sensitive = not ignore_case
    options.log_errors = False
    options.max_mem = MAX_PROGRAM_MEMORY
    return options


@lru_cache(maxsize=256)
def compile_pattern(pattern: str, ignore_case: bool = False) -> Any:
    """The compiled RE2 pattern; :class:`PatternError` when it is not valid RE2 syntax."""
    try:
        return re2.compile(pattern, _options(ignore_case))
    except re2.error as exc:
        detail = exc.args[0] if exc.args else exc
        reason = detail.decode("utf-8", "replace") if isinstance(detail, bytes) else str(detail)
        hint = " (RE2 syntax: no look-around or back-references)" if "perl operator" in reason else ""
        raise PatternError(reason + hint) from None


def search(pattern: str, text: str, ignore_case: bool = False) -> bool:
    return compile_pattern(pattern, ignore_case).search(text) is not None


def finditer(pattern: str, text: str, ignore_case: bool = False) -> list[Match]:
    return [
        Match(m.start(), m.end(), m.group(0)) for m in compile_pattern(pattern, ignore_case).finditer(text)
    ]
