"""OCR throughput: pages per second on one core, and the whole check of a 5-page scanned report.

Run: ``python benchmarks/bench_ocr.py [--cores 1] [--dpi 180]`` (needs ``disclint[ocr]``). The
5-page real report tests/data/corpus/real/hongze2024.pdf is turned into a scanned look-alike
(tests/scan_builders.py: noise, slight rotation, red seal; image-only PDF) and then

* every page is OCR'd on its own (render at 200 dpi, prepare, recognise): pages/s;
* ``disclint check`` is run on it in process (read by OCR, parse, every rule): seconds;
* the same check of the text PDF, for comparison;
* table cells recovered against the text version (as in tests/test_ocr_scans.py).

The process is pinned to ``--cores`` CPUs first (os.sched_setaffinity) so the figure is per core.
Each figure is given as wall time and as the CPU time of the process (all its threads): on a
shared machine the wall time grows with the load, the CPU time much less.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cores", type=int, default=1, help="CPUs to pin the process to (default 1)")
    parser.add_argument("--dpi", type=int, default=180, help="resolution of the simulated scan")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[: args.cores]))

    import pypdfium2 as pdfium

    from disclint.engine import RuleSettings, registry, run
    from disclint.parse import parse_path
    from disclint.readers import Document, read_path
    from disclint.readers.ocr import _engine, scan_pdf_page

    from scan_builders import scan_pdf
    from test_ocr_scans import _rows, cell_recovery

    source = ROOT / "tests" / "data" / "corpus" / "real" / "hongze2024.pdf"
    with tempfile.TemporaryDirectory() as tmp:
        # noise seed 2: the same scan as tests/test_ocr_scans.py's
        scanned = scan_pdf(source, Path(tmp) / "hongze2024.scan.pdf", dpi=args.dpi, seed=2)
        start = time.perf_counter()
        _engine()
        print(f"engine load: {time.perf_counter() - start:.2f} s")

        pdf = pdfium.PdfDocument(scanned)
        times: list[float] = []
        cpu: list[float] = []
        try:
            for i in range(len(pdf)):
                page = pdf[i]
                start, start_cpu = time.perf_counter(), time.process_time()
                scan_pdf_page(page)
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
                page.close()
        finally:
            pdf.close()
        total, total_cpu = sum(times), sum(cpu)
        print(
            f"OCR on {args.cores} core(s): {len(times)} pages in {total:.1f} s = {len(times) / total:.3f} pages/s"
            f" (CPU {total_cpu:.1f} s = {len(cpu) / total_cpu:.3f} pages per CPU-second)"
        )
        print("  per page: " + ", ".join(f"{t:.1f}" for t in times) + " s")

        reg = registry()
        settings = {code: RuleSettings(True, r.severity, r.defaults()) for code, r in reg.rules.items()}
        for label, path in (("scanned", scanned), ("text", source)):
            start, start_cpu = time.perf_counter(), time.process_time()
            findings = run([parse_path(path)], settings)
            elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
            print(
                f"check of the {label} report ({len(findings)} findings): {elapsed:.2f} s (CPU {elapsed_cpu:.2f} s)"
            )

        text, scan = read_path(source), read_path(scanned)
        assert isinstance(text, Document) and isinstance(scan, Document)
        print(f"table cells recovered: {cell_recovery(_rows(text), _rows(scan)):.2%}")


if __name__ == "__main__":
    main()
