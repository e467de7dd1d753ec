"""Rule packs: YAML files in ``rules/`` (or contributed by plugins) that configure the catalogue
and define declarative rules. See docs/packs.md.

The loader (jsonschema, the expression grammar) is imported on first use, so that commands which
never read a pack start fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .errors import PackError

if TYPE_CHECKING:
    from .loader import DEFAULT_PACK, ResolvedPack, load_pack, with_rules
    from .resolve import available_packs

_LAZY = {
    "DEFAULT_PACK": ".loader",
    "ResolvedPack": ".loader",
    "load_pack": ".loader",
    "with_rules": ".loader",
    "available_packs": ".resolve",
}

__all__ = ["DEFAULT_PACK", "PackError", "ResolvedPack", "available_packs", "load_pack", "with_rules"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
