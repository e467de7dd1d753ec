"""Throughput of disclint on the seed corpus, in-process, one core.

    python benchmarks/bench_parse.py [--rounds 20] [--seeds tests/data/corpus/seeds]

Prints reports/s for ``parse`` (read → normalize → Lark → AST) and for ``check`` (parse plus
every rule of the national pack). Each round processes every seed once; the figure is the median
round. Not a test: run it by hand and quote the figures.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from disclint import engine
from disclint.parse import parse_document, parser
from disclint.readers import read_path
from disclint.readers.base import Document

DEFAULT_SEEDS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus" / "seeds"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    args = ap.parse_args()
    docs = [d for d in (read_path(p) for p in sorted(args.seeds.glob("*.txt"))) if isinstance(d, Document)]
    if not docs:
        raise SystemExit(f"no seed reports under {args.seeds}")
    parser()  # build the LALR tables once, as a long run would
    reg = engine.registry()
    settings = reg.default_settings()

    def timed(fn) -> float:  # type: ignore[no-untyped-def]
        rounds = []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            fn()
            rounds.append(time.perf_counter() - t0)
        return statistics.median(rounds)

    parse_round = timed(lambda: [parse_document(d) for d in docs])
    check_round = timed(lambda: engine.run([parse_document(d) for d in docs], settings, "zh", reg))
    lines = sum(len(d.lines) for d in docs)
    print(f"seeds: {len(docs)} reports, {lines} lines; {args.rounds} rounds, median round")
    print(
        f"parse: {len(docs) / parse_round:8.1f} reports/s  ({parse_round / len(docs) * 1000:.2f} ms/report)"
    )
    print(
        f"check: {len(docs) / check_round:8.1f} reports/s  ({check_round / len(docs) * 1000:.2f} ms/report)"
    )


if __name__ == "__main__":
    main()
