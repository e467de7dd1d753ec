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
"""

from __future__ import annotations

import argparse
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


def measure(path: Path, repeat: int, pdftotext: str | None) -> dict[str, float]:
    """Median CPU seconds of each reader on ``path``, rounds alternating between the readers."""
    runs: dict[str, list[float]] = {"ours": [], "plain": [], "layout": []}
    assert isinstance(read_path(path), Document)  # warm: imports, font caches
    for _ in range(repeat):
        runs["ours"].append(cpu_in_process(lambda: read_path(path)))
        if pdftotext:
            runs["plain"].append(cpu_of_child([pdftotext, str(path), "-"]))
            runs["layout"].append(cpu_of_child([pdftotext, "-layout", str(path), "-"]))
    return {key: statistics.median(values) if values else float("nan") for key, values in runs.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-pdfplumber", action="store_true")
    parser.add_argument("--no-seeds", action="store_true", help="only the real PDFs (no LibreOffice)")
    args = parser.parse_args()
    pdftotext = shutil.which("pdftotext")
    try:
        import pdfplumber  # noqa: F401

        plumber = not args.no_pdfplumber
    except ImportError:
        plumber = False
    with tempfile.TemporaryDirectory() as tmp:
        files: dict[str, Path] = {path.stem: path for path in REAL}
        docx: dict[str, Path] = {}
        if not args.no_seeds:
            built = renderings(Path(tmp))
            if built.pdf:
                files.update(built.pdf)
                docx = built.docx
            else:
                print(f"seed PDFs skipped: {built.pdf_skip_reason}")
        header = f"{'file':24} {'pages':>5} {'ours ms':>8} {'pdftotext':>9} {'-layout':>8} {'ratio':>6} {'ratio-l':>7}"
        header += f" {'plumber':>8}" if plumber else ""
        print(header + (f" {'docx ms':>8}" if docx else ""))
        totals = {"pages": 0.0, "ours": 0.0, "plain": 0.0, "layout": 0.0, "plumber": 0.0, "docx": 0.0}
        for stem, pdf in files.items():
            pages = pdf_pages(pdf)
            cost = measure(pdf, args.repeat, pdftotext)
            row = (
                f"{stem[:24]:24} {pages:5d} {cost['ours'] * 1000:8.1f} {cost['plain'] * 1000:9.1f}"
                f" {cost['layout'] * 1000:8.1f} {cost['ours'] / cost['plain']:6.2f} {cost['ours'] / cost['layout']:7.2f}"
            )
            if plumber:
                slow = cpu_in_process(lambda pdf=pdf: pdfplumber_read(pdf))
                totals["plumber"] += slow
                row += f" {slow * 1000:8.1f}"
            if stem in docx:
                source = docx[stem]
                spent = statistics.median(
                    cpu_in_process(lambda source=source: read_path(source)) for _ in range(args.repeat)
                )
                totals["docx"] += spent
                row += f" {spent * 1000:8.1f}"
            print(row)
            totals["pages"] += pages
            for key in ("ours", "plain", "layout"):
                totals[key] += cost[key]
        all_pages = totals["pages"]
        print()
        print(f"PDF  (disclint, pypdfium2): {all_pages / totals['ours']:7.1f} pages per CPU-second")
        if pdftotext:
            print(f"PDF  (pdftotext):           {all_pages / totals['plain']:7.1f} pages per CPU-second")
            for name, key in (("pdftotext", "plain"), ("pdftotext -layout", "layout")):
                ratio = totals["ours"] / totals[key]
                verdict = "met" if ratio <= 1.5 else "NOT met"
                print(f"ratio ours/{name} (CPU, all files): {ratio:.2f}  (target <= 1.5: {verdict})")
        else:
            print("pdftotext not installed (apt-get install poppler-utils): no ratio")
        if plumber:
            print(f"PDF  (pdfplumber):          {all_pages / totals['plumber']:7.1f} pages per CPU-second")
        if docx:
            print(
                f"DOCX (disclint, python-docx): {all_pages / totals['docx']:7.1f} pages per CPU-second (pages as printed)"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
