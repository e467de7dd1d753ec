"""rules/pack.schema.json, generated: the pack format plus each declarative kind's parameter specs.

Run ``python -m disclint.packs.schemagen rules/pack.schema.json`` after changing a kind; a test
fails while the file is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ..domain import organs
from ..findings import SEVERITIES
from .kinds import KINDS
from .kinds.text import SCOPE_WORDS

_FORMATS = ["60", "30"]


def _definition() -> dict[str, Any]:
    properties: dict[str, Any] = {
        "name": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
        "kind": {"enum": list(KINDS)},
        "severity": {"$ref": "#/$defs/severity"},
        "summary": {"type": "string"},
        "summary_zh": {"type": "string"},
        "message": {"$ref": "#/$defs/message"},
        "explanation": {"type": "string"},
        "bad": {"type": "string"},
        "good": {"type": "string"},
        "when": {
            "description": "Check only reports that match every condition given.",
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "year_min": {"type": "integer"},
                "year_max": {"type": "integer"},
                "formats": {"type": "array", "items": {"enum": _FORMATS}, "minItems": 1},
                "organ_types": {"type": "array", "items": {"enum": list(organs.KINDS)}, "minItems": 1},
            },
        },
    }
    conditions: list[dict[str, Any]] = []
    for kind in KINDS.values():
        for spec in kind.params:
            known = properties.setdefault(spec.name, dict(spec.schema))
            if known != dict(spec.schema):
                raise ValueError(f"parameter {spec.name!r} of kind {kind.name} differs from another kind's")
        required = [p.name for p in kind.params if p.required]
        then: dict[str, Any] = {}
        if required:
            then["required"] = required
        if kind.one_of:
            then["oneOf"] = [{"required": [name]} for name in kind.one_of]
        if then:
            conditions.append(
                {"if": {"properties": {"kind": {"const": kind.name}}, "required": ["kind"]}, "then": then}
            )
    return {
        "type": "object",
        "required": ["name", "kind"],
        "additionalProperties": False,
        "properties": properties,
        "allOf": conditions,
    }


def build_schema() -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/disclint/disclint/blob/main/rules/pack.schema.json",
        "title": "disclint rule pack",
        "description": (
            "A region rule pack for disclint: extends other packs, turns rules on or off, sets severities "
            "and parameters, and defines declarative rules. See docs/packs.md."
        ),
        "type": "object",
        "required": ["name"],
        "additionalProperties": False,
        "properties": {
            "name": {
                "description": "Pack name, used in extends: and --pack.",
                "type": "string",
                "pattern": "^[a-z0-9][a-z0-9_.-]*$",
            },
            "description": {"type": "string"},
            "extends": {
                "description": (
                    "One or more packs this pack builds on: a name (shipped or contributed by a plugin) "
                    "or a path relative to this file."
                ),
                "oneOf": [
                    {"type": "string", "minLength": 1},
                    {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
                ],
            },
            "rules": {
                "description": (
                    "Rule code, family prefix (CON, ACC00), rule name or ALL → off | on | a severity | "
                    "a mapping of enabled, severity and parameters."
                ),
                "type": "object",
                "propertyNames": {"pattern": "^([A-Z]+[0-9]*|[a-z][a-z0-9-]*)$"},
                "additionalProperties": {"$ref": "#/$defs/setting"},
            },
            "define": {
                "description": (
                    "New declarative rules, by code (letters and three digits, not used by any other rule)."
                ),
                "type": "object",
                "propertyNames": {"pattern": "^[A-Z]{2,8}[0-9]{3}$"},
                "additionalProperties": {"$ref": "#/$defs/definition"},
            },
        },
        "$defs": {
            "severity": {"enum": list(SEVERITIES)},
            "setting": {
                "anyOf": [
                    {"enum": ["off", "on", *SEVERITIES, True, False]},
                    {
                        "type": "object",
                        "properties": {
                            "enabled": {"type": "boolean"},
                            "severity": {"$ref": "#/$defs/severity"},
                        },
                    },
                ]
            },
            "message": {
                "type": "object",
                "properties": {
                    "zh": {"type": "string", "minLength": 1},
                    "en": {"type": "string", "minLength": 1},
                },
                "required": ["zh", "en"],
                "additionalProperties": False,
            },
            "scope": {
                "anyOf": [{"enum": list(SCOPE_WORDS)}, {"type": "integer", "minimum": 1, "maximum": 6}]
            },
            "date": {"type": "string", "pattern": "^(0?[1-9]|1[0-2])-(0?[1-9]|[12][0-9]|3[01])$"},
            "definition": _definition(),
        },
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m disclint.packs.schemagen rules/pack.schema.json", file=sys.stderr)
        return 2
    Path(args[0]).write_text(schema_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
