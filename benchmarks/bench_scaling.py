"""Time and peak memory of ``check`` as the input grows: they must grow linearly (issue 16).

    python benchmarks/bench_scaling.py [--seed tests/data/corpus/seeds/000_….txt]

Two series, each measured in a fresh process (so peak memory is that of one input):

* text: 1×, 10× and 100× a seed report's text in one file;
* HTML: a page with 1k, 10k and 100k paragraphs.

For each input it prints the size, the time to read, parse and check it (interpreter start and
imports excluded) with its ratio to the smallest input, the peak resident memory of the process,
and its growth over the footprint after imports: linear growth shows as time ratios and memory
growth that follow the size (10×, 100×). Not a test: run it by hand and quote the figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus" / "seeds"

# runs in the child: imports first, then measures one check of the file given as argv[1]
_CHILD = """
import json, resource, sys, time
from disclint import engine, limits
from disclint.parse import parse_path, parser
# the biggest inputs are over the default text-size limit: this measures the work itself
limits.configure(limits.Limits().with_values({"text-size": 10**9, "line-length": 10**9}, "benchmark"))
parser()
reg = engine.registry()
settings = reg.default_settings()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t0 = time.perf_counter()
report = parse_path(sys.argv[1])
findings = engine.run([report], settings, "en", reg)
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
unreadable = [p.message for p in report.problems if p.kind == "unreadable"]
print(json.dumps({"seconds": seconds, "peak_kib": peak - before, "rss_kib": peak, "lines": len(report.lines),
                  "findings": len(findings), "unreadable": unreadable}))
"""


def measure(path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    if result["unreadable"]:
        raise SystemExit(f"{path}: {result['unreadable'][0]}")
    return result


def series(name: str, inputs: list[tuple[str, Path]]) -> None:
    print(f"\n{name}")
    header = f"{'input':>14} {'bytes':>11} {'lines':>8} {'seconds':>8} {'time ×':>7}"
    print(f"{header} {'peak RSS MiB':>13} {'growth MiB':>11}")
    first: dict[str, float] | None = None
    for label, path in inputs:
        r = measure(path)
        first = first or r
        time_ratio = r["seconds"] / max(first["seconds"], 1e-9)
        print(
            f"{label:>14} {path.stat().st_size:>11,} {int(r['lines']):>8,} {r['seconds']:>8.2f} "
            f"{time_ratio:>7.1f} {r['rss_kib'] / 1024:>13.1f} {r['peak_kib'] / 1024:>11.1f}"
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=Path, default=sorted(SEEDS.glob("*.txt"))[0])
    args = ap.parse_args()
    text = args.seed.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts = []
        for factor in (1, 10, 100):
            path = folder / f"seed_x{factor}.txt"
            path.write_text(text * factor, encoding="utf-8")
            texts.append((f"seed ×{factor}", path))
        series(f"text: {args.seed.name} repeated in one file", texts)
        pages = []
        for count in (1_000, 10_000, 100_000):
            path = folder / f"p{count}.html"
            body = "".join(f"<p>第{i}段：本机关认真落实政府信息公开条例。</p>" for i in range(count))
            title = "<h1>某某县人民政府2023年政府信息公开工作年度报告</h1>"
            path.write_text(f"<!DOCTYPE html><html><body>{title}{body}</body></html>", encoding="utf-8")
            pages.append((f"{count:,} <p>", path))
        series("HTML: paragraphs", pages)


if __name__ == "__main__":
    main()
