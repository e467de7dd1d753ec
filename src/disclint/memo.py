"""A bounded memo of pure per-input work, shared by every parse and thread of the process.

Reports of one region repeat their boilerplate (table labels, headings, the same value rows),
so the parse keeps the answer for an input it has seen. Untrusted input must not grow memory
without bound: a :class:`Memo` holds at most ``maxsize`` entries and starts over when full.
Each read and write is one dict operation (atomic under the GIL), so threads share it without
a lock. Keys must hold every input the value depends on, and values must never be mutated.

``cache_clear`` and ``cache_parameters`` are those of :func:`functools.lru_cache`, so the
benchmarks clear a Memo like any other per-input memo.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._data: dict[K, V] = {}
        # the dict's own ``get`` (the dict is emptied when full, never replaced): a read is one call
        self.get: Callable[[K], V | None] = self._data.get
        _ALL.add(self)  # type: ignore[arg-type]

    def put(self, key: K, value: V) -> V:
        data = self._data
        if len(data) >= self.maxsize:
            data.clear()
        data[key] = value
        return value

    def __len__(self) -> int:
        return len(self._data)

    def cache_clear(self) -> None:
        self._data.clear()

    def cache_parameters(self) -> dict[str, object]:
        return {"maxsize": self.maxsize, "typed": False}


_ALL: weakref.WeakSet[Memo[object, object]] = weakref.WeakSet()


def clear_all() -> None:
    """Empty every Memo of the process (a test compares an answer kept with one worked out)."""
    for memo in list(_ALL):
        memo.cache_clear()
