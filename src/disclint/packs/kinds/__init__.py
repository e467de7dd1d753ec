"""The declarative rule kinds, one module each (its parameter specs, validator and check together).
A module of this package that defines ``KIND`` is a kind; nothing else lists them."""

from __future__ import annotations

import pkgutil
from importlib import import_module

from .base import Kind, ParamSpec


def _discover() -> dict[str, Kind]:
    found: dict[str, Kind] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        kind = getattr(import_module(f"{__name__}.{info.name}"), "KIND", None)
        if isinstance(kind, Kind):
            found[kind.name] = kind
    return found


KINDS: dict[str, Kind] = _discover()

__all__ = ["KINDS", "Kind", "ParamSpec"]
