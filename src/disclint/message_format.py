"""Message templates rendered safely: ``{name}`` and a small format spec, nothing more.

Templates come from packs, which are untrusted: ``str.format`` would let ``{value.__class__}``
reach attributes (or raise AttributeError mid-run) and ``{value:>1000000000}`` allocate a
gigabyte. Here a field is a plain name looked up in the arguments, and a width or precision
over :data:`MAX_WIDTH` is refused by the pack validator and ignored when rendering.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from typing import Any

MAX_WIDTH = 200
_NUMBERS = re.compile(r"\d+")


class _SafeFormatter(string.Formatter):
    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> tuple[Any, str]:
        if not field_name.isidentifier():  # no attribute or index access, no positional fields
            raise KeyError(field_name)
        return kwargs[field_name], field_name

    def format_field(self, value: Any, format_spec: str) -> str:
        if _too_wide(format_spec):
            format_spec = ""
        return super().format_field(value, format_spec)


_FORMATTER = _SafeFormatter()


def _too_wide(spec: str) -> bool:
    return any(len(n) > 3 or int(n) > MAX_WIDTH for n in _NUMBERS.findall(spec))


def render(template: str, args: Mapping[str, Any]) -> str:
    """``template`` with its fields filled from ``args``; the template itself when it cannot be."""
    try:
        return _FORMATTER.vformat(template, (), dict(args))
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return template


def problems(template: str, allowed: Sequence[str]) -> str | None:
    """Why ``template`` is not acceptable in a pack (None when it is): unknown or non-plain
    fields, nested fields, a width over MAX_WIDTH."""
    try:
        fields = [(name, spec) for _, name, spec, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        return f"invalid message template: {exc}"
    for name, spec in fields:
        if not name.isidentifier():
            return f"placeholder {{{name}}} is not a plain name (no attributes, indexes or positions)"
        if name not in allowed:
            return f"unknown placeholder {{{name}}}"
        if "{" in (spec or "") or _too_wide(spec or ""):
            return f"placeholder {{{name}:{spec}}}: format width or precision over {MAX_WIDTH}, or nested"
    return None
