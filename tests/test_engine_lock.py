"""PDFium and the OCR engine are entered by one thread at a time (``readers/engines.py``), so the
readers can be called from any thread: several threads reading PDFs at once get what each gets
alone (unguarded, PDFium crashed the process), and reading text never waits for the lock."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from disclint.readers import read_path
from disclint.readers.base import Document
from disclint.readers.engines import ENGINE_LOCK

DATA = Path(__file__).parent / "data" / "corpus"
PDF = DATA / "real" / "hongze2024.pdf"
TEXT = next((DATA / "seeds").glob("000_*.txt"))


def test_pdfs_read_in_four_threads_at_once_equal_each_read_alone() -> None:
    alone = read_path(PDF)
    assert isinstance(alone, Document) and alone.grids
    barrier = threading.Barrier(4, timeout=60)

    def read_together(_: int) -> object:
        barrier.wait()
        return read_path(PDF)

    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(read_together, range(4)))
    assert all(doc == alone for doc in together)


def test_a_pdf_read_waits_for_the_engine_lock_and_a_text_read_does_not() -> None:
    results: dict[str, object] = {}

    def read(name: str, path: Path) -> None:
        results[name] = read_path(path)

    with ENGINE_LOCK:
        pdf = threading.Thread(target=read, args=("pdf", PDF))
        text = threading.Thread(target=read, args=("text", TEXT))
        pdf.start()
        text.start()
        text.join(timeout=30)
        assert not text.is_alive() and isinstance(results["text"], Document)
        pdf.join(timeout=1.0)
        assert pdf.is_alive() and "pdf" not in results  # waiting for PDFium
    pdf.join(timeout=60)
    assert not pdf.is_alive() and isinstance(results["pdf"], Document)
