"""The cyclic garbage collector paused while a report is parsed or checked.

A parse makes thousands of small objects (lines, located texts, spans, cells, rows) that all
stay alive until the report is done, and a check makes its findings. With the collector on,
every 700 new container objects start a collection that walks the young objects and finds them
all alive: measured on the seeds, about one instruction in twenty of a parse and check. Nothing
in a parse or check needs the collector (the objects form no cycles to free), so it is paused
for the duration and turned back on after, and whatever cycles were made are collected then.

Only a collector that is on is paused and turned back on: a program that turned it off keeps
it off; of threads parsing at once, the one that paused it turns it back on when it is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
