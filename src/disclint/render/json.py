"""JSON output: the finding model of rules.md, one object per finding, plus a summary.

Shape (keys always in this order)::

    {"version": "0.1.0",
     "findings": [{"code", "name", "severity", "message",
                   "location": {"path", "line", "column", "end_line", "end_column", <native fields>},
                   "context": {...}, "fingerprint", "logical_location"}],
     "errors": [{"kind", "path", "rule", "message"}],   # run errors: exit code 2
     "summary": {"files", "findings", "error", "warning", "info", "by_code": {CODE: n}}}

Non-JSON values a rule may put in a finding's context (Decimal, date, tuples, sets, enums,
paths) are converted by :func:`jsonable`, so the renderer never fails on them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from json.encoder import encode_basestring as _string  # the C encoder, as json.dumps uses
from pathlib import PurePath
from typing import Any

from .. import __version__
from ..domain.numbers import json_number
from ..findings import Finding, Severity
from ..findingstore import tally, texts_of
from ..runerrors import RunError
from ..suppress import logical_name


def jsonable(value: Any) -> Any:
    """``value`` made of JSON types only (dict keys become strings; Decimals stay exact)."""
    kind = type(value)
    if kind is str or kind is int or value is None:  # the usual leaves first: isinstance is slower
        return value
    if kind is dict:
        return {k if type(k) is str else str(k): jsonable(v) for k, v in value.items()}
    if kind is list:
        return [jsonable(v) for v in value]
    if isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Enum):
        return jsonable(value.value)
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, PurePath):
        return value.as_posix()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=str)
    if isinstance(value, Iterable):
        return [jsonable(v) for v in value]
    return str(value)


def summary(findings: Sequence[Finding], files: int) -> dict[str, Any]:
    """Counts per severity and per code; ``files`` is the number of files checked."""
    by_severity, by_code = tally(findings)
    return {
        "files": files,
        "findings": len(findings),
        **{s.value: by_severity.get(s, 0) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)},
        "by_code": dict(sorted(by_code.items())),
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    # jsonable() of the whole dict, without walking the strings again
    d: dict[str, Any] = {k: v if type(v) is str else jsonable(v) for k, v in finding.as_dict().items()}
    d["logical_location"] = logical_name(finding)
    return d


def finding_text(finding: Finding, indent: str) -> str:
    """``indented(finding_dict(finding), indent)``, the same text, written field by field (a big
    run writes tens of thousands of findings)."""
    inner = indent + "  "
    deeper = inner + "  "
    loc = finding.location
    native = (
        "".join(
            f",\n{deeper}{_string(k)}: {indented(jsonable(v), deeper)}"
            for k, v in loc.native.as_dict().items()
        )
        if loc.native is not None
        else ""
    )
    context = finding.context
    return (
        f'{{\n{inner}"code": {_string(finding.code)},\n{inner}"name": {_string(finding.name)},\n'
        f'{inner}"severity": {_SEVERITY[finding.severity]},\n{inner}"message": {_string(finding.message)},\n'
        f'{inner}"location": {{\n{deeper}"path": {_string(loc.path)},\n'
        f'{deeper}"line": {loc.line:d},\n{deeper}"column": {loc.column:d},\n'
        f'{deeper}"end_line": {loc.end_line:d},\n{deeper}"end_column": {loc.end_column:d}{native}\n{inner}}},\n'
        f'{inner}"context": {_value_text(context, inner)},\n'
        f'{inner}"fingerprint": {_string(finding.fingerprint)},\n'
        f'{inner}"logical_location": {_string(logical_name(finding))}\n{indent}}}'
    )


_SEVERITY = {s: _string(s.value) for s in Severity}

FINDING_INDENT = "    "  # a finding's indent in the "findings" array
_SEPARATOR = ",\n" + FINDING_INDENT

# where :func:`finding_text` writes the path of a finding located in "": between raw newlines
# (never inside a string of JSON text), as the first key of a "location" object
_NO_PATH = '\n      "location": {\n        "path": ""'


def findings_text(findings: Iterable[Finding]) -> str:
    """``findings`` as :func:`stream_json` writes them in its array, one after another (from the
    first one's opening brace to the last one's closing brace)."""
    return _SEPARATOR.join(finding_text(f, FINDING_INDENT) for f in findings)


def placed(text: str, path: str, count: int) -> str | None:
    """``text``, :func:`findings_text` of ``count`` findings located in ``""``, with their path
    set to ``path`` (the same text as the findings located in ``path`` give); None when ``text``
    does not have ``count`` such places."""
    pieces = text.split(_NO_PATH)
    if len(pieces) != count + 1:
        return None
    return (_NO_PATH[:-2] + _string(path)).join(pieces)


def _value_text(value: Any, indent: str) -> str:
    """``indented(jsonable(value), indent)``, without copying values that are JSON already (the
    usual leaves are written inline: a context holds a few strings and integers)."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is int:
        return int.__repr__(value)
    if kind is dict and value:
        inner = indent + "  "
        parts = []
        for k, v in value.items():
            if type(k) is not str:
                return indented(jsonable(value), indent)
            leaf = type(v)
            if leaf is str:
                text = _string(v)
            elif leaf is int:
                text = int.__repr__(v)
            elif leaf is bool:
                text = "true" if v else "false"
            elif v is None:
                text = "null"
            else:
                text = _value_text(v, inner)
            parts.append(f"{inner}{_string(k)}: {text}")
        return "{\n" + ",\n".join(parts) + "\n" + indent + "}"
    if kind is list and value:
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + _value_text(v, inner) for v in value) + "\n" + indent + "]"
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    return indented(jsonable(value), indent)


def error_dict(error: RunError) -> dict[str, Any]:
    return {"kind": error.kind, "path": error.path, "rule": error.rule, "message": error.message}


def render_json(findings: Sequence[Finding], *, files: int, errors: Sequence[RunError] = ()) -> str:
    document = {
        "version": __version__,
        "findings": [finding_dict(f) for f in findings],
        "errors": [error_dict(e) for e in errors],
        "summary": summary(findings, files),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def indented(value: Any, indent: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` nested at ``indent``, the same text;
    the dicts, lists, strings and integers a finding is made of are written here with the C
    string encoder (the standard encoder with ``indent`` is pure Python, ~3x slower)."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is dict and value and all(type(k) is str for k in value):
        inner = indent + "  "
        items = ",\n".join(f"{inner}{_string(k)}: {indented(v, inner)}" for k, v in value.items())
        return "{\n" + items + "\n" + indent + "}"
    if kind is list and value:
        inner = indent + "  "
        return "[\n" + ",\n".join(inner + indented(v, inner) for v in value) + "\n" + indent + "]"
    if kind is int:
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)


def stream_json(findings: Sequence[Finding], *, files: int, errors: Sequence[RunError] = ()) -> Iterator[str]:
    """:func:`render_json`'s text in pieces, a file's findings at a time (the same bytes)."""

    def dumps(value: Any, indent: str) -> str:  # a value nested at ``indent``
        return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)

    yield '{\n  "version": ' + json.dumps(__version__, ensure_ascii=False) + ',\n  "findings": ['
    first = True
    for text in texts_of(findings, findings_text):  # a cached file's as the cache keeps them
        if text:
            yield ("\n" if first else ",\n") + FINDING_INDENT + text
            first = False
    yield ("]" if first else "\n  ]") + ',\n  "errors": ' + dumps([error_dict(e) for e in errors], "  ")
    yield ',\n  "summary": ' + dumps(summary(findings, files), "  ") + "\n}\n"
