"""Instructions per report of parse + check, counted by valgrind (deterministic on a busy machine).

    python benchmarks/bench_instructions.py [--workload seeds|distinct|both] [--baseline SRC]

Wall and CPU time on a shared machine swing by ±30 % and more from one minute to the next (other
tenants share the caches), so a speed change is best judged by the instructions it executes.
For each workload the script runs a child process under ``valgrind --tool=callgrind`` twice, with a
short and a long run of the same work, and divides the difference by the reports added: start-up,
imports, the grammar's tables and the first (warm-up) round cancel out.

- ``seeds``: parse and check the five seed reports, one batch per round (after a warm-up round:
  the memos are warm, as in ``bench_parse.py``'s ``seeds`` figure); 1 and 6 rounds.
- ``distinct``: documents made from the seeds (:func:`bench_parse.variant`: organ names, years
  and value rows changed), memos cleared once before they start, in batches of five; 5 and 105
  documents.

``--baseline SRC`` counts the same work with another checkout's ``src`` folder (for example a
``git worktree`` of an older commit) and prints the ratio. The child uses only ``read_path``,
``parse_document``, ``parser`` and ``engine.run``/``registry``, so it runs on older versions too
(the batch's collector setting, :func:`disclint.heap.settle`, where that version has it).

Needs valgrind (Debian: ``apt-get install valgrind``). Not a test: run it by hand and quote the
figures. Measured on 2026-12-02: seeds 18.36 M per report (62.82 M at commit 33ec212, when the
throughput target was set), distinct 30.72 M.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# the child: argv = workload, count, this checkout's benchmarks folder
_CHILD = """
import sys
from pathlib import Path
workload, count, bench = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
# only the checkout on PYTHONPATH: an editable install's finder would fill in the modules an
# older version lacks from the installed checkout
sys.meta_path[:] = [
    f for f in sys.meta_path if not (f if isinstance(f, type) else type(f)).__module__.startswith("__editable__")
]
sys.path.insert(0, str(bench))
from disclint import engine
from disclint.parse import parse_document, parser
from disclint.readers import read_path
seeds_dir = bench.parent / "tests" / "data" / "corpus" / "seeds"
paths = sorted(seeds_dir.glob("*.txt"))
seeds = [read_path(p) for p in paths]
parser()
reg = engine.registry()
settings = reg.default_settings()
engine.run([parse_document(d) for d in seeds], settings, "zh", reg)  # warm-up round
if workload == "seeds":
    batches = [seeds] * count
else:
    from bench_parse import clear_memos, text_document, variants
    texts = [p.read_text(encoding="utf-8") for p in paths]
    docs = [text_document(name, text) for name, text in variants(texts, count, 1000)]
    batches = [docs[k : k + 5] for k in range(0, count, 5)]
    clear_memos()
try:
    from disclint.heap import settle
except ImportError:
    pass
else:
    settle()
for batch in batches:
    engine.run([parse_document(d) for d in batch], settings, "zh", reg)
"""

# (short run, long run, reports the long run adds)
RUNS = {"seeds": (1, 6, 25), "distinct": (5, 105, 100)}
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def instructions(src: Path, workload: str, count: int) -> int:
    """Instructions of one child run (callgrind's total), with ``src`` first on the path."""
    env = {**os.environ, "PYTHONPATH": str(src), "PYTHONHASHSEED": "0"}
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                f"--callgrind-out-file={Path(tmp) / 'callgrind.out'}",
                sys.executable,
                "-c",
                _CHILD,
                workload,
                str(count),
                str(ROOT / "benchmarks"),
            ],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    found = _COLLECTED.search(done.stderr)
    if done.returncode != 0 or found is None:
        tail = "\n".join(done.stderr.splitlines()[-15:])
        raise SystemExit(f"the {workload} run under valgrind failed (exit {done.returncode}):\n{tail}")
    return int(found.group(1))


def per_report(src: Path, workload: str) -> float:
    short, long, added = RUNS[workload]
    return (instructions(src, workload, long) - instructions(src, workload, short)) / added


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workload", choices=["seeds", "distinct", "both"], default="both")
    ap.add_argument("--baseline", type=Path, help="another checkout's src folder, counted the same way")
    args = ap.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    if args.baseline is not None and not (args.baseline / "disclint").is_dir():
        raise SystemExit(f"{args.baseline}: no disclint package here (give a checkout's src folder)")
    workloads = ["seeds", "distinct"] if args.workload == "both" else [args.workload]
    for workload in workloads:
        ours = per_report(ROOT / "src", workload)
        line = f"{workload:>8}: {ours / 1e6:7.2f} M instructions per report"
        if args.baseline is not None:
            base = per_report(args.baseline, workload)
            line += f"   baseline {base / 1e6:7.2f} M   ours/baseline {ours / base:.3f}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
