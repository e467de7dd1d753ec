"""A faster ``__init__`` for the frozen dataclasses a parse makes by the thousand.

``@dataclass(frozen=True)`` sets every field through ``object.__setattr__`` (frozen classes
forbid ``self.x = …``), which makes a 4-field span cost several times a plain object. The
parse builds a few thousand spans, located texts, values and cells per report, so
:func:`quick_init` gives such a class an ``__init__`` that fills the instance dict (with one
``update`` of every field) or the slots directly. Same parameters, defaults and result; the class
stays frozen for everyone else.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    """Replace the ``__init__`` of the frozen dataclass ``cls`` (decorate above ``@dataclass``).

    Only for plain classes: every field an ``__init__`` parameter, positional, no
    ``__post_init__`` (checked here, so a later change to the class cannot be silently skipped)."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen:
        raise TypeError(f"{cls.__name__}: quick_init is for frozen dataclasses")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: quick_init does not run __post_init__")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]
    slotted = "__slots__" in cls.__dict__
    scope: dict[str, Any] = {"_MISSING": dataclasses.MISSING}
    args: list[str] = []
    body: list[str] = []
    entries: list[str] = []  # ``'name': value`` of each field, for the instance dict at once
    for f in fields:
        if not f.init or f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name}: quick_init needs positional init fields")
        value = f.name
        if f.default is not dataclasses.MISSING:
            scope[f"_d_{f.name}"] = f.default
            args.append(f"{f.name}=_d_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            scope[f"_f_{f.name}"] = f.default_factory
            args.append(f"{f.name}=_MISSING")
            value = f"_f_{f.name}() if {f.name} is _MISSING else {f.name}"
        else:
            args.append(f.name)
        if slotted:
            scope[f"_s_{f.name}"] = cls.__dict__[f.name].__set__  # the slot's own setter
            body.append(f"    _s_{f.name}(self, {value})")
        else:
            entries.append(f"{f.name!r}: {value}")
    if entries:
        # one update of the instance dict with every field (filling it key by key left an
        # instance whose attributes read several times slower: every rule reads them)
        body.append(f"    self.__dict__.update({{{', '.join(entries)}}})")
    source = f"def __init__(self, {', '.join(args)}):\n" + ("\n".join(body) or "    pass") + "\n"
    exec(source, scope)
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
