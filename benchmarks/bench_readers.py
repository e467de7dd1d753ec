"""Reader throughput on the generated seed renderings, against poppler's ``pdftotext``.

Run: ``python benchmarks/bench_readers.py [--repeat N]``. It builds the DOCX/PDF renderings of the
seed reports (tests/fixture_builders.py; the PDF needs LibreOffice), then prints, per file and in
total, the best-of-N wall time of

* disclint's PDF reader (pypdfium2 + ruled-table recovery, in process),
* ``pdftotext`` on the same file (a subprocess: that is how one would use it),
* pdfplumber (``extract_text`` + ``find_tables`` per page), the alternative we did not pick,
* disclint's DOCX reader on the source DOCX,

and the ratio ours / pdftotext (target: ≤ 1.5).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from disclint.readers import Document, read_path  # noqa: E402

from fixture_builders import renderings  # noqa: E402


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-pdfplumber", action="store_true")
    args = parser.parse_args()
    pdftotext = shutil.which("pdftotext")
    with tempfile.TemporaryDirectory() as tmp:
        files = renderings(Path(tmp))
        if not files.pdf:
            print(f"skipped: {files.pdf_skip_reason}")
            return 0
        try:
            import pdfplumber  # noqa: F401

            plumber = not args.no_pdfplumber
        except ImportError:
            plumber = False
        header = f"{'file':24} {'pages':>5} {'ours ms':>8} {'pdftotext':>9} {'ratio':>6}"
        header += f" {'plumber':>8}" if plumber else ""
        print(header + f" {'docx ms':>8}")
        totals = {"pages": 0.0, "ours": 0.0, "poppler": 0.0, "plumber": 0.0, "docx": 0.0}
        for stem, pdf in files.pdf.items():
            assert isinstance(read_path(pdf), Document)
            pages = pdf_pages(pdf)
            ours = best_of(args.repeat, partial(read_path, pdf))
            poppler = (
                best_of(
                    args.repeat,
                    partial(subprocess.run, [pdftotext, str(pdf), "-"], capture_output=True, check=True),
                )
                if pdftotext
                else float("nan")
            )
            row = f"{stem[:24]:24} {pages:5d} {ours * 1000:8.1f} {poppler * 1000:9.1f} {ours / poppler:6.2f}"
            if plumber:
                slow = best_of(1, partial(pdfplumber_read, pdf))
                totals["plumber"] += slow
                row += f" {slow * 1000:8.1f}"
            docx = best_of(args.repeat, partial(read_path, files.docx[stem]))
            print(row + f" {docx * 1000:8.1f}")
            totals["pages"] += pages
            totals["ours"] += ours
            totals["poppler"] += poppler
            totals["docx"] += docx
        all_pages = totals["pages"]
        print()
        print(f"PDF  (disclint, pypdfium2): {all_pages / totals['ours']:7.1f} pages/s")
        if pdftotext:
            print(f"PDF  (pdftotext):           {all_pages / totals['poppler']:7.1f} pages/s")
            ratio = totals["ours"] / totals["poppler"]
            print(
                f"ratio ours/pdftotext (time): {ratio:.2f}  (target <= 1.5: {'met' if ratio <= 1.5 else 'NOT met'})"
            )
        else:
            print("pdftotext not installed (apt-get install poppler-utils): no ratio")
        if plumber:
            print(f"PDF  (pdfplumber):          {all_pages / totals['plumber']:7.1f} pages/s")
        print(f"DOCX (disclint, python-docx): {all_pages / totals['docx']:7.1f} pages/s (pages as printed)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
