"""The finding model every renderer works from (rules.md, "Findings")."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import Any

from .frozen import quick_init
from .readers.base import NativeLocation


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    @property
    def sarif_level(self) -> str:
        return {"error": "error", "warning": "warning", "info": "note"}[self.value]

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls(text.strip().lower())
        except ValueError:
            raise ValueError(f"unknown severity {text!r} (expected error, warning or info)") from None


SEVERITIES: tuple[str, ...] = tuple(s.value for s in Severity)  # error, warning, info


@quick_init
@dataclass(frozen=True)
class Location:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    native: NativeLocation | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }
        if self.native is not None:
            d.update(self.native.as_dict())
        return d


@quick_init
@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    context: dict[str, Any] = field(default_factory=dict, hash=False)
    # logical place (section/table/row/column path), the text under the span and the text of
    # its whole line: with the code they make the fingerprint, which never uses line numbers
    # (so it survives edits elsewhere) yet tells apart the same finding on two different lines.
    logical_path: str = ""
    snippet: str = ""
    line_text: str = ""

    @cached_property  # a finding read back from the result cache comes with it
    def fingerprint(self) -> str:
        parts = (self.code, self.logical_path, "".join(self.snippet.split()), "".join(self.line_text.split()))
        basis = "\x1f".join(parts)
        return hashlib.sha256(basis.encode("utf-8")).hexdigest()[:32]

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.location.path, self.location.line, self.location.column, self.code)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity.value,
            "message": self.message,
            "location": self.location.as_dict(),
            "context": self.context,
            "fingerprint": self.fingerprint,
        }
