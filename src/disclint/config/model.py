"""The configuration's schema and values: defaults, the JSON schema of a file, the effective values
with where each came from, and ``per-path`` entries."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import SEVERITIES
from ..formats import FORMATS
from ..limits import BY_KEY
from ..messages import DEFAULT_LANG, LANGS
from ..packs.errors import PackError
from ..packs.loader import DEFAULT_PACK
from ..readers.base import OCR_MODES  # not readers.ocr: a cached re-run never loads it

CONFIG_FILES = ("disclint.yaml", ".disclint.yaml")
DEFAULTS: dict[str, Any] = {
    "pack": DEFAULT_PACK,
    "select": [],
    "ignore": [],
    "severity": {},
    "format": "text",
    "fail-on": "info",
    "lang": DEFAULT_LANG,
    "baseline": None,
    "suppress": [],
    "limits": {},
    "organ-aliases": {},
    "ocr": "auto",
}
_CODES = {"type": "array", "items": {"type": "string", "pattern": "^[A-Z]*[0-9]*$"}}
_SEVERITY_MAP = {
    "type": "object",
    "propertyNames": {"pattern": "^[A-Z]*[0-9]*$"},
    "additionalProperties": {"enum": list(SEVERITIES)},
}
CONFIG_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "disclint configuration",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "pack": {"type": "string", "minLength": 1},
        "select": _CODES,
        "ignore": _CODES,
        "severity": _SEVERITY_MAP,
        "format": {"enum": list(FORMATS)},
        "fail-on": {"enum": list(SEVERITIES)},
        "lang": {"enum": list(LANGS)},
        "ocr": {"enum": list(OCR_MODES)},
        "baseline": {"type": "string", "minLength": 1},
        # one finding silenced without editing the document: file + code + logical location
        "suppress": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["path", "code"],
                "additionalProperties": False,
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "code": {"type": "string", "pattern": "^[A-Z]+[0-9]+$"},
                    "location": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
        "limits": {
            "type": "object",
            "propertyNames": {"enum": list(BY_KEY)},
            "additionalProperties": {"type": ["integer", "string"]},
        },
        # another name of an organ → the name it is matched by across years (a renamed organ)
        "organ-aliases": {
            "type": "object",
            "additionalProperties": {"type": "string", "minLength": 1},
        },
        "per-path": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["paths"],
                "additionalProperties": False,
                "properties": {
                    "paths": {
                        "oneOf": [
                            {"type": "string", "minLength": 1},
                            {"type": "array", "items": {"type": "string"}, "minItems": 1},
                        ]
                    },
                    "pack": {"type": "string", "minLength": 1},
                    "select": _CODES,
                    "ignore": _CODES,
                    "severity": _SEVERITY_MAP,
                },
            },
        },
    },
}


class ConfigError(PackError):
    """A configuration file or command-line value that cannot be used (exit 2)."""

    def text(self, lang: str) -> str:
        return f"{source_label(self.where, lang)}: {self.words.get(lang)}"


_COMMAND_LINE = re.compile(r"\bcommand line \((--[a-z-]+)\)")


def source_label(source: str, lang: str) -> str:
    """Where a value came from, for people: ``command line (--pack)`` → ``命令行（--pack）``."""
    if lang == "en":
        return source
    if source == "default":
        return "默认值"
    return _COMMAND_LINE.sub(r"命令行（\1）", source)


@dataclass(frozen=True)
class Value:
    value: Any
    source: str  # "default", "file:line:col", "pyproject.toml [tool.disclint]" or "command line (--x)"


@dataclass(frozen=True)
class Override:
    """A ``per-path`` entry: for files matching ``paths``, another pack and/or selection."""

    paths: tuple[str, ...]
    pack: str | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    def matches(self, relative: str) -> bool:
        name = relative.rsplit("/", 1)[-1]
        for glob in self.paths:
            g = glob.rstrip("/")
            if fnmatch.fnmatchcase(relative, g) or fnmatch.fnmatchcase(relative, g + "/*"):
                return True
            if "/" not in g and fnmatch.fnmatchcase(name, g):
                return True
        return False


@dataclass(frozen=True)
class EffectiveConfig:
    """The values of one run, each with where it came from."""

    file: Path | None  # the configuration file used (None: defaults and flags only)
    root: Path  # per-path globs and relative pack paths are relative to this directory
    values: Mapping[str, Value]
    overrides: tuple[Override, ...] = ()

    def __getitem__(self, key: str) -> Any:
        return self.values[key].value

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.file) if self.file else None,
            "root": str(self.root),
            "values": {k: {"value": v.value, "source": v.source} for k, v in self.values.items()},
            "per-path": [
                {
                    "paths": list(o.paths),
                    "pack": o.pack,
                    "select": list(o.select) if o.select is not None else None,
                    "ignore": list(o.ignore),
                    "severity": dict(o.severity),
                    "source": o.source,
                }
                for o in self.overrides
            ],
        }

    def describe(self, lang: str = "en") -> str:
        """Text for ``disclint config``: every value and where it came from."""
        zh = lang == "zh"
        found = str(self.file) if self.file else ("（未找到）" if zh else "(none found)")
        lines = [f"配置文件：{found}" if zh else f"configuration file: {found}"]
        lines.append(f"根目录：{self.root}" if zh else f"root: {self.root}")
        width = max(len(k) for k in self.values)
        for key, v in self.values.items():
            shown = _show(v.value)
            lines.append(f"{key.ljust(width)} = {shown.ljust(24)}  # {source_label(v.source, lang)}")
        for o in self.overrides:
            parts = [f"pack={o.pack}"] if o.pack else []
            if o.select is not None:
                parts.append(f"select={_show(list(o.select))}")
            if o.ignore:
                parts.append(f"ignore={_show(list(o.ignore))}")
            if o.severity:
                parts.append(f"severity={_show(dict(o.severity))}")
            nothing = "（无）" if zh else "(nothing)"
            lines.append(f"per-path {_show(list(o.paths))}: {' '.join(parts) or nothing}  # {o.source}")
        return "\n".join(lines) + "\n"


def _show(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {v}" for k, v in value.items()) + "}"
    return str(value)
