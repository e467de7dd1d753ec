"""The national rule set, registered through the same pluggy hook a third-party plugin uses.

Every ``@rule`` of every module of this package is a rule of the set: adding a rule is writing it
in a module (plus its cases in ``tests/rules/<CODE>.yml``); nothing else lists it.
"""

from __future__ import annotations

import pkgutil
from importlib import import_module

from ..hookspecs import hookimpl
from ..rule import Rule


def builtin_rules() -> list[Rule]:
    """The rules defined in the modules of this package (not in ``_``-prefixed helpers)."""
    found: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = import_module(f"{__name__}.{info.name}")
        for value in vars(module).values():
            if isinstance(value, Rule) and value.check.__module__ == module.__name__:
                found.setdefault(value.code, value)
    return sorted(found.values(), key=lambda r: r.code)


@hookimpl
def disclint_rules() -> list[Rule]:
    return builtin_rules()
