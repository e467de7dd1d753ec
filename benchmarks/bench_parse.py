"""Throughput of disclint on the seed corpus, in-process, one core.

    python benchmarks/bench_parse.py [--rounds 20] [--variants 200] [--seeds tests/data/corpus/seeds]

Prints reports/s for ``parse`` (read → normalize → Lark → AST) and for ``check`` (parse plus
every rule of the national pack), as three figures:

- ``seeds``: each round processes every seed once; the per-input memos (the bounded
  ``lru_cache``\\ s of the parse) are warm after the first round, as in a long run over one
  region's reports that share their boilerplate;
- ``seeds cold``: the same, with every per-input memo cleared before each round;
- ``distinct``: ``--variants`` different documents made from the seeds (organ names, years and
  the numbers of the value rows changed, so no two documents share their title, dates or value
  lines), memos cleared before each round and every document processed once.

The garbage collector is set as ``disclint check`` sets it once its set-up is done
(:func:`disclint.heap.settle`); ``--default-gc`` keeps Python's default thresholds instead.

Times are CPU time of this process (``time.process_time``: the machine may be shared); each
figure is the median round (``--best``: the fastest). Not a test: run it by hand and quote the
figures. On a busy machine even CPU time varies by ±30 %; to compare two versions of the code,
count instructions instead (deterministic): ``benchmarks/bench_instructions.py`` counts them per
report for the ``seeds`` and ``distinct`` workloads, against another checkout with ``--baseline``.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from disclint import engine
from disclint.parse import parse_document, parser
from disclint.readers import read_path
from disclint.readers.base import Document, SourceLine
from disclint.readers.text import split_lines

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import ORGANS  # the organ names the seeds contain, named once

DEFAULT_SEEDS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus" / "seeds"
_YEAR = re.compile(r"(?<!\d)20(?:1[5-9]|2[0-6])(?!\d)")
_TRAILING_VALUES = re.compile(r"(?:(?<=\s)|^)\d{1,3}(?:[ \t]+\d{1,3})*[ \t]*$", re.MULTILINE)


def variant(text: str, index: int) -> str:
    """Seed ``text`` made into document number ``index``: organ names numbered, every year moved
    by the same few years, and the trailing counts of value lines multiplied by the same factor
    (so the tables' sums still hold and the findings stay those of the seed)."""
    rng = random.Random(index)
    for organ in ORGANS:
        text = text.replace(organ, f"{organ[:-1]}{index}{organ[-1]}")
    shift = rng.randint(-4, 3)
    text = _YEAR.sub(lambda m: str(int(m.group()) + shift), text)
    factor = rng.randint(2, 9)
    return _TRAILING_VALUES.sub(
        lambda m: re.sub(r"\d+", lambda v: str(int(v.group()) * factor), m.group()), text
    )


def variants(seeds: list[str], n: int, start: int = 0) -> Iterator[tuple[str, str]]:
    """``n`` distinct documents (name, text) made from the seed texts in turn."""
    for i in range(start, start + n):
        yield f"variant{i:05d}.txt", variant(seeds[i % len(seeds)], i)


def text_document(name: str, text: str) -> Document:
    return Document(name, "text", tuple(SourceLine(t) for t in split_lines(text)))


def clear_memos() -> int:
    """Clear every per-input memo of disclint: each is a bounded ``functools.lru_cache`` or a
    :class:`disclint.memo.Memo` (the unbounded ``cache``\\ s and the one-entry ones hold set-up:
    templates, the parser, compiled packs). Returns how many were cleared."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("disclint") or module is None:
            continue
        scopes = [vars(module)] + [vars(v) for v in vars(module).values() if isinstance(v, type)]
        for scope in scopes:
            for value in list(scope.values()):
                params = None if isinstance(value, type) else getattr(value, "cache_parameters", None)
                if callable(params) and (params().get("maxsize") or 0) > 1:
                    value.cache_clear()
                    cleared += 1
    return cleared


def round_time(
    batches: list[list[Document]],
    fn: Callable[[list[Document]], None],
    before: Callable[[], object],
    best: bool,
) -> float:
    """The median (``best``: least) CPU time of ``fn`` over each batch, ``before`` run (untimed)
    ahead of each."""
    times = []
    for batch in batches:
        before()
        t0 = time.process_time()
        fn(batch)
        times.append(time.process_time() - t0)
    return min(times) if best else statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--variants", type=int, default=200, help="documents of the distinct figure")
    ap.add_argument("--distinct-rounds", type=int, default=3)
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    ap.add_argument(
        "--default-gc", action="store_true", help="Python's default collector settings, not disclint check's"
    )
    ap.add_argument(
        "--best", action="store_true", help="the fastest round instead of the median (a busy machine)"
    )
    args = ap.parse_args()
    paths = sorted(args.seeds.glob("*.txt"))
    docs = [d for d in (read_path(p) for p in paths) if isinstance(d, Document)]
    if not docs:
        raise SystemExit(f"no seed reports under {args.seeds}")
    parser()  # build the LALR tables once, as a long run would
    reg = engine.registry()
    settings = reg.default_settings()

    def check(batch: list[Document]) -> None:
        for k in range(0, len(batch), len(docs)):  # as many at once as the seed figure checks
            engine.run([parse_document(d) for d in batch[k : k + len(docs)]], settings, "zh", reg)

    texts = [p.read_text(encoding="utf-8") for p in paths]
    distinct = [
        [text_document(name, text) for name, text in variants(texts, args.variants, r * args.variants)]
        for r in range(args.distinct_rounds)
    ]
    lines = sum(len(d.lines) for d in docs)
    if not args.default_gc:
        from disclint.heap import settle  # (here: the variants above import on older versions too)

        settle()  # as the batch does after its set-up
    print(
        f"seeds: {len(docs)} reports, {lines} lines; {args.rounds} rounds; CPU time, {'best' if args.best else 'median'} round"
    )
    print(f"distinct: {args.variants} documents made from the seeds, {args.distinct_rounds} rounds")
    print(f"garbage collector: {'Python defaults' if args.default_gc else 'as disclint check sets it'}")

    def parse(batch: list[Document]) -> None:
        for d in batch:
            parse_document(d)

    for label, batches, before in (
        ("seeds", [docs] * args.rounds, lambda: None),
        ("seeds cold", [docs] * args.rounds, clear_memos),
        ("distinct", distinct, clear_memos),
    ):
        n = len(batches[0])
        parse_round = round_time(batches, parse, before, args.best)
        check_round = round_time(batches, check, before, args.best)
        print(
            f"{label:>10}  parse: {n / parse_round:7.1f} reports/s ({parse_round / n * 1000:6.2f} ms)"
            f"   check: {n / check_round:7.1f} reports/s ({check_round / n * 1000:6.2f} ms)"
        )


if __name__ == "__main__":
    main()
