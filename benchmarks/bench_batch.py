"""A whole region at once: `disclint check DIR` over thousands of generated text reports.

    python benchmarks/bench_batch.py [--sizes 2000 10000] [--scenarios cold-j1 cold warm changed]

The reports are the seed reports with the organ name made unique (so no two files are equal and
the cache cannot share entries). Scenarios, each a fresh `disclint check` process writing JSON to
/dev/null
(``--format`` to choose another output format):

- ``cold-j1``: empty cache, ``-j 1``;   ``cold``: empty cache, ``-j`` default (the CPUs);
- ``cold-j2``: empty cache, ``-j 2`` (for the CPU-overhead comparison with ``cold-j1``);
- ``warm``: the same files again, everything in the cache;
- ``changed``: 1 % of the files edited, then a warm run.

The seed reports average 5.4 findings each (10,800 findings at 2,000 files, 54,000 at 10,000):
the run keeps them compressed a file at a time and writes JSON as it goes (docs/batch.md).

Before the runs, disclint's modules are compiled to bytecode (``compileall``), as an installed
wheel's are: a source checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile every
module again at each start (~0.3-0.5 s), which is not what a user's start-up costs.

Reported per run: wall time, CPU time (user+sys of disclint and its workers), reports/s, the
peak resident memory of the largest process (ru_maxrss of the children) and the machine's load
average after the run. A scenario may be given more than once (``--scenarios cold warm warm
changed changed``) to repeat it. Not a test: run it by hand and quote the figures.

``--keep DIR`` keeps the generated reports and the cache in DIR (``DIR/<size>/``) and re-uses them
in a later run of the script, so that warm runs can be measured again without a cold run first
(``--scenarios cold`` once, then ``--scenarios warm changed``).
"""

from __future__ import annotations

import argparse
import compileall
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[1] / "tests" / "data" / "corpus" / "seeds"
ORGANS = ("兴泾镇", "掌政镇", "兴仁镇", "民政局")  # a name each seed contains


def generate(folder: Path, n: int) -> list[Path]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    paths = []
    for i in range(n):
        text = seeds[i % len(seeds)]
        for organ in ORGANS:
            text = text.replace(organ, f"{organ[:-1]}{i}{organ[-1]}")
        path = folder / f"{i // 500:03d}" / f"r{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def run(folder: Path, cache: Path, *args: str) -> tuple[float, float, float]:
    """(wall s, cpu s, peak MiB) of one `disclint check` process and its workers."""
    t0 = time.perf_counter()
    command = [sys.executable, "-m", "disclint", "check", str(folder), "-q", "--cache-dir", str(cache)]
    child = subprocess.Popen([*command, *args], stdout=subprocess.DEVNULL)
    _pid, _status, usage = os.wait4(child.pid, 0)  # this process and the workers it waited for
    wall = time.perf_counter() - t0
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, usage.ru_maxrss / 1024  # ru_maxrss: KiB on Linux, of the largest process


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    ap.add_argument("--scenarios", nargs="+", default=["cold-j1", "cold-j2", "cold", "warm", "changed"])
    ap.add_argument("--format", default="json", help="output format of the runs (default json)")
    ap.add_argument("--keep", type=Path, help="keep and re-use the reports and the cache in this folder")
    args = ap.parse_args()
    import disclint  # the code the runs will import (an editable checkout or an installed wheel)

    compileall.compile_dir(str(Path(disclint.__file__).parent), quiet=1)
    print(f"cpus: {len(os.sched_getaffinity(0))}")
    print(
        f"{'files':>6} {'scenario':>8} {'wall s':>8} {'cpu s':>8} {'reports/s':>10} {'peak MiB':>9} {'load':>5}"
    )
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as scratch:
            tmp = Path(scratch) if args.keep is None else args.keep / str(n)
            folder = tmp / "reports"
            paths = sorted(folder.glob("*/r*.txt"))
            if len(paths) != n:
                subprocess.run(["rm", "-rf", str(folder)], check=True)
                paths = generate(folder, n)
            for scenario in args.scenarios:
                cache = tmp / "cache"
                jobs: tuple[str, ...] = ()
                if scenario.startswith("cold"):
                    subprocess.run(["rm", "-rf", str(cache)], check=True)
                    jobs = {"cold-j1": ("-j", "1"), "cold-j2": ("-j", "2")}.get(scenario, ())
                if scenario == "changed":
                    for p in paths[::100]:
                        p.write_text(p.read_text(encoding="utf-8") + "\n本报告有修改。\n", encoding="utf-8")
                wall, cpu, peak = run(folder, cache, "--format", args.format, *jobs)
                load = os.getloadavg()[0]  # the machine's 1-minute load: other jobs inflate wall times
                print(
                    f"{n:>6} {scenario:>8} {wall:8.2f} {cpu:8.2f} {n / wall:10.1f} {peak:9.1f} {load:5.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
