"""Reader cost on real and generated PDFs, against poppler's ``pdftotext``.

Run: ``python benchmarks/bench_readers.py [--repeat N]``. Files: the real published PDF in
``tests/data/corpus/real/`` and the PDF renderings of the seed reports (tests/fixture_builders.py;
they need LibreOffice and are built once into a temporary folder). Per file it prints the median
CPU time over N rounds (the rounds alternate between the readers, so a busy machine slows all of
them alike) of

* disclint's PDF reader (``read_path``: pre-check, pypdfium2, ruled-table recovery; in process,
  ``time.process_time``),
* ``pdftotext`` and ``pdftotext -layout`` on the same file (a subprocess, as one would use it;
  CPU time from ``getrusage(RUSAGE_CHILDREN)``),
* pdfplumber (``extract_text`` + ``find_tables`` per page, one round), the alternative we did not pick,
* disclint's DOCX reader on a seed's source DOCX,

and the ratios ours / pdftotext (issue 9's target: ≤ 1.5).

Our reader is measured as ``disclint check`` runs it: every file is read once (imports, font
caches), then the garbage collector is set as the batch sets it after its set-up
(:func:`disclint.heap.settle`); ``--default-gc`` keeps Python's default thresholds instead.

``--pdf-dir DIR`` reads the PDFs in DIR instead of building the seed PDFs (e.g. the renderings
kept by ``parse_equivalence.py --inputs``). ``--baseline SRC`` also times the reader of another
checkout (its ``src`` folder) in a child process, in the same alternating rounds, so a speed
change is measured against its base on the same load: column ``base ms`` and ratio ``b/ptt``
(the child sets its collector as this process does, with this checkout's ``heap.py``).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from disclint.readers import Document, read_path  # noqa: E402

from fixture_builders import renderings  # noqa: E402

REAL = sorted((ROOT / "tests" / "data" / "corpus" / "real").glob("*.pdf"))


def cpu_in_process(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def cpu_of_child(args: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, capture_output=True, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def pdf_pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def pdfplumber_read(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.find_tables()


def settle() -> None:
    """This checkout's :func:`disclint.heap.settle`, loaded from its file: the child of
    :class:`Baseline` imports ``disclint`` from another checkout, which may not have it."""
    spec = importlib.util.spec_from_file_location("_bench_heap", ROOT / "src" / "disclint" / "heap.py")
    assert spec is not None and spec.loader is not None
    heap = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(heap)
    heap.settle()


class Baseline:
    """The reader of another checkout in a child process: one CPU time per path asked."""

    def __init__(self, src: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(src)}
        self.child = subprocess.Popen(
            [sys.executable, __file__, "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def cpu(self, path: Path) -> float:
        assert self.child.stdin is not None and self.child.stdout is not None
        self.child.stdin.write(f"{path}\n")
        self.child.stdin.flush()
        return float(self.child.stdout.readline())

    def settle(self) -> None:
        """Set the child's collector as :func:`settle` sets this process's."""
        assert self.child.stdin is not None and self.child.stdout is not None
        self.child.stdin.write("--settle\n")
        self.child.stdin.flush()
        self.child.stdout.readline()

    def close(self) -> None:
        if self.child.stdin is not None:
            self.child.stdin.close()
        self.child.wait()


def serve() -> int:
    """The child of :class:`Baseline`: read each path from stdin, print the CPU time of the read
    (``--settle``: call :func:`settle`, print 0)."""
    for line in sys.stdin:
        if line.strip() == "--settle":
            settle()
            print(0, flush=True)
            continue
        path = Path(line.strip())
        print(cpu_in_process(lambda path=path: read_path(path)), flush=True)
    return 0


def measure(
    path: Path, repeat: int, pdftotext: str | None, baseline: Baseline | None = None
) -> dict[str, float]:
    """Median CPU seconds of each reader on ``path``, rounds alternating between the readers
    (every reader warmed before: see :func:`warm`)."""
    runs: dict[str, list[float]] = {"ours": [], "plain": [], "layout": [], "base": []}
    for _ in range(repeat):
        runs["ours"].append(cpu_in_process(lambda: read_path(path)))
        if baseline is not None:
            runs["base"].append(baseline.cpu(path))
        if pdftotext:
            runs["plain"].append(cpu_of_child([pdftotext, str(path), "-"]))
            runs["layout"].append(cpu_of_child([pdftotext, "-layout", str(path), "-"]))
    return {key: statistics.median(values) if values else float("nan") for key, values in runs.items()}


def warm(paths: list[Path], baseline: Baseline | None, default_gc: bool) -> None:
    """Read every file once (imports, font caches), then set the collector as ``disclint check``
    does after its set-up (unless ``default_gc``)."""
    for path in paths:
        assert isinstance(read_path(path), Document), path
        if baseline is not None:
            baseline.cpu(path)
    if not default_gc:
        settle()
        if baseline is not None:
            baseline.settle()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-pdfplumber", action="store_true")
    parser.add_argument("--no-seeds", action="store_true", help="only the real PDFs (no LibreOffice)")
    parser.add_argument(
        "--pdf-dir", type=Path, help="read the PDFs in this folder instead of building the seeds"
    )
    parser.add_argument(
        "--baseline", type=Path, help="also time the reader of this src folder (a child process)"
    )
    parser.add_argument(
        "--default-gc", action="store_true", help="Python's default collector settings, not disclint check's"
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve()
    baseline = Baseline(args.baseline) if args.baseline else None
    pdftotext = shutil.which("pdftotext")
    try:
        import pdfplumber  # noqa: F401

        plumber = not args.no_pdfplumber
    except ImportError:
        plumber = False
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, Path] = {path.stem: path for path in REAL}
        docx: dict[str, Path] = {}
        if args.pdf_dir:
            files.update({path.stem: path for path in sorted(args.pdf_dir.glob("*.pdf"))})
        elif not args.no_seeds:
            built = renderings(Path(tmp))
            if built.pdf:
                files.update(built.pdf)
                docx = built.docx
            else:
                print(f"seed PDFs skipped: {built.pdf_skip_reason}")
        warm(list(files.values()), baseline, args.default_gc)
        print(f"garbage collector: {'Python defaults' if args.default_gc else 'as disclint check sets it'}")
        header = f"{'file':24} {'pages':>5} {'ours ms':>8} {'pdftotext':>9} {'-layout':>8} {'ratio':>6} {'ratio-l':>7}"
        header += f" {'plumber':>8}" if plumber else ""
        header += f" {'base ms':>8} {'b/ptt':>6}" if baseline else ""
        print(header + (f" {'docx ms':>8}" if docx else ""))
        totals = {
            "pages": 0.0,
            "ours": 0.0,
            "plain": 0.0,
            "layout": 0.0,
            "plumber": 0.0,
            "docx": 0.0,
            "base": 0.0,
        }
        for stem, pdf in files.items():
            pages = pdf_pages(pdf)
            cost = measure(pdf, args.repeat, pdftotext, baseline)
            row = (
                f"{stem[:24]:24} {pages:5d} {cost['ours'] * 1000:8.1f} {cost['plain'] * 1000:9.1f}"
                f" {cost['layout'] * 1000:8.1f} {cost['ours'] / cost['plain']:6.2f} {cost['ours'] / cost['layout']:7.2f}"
            )
            if plumber:
                slow = cpu_in_process(lambda pdf=pdf: pdfplumber_read(pdf))
                totals["plumber"] += slow
                row += f" {slow * 1000:8.1f}"
            if baseline:
                row += f" {cost['base'] * 1000:8.1f} {cost['base'] / cost['plain']:6.2f}"
            if stem in docx:
                source = docx[stem]
                spent = statistics.median(
                    cpu_in_process(lambda source=source: read_path(source)) for _ in range(args.repeat)
                )
                totals["docx"] += spent
                row += f" {spent * 1000:8.1f}"
            print(row)
            totals["pages"] += pages
            for key in ("ours", "plain", "layout", "base"):
                totals[key] += cost[key] if key != "base" or baseline else 0.0
        all_pages = totals["pages"]
        print()
        print(f"PDF  (disclint, pypdfium2): {all_pages / totals['ours']:7.1f} pages per CPU-second")
        if pdftotext:
            print(f"PDF  (pdftotext):           {all_pages / totals['plain']:7.1f} pages per CPU-second")
            for name, key in (("pdftotext", "plain"), ("pdftotext -layout", "layout")):
                ratio = totals["ours"] / totals[key]
                verdict = "met" if ratio <= 1.5 else "NOT met"
                print(f"ratio ours/{name} (CPU, all files): {ratio:.2f}  (target <= 1.5: {verdict})")
            if baseline:
                print(f"ratio base/pdftotext (CPU, all files): {totals['base'] / totals['plain']:.2f}")
        else:
            print("pdftotext not installed (apt-get install poppler-utils): no ratio")
        if plumber:
            print(f"PDF  (pdfplumber):          {all_pages / totals['plumber']:7.1f} pages per CPU-second")
        if docx:
            print(
                f"DOCX (disclint, python-docx): {all_pages / totals['docx']:7.1f} pages per CPU-second (pages as printed)"
            )
    if baseline:
        baseline.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
