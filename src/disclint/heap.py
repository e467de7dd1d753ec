"""How the cyclic garbage collector runs while a batch is checked.

Checking one report allocates tens of thousands of small container objects (lines, tokens,
cells, spans), and reference counting frees nearly all of them: the report's objects form no
cycles. With Python's default thresholds the collector still runs after every 700 new
containers and, every tenth time, walks the parser's tables, the templates and the memos as
well, for nothing: about 15 % of the instructions of a parse and check of a seed report
(``benchmarks/bench_parse.py``).

:func:`settle` is called by the batch once its set-up is done (grammar built, configuration and
packs resolved), before any worker process is forked:

* ``gc.collect()`` then ``gc.freeze()``: what is alive then lives for the whole run; the collector
  never walks it again. (Python's documentation recommends the same before ``fork``: the
  children then do not touch, and so do not copy, the parent's pages.)
* the youngest generation is collected after 10,000 new containers instead of 700. Cyclic garbage,
  if any, waits at most that long: about a megabyte at most.

A library user (``disclint.parse.parse_path`` …) is not affected: only the command line calls it.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 10_000  # new containers before the youngest generation is collected
OLDER_THRESHOLDS = (10, 10)  # Python's defaults for the two older generations


_settled = False


def settle() -> None:
    """Freeze what is alive now and make young collections rarer (see the module's text); once
    per process (a process that runs several batches, as a test session does, is set once)."""
    global _settled
    if _settled:
        return
    _settled = True
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *OLDER_THRESHOLDS)
